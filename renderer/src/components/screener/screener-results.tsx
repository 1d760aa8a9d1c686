import { useState, type FormEvent } from 'react';
import { getClient } from '../../client';
import { errorText } from '../../i18n/error-messages';
import { formatMetric, metricLabel } from '../../i18n/metric-labels';
import { useI18n } from '../../i18n/use-i18n';
import type { ScreenerResult } from '../../store/screener-store';
import { CurrentCell } from '../current-value';

/** Excel reads `;`-separated UTF-8 correctly only with a byte-order mark. */
const BOM = '\ufeff';

/**
 * Downloads the CSV of the last run: a Blob URL on a temporary link, clicked once and released a
 * minute later (the download has started by then).
 */
export function downloadCsv(csv: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([BOM, csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.dataset['testid'] = 'screener-csv-link';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function CsvButton({ csv, filename }: { csv: string; filename: string }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="button button-ghost"
      data-testid="screener-export"
      data-filename={filename}
      onClick={() => downloadCsv(csv, filename)}
    >
      {t('screener.exportCsv')}
    </button>
  );
}

/** Saves the shown tickers as a new watchlist (the home page can show it). */
function SaveAsWatchlist({ tickers }: { tickers: string[] }) {
  const { t, locale, int } = useI18n();
  const [name, setName] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const onSave = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      const w = await getClient().call('watchlists.create', { name, tickers: tickers.slice(0, 50) });
      setNote({ ok: true, text: t('watchlist.saved', { name: w.name, count: int(w.tickers.length) }) });
    } catch (err) {
      setNote({ ok: false, text: errorText(err as { message: string }, locale) });
    }
  };
  return (
    <form className="home-add" onSubmit={(e) => void onSave(e)} aria-label={t('watchlist.saveAs')}>
      <input
        type="text"
        value={name}
        maxLength={60}
        placeholder={t('watchlist.name')}
        aria-label={t('watchlist.name')}
        data-testid="screener-watchlist-name"
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <button type="submit" className="button" data-testid="screener-save-watchlist" disabled={!name.trim()}>
        {t('watchlist.saveAs')}
      </button>
      {note && (
        <span
          role="status"
          className={note.ok ? 'muted' : 'form-error'}
          data-testid="screener-watchlist-note"
        >
          {note.text}
        </span>
      )}
    </form>
  );
}

export function ScreenerResults(props: { result: ScreenerResult; csv: string | null; name: string | null }) {
  const { t, locale, int, date } = useI18n();
  const { result, csv, name } = props;
  const day = result.timestamp.slice(0, 10);
  const filename = `screener-${(name ?? 'custom').replace(/[^\w-]+/g, '_')}-${day}.csv`;
  return (
    <section className="panel" data-testid="screener-results" aria-label={t('screener.results')}>
      <div className="sources-toolbar">
        <p data-testid="screener-total" data-total={result.total}>
          {t('screener.total', { total: int(result.total), shown: int(result.rows.length) })}
        </p>
        {csv !== null && <CsvButton csv={csv} filename={filename} />}
        {result.rows.length > 0 && <SaveAsWatchlist tickers={result.rows.map((r) => r.ticker)} />}
      </div>
      {result.rows.length === 0 ? (
        <p className="muted" data-testid="screener-empty">
          {t('screener.none')}
        </p>
      ) : (
        <div className="jobs-table-wrap">
          <table className="jobs-table" data-testid="screener-table">
            <thead>
              <tr>
                <th scope="col">{t('compare.ticker')}</th>
                <th scope="col">{t('fields.company')}</th>
                <th scope="col">{t('current.sector')}</th>
                <th scope="col">{t('fields.dataDate')}</th>
                {result.fields.map((f) => (
                  <th key={f} scope="col" className="num" title={f}>
                    {metricLabel(f, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.ticker} data-testid={`screener-row-${r.ticker}`}>
                  <th scope="row" className="row-head">
                    <a href={`#/asset/${r.ticker}`}>{r.ticker}</a>
                  </th>
                  <td data-testid={`screener-name-${r.ticker}`}>{r.name ?? '—'}</td>
                  <td>{r.sector ?? '—'}</td>
                  <td data-testid={`screener-asof-${r.ticker}`}>{r.as_of ? date(r.as_of) : '—'}</td>
                  {result.fields.map((f) => (
                    <td key={f} className="num">
                      {r.current[f] ? (
                        <CurrentCell
                          value={r.current[f]}
                          reference={r.current['price']?.as_of ?? null}
                          testId={`screener-${f}-${r.ticker}`}
                          compact
                        />
                      ) : (
                        <span data-testid={`screener-${f}-${r.ticker}`}>
                          {formatMetric(f, r.values[f] ?? null, locale)}
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
