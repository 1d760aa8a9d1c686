import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const PIPE_TS = fileURLToPath(new URL('./pipe.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * A child that prints a line, waits for its reader to go away (as `head -1` does), then prints
 * again in a later tick, as `b3ai serve` does when stopped. Returns its exit code and stderr.
 */
function printIntoClosedPipe(quiet: boolean): Promise<{ code: number | null; stderr: string }> {
  const script = `
    ${quiet ? `const { quietOnClosedPipe } = await import(${JSON.stringify(pathToFileURL(PIPE_TS).href)}); quietOnClosedPipe();` : ''}
    console.log('first line');
    setTimeout(() => { console.log('x'.repeat(100000)); setTimeout(() => { console.log('last'); process.exitCode = 0; }, 50); }, 500);
  `;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdout.once('data', () => child.stdout.destroy());
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('quietOnClosedPipe', () => {
  it('without it, printing after the reader left dies with an EPIPE stack trace', async () => {
    const r = await printIntoClosedPipe(false);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('EPIPE');
  });

  it('with it, the rest of the output is dropped and the process ends normally', async () => {
    const r = await printIntoClosedPipe(true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
