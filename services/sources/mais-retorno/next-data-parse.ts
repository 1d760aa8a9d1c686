/**
 * Mais Retorno's portal listing (a Next.js page) read from its embedded `__NEXT_DATA__` JSON:
 * `props.pageProps.posts[]`, each `{title, slug, excerpt (HTML) | null, date (RFC 3339),
 * author}`; a story's URL is `/portal/<slug>` on the page's host. Strict: no such script, JSON
 * that does not parse, no posts list, a post without a title or a slug, or a date not in RFC 3339
 * with an offset raises LAYOUT_CHANGED naming the post.
 */
import { layoutChanged } from '../errors';
import { parseRfc3339 } from '../shared/feed-date';
import { entryUrl } from '../shared/feed-entry';
import { textOf } from '../shared/html';
import { newsItem, type NewsItem } from '../shared/news-item';

export const PUBLISHER = 'Mais Retorno';
const WHAT = 'Mais Retorno portal';
const SCRIPT = /<script\b[^>]*\bid\s*=\s*"__NEXT_DATA__"[^>]*>/i;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** The embedded JSON, parsed. */
export function nextData(html: string): unknown {
  const m = SCRIPT.exec(html);
  if (!m) throw layoutChanged(`${WHAT}: no <script id="__NEXT_DATA__"> in the page`);
  const start = m.index + m[0].length;
  const end = html.indexOf('</script>', start);
  if (end < 0) throw layoutChanged(`${WHAT}: the page is cut short (__NEXT_DATA__ not closed)`);
  try {
    return JSON.parse(html.slice(start, end)) as unknown;
  } catch {
    throw layoutChanged(`${WHAT}: __NEXT_DATA__ is not JSON`);
  }
}

function posts(data: unknown): unknown[] {
  const props = isRecord(data) ? field(data, 'props') : undefined;
  const pageProps = isRecord(props) ? field(props, 'pageProps') : undefined;
  const list = isRecord(pageProps) ? field(pageProps, 'posts') : undefined;
  if (!Array.isArray(list)) throw layoutChanged(`${WHAT}: __NEXT_DATA__ has no props.pageProps.posts list`);
  return list;
}

function post(p: unknown, n: number, pageUrl: string): NewsItem {
  const where = `${WHAT} post ${n}`;
  if (!isRecord(p)) throw layoutChanged(`${where}: not an object`);
  const title = field(p, 'title');
  const slug = field(p, 'slug');
  const date = field(p, 'date');
  const excerpt = field(p, 'excerpt');
  if (typeof title !== 'string' || textOf(title) === '') throw layoutChanged(`${where}: no title`);
  if (typeof slug !== 'string' || !SLUG.test(slug)) throw layoutChanged(`${where}: no slug (or not a slug)`);
  let publishedAt: string | null = null;
  if (date !== undefined && date !== null) {
    publishedAt = typeof date === 'string' ? (parseRfc3339(date) ?? null) : null;
    if (publishedAt === null) throw layoutChanged(`${where}: the date is not RFC 3339`);
  }
  if (excerpt !== undefined && excerpt !== null && typeof excerpt !== 'string') {
    throw layoutChanged(`${where}: excerpt is not text`);
  }
  return newsItem({
    title: textOf(title),
    url: entryUrl(`/portal/${slug}`, pageUrl, where),
    publisher: PUBLISHER,
    publishedAt,
    description: typeof excerpt === 'string' ? textOf(excerpt) || null : null,
  });
}

export function parsePortal(html: string, pageUrl: string): NewsItem[] {
  return posts(nextData(html)).map((p, i) => post(p, i + 1, pageUrl));
}
