import type { DataPoint, NewsEntry } from '../../contract';
import { isRec, num, point, str, type Rec } from './report-input-util';
import type { LedgerLike } from './report-input';

/** Data points of the market side: technicals, the dividend record, macro context and news. */

const TECH_NUMBERS: readonly [string, string][] = [
  ['sma_20', 'Média móvel 20'],
  ['sma_50', 'Média móvel 50'],
  ['sma_200', 'Média móvel 200'],
  ['rsi_14', 'IFR 14'],
  ['atr_14', 'ATR 14'],
];

export function technicalPoints(block: Rec | null): DataPoint[] {
  if (!block) return [];
  const asOf = str(block['as_of']);
  const source = str(block['price_source']);
  const base = { group: 'technical' as const, as_of: asOf, source, detail: null };
  const ind = isRec(block['indicators']) ? block['indicators'] : {};
  const out: DataPoint[] = [];
  // Too few bars for a trend (issue 15): no trend and no signal to cite, rather than "sideways, neutral".
  const short = Array.isArray(block['insufficient'])
    ? block['insufficient'].some((x) => isRec(x) && x['indicator'] === 'trend')
    : false;
  const trend = isRec(block['trend']) && !short ? block['trend'] : null;
  const direction = trend ? str(trend['direction']) : null;
  if (direction)
    out.push(
      point({
        ...base,
        id: 'tech.trend',
        key: 'trend',
        label: 'Tendência',
        value: direction,
        unit: 'text',
        detail: trend ? str(trend['reason']) : null,
      }),
    );
  for (const [key, label] of TECH_NUMBERS) {
    const value = num(ind[key]);
    if (value !== null)
      out.push(
        point({ ...base, id: `tech.${key}`, key, label, value, unit: key === 'rsi_14' ? 'ratio' : 'BRL' }),
      );
  }
  const macd = isRec(ind['macd']) ? num(ind['macd']['histogram']) : null;
  if (macd !== null)
    out.push(
      point({
        ...base,
        id: 'tech.macd_histogram',
        key: 'macd_histogram',
        label: 'Histograma MACD',
        value: macd,
        unit: 'ratio',
      }),
    );
  const signals = isRec(block['signals']) ? block['signals'] : {};
  const overall = isRec(signals['overall']) && !short ? signals['overall'] : null;
  const signal = overall ? str(overall['signal']) : null;
  if (signal)
    out.push(
      point({
        ...base,
        id: 'tech.signal',
        key: 'signal',
        label: 'Sinal técnico geral',
        value: signal,
        unit: 'text',
        detail: overall ? str(overall['reason']) : null,
      }),
    );
  const sr = isRec(block['support_resistance']) ? block['support_resistance'] : {};
  const support = Array.isArray(sr['support']) ? num(sr['support'][0]) : null;
  const resistance = Array.isArray(sr['resistance']) ? num(sr['resistance'][0]) : null;
  if (support !== null)
    out.push(
      point({
        ...base,
        id: 'tech.support',
        key: 'support',
        label: 'Suporte mais próximo',
        value: support,
        unit: 'BRL',
      }),
    );
  if (resistance !== null)
    out.push(
      point({
        ...base,
        id: 'tech.resistance',
        key: 'resistance',
        label: 'Resistência mais próxima',
        value: resistance,
        unit: 'BRL',
      }),
    );
  const close = num(block['last_close_raw']);
  if (close !== null)
    out.push(
      point({
        ...base,
        id: 'tech.close',
        key: 'close',
        label: 'Último fechamento',
        value: close,
        unit: 'BRL',
      }),
    );
  return out;
}

/** Subtract whole years from an ISO date (29 Feb → 28 Feb). */
function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

export function dividendPoints(
  ledger: readonly LedgerLike[],
  asOf: string,
  price: number | null,
): DataPoint[] {
  const cash = ledger.filter((e) => e.cash_per_share > 0 && e.date <= asOf);
  if (cash.length === 0) return [];
  const from12 = yearsBefore(asOf, 1);
  const year = Number(asOf.slice(0, 4));
  const last12 = cash.filter((e) => e.date > from12);
  const dps12 = last12.reduce((s, e) => s + e.cash_per_share, 0);
  // Complete calendar years only: the five before the report's year.
  const years5 = new Set(
    cash.map((e) => Number(e.date.slice(0, 4))).filter((y) => y >= year - 5 && y <= year - 1),
  );
  const sources = [...new Set(cash.flatMap((e) => e.sources))].join(', ');
  const base = { group: 'dividends' as const, as_of: asOf, source: sources || null };
  const last = cash.at(-1);
  const out: DataPoint[] = [
    point({
      ...base,
      id: 'div.dps_12m',
      key: 'dps_12m',
      label: 'Proventos por ação (12 meses)',
      value: dps12,
      unit: 'BRL',
      detail: `${last12.length} pagamentos`,
    }),
    point({
      ...base,
      id: 'div.years_paid_5y',
      key: 'years_paid_5y',
      label: `Anos com proventos (${year - 5}–${year - 1})`,
      value: years5.size,
      unit: 'count',
    }),
  ];
  if (price !== null && price > 0)
    out.push(
      point({
        ...base,
        id: 'div.yield_12m',
        key: 'yield_12m',
        label: 'Dividend yield 12 meses (ledger)',
        value: (dps12 / price) * 100,
        unit: 'pct',
        detail: 'proventos 12m / preço',
      }),
    );
  if (last)
    out.push(
      point({
        ...base,
        id: 'div.last',
        key: 'last',
        label: `Último provento (${last.kind})`,
        value: last.cash_per_share,
        unit: 'BRL',
        as_of: last.date,
      }),
    );
  return out;
}

export function macroPoints(block: Rec | null): DataPoint[] {
  const ctx = isRec(block?.['context']) ? block['context'] : {};
  const labels: [string, string][] = [
    ['selic_target', 'Selic meta'],
    ['selic_effective', 'Selic efetiva'],
    ['cdi_12m', 'CDI 12 meses'],
    ['ipca_12m', 'IPCA 12 meses'],
    ['usd_brl', 'Dólar (R$)'],
  ];
  return labels.flatMap(([key, label]) => {
    const v = ctx[key];
    if (!isRec(v) || num(v['value']) === null) return [];
    return [
      point({
        id: `macro.${key}`,
        group: 'macro',
        key,
        label,
        value: num(v['value']),
        unit: key === 'usd_brl' ? 'BRL' : 'pct',
        as_of: str(v['date']),
        source: 'bcb',
        detail: str(v['series']) ? `SGS ${String(v['series'])}` : null,
      }),
    ];
  });
}

export function newsPoints(news: readonly NewsEntry[], max: number): DataPoint[] {
  const items = news.slice(0, max);
  const out = items.map((n, i) =>
    point({
      id: `news.${i + 1}`,
      group: 'news',
      key: n.id,
      label: n.title,
      value: n.sentiment.score,
      unit: 'ratio',
      as_of: n.published_at,
      source: n.publisher ?? n.sources[0] ?? null,
      snapshot_id: n.snapshot_id,
      detail: n.url,
    }),
  );
  if (items.length > 0) {
    const avg = items.reduce((s, n) => s + n.sentiment.score, 0) / items.length;
    out.push(
      point({
        id: 'news.average',
        group: 'news',
        key: 'average',
        label: `Sentimento médio de ${items.length} notícias`,
        value: avg,
        unit: 'ratio',
        as_of: items[0]?.published_at ?? null,
        source: 'computed',
      }),
    );
  }
  return out;
}
