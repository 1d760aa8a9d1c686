import { useMemo, useState } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { formatPerShare } from '../../i18n/format-analysis';
import { useI18n } from '../../i18n/use-i18n';
import type { LedgerEntry } from '../../store/analysis-blocks';
import { useAnalysis } from '../../store/analysis-store-context';
import { isCash, newestFirst, yearlyTotals } from '../../store/dividend-years';
import { SlotError } from './slot-error';

const KIND: Record<string, MessageKey> = {
  dividend: 'div.kind.dividend',
  jcp: 'div.kind.jcp',
  rendimento: 'div.kind.rendimento',
  other_cash: 'div.kind.other_cash',
  split: 'div.kind.split',
  reverse_split: 'div.kind.reverse_split',
  bonus: 'div.kind.bonus',
};
/** Rows shown before "show all". */
const FIRST_ROWS = 20;

function Row({ e, index }: { e: LedgerEntry; index: number }) {
  const { t, locale, date } = useI18n();
  const reported = [...new Set(e.reports.map((r) => r.reported_date))];
  const kind = Object.hasOwn(KIND, e.kind) ? t(KIND[e.kind] as MessageKey) : e.kind;
  return (
    <tr data-testid={`div-row-${index}`} data-kind={e.kind}>
      <td>
        <time dateTime={e.date}>{date(e.date)}</time>
      </td>
      <td className="muted">{reported.map((d) => date(d)).join(', ')}</td>
      <td>{kind}</td>
      <td className="num">
        {isCash(e) ? formatPerShare(e.cash_per_share, locale) : `× ${e.factor.toLocaleString(locale)}`}
      </td>
      <td>{e.payment_date ? <time dateTime={e.payment_date}>{date(e.payment_date)}</time> : '—'}</td>
      <td>{e.sources.join(', ')}</td>
    </tr>
  );
}

function History({ ledger }: { ledger: readonly LedgerEntry[] }) {
  const { t, locale, int } = useI18n();
  const [all, setAll] = useState(false);
  const rows = useMemo(() => newestFirst(ledger), [ledger]);
  const years = useMemo(() => yearlyTotals(ledger), [ledger]);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);

  return (
    <div className="dividends-layout">
      <div>
        <div className="jobs-table-wrap" tabIndex={0} role="region" aria-label={t('div.title')}>
          <table className="jobs-table" data-testid="div-table" data-rows={rows.length}>
            <thead>
              <tr>
                <th scope="col">{t('div.exDate')}</th>
                <th scope="col">{t('div.reported')}</th>
                <th scope="col">{t('div.kind')}</th>
                <th scope="col" className="num">
                  {t('div.perShare')}
                </th>
                <th scope="col">{t('div.payment')}</th>
                <th scope="col">{t('div.sources')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e, i) => (
                <Row key={`${e.date}-${e.kind}-${i}`} e={e} index={i} />
              ))}
            </tbody>
          </table>
        </div>
        {rows.length > FIRST_ROWS && (
          <button
            type="button"
            className="button button-ghost button-small"
            data-testid="div-show-all"
            onClick={() => setAll(!all)}
          >
            {all ? t('div.showFewer') : t('div.showAll', { count: int(rows.length) })}
          </button>
        )}
      </div>
      <table className="jobs-table div-years" data-testid="div-years">
        <caption className="sub-title">{t('div.byYear')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('div.year')}</th>
            <th scope="col" className="num">
              {t('div.total')}
            </th>
            <th scope="col" className="num">
              {t('div.events')}
            </th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year} data-testid={`div-year-${y.year}`}>
              <td>{y.year}</td>
              <td className="num">{formatPerShare(y.total, locale)}</td>
              <td className="num">{int(y.events)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The corporate-action ledger (ex-date, kind, value per share, sources) and the cash paid per year. */
export function DividendsHistory() {
  const { t } = useI18n();
  const slot = useAnalysis((s) => s.dividends);
  return (
    <section
      className="panel analysis-card"
      data-testid="dividends-history"
      data-state={slot.phase}
      aria-label={t('div.title')}
    >
      <h3 className="panel-title">{t('div.title')}</h3>
      {slot.phase === 'failed' && slot.error ? (
        <SlotError error={slot.error} testId="dividends-error" />
      ) : slot.data && slot.data.ledger.length ? (
        <History ledger={slot.data.ledger} />
      ) : (
        <p className="muted" data-testid="dividends-empty">
          {slot.phase === 'ready' ? t('div.none') : t('analysis.loading')}
        </p>
      )}
    </section>
  );
}
