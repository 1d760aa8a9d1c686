import { AppError } from '../../contract';

/** One statement as the console will run it, with the words a check needs. */
export interface ScannedStatement {
  /** The statement without its trailing semicolon and surrounding blanks. */
  text: string;
  /** Offset of `text` in what the user sent (for PostgreSQL's error positions). */
  offset: number;
  /** Upper-cased words outside strings, quoted identifiers and comments, in order. */
  words: string[];
}

const isIdentChar = (c: string | undefined): boolean =>
  c !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_\u0080-\uffff]/.test(c);

function refuse(message: string, position: number): never {
  throw new AppError('INVALID_INPUT', `sql: ${message} (at character ${position + 1})`, {
    fields: ['sql'],
    position: position + 1,
  });
}

/**
 * Split SQL the way PostgreSQL's lexer does for what matters here: quoted strings ('…' with ''
 * escapes, E'…' with backslash escapes), quoted identifiers ("…"), dollar-quoted strings ($tag$…$tag$),
 * line comments (--) and nested block comments. Exactly one statement is accepted (a trailing
 * semicolon, blanks and comments after it are fine); anything else is INVALID_INPUT naming where.
 */
export function scanOneStatement(sql: string): ScannedStatement {
  const words: string[] = [];
  let i = 0;
  let start = -1; // first character of the statement
  let end = -1; // one past its last significant character
  let terminated = -1; // position of the semicolon that ended it
  const n = sql.length;
  const significant = (from: number, to: number): void => {
    if (terminated >= 0) refuse('one statement at a time: a second one starts here', from);
    if (start < 0) start = from;
    end = to;
  };
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        const pair = sql.slice(j, j + 2);
        if (pair === '/*' || pair === '*/') {
          depth += pair === '/*' ? 1 : -1;
          j += 2;
        } else j++;
      }
      if (depth > 0) refuse('unterminated /* comment', i);
      i = j;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === ';') {
      if (start < 0) refuse('empty statement', i);
      if (terminated < 0) terminated = i;
      i++;
    } else if (c === "'") {
      const escapes = (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !isIdentChar(sql[i - 2]);
      let j = i + 1;
      for (;;) {
        if (j >= n) refuse('unterminated quoted string', i);
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      significant(i, j + 1);
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= n) refuse('unterminated quoted identifier', i);
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      significant(i, j + 1);
      i = j + 1;
    } else if (c === '$' && !isIdentChar(sql[i - 1])) {
      const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        if (close < 0) refuse(`unterminated dollar-quoted string ${tag[0]}`, i);
        significant(i, close + tag[0].length);
        i = close + tag[0].length;
      } else {
        significant(i, i + 1); // a parameter ($1): the statement will be refused by PostgreSQL
        i++;
      }
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(sql[j])) j++;
      // E'…' is one token: the quote is read on the next turn with `escapes` set.
      if (sql[j] !== "'" || j - i !== 1 || (c !== 'E' && c !== 'e'))
        words.push(sql.slice(i, j).toUpperCase());
      significant(i, j);
      i = j;
    } else {
      significant(i, i + 1);
      i++;
    }
  }
  if (start < 0) refuse('no statement', 0);
  return { text: sql.slice(start, end), offset: start, words };
}

/** Statements that only read: a query, or EXPLAIN of one (without ANALYZE, which would run it). */
const READ_KEYWORDS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

export type StatementKind = 'query' | 'explain';

/** What the console may run, or FORBIDDEN saying why. */
export function classify(s: ScannedStatement): StatementKind {
  const first = s.words[0];
  const startsWithParen = s.text.startsWith('(');
  if (first === 'EXPLAIN') {
    const body = s.words.findIndex((w) => READ_KEYWORDS.has(w));
    if (s.words.slice(1, body < 0 ? undefined : body).some((w) => w === 'ANALYZE' || w === 'ANALYSE'))
      throw new AppError(
        'FORBIDDEN',
        'sql: EXPLAIN ANALYZE runs the statement; use EXPLAIN, or run the query itself',
        {
          fields: ['sql'],
        },
      );
    if (body < 0)
      throw new AppError('FORBIDDEN', 'sql: the console explains queries only (EXPLAIN SELECT …)', {
        fields: ['sql'],
      });
    checkNotRecursive(s);
    return 'explain';
  }
  if (!startsWithParen && (!first || !READ_KEYWORDS.has(first)))
    throw new AppError(
      'FORBIDDEN',
      `sql: the console is read-only: SELECT, WITH, VALUES, TABLE or EXPLAIN${first ? `, not ${first}` : ''}`,
      { fields: ['sql'] },
    );
  checkNotRecursive(s);
  return 'query';
}

function checkNotRecursive(s: ScannedStatement): void {
  s.words.forEach((w, k) => {
    if (w === 'WITH' && s.words[k + 1] === 'RECURSIVE')
      throw new AppError(
        'FORBIDDEN',
        'sql: WITH RECURSIVE is not available in the console (the embedded database cannot stop a runaway query)',
        { fields: ['sql'] },
      );
  });
}
