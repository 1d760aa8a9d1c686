import type { RawPayload } from '../raw';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The page as text. Fundamentus serves ISO-8859-1 (the request asks for `latin1`), but a saved copy
 * may have been re-encoded as UTF-8: Latin-1 bytes with accents are almost never valid UTF-8, so a
 * body with non-ASCII bytes that decodes strictly as UTF-8 is read as UTF-8, anything else as the
 * runner decoded it. Either way accented labels come out right or not at all, never half-right.
 */
export function pageText(raw: RawPayload): string {
  const body = raw.body;
  if (body.some((b) => b >= 0x80)) {
    try {
      const text = strictUtf8.decode(body);
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      // not UTF-8: the declared Latin-1
    }
  }
  return raw.text();
}

/** The ticker the page says it shows ("Você está vendo<strong>WEGE3</strong>"), when it says. */
export function pageTicker(html: string): string | null {
  const m = /Voc[^<]{1,12}vendo\s*<strong>\s*([^<\s]+)\s*<\/strong>/i.exec(html);
  return m?.[1]?.toUpperCase() ?? null;
}

/** Fundamentus's answer for a ticker it does not know. */
export function isUnknownTickerPage(html: string): boolean {
  return /<h1>\s*Nenhum papel encontrado\s*<\/h1>/i.test(html);
}
