/**
 * RSS 2.0 and Atom 1.0 feeds into plain entries. Strict: the answer must be a whole, well-formed
 * feed (not an HTML error page, not JSON); the channel may hold only the elements RSS defines (or
 * namespaced extensions), so a renamed <item>/<entry> is seen, not read as an empty feed; each
 * entry needs a title and an http(s) link; a date that does not parse is refused. A feed with no
 * entries is returned as such (the fetcher decides whether that is normal).
 */
import { layoutChanged } from '../errors';
import type { RawPayload } from '../raw';
import { parseRfc3339, parseRfc822 } from './feed-date';
import { readAtomEntry, readRssItem } from './feed-entry';
import { elements, parseXml, strayText, type XmlElement } from './feed-xml';

export interface FeedEntry {
  title: string;
  /** Absolute http(s) URL, as the feed gives it (relative links resolved against the feed URL). */
  link: string;
  /** ISO 8601 UTC, or null when the entry carries no date. */
  publishedAt: string | null;
  /** Plain text (markup stripped, entities decoded, spaces collapsed), or null. */
  description: string | null;
  /** The description as the feed wrote it (markup decoded but not stripped), or null. */
  descriptionHtml: string | null;
  /** <author>/<dc:creator> (RSS), <author><name> (Atom). */
  author: string | null;
  /** RSS <source url=…>name</source>, Atom <source><title>. */
  source: { name: string; url: string | null } | null;
}

export interface Feed {
  format: 'rss' | 'atom';
  title: string | null;
  entries: FeedEntry[];
}

export interface FeedOptions {
  /** The feed's URL, to resolve relative links. */
  url: string;
  /** Names the feed in error messages ("infomoney feed"). */
  what: string;
  /** RSS <pubDate> reader; RFC 822 by default (a site with its own form passes its reader). */
  rssDate?: (text: string) => string | undefined;
}

const RSS_CHANNEL = new Set([
  'title',
  'link',
  'description',
  'language',
  'copyright',
  'managingEditor',
  'webMaster',
  'pubDate',
  'lastBuildDate',
  'category',
  'generator',
  'docs',
  'cloud',
  'ttl',
  'image',
  'rating',
  'textInput',
  'skipHours',
  'skipDays',
  'item',
]);
const ATOM_FEED = new Set([
  'author',
  'category',
  'contributor',
  'generator',
  'icon',
  'id',
  'link',
  'logo',
  'rights',
  'subtitle',
  'title',
  'updated',
  'entry',
]);
const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** Elements of `parent` that are neither known nor namespaced extensions (`dc:…`) are refused. */
export function checkKnown(parent: XmlElement, known: ReadonlySet<string>, where: string): void {
  for (const c of elements(parent)) {
    if (!known.has(c.name) && !c.name.includes(':')) {
      throw layoutChanged(`${where}: unknown element <${c.name}> (renamed?)`);
    }
  }
  const stray = strayText(parent);
  if (stray !== undefined) throw layoutChanged(`${where}: stray text between the elements`);
}

function precheck(text: string, what: string): void {
  const head = text.replace(/^\ufeff/, '').trimStart();
  if (head === '') throw layoutChanged(`${what}: the answer is empty, not a feed`);
  if (head.startsWith('{') || head.startsWith('[')) {
    throw layoutChanged(`${what}: the answer is JSON, not an RSS/Atom feed`);
  }
  if (/^<(!doctype\s+html|html)\b/i.test(head)) {
    throw layoutChanged(`${what}: the answer is an HTML page, not an RSS/Atom feed`);
  }
  if (!head.startsWith('<')) {
    throw layoutChanged(`${what}: the answer is not XML (it does not start with "<")`);
  }
}

/** Read an RSS 2.0 or Atom 1.0 document. */
export function readFeed(text: string, opts: FeedOptions): Feed {
  const what = opts.what;
  precheck(text, what);
  const root = parseXml(text.replace(/^\ufeff/, ''), what);
  if (root.name === 'rss') return readRss(root, opts);
  if (root.name === 'feed') {
    if (root.attrs.get('xmlns') !== ATOM_NS)
      throw layoutChanged(`${what}: <feed> is not in the Atom namespace`);
    checkKnown(root, ATOM_FEED, `${what} <feed>`);
    const title = elements(root).find((e) => e.name === 'title');
    return {
      format: 'atom',
      title: title ? readTitleText(title) : null,
      entries: elements(root)
        .filter((e) => e.name === 'entry')
        .map((e, i) => readAtomEntry(e, { ...opts, where: `${what} entry ${i + 1}`, date: parseRfc3339 })),
    };
  }
  if (root.name.toLowerCase() === 'html')
    throw layoutChanged(`${what}: the answer is an HTML page, not a feed`);
  throw layoutChanged(`${what}: the root element is <${root.name}>, neither RSS <rss> nor Atom <feed>`);
}

function readTitleText(e: XmlElement): string | null {
  const t = e.children
    .map((c) => (typeof c === 'string' ? c : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return t || null;
}

function readRss(root: XmlElement, opts: FeedOptions): Feed {
  const what = opts.what;
  const version = root.attrs.get('version') ?? '';
  if (!/^(2\.0|0\.9[12])$/.test(version)) throw layoutChanged(`${what}: <rss> is not version 2.0`);
  const kids = elements(root);
  const channel = kids[0];
  if (kids.length !== 1 || channel?.name !== 'channel') {
    throw layoutChanged(
      `${what}: <rss> must hold exactly one <channel> (found ${kids.map((k) => `<${k.name}>`).join(', ') || 'none'})`,
    );
  }
  checkKnown(channel, RSS_CHANNEL, `${what} <channel>`);
  const title = elements(channel).find((e) => e.name === 'title');
  const date = opts.rssDate ?? parseRfc822;
  return {
    format: 'rss',
    title: title ? readTitleText(title) : null,
    entries: elements(channel)
      .filter((e) => e.name === 'item')
      .map((e, i) => readRssItem(e, { ...opts, where: `${what} item ${i + 1}`, date })),
  };
}

/**
 * The payload as text. `auto` decoding follows the Content-Type charset; when the header names
 * none, an XML declaration's Latin-1 encoding is honoured here (a feed's own declaration).
 */
export function feedText(raw: RawPayload): string {
  if (/charset\s*=/i.test(raw.contentType ?? '')) return raw.text();
  const head = raw.body.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared && ['iso-8859-1', 'latin1', 'windows-1252', 'cp1252'].includes(declared)) {
    return new TextDecoder('windows-1252').decode(raw.body);
  }
  return raw.text();
}
