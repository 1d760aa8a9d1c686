import { SourceError } from './errors';

/** What came back for one request: bytes as received (decompressed transfer encoding only). */
export interface RawPayload {
  url: string;
  status: number;
  contentType: string | null;
  fetchedAt: string;
  body: Buffer;
  /** The body as text, decoded per the request's encoding rule. */
  text(): string;
}

// Windows-1252 assigns printable characters to 0x80–0x9F where ISO-8859-1 has C1 controls;
// pages that declare iso-8859-1 are written in 1252 in practice (browsers decode them so).
const decoder1252 = new TextDecoder('windows-1252');
const decoderUtf8 = new TextDecoder('utf-8');

/** The charset a Content-Type header or an HTML meta tag names, lower-cased. */
export function declaredCharset(contentType: string | null, head: Buffer): string | null {
  const fromHeader = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const text = head.subarray(0, 2048).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(text)?.[1];
  return meta ? meta.toLowerCase() : null;
}

const LATIN1_NAMES = new Set(['iso-8859-1', 'latin1', 'windows-1252', 'cp1252', 'iso8859-1', 'us-ascii']);

export function decodeBody(
  body: Buffer,
  encoding: 'auto' | 'utf-8' | 'latin1',
  contentType: string | null,
): string {
  let enc = encoding;
  if (enc === 'auto') {
    const declared = declaredCharset(contentType, body);
    enc = declared && LATIN1_NAMES.has(declared) ? 'latin1' : 'utf-8';
  }
  const text = enc === 'latin1' ? decoder1252.decode(body) : decoderUtf8.decode(body);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function makeRaw(
  init: Omit<RawPayload, 'text'>,
  encoding: 'auto' | 'utf-8' | 'latin1' = 'auto',
): RawPayload {
  let cached: string | undefined;
  return {
    ...init,
    text() {
      cached ??= decodeBody(init.body, encoding, init.contentType);
      return cached;
    },
  };
}

/** A saved file as a payload (CLI `parse`/`ingest`, tests). */
export function rawFromFile(
  body: Buffer,
  url: string,
  encoding: 'auto' | 'utf-8' | 'latin1' = 'auto',
): RawPayload {
  return makeRaw(
    { url, status: 200, contentType: null, fetchedAt: new Date().toISOString(), body },
    encoding,
  );
}

/** Parse JSON or raise LAYOUT_CHANGED (a JSON API that answers HTML has changed, or blocks us). */
export function readJson(raw: RawPayload, what: string): unknown {
  const text = raw.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const looks = /^\s*</.test(text) ? 'markup (HTML or XML)' : `${text.length} characters of text`;
    throw new SourceError('LAYOUT_CHANGED', `${what}: the answer is not JSON (${looks})`);
  }
}

/** The content type of a browser fetch that kept the page's JSON answers (see `BrowserSpec`). */
export const INTERCEPTED_TYPE = 'application/x-b3ai-intercepted+json';

export interface InterceptedAnswer {
  url: string;
  status: number;
  contentType: string | null;
  body: string;
}

/**
 * The body of the first answer a browser fetch intercepted whose URL contains `urlPart`, or
 * LAYOUT_CHANGED naming what was looked for (the page no longer loads its data from there).
 */
export function readIntercepted(raw: RawPayload, urlPart: string, what: string): InterceptedAnswer {
  const doc = readJson(raw, what) as { answers?: unknown };
  const answers = Array.isArray(doc.answers) ? (doc.answers as InterceptedAnswer[]) : [];
  const hit = answers.find((a) => typeof a?.url === 'string' && a.url.includes(urlPart));
  if (!hit || typeof hit.body !== 'string')
    throw new SourceError('LAYOUT_CHANGED', `${what}: the page made no request to ${urlPart}`);
  return hit;
}
