import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotatingFileSink } from './file-sink';
import type { LogEntry } from './logger';

let root: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'b3ai-logs-'));
  dir = join(root, 'data', 'logs');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const entry: LogEntry = { time: '', level: 'info', scope: 'test', pid: 1, msg: '' };
/** A 100-byte line (99 characters and the newline) numbered `n`. */
const line = (n: number): string => `${`line ${n} `.padEnd(99, '.')}\n`;
const mode = (path: string): number => statSync(path).mode & 0o777;
const files = (): string[] => readdirSync(dir).sort();
const linesOf = (name: string): number[] =>
  readFileSync(join(dir, name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => Number(/^line (\d+)/.exec(l)?.[1]));

describe('rotatingFileSink', () => {
  it('rotates by size and keeps the newest files, oldest dropped', () => {
    const sink = rotatingFileSink({ dir, maxBytes: 1000, keep: 2 });
    for (let n = 1; n <= 35; n++) sink.write(line(n), entry);
    sink.close();
    expect(files()).toEqual(['b3ai.1.log', 'b3ai.2.log', 'b3ai.log']);
    // 10 lines of 100 bytes fill a file; line 11 starts the next one.
    expect(linesOf('b3ai.2.log')).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(linesOf('b3ai.1.log')).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(linesOf('b3ai.log')).toEqual([31, 32, 33, 34, 35]);
    for (const f of files()) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1000);
  });

  it('makes the folder 0700 and every file 0600, rotated ones included', () => {
    const sink = rotatingFileSink({ dir, maxBytes: 250, keep: 3 });
    for (let n = 1; n <= 7; n++) sink.write(line(n), entry);
    sink.close();
    expect(files()).toEqual(['b3ai.1.log', 'b3ai.2.log', 'b3ai.3.log', 'b3ai.log']);
    expect(mode(dir)).toBe(0o700);
    for (const f of files()) expect(mode(join(dir, f)), f).toBe(0o600);
  });

  it('tightens a folder and a file left open to others, and appends after what is there', () => {
    rotatingFileSink({ dir }).close();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'b3ai.log'), line(1), { mode: 0o644 });
    chmodSync(join(dir, 'b3ai.log'), 0o644);
    const sink = rotatingFileSink({ dir, maxBytes: 250, keep: 1 });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'b3ai.log'))).toBe(0o600);
    sink.write(line(2), entry);
    sink.write(line(3), entry); // 300 bytes > 250: line 3 starts a new file
    sink.close();
    expect(linesOf('b3ai.1.log')).toEqual([1, 2]);
    expect(linesOf('b3ai.log')).toEqual([3]);
  });

  it('with keep 0 starts over in one file; a line longer than the limit is still written whole', () => {
    const sink = rotatingFileSink({ dir, maxBytes: 150, keep: 0 });
    sink.write(line(1), entry);
    sink.write(line(2), entry);
    const long = `${'x'.repeat(400)}\n`;
    sink.write(long, entry);
    sink.close();
    expect(files()).toEqual(['b3ai.log']);
    expect(readFileSync(join(dir, 'b3ai.log'), 'utf8')).toBe(long);
  });

  it('writes each line before returning (nothing waits in a buffer) and drops lines after close', () => {
    const sink = rotatingFileSink({ dir, name: 'core' });
    sink.write(line(1), entry);
    expect(readFileSync(sink.path, 'utf8')).toBe(line(1));
    sink.close();
    sink.close();
    sink.write(line(2), entry);
    expect(sink.path).toBe(join(dir, 'core.log'));
    expect(linesOf('core.log')).toEqual([1]);
  });
});
