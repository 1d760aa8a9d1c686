import type { Output } from '../../../../services/contract';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';

export type Home = Output<'home.get'>;

/** A sparkline of closes (oldest first) as an inline SVG; nothing for fewer than two points. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return <span className="muted">—</span>;
  const w = 96;
  const h = 24;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const pts = values
    .map((v, i) => `${((i / (values.length - 1)) * w).toFixed(1)},${(h - ((v - min) / span) * h).toFixed(1)}`)
    .join(' ');
  const up = values.at(-1)! >= values[0]!;
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <polyline points={pts} fill="none" stroke={up ? '#1a7f37' : '#cf222e'} strokeWidth="1.5" />
    </svg>
  );
}

export function signedPct(v: number | null, locale: string): string {
  if (v === null) return '—';
  const s = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  return `${v > 0 ? '+' : ''}${s}%`;
}

export function BreadthPanel({ b }: { b: Home['breadth'] }) {
  const { t, date, money, int, locale } = useI18n();
  return (
    <section className="panel home-panel" data-testid="home-breadth" aria-label={t('home.breadth')}>
      <h2>{t('home.breadth')}</h2>
      {!b.date ? (
        <p className="muted">{t('home.noSessions')}</p>
      ) : b.previous_date ? (
        <>
          <p className="muted">
            {t('home.breadthOf', { date: date(b.date), previous: date(b.previous_date) })}
          </p>
          <p className="home-breadth-counts">
            <span className="up" data-testid="home-advancers">
              {t('home.advancers')}: {int(b.advancers)}
            </span>{' '}
            <span className="down" data-testid="home-decliners">
              {t('home.decliners')}: {int(b.decliners)}
            </span>{' '}
            <span>
              {t('home.unchanged')}: {int(b.unchanged)}
            </span>
          </p>
          <div className="home-moves">
            {(['gainers', 'losers'] as const).map((k) => (
              <div key={k}>
                <h3>{t(`home.${k}`)}</h3>
                <ul className="plain-list">
                  {b[k].map((m) => (
                    <li key={m.ticker}>
                      <a href={`#/asset/${m.ticker}`}>{m.ticker}</a> {money(m.close)}{' '}
                      <span className={m.change_pct >= 0 ? 'up' : 'down'}>
                        {signedPct(m.change_pct, locale)}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </>
      ) : (
        <p className="muted" data-testid="home-breadth-single">
          {t('home.breadthSingle', { date: date(b.date) })}
        </p>
      )}
      {b.most_traded.length > 0 && (
        <>
          <h3>{t('home.mostTraded')}</h3>
          <ul className="plain-list" data-testid="home-most-traded">
            {b.most_traded.map((m) => (
              <li key={m.ticker}>
                <a href={`#/asset/${m.ticker}`}>{m.ticker}</a> {money(m.close)} ·{' '}
                <span className="muted">
                  {new Intl.NumberFormat(locale, { notation: 'compact' }).format(m.volume)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function MacroStrip({ macro }: { macro: Home['macro'] }) {
  const { t, date, locale } = useI18n();
  const num = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  return (
    <section className="panel home-macro" data-testid="home-macro" aria-label={t('home.macro')}>
      <h2>{t('home.macro')}</h2>
      <dl className="stats">
        {macro.map((m) => (
          <div className="stat" key={m.key} data-testid={`home-macro-${m.key}`}>
            <dt>{t(`home.macro.${m.key}` as MessageKey)}</dt>
            <dd>
              {m.value ? (
                <>
                  {m.key === 'usd_brl' ? `R$ ${num(m.value.value, 4)}` : `${num(m.value.value, 2)}%`}
                  <span className="current-source">
                    {t('home.macroSeries', { series: m.value.series, date: date(m.value.date) })}
                  </span>
                </>
              ) : (
                <span className="muted">{t('home.macroMissing', { series: m.wants.join(' / ') })}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const SENTIMENT: Record<string, MessageKey> = {
  positive: 'home.sentiment.positive',
  negative: 'home.sentiment.negative',
  neutral: 'home.sentiment.neutral',
};

export function NewsAndReports({ home }: { home: Home }) {
  const { t, date } = useI18n();
  return (
    <>
      <section className="panel home-panel" data-testid="home-news" aria-label={t('home.news')}>
        <h2>{t('home.news')}</h2>
        {home.news.length === 0 ? (
          <p className="muted">{t('home.noNews')}</p>
        ) : (
          <ul className="plain-list">
            {home.news.map((n) => (
              <li key={n.id}>
                <span className={`badge badge-${n.sentiment_label}`}>
                  {SENTIMENT[n.sentiment_label] ? t(SENTIMENT[n.sentiment_label]!) : n.sentiment_label}
                </span>{' '}
                <a href={n.url} target="_blank" rel="noreferrer noopener">
                  {n.title}
                </a>{' '}
                <span className="muted">
                  {n.publisher ?? ''} {n.published_at ? date(n.published_at.slice(0, 10)) : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel home-panel" data-testid="home-reports" aria-label={t('home.reports')}>
        <h2>{t('home.reports')}</h2>
        {home.reports.length === 0 ? (
          <p className="muted">{t('home.noReports')}</p>
        ) : (
          <ul className="plain-list">
            {home.reports.map((r) => (
              <li key={r.id}>
                <a href={`#/reports/${r.ticker}`}>{r.ticker}</a> · {date(r.created_at.slice(0, 10))} ·{' '}
                <span className="muted">{r.model_name}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function HealthPanel({ home }: { home: Home }) {
  const { t, date, int } = useI18n();
  return (
    <section className="panel home-panel" data-testid="home-health" aria-label={t('home.health')}>
      <h2>{t('home.health')}</h2>
      <p className="muted">
        {t('home.jobs', {
          running: int(home.jobs.running),
          pending: int(home.jobs.pending),
          failed: int(home.jobs.failed_24h),
        })}
      </p>
      {home.attention.length === 0 ? (
        <p>{t('home.allGood')}</p>
      ) : (
        <ul className="plain-list" data-testid="home-attention">
          {home.attention.slice(0, 8).map((a, i) => (
            <li key={`${a.kind}-${a.subject}-${i}`} data-kind={a.kind}>
              {t(`home.attention.${a.kind}` as MessageKey, {
                subject: a.subject,
                detail: a.detail ?? '',
                since: a.since ? date(a.since.slice(0, 10)) : '',
              })}
            </li>
          ))}
        </ul>
      )}
      <a href="#/sources">{t('home.openSources')}</a>
    </section>
  );
}
