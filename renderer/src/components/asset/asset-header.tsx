import type { DailyBar, Security } from '../../../../services/contract';
import type { CurrentValues, ResolvedValue } from '../../../../services/contract/current-value';
import { formatSignedPct } from '../../i18n/format-analysis';
import { metricLabel } from '../../i18n/metric-labels';
import { useI18n } from '../../i18n/use-i18n';
import { useFundamentals } from '../../store/sources-store-context';
import { CurrentBadge, CurrentCell } from '../current-value';
import { SectionNav } from './section-nav';

/** A site's own daily change (percentage points), with its source, date and badge. */
function SiteChange({ value, reference }: { value: ResolvedValue; reference: ResolvedValue | undefined }) {
  const { t, date, locale } = useI18n();
  return (
    <>
      <span
        data-testid="asset-change"
        data-value={value.value}
        data-source={value.source}
        data-as-of={value.as_of ?? ''}
        className={value.value > 0 ? 'is-up' : value.value < 0 ? 'is-down' : undefined}
        title={t('current.source', { source: value.source, date: value.as_of ? date(value.as_of) : '' })}
      >
        {formatSignedPct(value.value, locale, 2)}
      </span>{' '}
      <CurrentBadge value={value} reference={reference?.as_of ?? null} testId="asset-change-badge" compact />
    </>
  );
}

/** The daily change: the sites' own (when of the price's date), else B3's last two closes. */
function DailyChange({ current, bars }: { current: CurrentValues | null; bars: readonly DailyBar[] }) {
  const { t, date, locale } = useI18n();
  const price = current?.['price'];
  const site = current?.['change_day'];
  const last = bars.at(-1);
  const prev = bars.at(-2);
  if (site && (!price || site.as_of === price.as_of)) return <SiteChange value={site} reference={price} />;
  if (
    price &&
    last &&
    prev &&
    price.source === 'b3-cotahist' &&
    last.date === price.as_of &&
    prev.close > 0
  ) {
    const pct = (last.close / prev.close - 1) * 100;
    return (
      <span
        data-testid="asset-change"
        data-value={pct}
        data-source="b3-cotahist"
        data-as-of={last.date}
        className={pct > 0 ? 'is-up' : pct < 0 ? 'is-down' : undefined}
        title={t('asset.changeFromBars', {
          source: 'b3-cotahist',
          date: date(last.date),
          prev: date(prev.date),
        })}
      >
        {formatSignedPct(pct, locale, 2)}
      </span>
    );
  }
  // A change of another date than the price's: shown with its own date, never as today's.
  if (site) return <SiteChange value={site} reference={price} />;
  return <span data-testid="asset-change">—</span>;
}

/** The sector as the latest detail page gives it, with its source. */
function Sector() {
  const { t } = useI18n();
  const sector = useFundamentals((s) => s.data?.metrics.find((m) => m.key === 'sector')?.values[0]);
  if (!sector || typeof sector.value !== 'string')
    return (
      <span className="muted" data-testid="asset-sector">
        {t('asset.noSector')}
      </span>
    );
  return (
    <span
      data-testid="asset-sector"
      data-source={sector.source}
      title={t('asset.sectorSource', { source: sector.source })}
    >
      {sector.value}
    </span>
  );
}

/** The date the numbers are of: the price's, and the indicators' when it differs. */
function DataDate({ price, pl }: { price: ResolvedValue | undefined; pl: ResolvedValue | undefined }) {
  const { t, date } = useI18n();
  const p = price?.as_of ?? null;
  const f = pl?.as_of ?? null;
  return (
    <span
      data-testid="asset-data-date"
      data-as-of={p ?? ''}
      data-fundamentals-as-of={f ?? ''}
      title={t('asset.dataDateTitle', { price: p ? date(p) : '—', fund: f ? date(f) : '—' })}
    >
      {p ? date(p) : '—'}
      {f && f !== p && pl?.as_of_basis !== 'unknown' && <span className="current-source">{date(f)}</span>}
    </span>
  );
}

/**
 * The asset page's header, which stays at the top while the page scrolls: ticker and name, sector,
 * the current price with its daily change, P/L, P/VP and DY, the data's date (each with its source
 * and date, from the one resolver), and the sections' tabs.
 */
export function AssetHeader(props: {
  ticker: string;
  security: Security | null;
  bars: readonly DailyBar[];
  current: CurrentValues | null;
  /** Changes when the page's content has loaded (a linked section is scrolled to again). */
  settled: string;
}) {
  const { t, money, date, locale } = useI18n();
  const { ticker, security, bars, current, settled } = props;
  const price = current?.['price'];
  const ref = price?.as_of ?? null;
  return (
    <header className="asset-head asset-sticky" data-testid="asset-header">
      <div className="asset-head-row">
        <h2 className="asset-title">
          <span className="asset-ticker" data-testid="asset-ticker">
            {ticker}
          </span>
          {security && (
            <span className="asset-name" data-testid="asset-name">
              {security.name}
              {security.specification ? <small> {security.specification}</small> : null}
            </span>
          )}
        </h2>
        <Sector />
      </div>
      <dl className="asset-head-stats">
        <div className="head-stat head-stat-main">
          <dt>{t('current.price')}</dt>
          <dd data-testid="last-close" data-source={price?.source ?? ''} data-as-of={price?.as_of ?? ''}>
            {price ? money(price.value) : '—'}
            {price && (
              <span className="current-source" data-testid="last-close-source">
                {price.source}
                {price.as_of && price.as_of_basis !== 'unknown' ? ` · ${date(price.as_of)}` : ''}{' '}
                <CurrentBadge value={price} testId="last-close-badge" />
              </span>
            )}
          </dd>
        </div>
        <div className="head-stat">
          <dt>{t('asset.change')}</dt>
          <dd>
            <DailyChange current={current} bars={bars} />
          </dd>
        </div>
        {(['pl', 'pvp', 'dy'] as const).map((k) => (
          <div className="head-stat" key={k}>
            <dt>{metricLabel(k, locale)}</dt>
            <dd>
              <CurrentCell value={current?.[k]} reference={ref} testId={`asset-current-${k}`} compact />
            </dd>
          </div>
        ))}
        <div className="head-stat">
          <dt>{t('asset.dataDate')}</dt>
          <dd>
            <DataDate price={price} pl={current?.['pl']} />
          </dd>
        </div>
      </dl>
      <SectionNav ticker={ticker} settled={settled} />
    </header>
  );
}
