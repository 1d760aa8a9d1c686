import type { ReportLanguage } from '../../contract';
import { clamp, fmt, joinList, type Facts, type Factor } from './rules-data';

/**
 * The market factors of the rule-based writer: trend and momentum, dividend record, news sentiment
 * and liquidity (macro: rules-factors-macro.ts). Percent thresholds are percentage points. Each
 * returns null when none of its data is present.
 */

const words = (l: ReportLanguage, pt: string, en: string): string => (l === 'en' ? en : pt);

/**
 * Trend and momentum: trend UP +1 / DOWN −1; overall signal BUY +0.5 / SELL −0.5; last close above
 * the 200-day average +0.5, below −0.5; RSI 14 > 70 (overbought) −0.5, < 30 (oversold) +0.5.
 * Sum in [−2, 2].
 */
export function trendFactor(f: Facts): Factor | null {
  const trend = f.str('tech.trend');
  const signal = f.str('tech.signal');
  const sma200 = f.pick('tech.sma_200');
  const rsi = f.pick('tech.rsi_14');
  const close = f.pick('tech.close', 'price.last');
  if (!trend && !signal && !sma200 && !rsi) return null;
  let score = 0;
  const cites: string[] = [];
  const parts: ((l: ReportLanguage) => string)[] = [];
  if (trend) {
    score += trend === 'UP' ? 1 : trend === 'DOWN' ? -1 : 0;
    cites.push('tech.trend');
    parts.push((l) =>
      trend === 'UP'
        ? words(l, 'tendência de alta', 'uptrend')
        : trend === 'DOWN'
          ? words(l, 'tendência de baixa', 'downtrend')
          : words(l, 'tendência lateral', 'sideways trend'),
    );
  }
  if (signal) {
    score += signal === 'BUY' ? 0.5 : signal === 'SELL' ? -0.5 : 0;
    cites.push('tech.signal');
    parts.push((l) =>
      signal === 'BUY'
        ? words(l, 'sinal técnico de compra', 'technical buy signal')
        : signal === 'SELL'
          ? words(l, 'sinal técnico de venda', 'technical sell signal')
          : words(l, 'sinal técnico neutro', 'neutral technical signal'),
    );
  }
  if (sma200 && close) {
    const above = close.value >= sma200.value;
    score += above ? 0.5 : -0.5;
    cites.push(close.id, sma200.id);
    parts.push((l) => {
      const avg = fmt(l).brl(sma200.value);
      return above
        ? words(l, `preço acima da média de 200 dias (${avg})`, `price above its 200-day average (${avg})`)
        : words(l, `preço abaixo da média de 200 dias (${avg})`, `price below its 200-day average (${avg})`);
    });
  }
  if (rsi) {
    score += rsi.value > 70 ? -0.5 : rsi.value < 30 ? 0.5 : 0;
    cites.push(rsi.id);
    parts.push((l) => {
      const v = fmt(l).n(rsi.value);
      if (rsi.value > 70) return words(l, `IFR 14 sobrecomprado (${v})`, `overbought RSI 14 (${v})`);
      if (rsi.value < 30) return words(l, `IFR 14 sobrevendido (${v})`, `oversold RSI 14 (${v})`);
      return words(l, `IFR 14 em ${v}`, `RSI 14 at ${v}`);
    });
  }
  score = clamp(score, -2, 2);
  const head = (l: ReportLanguage): string =>
    score > 0
      ? words(l, 'Momento técnico favorável', 'Favourable technical momentum')
      : score < 0
        ? words(l, 'Momento técnico desfavorável', 'Unfavourable technical momentum')
        : words(l, 'Momento técnico neutro', 'Neutral technical momentum');
  return {
    key: 'trend',
    score,
    citations: [...new Set(cites)],
    text: (l) =>
      `${head(l)}: ${joinList(
        parts.map((p) => p(l)),
        l,
      )}.`,
    short: (l) => `${head(l).toLowerCase()} (${parts[0]?.(l) ?? ''})`,
  };
}

/** With no technical data: a neutral note, with the 12-month change and 52-week range when known. */
export function noTechnicalsNote(f: Facts): Factor {
  const change = f.pick('fund.change_12m');
  const min = f.pick('fund.min_52w');
  const max = f.pick('fund.max_52w');
  return {
    key: 'no_technicals',
    score: 0,
    citations: [f.priceId, change?.id, min?.id, max?.id].filter((x): x is string => !!x),
    text: (l) => {
      const F = fmt(l);
      const extra: string[] = [];
      if (change)
        extra.push(
          words(l, `variação de 12 meses de`, `12-month change of`) + ` ${F.pctSigned(change.value)}`,
        );
      if (min && max)
        extra.push(
          words(l, `faixa de 52 semanas de`, `52-week range of`) +
            ` ${F.brl(min.value)} ${words(l, 'a', 'to')} ${F.brl(max.value)}`,
        );
      const head = words(
        l,
        `Sem séries de preço para análise técnica; cotação de ${F.brl(f.price)}`,
        `No price series for technical analysis; price of ${F.brl(f.price)}`,
      );
      return extra.length ? `${head}, ${joinList(extra, l)}.` : `${head}.`;
    },
    short: (l) => words(l, 'sem análise técnica', 'no technical analysis'),
  };
}

/** Dividends: paid in ≥ 5 of the last 5 years +0.5, in ≤ 2 −0.5; 12-month yield ≥ 6 +1, ≥ 4 +0.5. In [−0.5, 1.5]. */
export function dividendFactor(f: Facts): Factor | null {
  const years = f.pick('div.years_paid_5y');
  const yld = f.pick('div.yield_12m', 'fund.dy');
  if (!years && !yld) return null;
  let score = 0;
  if (years) score += years.value >= 5 ? 0.5 : years.value <= 2 ? -0.5 : 0;
  if (yld) score += yld.value >= 6 ? 1 : yld.value >= 4 ? 0.5 : 0;
  score = clamp(score, -0.5, 1.5);
  const parts = (l: ReportLanguage): string[] => {
    const F = fmt(l);
    return [
      ...(years
        ? [
            words(
              l,
              `pagos em ${F.int(years.value)} dos últimos 5 anos`,
              `paid in ${F.int(years.value)} of the last 5 years`,
            ),
          ]
        : []),
      ...(yld
        ? [words(l, `dividend yield de ${F.pct(yld.value)}`, `dividend yield of ${F.pct(yld.value)}`)]
        : []),
    ];
  };
  const head = (l: ReportLanguage): string =>
    score >= 1
      ? words(l, 'Bom histórico de proventos', 'Solid dividend record')
      : score < 0
        ? words(l, 'Proventos irregulares', 'Irregular dividends')
        : words(l, 'Proventos', 'Dividends');
  return {
    key: 'dividends',
    score,
    citations: [years?.id, yld?.id].filter((x): x is string => !!x),
    text: (l) => `${head(l)}: ${joinList(parts(l), l)}.`,
    short: (l) => `${head(l).toLowerCase()} (${parts(l).at(-1) ?? ''})`,
  };
}

/** News: average ≥ 0.15 +1, ≥ 0.05 +0.5, ≤ −0.15 −1, ≤ −0.05 −0.5; halved with fewer than 3 items. */
export function newsFactor(f: Facts): Factor | null {
  const avg = f.pick('news.average');
  if (!avg) return null;
  const items = f.input.data_points.filter((p) => p.group === 'news' && /^news\.\d+$/.test(p.id));
  const count = items.length;
  const a = avg.value;
  let score = a >= 0.15 ? 1 : a >= 0.05 ? 0.5 : a <= -0.15 ? -1 : a <= -0.05 ? -0.5 : 0;
  if (count < 3) score /= 2;
  const scored = items.filter((p) => typeof p.value === 'number');
  const value = (p: (typeof items)[number]): number => (typeof p.value === 'number' ? p.value : 0);
  // The item that most drives the reading: the highest for a positive mean, the lowest otherwise.
  const pickBy = a >= 0 ? (x: number, y: number) => x > y : (x: number, y: number) => x < y;
  const top = scored.reduce<(typeof items)[number] | undefined>(
    (best, p) => (best === undefined || pickBy(value(p), value(best)) ? p : best),
    undefined,
  );
  const tone = (l: ReportLanguage): string =>
    score > 0
      ? words(l, 'positivo', 'positive')
      : score < 0
        ? words(l, 'negativo', 'negative')
        : words(l, 'neutro', 'neutral');
  return {
    key: 'news',
    score,
    citations: ['news.average', ...(top ? [top.id] : [])],
    text: (l) => {
      const F = fmt(l);
      const head = words(
        l,
        `Noticiário ${tone(l)}: sentimento médio de ${F.score(a)} em ${count} notícia${count === 1 ? '' : 's'}`,
        `${tone(l)[0]?.toUpperCase()}${tone(l).slice(1)} news flow: average sentiment of ${F.score(a)} over ${count} item${count === 1 ? '' : 's'}`,
      );
      if (!top || top.label === '') return `${head}.`;
      const lead = words(l, 'destaque', 'notably');
      return `${head}; ${lead}: "${top.label}" (${F.score(value(top))}).`;
    },
    short: (l) =>
      words(l, `noticiário ${tone(l)} (${fmt(l).score(a)})`, `${tone(l)} news (${fmt(l).score(a)})`),
  };
}

/** Liquidity: average daily volume ≥ R$ 10 mi +0.25, < R$ 1 mi −0.5. */
export function liquidityFactor(f: Facts): Factor | null {
  const vol = f.pick('fund.avg_volume_2m');
  if (!vol) return null;
  const score = vol.value >= 10e6 ? 0.25 : vol.value < 1e6 ? -0.5 : 0;
  const head = (l: ReportLanguage): string =>
    score > 0
      ? words(l, 'Liquidez alta', 'High liquidity')
      : score < 0
        ? words(l, 'Liquidez baixa', 'Low liquidity')
        : words(l, 'Liquidez moderada', 'Moderate liquidity');
  return {
    key: 'liquidity',
    score,
    citations: [vol.id],
    text: (l) =>
      `${head(l)}: ${words(l, 'volume médio diário de', 'average daily volume of')} ${fmt(l).brl(vol.value)}.`,
    short: (l) => head(l).toLowerCase(),
  };
}
