/**
 * The RSS/Atom reader. The English Google News feed is a real capture (shared fixtures, see its
 * README); the other feeds here are our own minimal documents shaped after RSS 2.0 and Atom 1.0.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { errorCode, rawText } from '../test-support';
import { feedText, readFeed } from './feed';
import { brokenFeeds } from './news-broken';

const opts = { url: 'https://example.com/feed/', what: 'test feed' };
const codeOf = (text: string): Promise<string> => errorCode(() => readFeed(text, opts));

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Teste &amp; Cia</title><link>https://example.com/</link><description>d</description>
<item><title><![CDATA[Vale (VALE3) &amp; minério]]></title><link>/mercado/vale/</link>
<description>&lt;p&gt;Alta de &lt;b&gt;2%&lt;/b&gt;&amp;nbsp;hoje&lt;/p&gt;</description>
<dc:creator>Ana</dc:creator><pubDate>Mon, 04 May 2026 10:31:12 -0300</pubDate><category>a</category><category>b</category></item>
<item><title>Sem data</title><link>https://example.com/x?a=1&amp;b=2</link><source url="https://valor.globo.com">Valor</source></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom teste</title><id>urn:x</id><updated>2026-05-04T12:00:00Z</updated>
<entry><title type="html">Itaú &lt;em&gt;(ITUB4)&lt;/em&gt; lucra mais</title>
<link href="https://example.com/itau"/><link rel="enclosure" href="https://example.com/img.jpg"/>
<id>urn:1</id><published>2026-05-04T09:00:00-03:00</published><updated>2026-05-04T13:00:00Z</updated>
<summary>Resultado acima do esperado</summary><author><name>Redação</name></author></entry>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Só</p><p>atualizado</p></div></title><link rel="alternate" href="/b"/><id>urn:2</id><updated>2026-05-03T10:00:00.250+00:00</updated></entry>
</feed>`;

describe('readFeed: RSS 2.0', () => {
  it('reads items: CDATA and entities decoded, markup stripped, relative links resolved, dates in UTC', () => {
    const feed = readFeed(RSS, opts);
    expect(feed).toMatchObject({ format: 'rss', title: 'Teste & Cia' });
    expect(feed.entries).toEqual([
      {
        title: 'Vale (VALE3) & minério',
        link: 'https://example.com/mercado/vale/',
        publishedAt: '2026-05-04T13:31:12Z',
        description: 'Alta de 2% hoje',
        descriptionHtml: '<p>Alta de <b>2%</b>&nbsp;hoje</p>',
        author: 'Ana',
        source: null,
      },
      {
        title: 'Sem data',
        link: 'https://example.com/x?a=1&b=2',
        publishedAt: null,
        description: null,
        descriptionHtml: null,
        author: null,
        source: { name: 'Valor', url: 'https://valor.globo.com' },
      },
    ]);
  });

  it('a channel without items is an empty feed, not an error', () => {
    const empty = RSS.replace(/<item>[\s\S]*<\/item>/, '');
    expect(readFeed(empty, opts).entries).toEqual([]);
  });

  it.each(brokenFeeds(RSS))('LAYOUT_CHANGED: %s', async (_name, text) => {
    expect(await codeOf(text)).toBe('LAYOUT_CHANGED');
  });

  it('refuses what is not RSS 2.0, or not well-formed, naming the problem', () => {
    expect(() => readFeed(RSS.replace('version="2.0"', 'version="3.0"'), opts)).toThrow(/is not version 2.0/);
    expect(() => readFeed(RSS.replace('<category>a</category>', '<xyz>a</xyz>'), opts)).toThrow(
      /item 1: unknown element <xyz>/,
    );
    expect(() => readFeed(RSS.replace('</dc:creator>', '</dc:author>'), opts)).toThrow(
      /<dc:creator> closed by <\/dc:author>/,
    );
    expect(() => readFeed(RSS.replace('<dc:creator>', '<title>x</title><dc:creator>'), opts)).toThrow(
      /two <title> elements/,
    );
    expect(() => readFeed(`${RSS}<rss/>`, opts)).toThrow(/second root/);
    expect(() => readFeed('<rdf:RDF></rdf:RDF>', opts)).toThrow(/neither RSS <rss> nor Atom <feed>/);
  });
});

describe('readFeed: Atom 1.0', () => {
  it('reads entries: the alternate link, published before updated, html titles stripped', () => {
    const feed = readFeed(ATOM, opts);
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom teste' });
    expect(feed.entries.map((e) => [e.title, e.link, e.publishedAt, e.description, e.author])).toEqual([
      [
        'Itaú (ITUB4) lucra mais',
        'https://example.com/itau',
        '2026-05-04T12:00:00Z',
        'Resultado acima do esperado',
        'Redação',
      ],
      ['Só atualizado', 'https://example.com/b', '2026-05-03T10:00:00Z', null, null],
    ]);
  });

  it.each(brokenFeeds(ATOM))('LAYOUT_CHANGED: %s', async (_name, text) => {
    expect(await codeOf(text)).toBe('LAYOUT_CHANGED');
  });

  it('refuses a <feed> outside the Atom namespace and an entry without an alternate link', () => {
    expect(() => readFeed(ATOM.replace(' xmlns="http://www.w3.org/2005/Atom"', ''), opts)).toThrow(
      /not in the Atom namespace/,
    );
    expect(() => readFeed(ATOM.replace('<link href="https://example.com/itau"/>', ''), opts)).toThrow(
      /entry 1: no <link rel="alternate" href>/,
    );
  });
});

describe('the real Google News capture (English edition)', () => {
  it('reads its 6 items', () => {
    const text = readFileSync(fixture('rss', 'google_news_en-GB_brent_trimmed6.xml'), 'utf8');
    const feed = readFeed(text, opts);
    expect(feed.title).toBe('"Brent crude oil price" - Google News');
    expect(feed.entries).toHaveLength(6);
    expect(feed.entries[4]).toMatchObject({
      title: 'Oil price dives as US and Iran pause attacks - BBC',
      publishedAt: '2026-07-27T07:00:00Z',
      source: { name: 'BBC', url: 'https://www.bbc.com' },
    });
  });
});

describe('feedText', () => {
  it('honours a Latin-1 XML declaration when the header names no charset', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss>Ação</rss>', 'latin1');
    const raw = { ...rawText('', 'application/rss+xml'), body, text: () => body.toString('utf8') };
    expect(feedText(raw)).toContain('Ação');
    expect(feedText(rawText('<rss>Ação</rss>', 'text/xml; charset=utf-8'))).toContain('Ação');
  });
});
