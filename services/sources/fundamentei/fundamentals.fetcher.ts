import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { FundamentalsItem } from '../models';
import { assertSignedIn } from '../shared/browser-payload';
import { textOf } from '../shared/html';
import { mapLabels, type LabelledText, type Rule } from '../shared/label-values';

/**
 * Fundamentei's asset page (`/br/<ticker>`), rendered in the browser for a signed-in user: the
 * indicators as `<dl class="indicators">` term/definition pairs under the `<h1>` naming the
 * ticker. No capture exists: this structure and these labels are our reading of the public page;
 * only these labels are mapped, each pair is read on its own, and anything else is LAYOUT_CHANGED.
 */
const RULES: Record<string, Rule> = {
  Cotação: { key: 'price', form: 'price' },
  'Valor de Mercado': { key: 'market_cap', form: 'scaled' },
  'P/L': { key: 'pl', form: 'number' },
  'P/VP': { key: 'pvp', form: 'number' },
  'EV/EBITDA': { key: 'ev_ebitda', form: 'number' },
  'Dividend Yield': { key: 'dy', form: 'pct' },
  Payout: { key: 'payout', form: 'pct' },
  LPA: { key: 'lpa', form: 'number' },
  VPA: { key: 'vpa', form: 'number' },
  ROE: { key: 'roe', form: 'pct' },
  ROIC: { key: 'roic', form: 'pct' },
  'Margem Líquida': { key: 'net_margin', form: 'pct' },
  'Margem EBITDA': { key: 'ebitda_margin', form: 'pct' },
  'Dív. Líquida/EBITDA': { key: 'net_debt_to_ebitda', form: 'number' },
};
const REQUIRED = ['Cotação', 'P/L', 'P/VP'];
const WHAT = 'fundamentei page';

/** `<dt>`/`<dd>` pairs of the indicator lists; a list whose terms and definitions do not pair up is refused. */
export function indicatorPairs(html: string): LabelledText[] {
  const lists = [...html.matchAll(/<dl class="indicators"[^>]*>([\s\S]*?)<\/dl>/g)];
  const out: LabelledText[] = [];
  for (const l of lists) {
    const items = [...(l[1] ?? '').matchAll(/<(dt|dd)\b[^>]*>([\s\S]*?)<\/\1>/g)];
    for (let i = 0; i < items.length; i += 2) {
      const dt = items[i];
      const dd = items[i + 1];
      if (dt?.[1] !== 'dt' || dd?.[1] !== 'dd')
        throw layoutChanged(`${WHAT}: an indicator term without its value`);
      out.push({ label: textOf(dt[2] ?? ''), value: textOf(dd[2] ?? '') });
    }
  }
  return out;
}

export function parsePage(html: string, ticker: string): FundamentalsItem {
  assertSignedIn(html, WHAT);
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
  const onPage = h1 === undefined ? null : (textOf(h1).split(' ')[0]?.toUpperCase() ?? null);
  if (onPage === null) throw layoutChanged(`${WHAT}: no heading naming the ticker`);
  if (onPage !== ticker) throw layoutChanged(`${WHAT}: the page is for ${onPage}, ${ticker} was asked`);
  const { values, extra } = mapLabels(WHAT, indicatorPairs(html), RULES, REQUIRED);
  return { ticker, layout: 'company', as_of: null, values, extra };
}

export const fundamentalsFetcher = defineFetcher({
  model: 'fundamentals',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'fundamentei: a ticker is required');
    return {
      url: `${ctx.baseUrl}/br/${encodeURIComponent(q.ticker.toLowerCase())}`,
      browser: { waitFor: 'dl.indicators' },
    };
  },
  transform(raw, q) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'fundamentei: a ticker is required');
    return [parsePage(raw.text(), q.ticker)];
  },
});
