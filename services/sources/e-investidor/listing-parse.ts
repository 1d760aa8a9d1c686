/**
 * E-Investidor's section listing (HTML): one `<article>` card per story, its headline an
 * `<h2>`/`<h3>` wrapping `<a href>`, an optional `<p class="resumo">` summary and an optional
 * `<time datetime="…">` (RFC 3339). Strict: a page that is not whole HTML, has no cards, or a card
 * without its headline link or with an unreadable time raises LAYOUT_CHANGED naming the card.
 */
import { layoutChanged } from '../errors';
import { parseRfc3339 } from '../shared/feed-date';
import { entryUrl } from '../shared/feed-entry';
import { decodeEntities, textOf } from '../shared/html';
import { newsItem, type NewsItem } from '../shared/news-item';

export const PUBLISHER = 'E-Investidor';
const WHAT = 'E-Investidor listing';

const CARD = /<article\b[^>]*>([\s\S]*?)<\/article>/gi;
const HEADING = /<h([23])\b[^>]*>([\s\S]*?)<\/h\1>/i;
const LINK = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a>/i;
const SUMMARY = /<p\b[^>]*\bclass\s*=\s*"[^"]*\b(?:resumo|excerpt|linha-fina)\b[^"]*"[^>]*>([\s\S]*?)<\/p>/i;
const TIME = /<time\b([^>]*)>/i;
const DATETIME = /\bdatetime\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

function checkPage(html: string): void {
  const head = html.trimStart().slice(0, 200).toLowerCase();
  if (!head.startsWith('<!doctype html') && !head.startsWith('<html')) {
    throw layoutChanged(
      `${WHAT}: the answer is not an HTML page (no <!doctype html> or <html> at the start)`,
    );
  }
  if (!/<\/html>\s*$/i.test(html)) throw layoutChanged(`${WHAT}: the page is cut short (no </html>)`);
  const opens = html.match(/<article\b/gi)?.length ?? 0;
  const closes = html.match(/<\/article>/gi)?.length ?? 0;
  if (opens === 0) throw layoutChanged(`${WHAT}: no <article> story cards in the page`);
  if (opens !== closes) throw layoutChanged(`${WHAT}: ${opens} <article> cards open but ${closes} close`);
}

function card(inner: string, n: number, pageUrl: string): NewsItem {
  const where = `${WHAT} card ${n}`;
  const heading = HEADING.exec(inner);
  const link = heading ? LINK.exec(heading[2] ?? '') : null;
  if (!link) throw layoutChanged(`${where}: no headline link (<h2>/<h3> with <a href>)`);
  const title = textOf(link[3] ?? '');
  if (!title) throw layoutChanged(`${where}: an empty headline`);
  const url = entryUrl(decodeEntities(link[1] ?? link[2] ?? ''), pageUrl, where);
  let publishedAt: string | null = null;
  const time = TIME.exec(inner);
  if (time) {
    const dt = DATETIME.exec(time[1] ?? '');
    const text = dt?.[1] ?? dt?.[2];
    publishedAt = text === undefined ? null : (parseRfc3339(text) ?? null);
    if (publishedAt === null) throw layoutChanged(`${where}: <time> without a readable datetime`);
  }
  const summary = SUMMARY.exec(inner);
  const description = summary ? textOf(summary[1] ?? '') || null : null;
  return newsItem({ title, url, publisher: PUBLISHER, publishedAt, description });
}

export function parseListing(html: string, pageUrl: string): NewsItem[] {
  checkPage(html);
  return [...html.matchAll(CARD)].map((m, i) => card(m[1] ?? '', i + 1, pageUrl));
}
