import { normalizeText } from './sentiment';

/**
 * Merging the same story carried by several news sources: by canonical URL, or by normalised title
 * (Google News carries the publisher's story under its own redirect URL, with " - Publisher" after
 * the headline). Pure code, no I/O.
 */

export interface NewsLike {
  title: string;
  url: string;
  publisher: string | null;
  published_at: string | null;
  description: string | null;
  tickers: readonly string[];
  source: string;
}

export interface MergedNews {
  title: string;
  /** Canonical; a publisher's URL is preferred over an aggregator's. */
  url: string;
  publisher: string | null;
  /** The earliest of the items. */
  published_at: string | null;
  /** The longest of the items. */
  description: string | null;
  tickers: string[];
  /** The sources that carried it, first seen first. */
  sources: string[];
  /** The canonical URL: the merged item's identity. */
  key: string;
  title_key: string;
}

const TRACKING = new Set(['fbclid', 'gclid', 'mc_cid', 'mc_eid', 'ref', 'cmpid']);
/** Hosts that link to other sites' stories (redirects), not publishers. */
export const AGGREGATOR_HOSTS: readonly string[] = [
  'news.google.com',
  'google.com',
  'www.google.com',
  'feedproxy.google.com',
  'feeds.feedburner.com',
];
/** A title of fewer words is too short to identify a story on its own ("Ibovespa hoje"). */
export const MIN_TITLE_WORDS = 4;

/**
 * The URL with its noise removed: scheme and host lower-cased, default port dropped, fragment
 * removed, tracking parameters removed (utm_*, fbclid, gclid, mc_cid, mc_eid, ref, cmpid,
 * outputType=amp), a trailing `/amp` segment and a trailing slash removed (not the root's), the
 * remaining parameters sorted by name (stable). `www.` is kept: the canonical URL is also the link
 * shown to the user, and not every site answers without it. A string that is not an absolute
 * http(s) URL comes back trimmed.
 */
export function canonicalUrl(url: string): string {
  const raw = url.trim();
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw;
  u.hash = '';
  const kept = [...u.searchParams].filter(([name, value]) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('utm_') || TRACKING.has(lower)) return false;
    return !(lower === 'outputtype' && value.toLowerCase() === 'amp');
  });
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  u.search = kept.length > 0 ? new URLSearchParams(kept).toString() : '';
  let path = u.pathname.replace(/\/amp\/?$/i, '');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  u.pathname = path === '' ? '/' : path;
  return u.toString();
}

function plain(text: string): string {
  return normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The title without a trailing " - Publisher" / " | Publisher" / " — Publisher" naming its publisher. */
export function stripPublisherSuffix(title: string, publisher?: string | null): string {
  const t = title.trim();
  if (!publisher || plain(publisher) === '') return t;
  const want = plain(publisher);
  // The publisher may hold a separator itself: "Crude Oil Prices Today | OilPrice.com".
  for (const m of t.matchAll(/\s+[-|–—]\s+/gu)) {
    if (plain(t.slice(m.index + m[0].length)) === want) return t.slice(0, m.index).trim();
  }
  return t;
}

/** The title to compare: publisher suffix, accents, punctuation, case and extra spaces removed. */
export function normalizeTitle(title: string, publisher?: string | null): string {
  return plain(stripPublisherSuffix(title, publisher));
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

export function isAggregatorUrl(url: string): boolean {
  const host = hostOf(url);
  return host !== null && AGGREGATOR_HOSTS.includes(host);
}

function time(s: string): number {
  const t = Date.parse(s);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function find(parent: number[], i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] ?? r;
  for (let j = i; parent[j] !== r;) {
    const next = parent[j] ?? r;
    parent[j] = r;
    j = next;
  }
  return r;
}

/**
 * One story from the items that carry it (the first item first): the first item not on an aggregator
 * gives the URL, title and publisher; the earliest date, the longest description, every ticker and
 * source. Also how a stored story takes in a new copy.
 */
export function mergeStory(items: readonly [NewsLike, ...NewsLike[]]): MergedNews {
  const first = items[0];
  const chosen = items.find((it) => !isAggregatorUrl(canonicalUrl(it.url))) ?? first;
  const url = canonicalUrl(chosen.url);
  const publisher = chosen.publisher ?? items.find((it) => it.publisher !== null)?.publisher ?? null;
  let published: string | null = null;
  let description: string | null = null;
  for (const it of items) {
    const p = it.published_at;
    if (p !== null && (published === null || time(p) < time(published))) published = p;
    const d = it.description?.trim() ?? '';
    if (d !== '' && (description === null || d.length > description.length)) description = d;
  }
  const title = stripPublisherSuffix(chosen.title, chosen.publisher);
  return {
    title,
    url,
    publisher,
    published_at: published,
    description,
    tickers: [...new Set(items.flatMap((it) => it.tickers))].sort(),
    sources: [...new Set(items.map((it) => it.source))],
    key: url,
    title_key: normalizeTitle(title),
  };
}

/**
 * Items merged into stories: two items are the same story when their canonical URLs are equal or
 * their normalised titles are (titles of at least MIN_TITLE_WORDS words), transitively. Stories come
 * in the order of their first item. The chosen item (the first not on an aggregator, else the first)
 * gives the URL, the title (its publisher suffix removed) and the publisher.
 */
export function mergeNews<T extends NewsLike>(items: readonly T[]): MergedNews[] {
  const parent = items.map((_, i) => i);
  const byUrl = new Map<string, number>();
  const byTitle = new Map<string, number>();
  const union = (i: number, j: number | undefined): void => {
    if (j === undefined) return;
    const a = find(parent, i);
    const b = find(parent, j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  items.forEach((it, i) => {
    const url = canonicalUrl(it.url);
    union(i, byUrl.get(url));
    if (!byUrl.has(url)) byUrl.set(url, i);
    const title = normalizeTitle(it.title, it.publisher);
    if (title.split(' ').length >= MIN_TITLE_WORDS) {
      union(i, byTitle.get(title));
      if (!byTitle.has(title)) byTitle.set(title, i);
    }
  });
  const groups = new Map<number, [T, ...T[]]>();
  items.forEach((it, i) => {
    const root = find(parent, i);
    const g = groups.get(root);
    if (g) g.push(it);
    else groups.set(root, [it]);
  });
  return [...groups.values()].map(mergeStory);
}
