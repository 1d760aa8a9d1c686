import { describe, expect, it } from 'vitest';
import { parseRfc3339, parseRfc822 } from './feed-date';

describe('parseRfc822 (RSS pubDate)', () => {
  it.each([
    ['Wed, 05 Aug 2026 00:00:00 GMT', '2026-08-05T00:00:00Z'],
    ['Mon, 04 May 2026 10:31:12 -0300', '2026-05-04T13:31:12Z'],
    ['Mon, 04 May 2026 23:30:00 -0300', '2026-05-05T02:30:00Z'],
    ['4 May 2026 10:31 +0000', '2026-05-04T10:31:00Z'],
    ['Mon, 04 May 2026 10:31:12 -0000', '2026-05-04T10:31:12Z'],
    ['Mon, 04 May 2026 10:31:12 EST', '2026-05-04T15:31:12Z'],
    ['Mon, 04 May 2026 10:31:12 UT', '2026-05-04T10:31:12Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseRfc822(text)).toBe(iso);
  });

  it.each([
    '2026-05-04T10:31:12Z',
    'Mon, 31 Feb 2026 10:00:00 GMT',
    'Mon, 04 Mai 2026 10:00:00 GMT',
    'Mon, 04 May 26 10:00:00 GMT',
    'Mon, 04 May 2026 24:00:00 GMT',
    'Mon, 04 May 2026 10:00:00',
    'Mon, 04 May 2026 10:00:00 XYZ',
    'ontem',
    '',
  ])('refuses "%s"', (text) => {
    expect(parseRfc822(text)).toBeUndefined();
  });
});

describe('parseRfc3339 (Atom, embedded JSON)', () => {
  it.each([
    ['2026-05-04T10:31:12Z', '2026-05-04T10:31:12Z'],
    ['2026-05-04T10:31:12.250-03:00', '2026-05-04T13:31:12Z'],
    ['2026-05-04 10:31:12+0100', '2026-05-04T09:31:12Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseRfc3339(text)).toBe(iso);
  });

  it.each(['2026-05-04T10:31:12', '2026-05-04', '2026-02-30T10:00:00Z', '2026-05-04T10:31Z'])(
    'refuses "%s" (no offset, no time, not a day, no seconds)',
    (text) => {
      expect(parseRfc3339(text)).toBeUndefined();
    },
  );
});
