/** Every fetcher of every registered source has its fuzz suite: `<id>.fuzz.test.ts`, `describe('<id> <model>'`. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_SOURCES } from '../registry';

describe('fuzz coverage', () => {
  for (const s of ALL_SOURCES) {
    it(`${s.info.id}: a fuzz suite per fetcher`, () => {
      // The chat sites are sources for their sign-in only: no fetcher, no parser to fuzz.
      if (Object.keys(s.fetchers).length === 0) return void expect(s.info.category).toBe('ai');
      const path = fileURLToPath(new URL(`./${s.info.id}.fuzz.test.ts`, import.meta.url));
      expect(existsSync(path), `${s.info.id}.fuzz.test.ts`).toBe(true);
      const text = readFileSync(path, 'utf8');
      for (const model of Object.keys(s.fetchers)) {
        expect(text.includes(`describe('${s.info.id} ${model}'`), `${s.info.id} ${model}`).toBe(true);
      }
    });
  }
});
