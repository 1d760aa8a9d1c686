/**
 * Tests only: a feed damaged the ways a site breaks it — cut short, <item>/<entry> renamed, the
 * first item's title or date broken, its link not http(s), an HTML error page or JSON instead.
 * Every variant must give LAYOUT_CHANGED.
 */
export function brokenFeeds(feed: string): [name: string, text: string][] {
  const tag = /<entry\b/.test(feed) ? 'entry' : 'item';
  const dateTag = tag === 'entry' ? /<(published|updated)>[^<]*<\/\1>/ : /<(pubDate)>[^<]*<\/pubDate>/;
  const first = feed.indexOf(`<${tag}`);
  const head = feed.slice(0, first);
  const rest = feed.slice(first);
  const onFirst = (re: RegExp, by: string | ((whole: string, name: string) => string)): string =>
    head + (typeof by === 'string' ? rest.replace(re, by) : rest.replace(re, by));
  return [
    ['cut short', feed.slice(0, Math.floor(feed.length * 0.6))],
    ['cut after the last item', feed.slice(0, feed.lastIndexOf(`</${tag}>`) + tag.length + 3)],
    [`<${tag}> renamed`, feed.replace(new RegExp(`<(/?)${tag}\\b`, 'g'), '<$1story')],
    ['first title removed', onFirst(/<title\b[^>]*>[\s\S]*?<\/title>/, '')],
    ['first title emptied', onFirst(/<title\b[^>]*>[\s\S]*?<\/title>/, '<title> </title>')],
    [
      'first date unreadable',
      onFirst(dateTag, (_w, name) => `<${name ?? 'pubDate'}>ontem às 10h</${name ?? 'pubDate'}>`),
    ],
    [
      'first link not http(s)',
      onFirst(
        tag === 'entry' ? /href="[^"]*"/ : /<link>[^<]*<\/link>/,
        tag === 'entry' ? 'href="javascript:void(0)"' : '<link>javascript:void(0)</link>',
      ),
    ],
    [
      'an HTML error page',
      '<!DOCTYPE html><html><head><title>503</title></head><body>Serviço indisponível</body></html>',
    ],
    ['JSON', '{"error":"rate limited"}'],
    ['empty', ''],
  ];
}
