import { useState } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { formatNumber } from '../../i18n/format-analysis';
import { useI18n } from '../../i18n/use-i18n';
import type { TechnicalBlock } from '../../store/analysis-blocks';
import { useAnalysis } from '../../store/analysis-store-context';
import { SlotError } from './slot-error';

const SIGNAL: Record<string, MessageKey> = {
  BUY: 'tech.signal.BUY',
  SELL: 'tech.signal.SELL',
  NEUTRAL: 'tech.signal.NEUTRAL',
};
const DIRECTION: Record<string, MessageKey> = {
  UP: 'tech.trend.UP',
  DOWN: 'tech.trend.DOWN',
  SIDEWAYS: 'tech.trend.SIDEWAYS',
};
const PATTERN: Record<string, MessageKey> = {
  golden_cross: 'tech.pattern.golden_cross',
  death_cross: 'tech.pattern.death_cross',
  macd_bullish_cross: 'tech.pattern.macd_bullish_cross',
  macd_bearish_cross: 'tech.pattern.macd_bearish_cross',
  bollinger_squeeze: 'tech.pattern.bollinger_squeeze',
  bollinger_upper_touch: 'tech.pattern.bollinger_upper_touch',
  bollinger_lower_touch: 'tech.pattern.bollinger_lower_touch',
};
const READINGS = ['overall', 'trend', 'momentum', 'volatility'] as const;
/** Indicator names for "too few bars" (the chart's labels). */
const INDICATOR: Record<string, MessageKey> = {
  trend: 'tech.trend',
  sma_20: 'tech.ind.sma_20',
  sma_50: 'tech.ind.sma_50',
  sma_200: 'tech.ind.sma_200',
  ema_9: 'tech.ind.ema_9',
  ema_21: 'tech.ind.ema_21',
  rsi_14: 'tech.ind.rsi_14',
  macd: 'tech.ind.macd',
  stochastic: 'tech.ind.stochastic',
  bollinger: 'tech.ind.bollinger',
  atr_14: 'tech.ind.atr_14',
  obv: 'tech.ind.obv',
  volume_sma_20: 'tech.ind.volume_sma_20',
  pivots: 'tech.ind.pivots',
};

const lookup = (map: Record<string, MessageKey>, key: string): MessageKey | undefined =>
  Object.hasOwn(map, key) ? map[key] : undefined;

/** Patterns shown before "show all". */
const FIRST_PATTERNS = 8;

function PatternList({ patterns }: { patterns: TechnicalBlock['patterns'] }) {
  const { t, date, int } = useI18n();
  const [all, setAll] = useState(false);
  if (patterns.length === 0)
    return (
      <p className="muted" data-testid="tech-patterns-empty">
        {t('tech.noPatterns')}
      </p>
    );
  const sorted = [...patterns].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <>
      <ul className="pattern-list" data-testid="tech-patterns" data-count={patterns.length}>
        {(all ? sorted : sorted.slice(0, FIRST_PATTERNS)).map((p) => {
          const key = lookup(PATTERN, p.type);
          return (
            <li key={`${p.type}-${p.date}`} title={p.description} data-pattern={p.type}>
              <time dateTime={p.date}>{date(p.date)}</time> {key ? t(key) : p.type}
            </li>
          );
        })}
      </ul>
      {sorted.length > FIRST_PATTERNS && (
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid="tech-patterns-all"
          onClick={() => setAll(!all)}
        >
          {all ? t('tech.showFewerPatterns') : t('tech.showAllPatterns', { count: int(sorted.length) })}
        </button>
      )}
    </>
  );
}

function Summary({ data }: { data: TechnicalBlock }) {
  const i18n = useI18n();
  const { t, locale, money, date } = i18n;
  const dir = lookup(DIRECTION, data.trend.direction);
  const ind = data.indicators;
  const levels = (xs: number[]) => (xs.length ? xs.map((x) => money(x)).join(' · ') : '—');
  const short = data.insufficient.find((x) => x.indicator === 'trend');
  const sessions = (n: number) =>
    n === 1 ? t('tech.sessionsOne') : t('tech.sessions', { count: i18n.int(n) });

  return (
    <>
      <p className="muted" data-testid="tech-span">
        {data.as_of
          ? data.bars === 1
            ? t('tech.spanOne', { date: date(data.as_of) })
            : t('tech.span', { count: i18n.int(data.bars), date: date(data.as_of) })
          : t('tech.noBars')}
      </p>
      {data.insufficient.length > 0 && (
        <div className="muted" data-testid="tech-insufficient" data-count={data.insufficient.length}>
          <p>{t('tech.tooFew', { bars: sessions(data.bars) })}</p>
          <ul className="pattern-list">
            {data.insufficient.map((x) => (
              <li key={x.indicator} data-testid={`tech-insufficient-${x.indicator}`}>
                {t('tech.needs', {
                  name: lookup(INDICATOR, x.indicator) ? t(INDICATOR[x.indicator]!) : x.indicator,
                  needs: sessions(x.needs),
                  bars: i18n.int(x.bars),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {short ? (
        <p data-testid="tech-trend" data-direction="INSUFFICIENT">
          {t('tech.trendInsufficient', { needs: sessions(short.needs) })}
        </p>
      ) : (
        <dl className="signal-grid">
          <div className="signal" data-testid="tech-trend" data-direction={data.trend.direction}>
            <dt>{t('tech.trend')}</dt>
            <dd title={data.trend.reason}>
              {dir ? t(dir) : data.trend.direction}{' '}
              <small className="muted">{t('tech.strength', { n: Math.round(data.trend.strength) })}</small>
            </dd>
          </div>
          {READINGS.map((r) => {
            const reading = data.signals[r];
            const key = lookup(SIGNAL, reading.signal);
            return (
              <div key={r} className="signal" data-testid={`tech-signal-${r}`} data-signal={reading.signal}>
                <dt>{t(`tech.reading.${r}`)}</dt>
                <dd title={reading.reason}>
                  <span className={`badge signal-${reading.signal.toLowerCase()}`}>
                    {key ? t(key) : reading.signal}
                  </span>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      <dl className="summary-grid tech-levels">
        <dt>{t('chart.rsi')}</dt>
        <dd data-testid="tech-rsi">{formatNumber(ind.rsi_14, locale, 1)}</dd>
        <dt>{t('chart.macd')}</dt>
        <dd>
          {ind.macd
            ? `${formatNumber(ind.macd.macd, locale, 3)} / ${formatNumber(ind.macd.signal, locale, 3)}`
            : '—'}
        </dd>
        <dt>{t('tech.support')}</dt>
        <dd data-testid="tech-support">{levels(data.support_resistance.support)}</dd>
        <dt>{t('tech.resistance')}</dt>
        <dd data-testid="tech-resistance">{levels(data.support_resistance.resistance)}</dd>
      </dl>
      <h4 className="sub-title">{t('tech.patterns')}</h4>
      <PatternList patterns={data.patterns} />
    </>
  );
}

/** Trend, the four signals, RSI/MACD, support and resistance, and the recent patterns with dates. */
export function TechnicalSummary() {
  const { t } = useI18n();
  const slot = useAnalysis((s) => s.technical);
  return (
    <section
      className="panel analysis-card"
      data-testid="technical-summary"
      data-state={slot.phase}
      aria-label={t('tech.title')}
    >
      <h3 className="panel-title">{t('tech.title')}</h3>
      {slot.phase === 'failed' && slot.error ? (
        <SlotError error={slot.error} testId="technical-error" />
      ) : slot.data ? (
        <Summary data={slot.data} />
      ) : (
        <p className="muted">{slot.phase === 'ready' ? t('tech.noBars') : t('analysis.loading')}</p>
      )}
    </section>
  );
}
