import { useId, useState, type FormEvent } from 'react';
import type { Output } from '../../../../services/contract';
import { getClient } from '../../client';
import { useI18n } from '../../i18n/use-i18n';
import { useApp } from '../../store/app-store-context';
import { toUiError } from '../../store/errors';
import { formatPct, returnsNote } from './macro-format';

type Answer = Output<'macro.realReturns'>;

/** A ticker's nominal and real return over a chosen period, against IPCA and CDI (macro.realReturns). */
export function RealReturns() {
  const { t, locale, date, money } = useI18n();
  const selected = useApp((s) => s.selected);
  const [ticker, setTicker] = useState(selected ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const run = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!ticker.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setAnswer(
        await getClient().call('macro.realReturns', {
          ticker: ticker.trim(),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        }),
      );
    } catch (err) {
      setAnswer(null);
      setError(toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const r = answer?.result ?? null;
  const pct = (v: number | null): string => (v === null ? '—' : formatPct(v, locale, true));
  const cdi = answer?.cdi ? `SGS ${answer.cdi.code} (${answer.cdi.basis})` : t('macro.returns.noSeries');

  return (
    <section className="panel" data-testid="real-returns" aria-labelledby={`${id}-title`}>
      <h3 className="panel-title" id={`${id}-title`}>
        {t('macro.returns.title')}
      </h3>
      <p className="muted">{t('macro.returns.intro')}</p>
      <form className="real-returns-form" onSubmit={(e) => void run(e)}>
        <label>
          {t('macro.returns.ticker')}
          <input
            data-testid="real-returns-ticker"
            value={ticker}
            maxLength={16}
            onChange={(e) => setTicker(e.currentTarget.value.toUpperCase())}
          />
        </label>
        <label>
          {t('macro.returns.from')}
          <input
            type="date"
            data-testid="real-returns-from"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('macro.returns.to')}
          <input
            type="date"
            data-testid="real-returns-to"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          className="button"
          disabled={busy || !ticker.trim()}
          data-testid="real-returns-run"
        >
          {busy ? t('macro.returns.running') : t('macro.returns.run')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert" data-testid="real-returns-error">
          {error}
        </p>
      )}
      {answer && !r && (
        <p data-testid="real-returns-none">
          {t('macro.returns.none', { reason: returnsNote(answer.reason ?? '', locale) })}
        </p>
      )}
      {answer && r && (
        <div data-testid="real-returns-result" role="status">
          <dl className="summary-grid">
            <dt>{t('macro.returns.nominal')}</dt>
            <dd data-testid="rr-nominal">{pct(r.nominal_pct)}</dd>
            <dt>{t('macro.returns.ipca')}</dt>
            <dd data-testid="rr-ipca">{pct(r.ipca_pct)}</dd>
            <dt>{t('macro.returns.real')}</dt>
            <dd data-testid="rr-real">{pct(r.real_pct)}</dd>
            <dt>{t('macro.returns.cdi')}</dt>
            <dd data-testid="rr-cdi">{pct(r.cdi_pct)}</dd>
            <dt>{t('macro.returns.excess')}</dt>
            <dd data-testid="rr-excess">{pct(r.excess_vs_cdi_pct)}</dd>
          </dl>
          <p className="muted">
            {t('macro.returns.closes', {
              from: date(r.from),
              closeFrom: money(r.close_from),
              to: date(r.to),
              closeTo: money(r.close_to),
              source: answer.prices_source,
            })}
          </p>
          <p className="muted" data-testid="rr-series">
            {t('macro.returns.series', { ipca: answer.ipca ? answer.ipca.code : '—', cdi })} ·{' '}
            {r.ipca_months === 1
              ? t('macro.returns.monthsOne')
              : t('macro.returns.months', { count: r.ipca_months })}
          </p>
          {r.notes.length > 0 && (
            <details>
              <summary>{t('macro.returns.notes')}</summary>
              <ul>
                {r.notes.map((n) => (
                  <li key={n}>{returnsNote(n, locale)}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
