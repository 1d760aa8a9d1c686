// Writes resources/config.schema.json from the zod schema of config.json (npm run config:schema).
// A test fails when the committed file and the schema disagree.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { configJsonSchema } from '../services/core/config/app-config';

const file = join(import.meta.dirname, '..', 'resources', 'config.schema.json');
const options = { ...(await resolveConfig(file)), parser: 'json', filepath: file };
writeFileSync(file, await format(JSON.stringify(configJsonSchema()), options));
console.log(`wrote ${file}`);
