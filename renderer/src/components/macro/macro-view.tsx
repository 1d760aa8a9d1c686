import { useEffect, useMemo, useState } from 'react';
import type { MacroSeriesEntry, Output } from '../../../../services/contract';
import { getClient } from '../../client';
import { useI18n } from '../../i18n/use-i18n';
import { toUiError } from '../../store/errors';
import { LineChart } from '../chart/line-chart';
import { digitsFor, formatNumber, seriesName, unitText } from './macro-format';
import { IngestPanel } from './ingest-panel';
import { RealReturns } from './real-returns';

type Series = Output<'macro.series'>;
type History = Output<'macro.history'>;

function SeriesCard({ s, active, onPick }: { s: MacroSeriesEntry; active: boolean; onPick: () => void }) {
  const { t, locale, date, int } = useI18n();
  const name = seriesName(s, locale);
  return (
    <li className={`macro-card${active ? ' is-active' : ''}`} data-testid={`macro-series-${s.code}`}>
      <button
        type="button"
        className="macro-card-button"
        aria-pressed={active}
        aria-label={t('macro.show', { name })}
        onClick={onPick}
      >
        <span className="macro-card-name">{name}</span>
        <span className="macro-card-value" data-testid={`macro-value-${s.code}`}>
          {s.last_value === null ? '—' : formatNumber(s.last_value, locale, digitsFor(s.unit))}{' '}
          <span className="muted">{unitText(s.unit, t)}</span>
        </span>
        <span className="macro-card-meta muted" data-testid={`macro-meta-${s.code}`}>
          {t('macro.meta', {
            code: s.code,
            source: s.source ?? '—',
            count: int(s.points),
            date: s.last_date ? date(s.last_date) : '—',
          })}
        </span>
      </button>
    </li>
  );
}

function MissingSeries({ missing }: { missing: MacroSeriesEntry[] }) {
  const { t, locale } = useI18n();
  const [queued, setQueued] = useState<Record<number, string>>({});
  const fetchOne = async (s: MacroSeriesEntry): Promise<void> => {
    try {
      await getClient().call('jobs.create', { scraper_name: s.job.scraper_name, query: s.job.query });
      setQueued((q) => ({ ...q, [s.code]: t('macro.fetchQueued', { code: s.code }) }));
    } catch (e) {
      setQueued((q) => ({ ...q, [s.code]: toUiError(e).message }));
    }
  };
  if (missing.length === 0) return null;
  return (
    <section className="panel" data-testid="macro-missing" aria-labelledby="macro-missing-title">
      <h3 className="panel-title" id="macro-missing-title">
        {t('macro.missing.title')}
      </h3>
      <p className="muted">{t('macro.missing.intro')}</p>
      <ul className="macro-missing-list">
        {missing.map((s) => (
          <li key={s.code} data-testid={`macro-missing-${s.code}`}>
            <span>
              <strong>{t('macro.code', { code: s.code })}</strong> {seriesName(s, locale)}
            </span>
            <code className="muted">b3ai scrape bcb macro-series {s.code}</code>
            <button type="button" className="button button-small" onClick={() => void fetchOne(s)}>
              {t('macro.fetch', { code: s.code })}
            </button>
            {queued[s.code] && (
              <span role="status" className="muted">
                {queued[s.code]}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `#/macro`: the Banco Central series stored locally, a chart per series, and real returns. */
export function MacroView() {
  const { t, locale } = useI18n();
  const [series, setSeries] = useState<Series | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [picked, setPicked] = useState<number | null>(null);
  const [history, setHistory] = useState<History | null>(null);

  useEffect(() => {
    let live = true;
    getClient()
      .call('macro.series', {})
      .then((s) => {
        if (!live) return;
        setSeries(s);
        setPicked((p) => p ?? s.stored[0]?.code ?? null);
      })
      .catch((e: unknown) => live && setError(toUiError(e).message));
    return () => {
      live = false;
    };
  }, [reload]);

  useEffect(() => {
    if (picked === null) return;
    let live = true;
    getClient()
      .call('macro.history', { code: picked })
      .then((h) => live && setHistory(h))
      .catch((e: unknown) => live && setError(toUiError(e).message));
    return () => {
      live = false;
    };
  }, [picked]);

  const shown = history && history.series.code === picked ? history : null;
  const lines = useMemo(
    () => (shown ? [{ label: `SGS ${shown.series.code}`, color: '#2563eb', points: shown.points }] : []),
    [shown],
  );
  const digits = digitsFor(shown?.series.unit ?? null);
  const format = useMemo(() => (v: number) => formatNumber(v, locale, digits), [locale, digits]);
  const state = error ? 'failed' : series ? 'ready' : 'loading';

  return (
    <main className="jobs-view macro-view" data-testid="macro-view" data-state={state}>
      <h2 className="view-title">{t('macro.title')}</h2>
      <p className="muted">{t('macro.intro')}</p>
      {error && (
        <p className="form-error" role="alert">
          {t('macro.failed', { message: error })}
        </p>
      )}
      {!series && !error && <p className="muted">{t('macro.loading')}</p>}
      {series && series.stored.length === 0 && <p data-testid="macro-empty">{t('macro.empty')}</p>}
      {series && series.stored.length > 0 && (
        <ul className="macro-cards" data-testid="macro-cards">
          {series.stored.map((s) => (
            <SeriesCard key={s.code} s={s} active={s.code === picked} onPick={() => setPicked(s.code)} />
          ))}
        </ul>
      )}
      {shown && (
        <section className="panel" data-testid="macro-chart-panel">
          <h3 className="panel-title">
            {t('macro.chart', { name: seriesName(shown.series, locale), code: shown.series.code })}
          </h3>
          <LineChart
            lines={lines}
            locale={locale}
            format={format}
            label={t('macro.chart', { name: seriesName(shown.series, locale), code: shown.series.code })}
            testId="macro-chart"
          />
        </section>
      )}
      <RealReturns />
      {series && <MissingSeries missing={series.missing} />}
      <IngestPanel initialKind="bcb-macro-series" onDone={() => setReload((n) => n + 1)} />
    </main>
  );
}
