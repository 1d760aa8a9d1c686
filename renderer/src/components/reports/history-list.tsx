import type { AiReportSummary } from '../../../../services/contract';
import { formatDateTime, formatFullDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { useReports } from '../../store/reports-store-context';
import { KindBadge, RecommendationBadge } from './report-badges';

function Row({ r }: { r: AiReportSummary }) {
  const { t, locale, money } = useI18n();
  const selected = useReports((s) => s.selected.includes(r.id));
  const openId = useReports((s) => s.open.id);
  const toggleSelect = useReports((s) => s.toggleSelect);
  const openReport = useReports((s) => s.openReport);
  const tp = r.target_prices;
  return (
    <tr data-testid={`history-row-${r.id}`} className={openId === r.id ? 'is-open' : undefined}>
      <td>
        <input
          type="checkbox"
          checked={selected}
          data-testid={`history-select-${r.id}`}
          aria-label={t('reports.selectOne', { id: r.id })}
          onChange={() => void toggleSelect(r.id)}
        />
      </td>
      <td>
        <time dateTime={r.created_at} title={formatFullDateTime(r.created_at, locale)}>
          {formatDateTime(r.created_at, locale, 'seconds')}
        </time>
      </td>
      <td title={`${r.model.provider}/${r.model.name}`}>
        {r.model.id} <KindBadge report={r} />
      </td>
      <td>
        <RecommendationBadge value={r.recommendation} />
      </td>
      <td className="num" data-testid={`history-targets-${r.id}`}>
        {tp ? `${money(tp.conservative)} / ${money(tp.moderate)} / ${money(tp.optimistic)}` : '—'}
      </td>
      <td className="num">{r.price === null ? '—' : money(r.price)}</td>
      <td>
        {r.flags.length > 0 && (
          <span className="badge status-retry" title={r.flags.map((f) => f.citation).join(', ')}>
            ⚠ {r.flags.length}
          </span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid={`history-open-${r.id}`}
          aria-pressed={openId === r.id}
          onClick={() => void openReport(r.id)}
        >
          {t('reports.open')}
        </button>
      </td>
    </tr>
  );
}

/** The ticker's reports, newest first: tick two to diff them, open one to read it. */
export function HistoryList({ reports }: { reports: readonly AiReportSummary[] }) {
  const { t } = useI18n();
  if (reports.length === 0)
    return (
      <p className="muted" data-testid="reports-history-empty">
        {t('reports.historyEmpty')}
      </p>
    );
  return (
    <>
      <p className="muted">{t('reports.selectHint')}</p>
      <div className="jobs-table-wrap">
        <table className="jobs-table" data-testid="reports-history-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.select')}</th>
              <th scope="col">{t('reports.col.date')}</th>
              <th scope="col">{t('reports.col.model')}</th>
              <th scope="col">{t('reports.col.rec')}</th>
              <th scope="col" className="num">
                {t('reports.col.targets')}
              </th>
              <th scope="col" className="num">
                {t('report.price')}
              </th>
              <th scope="col">{t('report.flags')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('reports.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <Row key={r.id} r={r} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
