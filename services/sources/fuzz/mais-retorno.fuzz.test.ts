/**
 * Fuzz: Mais Retorno portal (news, the page's embedded __NEXT_DATA__ JSON). Seed: the source's OWN
 * fixture portal.html (not a capture). The JSON is mutated, then put back in its page.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import source from '../mais-retorno';
import type { ModelItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { assertNewsKept } from './news-mutations';
import { jsonSuite } from './suites';

const fetcher = source.fetchers.news;
if (!fetcher) throw new Error('mais-retorno: no news fetcher');

describe('mais-retorno news', () => {
  const page = readFileSync(new URL('../mais-retorno/fixtures/portal.html', import.meta.url), 'utf8');
  const open = page.indexOf('>', page.indexOf('id="__NEXT_DATA__"')) + 1;
  const close = page.indexOf('</script>', open);
  const head = Buffer.from(page.slice(0, open));
  const tail = Buffer.from(page.slice(close));
  const json = Buffer.from(page.slice(open, close));
  const inPage = (b: Buffer): Buffer => Buffer.concat([head, b, tail]);
  const t: Target<'news'> = { sourceId: 'mais-retorno', fetcher, query: {} };
  let original: ModelItem<'news'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, inPage(json));
  });
  jsonSuite(t, json, {
    runs: 120,
    rows: true,
    original: () => original,
    prepare: (b) => Promise.resolve(inPage(b)),
    kept: (items, orig, m) => assertNewsKept(items, orig, m),
  });
});
