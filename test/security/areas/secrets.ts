import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tally } from '../tally';
import type { Target } from '../target';

/** Every path under `dir` (not following links). */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out.push(path);
    const st = lstatSync(path);
    if (st.isDirectory()) out.push(...walk(path));
  }
  return out;
}

/**
 * Area 6: secrets at rest. The data dir and everything in it owner-only; the token, the model key
 * and the secret file never in an answer (watched on every answer of the run), a log line or a file
 * in clear (the key store holds the key encrypted).
 */
export function secretsAtRest(t: Target, modelKey: string): Tally {
  const tally = new Tally('secrets at rest');
  void t.token; // reads the current token, so a replaced one is checked too
  const tokens = t.tokens;
  const paths = [t.dataDir, ...walk(t.dataDir)];
  let files = 0;
  for (const path of paths) {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    const mode = st.mode & 0o777;
    if (st.isDirectory()) tally.check(`dir ${path} is ${mode.toString(8)}`, mode !== 0o700);
    else if (st.isFile()) {
      files++;
      tally.check(`file ${path} is ${mode.toString(8)}`, mode !== 0o600);
      // Anything readable in clear: the key must not be (only the encrypted key store holds it).
      if (st.size < 64 * 1024 * 1024) {
        const bytes = readFileSync(path);
        tally.check(`the model key in clear in ${path}`, bytes.includes(modelKey));
        if (!path.endsWith('api-token'))
          for (const token of tokens) tally.check(`a token in ${path}`, bytes.includes(token));
      }
    }
  }
  for (const leak of t.leaks) tally.check(`a secret in the answer to ${leak}`, true);
  tally.check(`no secret in any of the run's answers (${t.secrets.length} watched)`, t.leaks.length > 0);
  tally.check('no answer of the whole run carried an Access-Control-* header', t.cors.length > 0);
  tally.check(
    'no secret on the server stderr',
    t.secrets.some((s) => t.serve.stderr().includes(s)) || t.serve.stderr().includes(modelKey),
  );
  console.log(`secrets at rest: ${paths.length} paths, ${files} files checked`);
  return tally;
}
