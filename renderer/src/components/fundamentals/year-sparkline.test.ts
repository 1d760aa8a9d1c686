import { createElement } from 'react';
// eslint-disable-next-line no-restricted-imports -- the test renders the component to its markup (no DOM here)
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { YearSparkline } from './year-sparkline';

const years = [
  {
    year: 2022,
    value: 28,
    source: 'status-invest',
    as_of: '2022-06-10',
    as_of_basis: 'fetched' as const,
    sources: 1,
  },
  {
    year: 2024,
    value: 35,
    source: 'fundamentus',
    as_of: '2024-12-30',
    as_of_basis: 'source' as const,
    sources: 2,
  },
  {
    year: 2026,
    value: 31.03,
    source: 'fundamentus',
    as_of: '2026-07-03',
    as_of_basis: 'source' as const,
    sources: 1,
  },
];

const render = (history: Parameters<typeof YearSparkline>[0]['history']): string =>
  renderToStaticMarkup(
    createElement(
      'table',
      null,
      createElement(
        'tbody',
        null,
        createElement('tr', null, createElement(YearSparkline, { metricKey: 'pl', unit: 'ratio', history })),
      ),
    ),
  );

describe('YearSparkline', () => {
  it('draws a line through the years, each year, value and source in its accessible name', () => {
    const html = render({ key: 'pl', undated: 0, years });
    expect(html).toContain('data-years="2022,2024,2026"');
    expect(html).toMatch(/<path d="M2 24 L48 2 L94 14\.\d+"/);
    expect(html.match(/<circle /g)).toHaveLength(3);
    expect(html).toContain(
      '2022: 28,00 (status-invest); 2024: 35,00 (fundamentus); 2026: 31,03 (fundamentus)',
    );
    expect(html).toContain('2022–2026');
  });

  it('shows a dash when the metric has no dated year', () => {
    const html = render({ key: 'pl', undated: 2, years: [] });
    expect(html).toContain('data-years="0"');
    expect(html).not.toContain('<svg');
  });
});
