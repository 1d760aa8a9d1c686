import type { Inputs, Signal, SignalReading, Signals, TechnicalIndicators, TrendReading } from './types';

export const RSI_OVERSOLD = 30;
export const RSI_OVERBOUGHT = 70;
export const STOCH_OVERSOLD = 20;
export const STOCH_OVERBOUGHT = 80;

interface Vote {
  vote: number;
  text: string;
}

/** BUY when the votes sum above 0, SELL below 0, else NEUTRAL. */
function tally(votes: Vote[], inputs: Inputs, empty: string): SignalReading {
  const net = votes.reduce((a, v) => a + v.vote, 0);
  const signal: Signal = net > 0 ? 'BUY' : net < 0 ? 'SELL' : 'NEUTRAL';
  return { signal, reason: votes.length ? votes.map((v) => v.text).join('; ') : empty, inputs };
}

const f2 = (x: number): string => x.toFixed(2);

/**
 * Trend signal, one vote each: the trend direction (UP +1, DOWN −1); the MACD histogram (> 0 +1,
 * < 0 −1); EMA9 against EMA21 (above +1, below −1).
 */
export function trendSignal(ind: TechnicalIndicators, trend: TrendReading): SignalReading {
  const votes: Vote[] = [];
  if (trend.direction !== 'SIDEWAYS')
    votes.push({ vote: trend.direction === 'UP' ? 1 : -1, text: `trend ${trend.direction}` });
  else votes.push({ vote: 0, text: 'trend SIDEWAYS' });
  if (ind.macd) {
    const h = ind.macd.histogram;
    votes.push({ vote: Math.sign(h), text: `MACD ${h >= 0 ? 'above' : 'below'} its signal (${f2(h)})` });
  }
  if (ind.ema_9 !== null && ind.ema_21 !== null) {
    const d = ind.ema_9 - ind.ema_21;
    votes.push({ vote: Math.sign(d), text: `EMA9 ${d >= 0 ? 'above' : 'below'} EMA21` });
  }
  return tally(
    votes,
    { macd_histogram: ind.macd?.histogram ?? null, ema_9: ind.ema_9, ema_21: ind.ema_21 },
    '',
  );
}

/**
 * Momentum signal: RSI14 < 30 oversold (+1), > 70 overbought (−1); stochastic with %K and %D both
 * < 20 oversold (+1), both > 80 overbought (−1). A flat 14-bar range (%K defined as 0) does not vote.
 */
export function momentumSignal(ind: TechnicalIndicators, flatRange: boolean): SignalReading {
  const votes: Vote[] = [];
  if (ind.rsi_14 !== null) {
    const r = ind.rsi_14;
    const vote = r < RSI_OVERSOLD ? 1 : r > RSI_OVERBOUGHT ? -1 : 0;
    const state = vote > 0 ? 'oversold' : vote < 0 ? 'overbought' : 'neutral';
    votes.push({ vote, text: `RSI14 ${f2(r)} ${state} (${RSI_OVERSOLD}/${RSI_OVERBOUGHT})` });
  }
  if (ind.stochastic && !flatRange) {
    const { k, d } = ind.stochastic;
    const vote =
      k < STOCH_OVERSOLD && d < STOCH_OVERSOLD ? 1 : k > STOCH_OVERBOUGHT && d > STOCH_OVERBOUGHT ? -1 : 0;
    const state = vote > 0 ? 'oversold' : vote < 0 ? 'overbought' : 'neutral';
    votes.push({ vote, text: `stochastic %K ${f2(k)} %D ${f2(d)} ${state}` });
  } else if (ind.stochastic) votes.push({ vote: 0, text: 'stochastic: flat 14-bar range, no reading' });
  return tally(
    votes,
    { rsi_14: ind.rsi_14, stochastic_k: ind.stochastic?.k ?? null, stochastic_d: ind.stochastic?.d ?? null },
    'not enough bars for RSI14 or the stochastic',
  );
}

/**
 * Volatility signal: close at or below the lower Bollinger band +1 (stretched down), at or above
 * the upper band −1; zero-width bands (a flat window) do not vote; ATR14 as a percentage of the
 * close is reported, it does not vote.
 */
export function volatilitySignal(ind: TechnicalIndicators, close: number | null): SignalReading {
  const votes: Vote[] = [];
  const b = ind.bollinger;
  if (b && close !== null && b.upper === b.lower)
    votes.push({ vote: 0, text: 'zero-width bands (flat 20-bar window), no reading' });
  else if (b && close !== null) {
    const vote = close <= b.lower ? 1 : close >= b.upper ? -1 : 0;
    const where =
      vote > 0 ? 'at/below the lower band' : vote < 0 ? 'at/above the upper band' : 'inside the bands';
    votes.push({ vote, text: `close ${where} (bandwidth ${f2(b.bandwidth)}%)` });
  }
  const atrPct = ind.atr_14 !== null && close ? (ind.atr_14 / close) * 100 : null;
  if (atrPct !== null) votes.push({ vote: 0, text: `ATR14 ${f2(atrPct)}% of the close` });
  return tally(
    votes,
    {
      close,
      bollinger_upper: b?.upper ?? null,
      bollinger_lower: b?.lower ?? null,
      bollinger_bandwidth: b?.bandwidth ?? null,
      atr_pct: atrPct,
    },
    'not enough bars for the Bollinger bands or ATR14',
  );
}

/** Overall: the three signals vote; more BUY than SELL → BUY, more SELL → SELL, else NEUTRAL. */
export function computeSignals(
  ind: TechnicalIndicators,
  trend: TrendReading,
  close: number | null,
  flatRange: boolean,
): Signals {
  const parts = {
    trend: trendSignal(ind, trend),
    momentum: momentumSignal(ind, flatRange),
    volatility: volatilitySignal(ind, close),
  };
  const count = (s: Signal): number => Object.values(parts).filter((p) => p.signal === s).length;
  const buy = count('BUY');
  const sell = count('SELL');
  const overall: SignalReading = {
    signal: buy > sell ? 'BUY' : sell > buy ? 'SELL' : 'NEUTRAL',
    reason: `trend ${parts.trend.signal}, momentum ${parts.momentum.signal}, volatility ${parts.volatility.signal}: ${buy} BUY vs ${sell} SELL`,
    inputs: { buy, sell },
  };
  return { overall, ...parts };
}
