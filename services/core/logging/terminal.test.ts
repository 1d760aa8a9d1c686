import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureLogging, createLogger, stderrSink } from './logger';
import { humanErrorLine, jsonLogOnStderr, logToDataDir, readyLine } from './terminal';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-term-'));
  configureLogging({ level: 'info' });
});

afterEach(() => {
  configureLogging({ sink: stderrSink, level: 'warn' });
  rmSync(dataDir, { recursive: true, force: true });
});

const parsedLines = (text: string): Array<Record<string, unknown>> =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function fakeStderr(): { write(text: string): boolean; text: () => string } {
  let out = '';
  return {
    write: (t) => {
      out += t;
      return true;
    },
    text: () => out,
  };
}

describe('where the JSON log goes', () => {
  it('to stderr with json, or with auto when stderr is not a terminal; never with human', () => {
    expect(jsonLogOnStderr('json', true)).toBe(true);
    expect(jsonLogOnStderr('json', false)).toBe(true);
    expect(jsonLogOnStderr('auto', false)).toBe(true);
    expect(jsonLogOnStderr('auto', true)).toBe(false);
    expect(jsonLogOnStderr('human', false)).toBe(false);
    expect(jsonLogOnStderr('human', true)).toBe(false);
  });

  it('on a terminal: every line to the data dir, only errors to stderr, as one short line each', () => {
    const stderr = fakeStderr();
    const logging = logToDataDir({ dataDir, format: 'auto', stderrIsTTY: true, stderr });
    const log = createLogger('core');
    log.info('core started', { dataDir });
    log.warn('component failed to start', { component: 'storage' });
    log.error('worker process error', { error: new Error('spawn failed\n    at somewhere') });
    logging.close();

    expect(logging.jsonOnStderr).toBe(false);
    expect(logging.logFile).toBe(join(dataDir, 'logs', 'b3ai.log'));
    expect(stderr.text()).toBe(
      `b3ai: core: worker process error: spawn failed (details in ${logging.logFile})\n`,
    );
    const file = parsedLines(readFileSync(logging.logFile, 'utf8'));
    expect(file.map((e) => [e.level, e.msg])).toEqual([
      ['info', 'core started'],
      ['warn', 'component failed to start'],
      ['error', 'worker process error'],
    ]);
    expect(file[2]?.error).toMatchObject({ name: 'Error', message: 'spawn failed\n    at somewhere' });
    expect(statSync(logging.logFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
  });

  it('not on a terminal (CI, tests, pipes): the same JSON lines to stderr and to the file', () => {
    const stderr = fakeStderr();
    const logging = logToDataDir({ dataDir, format: 'auto', stderrIsTTY: false, stderr });
    createLogger('core').info('core started', { dataDir });
    createLogger('workers.supervisor').warn('worker said', { workerId: 1, pid: 42 });
    logging.close();

    expect(logging.jsonOnStderr).toBe(true);
    expect(stderr.text()).toBe(readFileSync(logging.logFile, 'utf8'));
    expect(parsedLines(stderr.text()).map((e) => [e.scope, e.msg])).toEqual([
      ['core', 'core started'],
      ['workers.supervisor', 'worker said'],
    ]);
  });

  it('--log-format json on a terminal copies the JSON to stderr; B3AI_LOG_LEVEL still filters both', () => {
    const stderr = fakeStderr();
    const logging = logToDataDir({ dataDir, format: 'json', stderrIsTTY: true, stderr });
    configureLogging({ level: 'warn' });
    createLogger('core').info('not shown');
    createLogger('core').warn('shown');
    logging.close();
    expect(parsedLines(stderr.text()).map((e) => e.msg)).toEqual(['shown']);
    expect(parsedLines(readFileSync(logging.logFile, 'utf8')).map((e) => e.msg)).toEqual(['shown']);
  });
});

describe('the lines a person reads', () => {
  it('the ready line names the URL it is given, the data dir and how to stop', () => {
    const line = readyLine('http://127.0.0.1:4817/?auth=abc', '/home/me/data');
    expect(line).toBe(
      'B3 AI Analysis is running at http://127.0.0.1:4817/?auth=abc  (data: /home/me/data)  Ctrl+C to stop',
    );
    expect(line).not.toContain('\n');
  });

  it('an error line without an error field is scope and message', () => {
    expect(
      humanErrorLine({ time: '', level: 'error', scope: 'config', pid: 1, msg: 'configuration error' }, '/l'),
    ).toBe('b3ai: config: configuration error (details in /l)\n');
  });
});
