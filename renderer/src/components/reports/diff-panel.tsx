import type { ReportDiff } from '../../../../services/contract';
import { formatNumber } from '../../i18n/format-analysis';
import { formatDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';

/**
 * A changed value as text: money for target prices, numbers in the locale, and objects (the model,
 * the parameters) as `key: value` pairs that can wrap, never as one long line of JSON.
 */
function useShow(): (field: string, v: unknown) => string {
  const { money, locale } = useI18n();
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number')
      return field.startsWith('target_prices') ? money(v) : formatNumber(v, locale, 4);
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return v.map((x) => show(field, x)).join(', ');
    if (typeof v === 'object')
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}: ${show(`${field}.${k}`, x)}`)
        .join(' · ');
    return JSON.stringify(v);
  };
  return show;
}

function TextList({ title, items, testId }: { title: string; items: readonly string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <div data-testid={testId} data-count={items.length}>
      <h4 className="sub-title">{title}</h4>
      <ul>
        {items.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ul>
    </div>
  );
}

/** What changed between two reports: fields, points made, and the data under them. */
export function DiffPanel({ diff }: { diff: ReportDiff }) {
  const { t, locale } = useI18n();
  const show = useShow();
  const changes = Object.entries(diff.changes);
  const when = (iso: string): string => formatDateTime(iso, locale, 'seconds');
  return (
    <div className="report-diff" data-testid="reports-diff-body">
      <p>
        {t('diff.between', {
          from: `${diff.from.model.id} ${when(diff.from.created_at)}`,
          to: `${diff.to.model.id} ${when(diff.to.created_at)}`,
        })}
      </p>
      <p className="muted" data-testid="diff-same">
        {diff.same_input ? t('diff.sameInput') : t('diff.otherInput')} ·{' '}
        {diff.same_prompt ? t('diff.samePrompt') : t('diff.otherPrompt')} ·{' '}
        {diff.same_model ? t('diff.sameModel') : t('diff.otherModel')}
      </p>
      {changes.length === 0 ? (
        <p className="muted" data-testid="diff-no-changes">
          {t('diff.noChanges')}
        </p>
      ) : (
        <div className="jobs-table-wrap">
          <table className="jobs-table diff-table" data-testid="diff-changes">
            <thead>
              <tr>
                <th scope="col">{t('diff.field')}</th>
                <th scope="col">{t('diff.from')}</th>
                <th scope="col">{t('diff.to')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map(([field, c]) => (
                <tr key={field} data-testid={`diff-change-${field}`}>
                  <th scope="row" className="row-head">
                    <code>{field}</code>
                  </th>
                  <td className="diff-from">{show(field, c.from)}</td>
                  <td className="diff-to">{show(field, c.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="report-columns">
        <TextList
          title={t('diff.strengthsAdded')}
          items={diff.strengths.added}
          testId="diff-strengths-added"
        />
        <TextList
          title={t('diff.strengthsRemoved')}
          items={diff.strengths.removed}
          testId="diff-strengths-removed"
        />
        <TextList title={t('diff.risksAdded')} items={diff.risks.added} testId="diff-risks-added" />
        <TextList title={t('diff.risksRemoved')} items={diff.risks.removed} testId="diff-risks-removed" />
      </div>
      {diff.data.changed.length > 0 && (
        <div data-testid="diff-data">
          <h4 className="sub-title">{t('diff.data')}</h4>
          <ul>
            {diff.data.changed.map((d) => (
              <li key={d.id} data-testid={`diff-data-${d.id}`}>
                <code>{d.id}</code> {d.label}: {show(d.id, d.from)} → {show(d.id, d.to)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <TextList title={t('diff.dataAdded')} items={diff.data.added} testId="diff-data-added" />
      <TextList title={t('diff.dataRemoved')} items={diff.data.removed} testId="diff-data-removed" />
    </div>
  );
}
