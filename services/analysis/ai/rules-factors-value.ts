import type { ReportLanguage } from '../../contract';
import { clamp, fmt, joinList, quantile, type Facts, type Factor } from './rules-data';

/**
 * The company factors of the rule-based writer: valuation against the price, multiples, quality,
 * debt and growth. Thresholds are percentage points (20 = 20 %) unless noted. Each returns null
 * when none of its data is present.
 */

/** The fair prices of the `val.*` models present (R$, positive), ascending. */
export function fairPrices(f: Facts): { id: string; value: number }[] {
  return f.input.data_points
    .filter((p) => p.group === 'valuation' && p.unit === 'BRL')
    .flatMap((p) => (typeof p.value === 'number' && p.value > 0 ? [{ id: p.id, value: p.value }] : []))
    .sort((a, b) => a.value - b.value || a.id.localeCompare(b.id));
}

/** Upside (%) of the median fair price → score: ≥ 30 → +3, ≥ 15 → +2, ≥ 5 → +1, > −5 → 0, > −15 → −1, > −30 → −2, else −3. */
export function upsideScore(upsidePct: number): number {
  if (upsidePct >= 30) return 3;
  if (upsidePct >= 15) return 2;
  if (upsidePct >= 5) return 1;
  if (upsidePct > -5) return 0;
  if (upsidePct > -15) return -1;
  if (upsidePct > -30) return -2;
  return -3;
}

/** ROE at or above this marks a company whose returns asset- and payout-based models underprice. */
export const HIGH_QUALITY_ROE = 20;

/**
 * Valuation: the median of the models' fair prices against the price. No single model decides: the
 * median needs most models to agree, the score is capped at ±1 with one model and ±2 with two, and
 * for a high-return company (ROE ≥ 20 %) a negative score is softened by one point, since the Graham
 * number and the Bazin/Barsi prices (book value, past dividends) do not price sustained high returns.
 */
export function valuationFactor(f: Facts): Factor | null {
  const fair = fairPrices(f);
  if (fair.length === 0) return null;
  const median = quantile(
    fair.map((m) => m.value),
    0.5,
  );
  const upside = (median / f.price - 1) * 100;
  const cap = Math.min(3, fair.length);
  let score = clamp(upsideScore(upside), -cap, cap);
  const roe = f.pick('fund.roe', 'comp.roe');
  const softened = score < 0 && roe !== null && roe.value >= HIGH_QUALITY_ROE;
  if (softened) score += 1;
  const above = fair.filter((m) => m.value > f.price).length;
  const n = fair.length;
  const citations = [...fair.map((m) => m.id), f.priceId, ...(softened && roe ? [roe.id] : [])];
  return {
    key: 'valuation',
    score,
    citations,
    text: (l) => {
      const F = fmt(l);
      const gap = F.pct1(Math.abs(upside));
      const base =
        l === 'en'
          ? `Median fair price of ${F.brl(median)} across ${n} valuation model${n > 1 ? 's' : ''}, ${gap} ${upside >= 0 ? 'above' : 'below'} the price of ${F.brl(f.price)} (${above} of ${n} above the price).`
          : `Preço justo mediano de ${F.brl(median)} em ${n} modelo${n > 1 ? 's' : ''} de valuation, ${gap} ${upside >= 0 ? 'acima' : 'abaixo'} da cotação de ${F.brl(f.price)} (${above} de ${n} acima do preço).`;
      if (!softened) return base;
      return l === 'en'
        ? `${base} The high ROE softens this reading: book- and dividend-based models do not price sustained high returns.`
        : `${base} O ROE alto atenua essa leitura: modelos baseados em patrimônio e proventos não precificam retornos altos sustentados.`;
    },
    short: (l) => {
      const F = fmt(l);
      return l === 'en'
        ? `median fair price of ${F.brl(median)} (${F.pctSigned(upside)} vs price)`
        : `preço justo mediano de ${F.brl(median)} (${F.pctSigned(upside)} sobre a cotação)`;
    },
  };
}

/** Multiples: P/L < 0 → −1 (losses), ≤ 8 → +0.5, > 25 → −0.5; P/VP ≤ 1 → +0.5, > 5 → −0.5. Sum in [−1, 1]. */
export function multiplesFactor(f: Facts): Factor | null {
  const pl = f.pick('fund.pl');
  const pvp = f.pick('fund.pvp');
  if (!pl && !pvp) return null;
  let score = 0;
  if (pl) score += pl.value < 0 ? -1 : pl.value <= 8 ? 0.5 : pl.value > 25 ? -0.5 : 0;
  if (pvp) score += pvp.value <= 1 ? 0.5 : pvp.value > 5 ? -0.5 : 0;
  score = clamp(score, -1, 1);
  const parts = (l: ReportLanguage): string[] => {
    const F = fmt(l);
    return [
      ...(pl ? [`${l === 'en' ? 'P/E' : 'P/L'} ${F.x(pl.value)}`] : []),
      ...(pvp ? [`${l === 'en' ? 'P/B' : 'P/VP'} ${F.x(pvp.value)}`] : []),
    ];
  };
  const word = (l: ReportLanguage): string =>
    l === 'en'
      ? score > 0
        ? 'Low multiples'
        : score < 0
          ? pl && pl.value < 0
            ? 'Negative earnings'
            : 'Demanding multiples'
          : 'Moderate multiples'
      : score > 0
        ? 'Múltiplos baixos'
        : score < 0
          ? pl && pl.value < 0
            ? 'Lucro negativo'
            : 'Múltiplos exigentes'
          : 'Múltiplos moderados';
  return {
    key: 'multiples',
    score,
    citations: [pl?.id, pvp?.id].filter((x): x is string => !!x),
    text: (l) => `${word(l)}: ${joinList(parts(l), l)}.`,
    short: (l) => `${word(l).toLowerCase()} (${parts(l).join(', ')})`,
  };
}

/**
 * Quality: ROE ≥ 20 → +1, ≥ 12 → +0.5, < 0 → −1, < 6 → −0.5; ROIC ≥ 15 → +1, ≥ 8 → +0.5, < 0 → −1,
 * < 5 → −0.5; net margin ≥ 15 → +0.5, < 0 → −1, < 5 → −0.5. Sum in [−2, 2]. Site values first,
 * those computed from CVM filings otherwise.
 */
export function qualityFactor(f: Facts): Factor | null {
  const roe = f.pick('fund.roe', 'comp.roe');
  const roic = f.pick('fund.roic', 'comp.roic');
  const margin = f.pick('fund.net_margin', 'comp.net_margin');
  if (!roe && !roic && !margin) return null;
  let score = 0;
  if (roe)
    score += roe.value >= 20 ? 1 : roe.value >= 12 ? 0.5 : roe.value < 0 ? -1 : roe.value < 6 ? -0.5 : 0;
  if (roic)
    score += roic.value >= 15 ? 1 : roic.value >= 8 ? 0.5 : roic.value < 0 ? -1 : roic.value < 5 ? -0.5 : 0;
  if (margin) score += margin.value >= 15 ? 0.5 : margin.value < 0 ? -1 : margin.value < 5 ? -0.5 : 0;
  score = clamp(score, -2, 2);
  const parts = (l: ReportLanguage): string[] => {
    const F = fmt(l);
    const of = l === 'en' ? 'of' : 'de';
    return [
      ...(roe ? [`ROE ${of} ${F.pct(roe.value)}`] : []),
      ...(roic ? [`ROIC ${of} ${F.pct(roic.value)}`] : []),
      ...(margin ? [`${l === 'en' ? 'net margin' : 'margem líquida'} ${of} ${F.pct(margin.value)}`] : []),
    ];
  };
  const level = (l: ReportLanguage): string =>
    l === 'en'
      ? score >= 1
        ? 'High profitability'
        : score <= -1
          ? 'Weak profitability'
          : 'Moderate profitability'
      : score >= 1
        ? 'Rentabilidade alta'
        : score <= -1
          ? 'Rentabilidade fraca'
          : 'Rentabilidade moderada';
  return {
    key: 'quality',
    score,
    citations: [roe?.id, roic?.id, margin?.id].filter((x): x is string => !!x),
    text: (l) => `${level(l)}: ${joinList(parts(l), l)}.`,
    short: (l) => `${level(l).toLowerCase()} (${parts(l)[0] ?? ''})`,
  };
}

/**
 * Debt: net debt/equity < 0 (net cash) → +1, ≤ 0.5 → +0.5, ≤ 1 → 0, ≤ 2 → −1, above → −2; current
 * ratio ≥ 1.5 → +0.5, < 1 → −0.5; net debt/EBITDA > 3 → −1, > 2 → −0.5. Sum in [−2, 2].
 */
export function debtFactor(f: Facts): Factor | null {
  const nde = f.pick('fund.net_debt_to_equity', 'comp.net_debt_to_equity');
  const cr = f.pick('fund.current_ratio', 'comp.current_ratio');
  const ndebitda = f.pick('fund.net_debt_to_ebitda', 'comp.net_debt_to_ebitda');
  if (!nde && !cr && !ndebitda) return null;
  let score = 0;
  if (nde)
    score += nde.value < 0 ? 1 : nde.value <= 0.5 ? 0.5 : nde.value <= 1 ? 0 : nde.value <= 2 ? -1 : -2;
  if (cr) score += cr.value >= 1.5 ? 0.5 : cr.value < 1 ? -0.5 : 0;
  if (ndebitda) score += ndebitda.value > 3 ? -1 : ndebitda.value > 2 ? -0.5 : 0;
  score = clamp(score, -2, 2);
  const netCash = nde !== null && nde.value < 0;
  const parts = (l: ReportLanguage): string[] => {
    const F = fmt(l);
    const en = l === 'en';
    return [
      ...(nde ? [`${en ? 'net debt/equity of' : 'dívida líquida/patrimônio de'} ${F.x(nde.value)}`] : []),
      ...(ndebitda
        ? [`${en ? 'net debt/EBITDA of' : 'dívida líquida/EBITDA de'} ${F.x(ndebitda.value)}`]
        : []),
      ...(cr ? [`${en ? 'current ratio of' : 'liquidez corrente de'} ${F.x(cr.value)}`] : []),
    ];
  };
  const head = (l: ReportLanguage): string => {
    const en = l === 'en';
    if (netCash) return en ? 'Net cash' : 'Caixa líquido';
    if (score >= 1) return en ? 'Low debt' : 'Endividamento baixo';
    if (score <= -1) return en ? 'High debt' : 'Endividamento alto';
    return en ? 'Moderate debt' : 'Endividamento moderado';
  };
  return {
    key: 'debt',
    score,
    citations: [nde?.id, ndebitda?.id, cr?.id].filter((x): x is string => !!x),
    text: (l) => `${head(l)}: ${joinList(parts(l), l)}.`,
    short: (l) => `${head(l).toLowerCase()} (${parts(l)[0] ?? ''})`,
  };
}

/** Growth: revenue CAGR 5y ≥ 10 → +1, ≥ 5 → +0.5, < 0 → −1; earnings CAGR 5y ≥ 10 → +0.5, < 0 → −0.5. In [−1.5, 1.5]. */
export function growthFactor(f: Facts): Factor | null {
  const rev = f.pick('fund.revenue_cagr_5y', 'comp.revenue_cagr_5y');
  const earn = f.pick('fund.earnings_cagr_5y', 'comp.earnings_cagr_5y');
  if (!rev && !earn) return null;
  let score = 0;
  if (rev) score += rev.value >= 10 ? 1 : rev.value >= 5 ? 0.5 : rev.value < 0 ? -1 : 0;
  if (earn) score += earn.value >= 10 ? 0.5 : earn.value < 0 ? -0.5 : 0;
  score = clamp(score, -1.5, 1.5);
  const parts = (l: ReportLanguage): string[] => {
    const F = fmt(l);
    const en = l === 'en';
    return [
      ...(rev ? [`${en ? 'revenue' : 'receita'} ${F.pctSigned(rev.value)} ${en ? 'a year' : 'ao ano'}`] : []),
      ...(earn
        ? [`${en ? 'earnings' : 'lucro'} ${F.pctSigned(earn.value)} ${en ? 'a year' : 'ao ano'}`]
        : []),
    ];
  };
  const head = (l: ReportLanguage): string => {
    const en = l === 'en';
    if (score > 0) return en ? 'Growth over 5 years' : 'Crescimento em 5 anos';
    if (rev && rev.value < 0) return en ? 'Shrinking revenue over 5 years' : 'Receita em retração em 5 anos';
    if (score < 0) return en ? 'Weak growth over 5 years' : 'Crescimento fraco em 5 anos';
    return en ? 'Slow growth over 5 years' : 'Crescimento lento em 5 anos';
  };
  return {
    key: 'growth',
    score,
    citations: [rev?.id, earn?.id].filter((x): x is string => !!x),
    text: (l) => `${head(l)}: ${joinList(parts(l), l)}.`,
    short: (l) => `${head(l).toLowerCase()} (${parts(l).join(', ')})`,
  };
}
