import { readFileSync } from 'node:fs';
import { AppError } from '../../contract';
import { configJsonSchema } from '../../core/config/app-config';
import { checkConfigFile, type ConfigCheck, type ConfigIssue } from '../../core/config/config-check';
import { editConfig, parseValue } from '../../core/config/config-edit';
import { configContext } from '../../core/config/config-service';
import { isSecretPath, redactSecrets } from '../../core/config/redact';
import { resolveDataDir } from '../../core/config/paths';
import { defaultResourcesDir } from '../../core/storage/migrations';
import { createRegistry } from '../../sources/registry';
import { readServerFile } from '../server-file';
import { httpCaller } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError } from './args';

export const configHelp = `Usage: b3ai config show [--json] [--data-dir DIR]
       b3ai config validate [--json] [--data-dir DIR]
       b3ai config set KEY VALUE [--json] [--data-dir DIR]
       b3ai config unset KEY [--json] [--data-dir DIR]
       b3ai config schema

<data-dir>/config.json, with the same checks as the app (GET /api/config/validate).
  show       the settings in force (the file over the defaults); credentials, keys and tokens redacted
  validate   check the file; each error names its key path (exit 1 when invalid)
  set        change one setting, e.g. "sources.cotahist.concurrency 2" or
             "sources.brapi.credentials.token -" (VALUE "-" reads it from standard input, so a
             secret stays out of the shell history). VALUE is JSON when it parses as JSON
             (2, null, true, ["PETR4"]), else text. The whole file is checked before it is
             written (atomically, mode 0600); a running "b3ai serve" applies it at once.
  unset      remove one setting (back to its default)
  schema     print the JSON Schema of the file (for editors: "$schema")`;

const context = () => configContext(createRegistry(), defaultResourcesDir());

const issueLines = (issues: readonly ConfigIssue[], label: string): string[] =>
  issues.map((i) => `  ${label} ${i.path}: ${i.message}`);

function printCheck(check: ConfigCheck): void {
  console.log(
    `${check.file}: ${check.exists ? (check.valid ? 'valid' : 'INVALID') : 'no file (the defaults apply)'}`,
  );
  for (const line of [...issueLines(check.errors, 'error'), ...issueLines(check.warnings, 'warning')])
    console.log(line);
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  } catch {
    throw new UsageError('VALUE "-" reads standard input, which could not be read');
  }
}

/** Ask the server on this data dir, if one runs, to apply the file now. */
async function applyOnServer(dataDir: string): Promise<{ applied: string[] } | null> {
  const server = readServerFile(dataDir);
  if (!server) return null;
  const r = await httpCaller(server.url, dataDir)('config.reload', {});
  return { applied: r.applied };
}

export async function configCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, ...DATA_DIR_OPTION });
  const [action, ...args] = positionals;
  if (values.help || !action) {
    console.log(configHelp);
    return values.help ? 0 : 2;
  }
  const json = values.json === true;
  const dataDir = () => resolveDataDir(values['data-dir'] as string | undefined);
  switch (action) {
    case 'schema': {
      console.log(JSON.stringify(configJsonSchema(), null, 2));
      return 0;
    }
    case 'validate': {
      if (args.length) throw new UsageError('validate takes no arguments');
      const check = checkConfigFile(dataDir(), context());
      const { config: _config, hash: _hash, ...out } = check;
      if (json) console.log(JSON.stringify(out));
      else printCheck(check);
      return check.valid ? 0 : 1;
    }
    case 'show': {
      if (args.length) throw new UsageError('show takes no arguments');
      const check = checkConfigFile(dataDir(), context());
      const shown = redactSecrets(check.config);
      if (json)
        console.log(
          JSON.stringify({ file: check.file, valid: check.valid, errors: check.errors, config: shown }),
        );
      else {
        if (!check.valid) printCheck(check);
        else console.log(`# ${check.file}${check.exists ? '' : ' (no file: the defaults)'}`);
        if (check.valid) console.log(JSON.stringify(shown, null, 2));
      }
      return check.valid ? 0 : 1;
    }
    case 'set':
    case 'unset': {
      const [key, raw] = args;
      if (!key || (action === 'set' ? args.length !== 2 : args.length !== 1))
        throw new UsageError(action === 'set' ? 'give KEY VALUE' : 'give KEY');
      // A secret is always text (a numeric token stays a string); other values are JSON when they parse.
      const text = raw === '-' ? readStdin() : raw!;
      const value = action === 'unset' ? undefined : isSecretPath(key) ? text : parseValue(text);
      const dir = dataDir();
      const { file, check } = editConfig(dir, key, value, context());
      let server: { applied: string[] } | null = null;
      let serverError: string | null = null;
      try {
        server = await applyOnServer(dir);
      } catch (e) {
        serverError = e instanceof AppError ? `${e.code}: ${e.message}` : String(e);
      }
      const shown = value === undefined ? null : isSecretPath(key) ? redactSecrets(value, true) : value;
      if (json)
        console.log(
          JSON.stringify({
            file,
            key,
            value: shown,
            warnings: check.warnings,
            server,
            server_error: serverError,
          }),
        );
      else {
        console.log(
          action === 'set' ? `${key} = ${JSON.stringify(shown)} (${file})` : `${key} removed (${file})`,
        );
        for (const line of issueLines(check.warnings, 'warning')) console.log(line);
        if (server)
          console.log(
            `applied by the running server${server.applied.length ? `: ${server.applied.join('; ')}` : ''}`,
          );
        else if (serverError) console.log(`the running server did not apply it: ${serverError}`);
        else console.log('applies when the app or "b3ai serve" starts');
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown action "${action}": show, validate, set, unset or schema`);
  }
}
