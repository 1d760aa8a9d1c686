/** One RSS <item> or Atom <entry> into a FeedEntry (see feed.ts for the rules). */
import { layoutChanged } from '../errors';
import type { FeedEntry } from './feed';
import { parseRfc3339 } from './feed-date';
import { elements, strayText, textContent, type XmlElement } from './feed-xml';
import { decodeEntities, textOf } from './html';

export interface EntryOptions {
  url: string;
  /** "infomoney feed item 3", for messages. */
  where: string;
  date: (text: string) => string | undefined;
}

const RSS_ITEM = new Set([
  'title',
  'link',
  'description',
  'author',
  'category',
  'comments',
  'enclosure',
  'guid',
  'pubDate',
  'source',
]);
const RSS_SINGLE = ['title', 'link', 'description', 'author', 'comments', 'guid', 'pubDate', 'source'];
const ATOM_ENTRY = new Set([
  'author',
  'category',
  'content',
  'contributor',
  'id',
  'link',
  'published',
  'rights',
  'source',
  'summary',
  'title',
  'updated',
]);
const ATOM_SINGLE = ['content', 'id', 'published', 'rights', 'source', 'summary', 'title', 'updated'];

/** Plain text of a text element: entities decoded (a second time: feeds double-escape), spaces collapsed. */
export function cleanText(text: string): string {
  return decodeEntities(text)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function children(
  e: XmlElement,
  known: ReadonlySet<string>,
  single: string[],
  where: string,
): Map<string, XmlElement> {
  const byName = new Map<string, XmlElement>();
  for (const c of elements(e)) {
    if (!known.has(c.name) && !c.name.includes(':'))
      throw layoutChanged(`${where}: unknown element <${c.name}> (renamed?)`);
    if (byName.has(c.name) && single.includes(c.name))
      throw layoutChanged(`${where}: two <${c.name}> elements`);
    if (!byName.has(c.name)) byName.set(c.name, c);
  }
  const stray = strayText(e);
  if (stray !== undefined) throw layoutChanged(`${where}: stray text between the elements`);
  return byName;
}

/** An absolute http(s) URL: kept as written when absolute, resolved against the feed URL otherwise. */
export function entryUrl(link: string, base: string, where: string): string {
  const t = link.trim();
  if (/^https?:\/\//i.test(t)) {
    if (URL.canParse(t)) return t;
  } else if (t !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(t) && URL.canParse(t, base)) {
    const resolved = new URL(t, base);
    if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return resolved.href;
  }
  throw layoutChanged(`${where}: the link is not an http(s) URL`);
}

function requiredTitle(text: string | undefined, where: string): string {
  if (text === undefined) throw layoutChanged(`${where}: no <title>`);
  if (text === '') throw layoutChanged(`${where}: an empty <title>`);
  return text;
}

function dateOf(
  e: XmlElement | undefined,
  parse: (t: string) => string | undefined,
  where: string,
): string | null {
  if (!e) return null;
  const t = textContent(e).trim();
  if (t === '') return null;
  const iso = parse(t);
  if (iso === undefined) throw layoutChanged(`${where}: <${e.name}> is not a date in the feed's form`);
  return iso;
}

function description(html: string | undefined): { text: string | null; html: string | null } {
  if (html === undefined) return { text: null, html: null };
  const text = textOf(html);
  return { text: text || null, html: html.trim() || null };
}

export function readRssItem(item: XmlElement, o: EntryOptions): FeedEntry {
  const c = children(item, RSS_ITEM, RSS_SINGLE, o.where);
  const get = (n: string): string | undefined => {
    const e = c.get(n);
    return e ? textContent(e) : undefined;
  };
  const rawTitle = get('title');
  const title = requiredTitle(rawTitle === undefined ? undefined : cleanText(rawTitle), o.where);
  const link = get('link');
  if (link === undefined || link.trim() === '') throw layoutChanged(`${o.where}: no <link>`);
  const pub = c.get('pubDate')
    ? dateOf(c.get('pubDate'), o.date, o.where)
    : dateOf(c.get('dc:date'), parseRfc3339, o.where);
  const desc = description(get('description'));
  const author = cleanText(get('author') ?? get('dc:creator') ?? '') || null;
  const src = c.get('source');
  const srcName = src ? cleanText(textContent(src)) : '';
  return {
    title,
    link: entryUrl(link, o.url, o.where),
    publishedAt: pub,
    description: desc.text,
    descriptionHtml: desc.html,
    author,
    source: src && srcName ? { name: srcName, url: src.attrs.get('url') ?? null } : null,
  };
}

/** Atom text constructs: type="text" (default), "html" (escaped markup) or "xhtml" (inline markup). */
function atomText(e: XmlElement): string {
  const type = e.attrs.get('type') ?? 'text';
  if (type === 'xhtml') return textOf(textContent(e, ' '));
  if (type === 'html' || type === 'text/html') return textOf(textContent(e));
  return cleanText(textContent(e));
}

function atomLink(entry: XmlElement, where: string): string {
  const links = elements(entry).filter((e) => e.name === 'link');
  const alt = links.find((l) => (l.attrs.get('rel') ?? 'alternate') === 'alternate');
  const href = alt?.attrs.get('href');
  if (href === undefined || href.trim() === '')
    throw layoutChanged(`${where}: no <link rel="alternate" href>`);
  return href;
}

export function readAtomEntry(entry: XmlElement, o: EntryOptions): FeedEntry {
  const c = children(entry, ATOM_ENTRY, ATOM_SINGLE, o.where);
  const titleEl = c.get('title');
  const title = requiredTitle(titleEl ? atomText(titleEl) : undefined, o.where);
  const link = entryUrl(atomLink(entry, o.where), o.url, o.where);
  const published = dateOf(c.get('published') ?? c.get('updated'), o.date, o.where);
  const body = c.get('summary') ?? c.get('content');
  const text = body ? atomText(body) : '';
  const authorEl = c.get('author');
  const authorName = authorEl ? elements(authorEl).find((e) => e.name === 'name') : undefined;
  const src = c.get('source');
  const srcTitle = src ? elements(src).find((e) => e.name === 'title') : undefined;
  const srcName = srcTitle ? cleanText(textContent(srcTitle)) : '';
  const srcLink = src
    ? elements(src)
        .find((e) => e.name === 'link')
        ?.attrs.get('href')
    : undefined;
  return {
    title,
    link,
    publishedAt: published,
    description: text || null,
    descriptionHtml: body ? textContent(body).trim() || null : null,
    author: authorName ? cleanText(textContent(authorName)) || null : null,
    source: srcName ? { name: srcName, url: srcLink ?? null } : null,
  };
}
