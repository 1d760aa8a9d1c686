import type { ReportBody } from '../../../../services/contract';
import { formatSignedPct } from '../../i18n/format-analysis';
import { useI18n } from '../../i18n/use-i18n';
import { scalePositions, upsidePct } from './report-format';

type Targets = NonNullable<ReportBody['target_prices']>;
const KEYS = ['conservative', 'moderate', 'optimistic'] as const;

/**
 * The three target prices and the price on one horizontal scale, then the same as text: each
 * target with its upside against the price.
 */
export function TargetScale(props: { targets: Targets; price: number | null; priceAsOf: string | null }) {
  const { t, locale, money, date } = useI18n();
  const { targets, price, priceAsOf } = props;
  const pos = scalePositions(
    price === null ? KEYS.map((k) => targets[k]) : [...KEYS.map((k) => targets[k]), price],
  );
  return (
    <div className="target-scale" data-testid="report-targets">
      <div className="target-track" role="img" aria-label={t('report.scale')}>
        <div className="target-line" />
        {KEYS.map((k) => (
          <span
            key={k}
            className={`target-mark target-${k}`}
            style={{ left: `${pos(targets[k])}%` }}
            data-testid={`report-mark-${k}`}
            title={`${t(`report.target.${k}`)}: ${money(targets[k])}`}
          >
            <span className="target-mark-label">{t(`report.targetShort.${k}`)}</span>
          </span>
        ))}
        {price !== null && (
          <span
            className="target-mark target-price"
            style={{ left: `${pos(price)}%` }}
            data-testid="report-mark-price"
            title={`${t('report.price')}: ${money(price)}`}
          >
            <span className="target-mark-label">{t('report.price')}</span>
          </span>
        )}
      </div>
      <dl className="target-list">
        {KEYS.map((k) => {
          const up = upsidePct(targets[k], price);
          return (
            <div key={k} data-testid={`report-target-${k}`} data-value={targets[k]}>
              <dt>{t(`report.target.${k}`)}</dt>
              <dd>
                {money(targets[k])}{' '}
                {up !== null && (
                  <span className={up >= 0 ? 'is-up' : 'is-down'} data-testid={`report-upside-${k}`}>
                    {t('report.upside', { pct: formatSignedPct(up, locale) })}
                  </span>
                )}
              </dd>
            </div>
          );
        })}
        <div data-testid="report-price" data-value={price ?? undefined}>
          <dt>{t('report.price')}</dt>
          <dd>
            {price === null
              ? t('report.noPrice')
              : priceAsOf
                ? t('report.priceAt', { price: money(price), date: date(priceAsOf) })
                : money(price)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
