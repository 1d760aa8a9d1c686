import { defineFetcher, type RequestSpec } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { QuoteItem } from '../models';
import type { SourceQuery } from '../query';
import { assertSignedIn } from '../shared/browser-payload';
import { cellNumber, cellPercent, columns, headerTable, pageTicker } from './table';

const WHAT = 'advfn quote';
const LABELS = [
  'Último',
  'Variação',
  'Variação %',
  'Abertura',
  'Máxima',
  'Mínima',
  'Volume',
  'Fech. Anterior',
  'Data/Hora',
] as const;

export function checkedPage(html: string, ticker: string, what: string): void {
  assertSignedIn(html, what);
  const onPage = pageTicker(html);
  if (onPage === null) throw layoutChanged(`${what}: no asset heading with a ticker`);
  if (onPage !== ticker) throw layoutChanged(`${what}: the page is for ${onPage}, ${ticker} was asked`);
}

export function advfnRequest(q: SourceQuery, baseUrl: string, page: string, waitFor: string): RequestSpec {
  if (!q.ticker) throw new SourceError('INVALID_INPUT', 'advfn: a ticker is required');
  return {
    url: `${baseUrl}/bolsa-de-valores/bovespa/${encodeURIComponent(q.ticker)}/${page}`,
    browser: { waitFor },
  };
}

/** "06/12/2024 17:07", São Paulo time (UTC−3 since 2019) → ISO. */
function quotedAt(text: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) throw layoutChanged(`${WHAT}: "Data/Hora" is not dd/mm/yyyy hh:mm`);
  const [, d, mo, y, h, mi] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:00-03:00`);
  if (Number.isNaN(at.getTime())) throw layoutChanged(`${WHAT}: "Data/Hora" is not a date`);
  return at.toISOString();
}

export const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request: (q, ctx) => advfnRequest(q, ctx.baseUrl, 'cotacao', 'table#quote_top'),
  transform(raw, q): QuoteItem[] {
    const ticker = q.ticker ?? '';
    const html = raw.text();
    checkedPage(html, ticker, WHAT);
    const t = headerTable(html, 'quote_top', WHAT);
    const c = columns(t, LABELS, WHAT);
    if (t.rows.length !== 1) throw layoutChanged(`${WHAT}: ${t.rows.length} quote rows, not 1`);
    const row = t.rows[0] ?? [];
    const n = (l: (typeof LABELS)[number]) => cellNumber(row, c[l], l, WHAT);
    const price = cellNumber(row, c['Último'], 'Último', WHAT, false) ?? 0;
    return [
      {
        ticker,
        price,
        change: n('Variação'),
        change_pct: cellPercent(row, c['Variação %'], 'Variação %', WHAT),
        previous_close: n('Fech. Anterior'),
        open: n('Abertura'),
        high: n('Máxima'),
        low: n('Mínima'),
        volume: n('Volume'),
        market_cap: null,
        currency: 'BRL',
        quoted_at: quotedAt(row[c['Data/Hora']] ?? ''),
        name: null,
      },
    ];
  },
});
