import { Recommendation, ReportBody, ReportSentiment } from '../../contract';

/**
 * Reading a model's answer: the first balanced JSON object in the text (a ```json fence or prose
 * around it is tolerated), validated strictly by `ReportBody`. The only leniency is the case of the
 * enum values ("compra" → COMPRA). An error names each problem by path, in words fit to send back to
 * the model in the repair prompt: "strengths: exactly 3 strengths (got 2); target_prices.moderate: …".
 */

export type ParsedAnswer = { ok: true; body: ReportBody } | { ok: false; error: string };

/** At most this many problems are listed in an error. */
const MAX_ISSUES = 12;

/** A zod issue, typed through the contract (this layer imports nothing but the contract). */
type Issue = NonNullable<ReturnType<typeof ReportBody.safeParse>['error']>['issues'][number];

type Extracted = { ok: true; value: unknown } | { ok: false; error: string };

/** The index just past the `}` closing the object opened at `start`, or -1 when it never closes. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The first balanced `{…}` that parses as a JSON object; candidates that do not parse are skipped whole. */
export function extractJsonObject(text: string): Extracted {
  let firstError: string | null = null;
  for (let start = text.indexOf('{'); start >= 0;) {
    const end = objectEnd(text, start);
    if (end < 0) {
      return { ok: false, error: firstError ?? 'the JSON object is not closed (is the answer cut off?)' };
    }
    try {
      const value: unknown = JSON.parse(text.slice(start, end));
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value };
    } catch (e) {
      firstError ??= `the JSON object does not parse: ${e instanceof Error ? e.message : String(e)}`;
    }
    start = text.indexOf('{', end);
  }
  return { ok: false, error: firstError ?? 'no JSON object found in the answer' };
}

const ENUMS: [string, readonly string[]][] = [
  ['sentiment', ReportSentiment.options],
  ['recommendation', Recommendation.options],
];

function upcaseEnums(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [key, options] of ENUMS) {
    const v = out[key];
    if (typeof v === 'string' && options.includes(v.toUpperCase())) out[key] = v.toUpperCase();
  }
  return out;
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? 'answer' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function shown(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describeIssue(issue: Issue, root: unknown): string {
  const where = pathText(issue.path);
  const v = valueAt(root, issue.path);
  if (issue.code === 'invalid_type' && v === undefined) return `${where}: required (missing)`;
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unexpected ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
    return `${where}: must not be empty`;
  }
  if (
    issue.code === 'custom' &&
    issue.path.join('.') === 'target_prices' &&
    v !== null &&
    typeof v === 'object'
  ) {
    const t = v as Record<string, unknown>;
    return `${where}: ${issue.message} (got conservative=${shown(t['conservative'])}, moderate=${shown(t['moderate'])}, optimistic=${shown(t['optimistic'])})`;
  }
  if (Array.isArray(v)) return `${where}: ${issue.message} (got ${v.length})`;
  if (v === null || typeof v !== 'object') return `${where}: ${issue.message} (got ${shown(v)})`;
  return `${where}: ${issue.message}`;
}

/** The problems of a candidate body, joined by "; " (at most MAX_ISSUES, then how many more). */
export function describeIssues(issues: readonly Issue[], root: unknown): string {
  const parts = issues.slice(0, MAX_ISSUES).map((i) => describeIssue(i, root));
  if (issues.length > MAX_ISSUES) parts.push(`and ${issues.length - MAX_ISSUES} more`);
  return parts.join('; ');
}

export function parseModelAnswer(text: string): ParsedAnswer {
  const extracted = extractJsonObject(text);
  if (!extracted.ok) return extracted;
  const candidate = upcaseEnums(extracted.value as object);
  const parsed = ReportBody.safeParse(candidate);
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, error: describeIssues(parsed.error.issues, candidate) };
}
