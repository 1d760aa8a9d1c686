import { describe, expect, it } from 'vitest';
import { isAppError } from '../../contract';
import { classify, scanOneStatement } from './scan';

const refusal = (fn: () => unknown): { code: string; message: string; position?: unknown } => {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, position: e.details?.['position'] };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('one statement at a time', () => {
  it('accepts one statement, a trailing semicolon, and comments or blanks after it', () => {
    expect(scanOneStatement('  SELECT 1;  -- done\n /* and */ ').text).toBe('SELECT 1');
    expect(scanOneStatement('SELECT 1;;').text).toBe('SELECT 1');
    const s = scanOneStatement('\n-- a comment\nselect ticker from daily_bars');
    expect(s.text).toBe('select ticker from daily_bars');
    expect(s.offset).toBe(14);
    expect(s.words).toEqual(['SELECT', 'TICKER', 'FROM', 'DAILY_BARS']);
  });

  it('semicolons inside strings, identifiers, dollar quotes and comments do not end it', () => {
    for (const sql of [
      "SELECT 'a;b'",
      "SELECT 'it''s; fine'",
      "SELECT E'a\\';b'",
      'SELECT 1 AS "x;y"',
      'SELECT $$ ; $$',
      'SELECT $fn$ ; $x$ ; $fn$',
      'SELECT 1 /* ; /* nested ; */ still ; */',
      'SELECT 1 -- ; comment',
      "SELECT U&'d;0061'",
    ])
      // Comments after the last token are not part of the statement's text.
      expect(scanOneStatement(sql).text, sql).toBe(sql.replace(/ (\/\*|--).*$/, ''));
  });

  it('refuses a second statement, naming where it starts, whatever hides the first semicolon', () => {
    const cases: Array<[string, number]> = [
      ['SELECT 1; SELECT 2', 11],
      ["SELECT 'x'; DROP TABLE daily_bars", 13],
      ["SELECT E'\\''; DELETE FROM news", 15],
      ['SELECT $$x$$; UPDATE news SET title = 1', 15],
      ['SELECT 1 /* c */; /* d */ COPY news TO STDOUT', 27],
      ['SELECT 1;\nSET ROLE postgres', 11],
    ];
    for (const [sql, at] of cases) {
      const r = refusal(() => scanOneStatement(sql));
      expect(r.code, sql).toBe('INVALID_INPUT');
      expect(r.message, sql).toMatch(/one statement at a time/);
      expect(r.position, sql).toBe(at);
    }
  });

  it('refuses unterminated strings, identifiers, dollar quotes and comments, and empty input', () => {
    expect(refusal(() => scanOneStatement("SELECT 'abc")).message).toMatch(/unterminated quoted string/);
    expect(refusal(() => scanOneStatement('SELECT "abc')).message).toMatch(/unterminated quoted identifier/);
    expect(refusal(() => scanOneStatement('SELECT $a$ x $b$')).message).toMatch(/unterminated dollar-quoted/);
    expect(refusal(() => scanOneStatement('SELECT 1 /* /* */')).message).toMatch(/unterminated \/\* comment/);
    expect(refusal(() => scanOneStatement(' -- nothing')).message).toMatch(/no statement/);
    expect(refusal(() => scanOneStatement('; SELECT 1')).message).toMatch(/empty statement/);
  });
});

describe('read-only statements only', () => {
  const kind = (sql: string) => classify(scanOneStatement(sql));
  it('queries and EXPLAIN pass', () => {
    expect(kind('SELECT 1')).toBe('query');
    expect(kind('with x as (select 1) select * from x')).toBe('query');
    expect(kind('VALUES (1)')).toBe('query');
    expect(kind('TABLE news')).toBe('query');
    expect(kind('(SELECT 1) UNION (SELECT 2)')).toBe('query');
    expect(kind('EXPLAIN SELECT * FROM news')).toBe('explain');
    expect(kind('EXPLAIN (COSTS false) SELECT 1')).toBe('explain');
  });

  it('writes, DDL, COPY, SET, transaction control and EXPLAIN ANALYZE are FORBIDDEN', () => {
    for (const sql of [
      'INSERT INTO news VALUES (1)',
      'update news set title = 1',
      'DELETE FROM news',
      'DROP TABLE news',
      'CREATE TABLE x (a int)',
      "COPY news TO '/tmp/x'",
      'COPY (SELECT 1) TO PROGRAM $$id$$',
      'SET ROLE postgres',
      'RESET ROLE',
      'BEGIN',
      'COMMIT',
      'DO $$ BEGIN END $$',
      'CALL x()',
      'LISTEN x',
      'EXPLAIN ANALYZE SELECT 1',
      'EXPLAIN (ANALYZE, COSTS false) SELECT 1',
      'EXPLAIN DELETE FROM news',
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r',
    ]) {
      expect(refusal(() => kind(sql)).code, sql).toBe('FORBIDDEN');
    }
  });
});
