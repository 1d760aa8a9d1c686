import { Fragment } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime, formatFullDateTime } from '../../i18n/format-time';
import { fundamentalLabel } from '../../i18n/fundamental-labels';
import { metricUnit } from '../../i18n/metric-labels';
import { useI18n } from '../../i18n/use-i18n';
import type { ComputedBlock } from '../../store/analysis-blocks';
import { discrepancyOf, type ConsensusRow } from '../../store/consensus-rows';
import { MAIN_GROUPS, type History, type RowGroup, type TableColumns } from '../../store/fundamental-groups';
import { valueFrom, type Fundamentals } from '../../store/fundamentals-store';
import { ComputedCells, ComputedDetail, ConsensusCells, ConsensusDetail } from '../analysis/consensus-cells';
import { Provenance } from './provenance';
import { ValueCell } from './value-cell';
import { YearSparkline } from './year-sparkline';

/**
 * The box shown under a row (null row: above the tables): a snapshot's provenance, the current
 * value's sources, or how the filings value was computed.
 */
export type OpenProvenance =
  | { kind: 'snapshot'; snapshotId: number; row: string | null }
  | { kind: 'consensus' | 'computed'; row: string; snapshotId?: undefined }
  | null;

export interface GroupTableProps {
  group: RowGroup;
  columns: TableColumns;
  data: Fundamentals | null;
  computed: ComputedBlock | null;
  history: History | null;
  open: OpenProvenance;
  toggle: (next: NonNullable<OpenProvenance>) => void;
  setOpen: (next: OpenProvenance) => void;
}

/** The language's name of the key, else the source's label. */
const rowLabel = (r: ConsensusRow, locale: 'pt-BR' | 'en'): string =>
  fundamentalLabel(r.key, locale, r.metric ? r.label : r.key.replace(/^extra:/, ''));

/**
 * The value column of a single-source table: the site's value (opens its provenance) with the
 * current value's badge; else (a loaded export only) the current value, which opens its source.
 */
function SingleValue({ row, onOpen }: { row: ConsensusRow; onOpen: GroupTableProps['toggle'] }) {
  const v = row.metric?.values.find((x) => x.value !== null);
  if (row.metric && v)
    return (
      <ValueCell
        metric={row.metric}
        value={v}
        off={null}
        current={row.consensus?.current}
        onOpen={(x) => onOpen({ kind: 'snapshot', snapshotId: x.snapshot_id, row: row.key })}
      />
    );
  if (row.consensus)
    return (
      <ConsensusCells
        row={row}
        valueOnly
        compact
        onOpen={() => onOpen({ kind: 'consensus', row: row.key })}
      />
    );
  return <td className="num muted">—</td>;
}

/** One group's table (valuation, debt…): only the columns that add something for this ticker. */
export function GroupTable(props: GroupTableProps) {
  const { t, locale } = useI18n();
  const { group, columns, data, computed, history, open, toggle, setOpen } = props;
  const fetched = new Map((data?.sources ?? []).map((s) => [s.source, s]));
  const byKey = new Map((history?.metrics ?? []).map((m) => [m.key, m]));
  const close = (): void => setOpen(null);
  const width =
    2 +
    (columns.consensus ? 2 : 0) +
    columns.sources.length +
    (columns.computed ? 2 : 0) +
    (columns.history ? 1 : 0);
  const title = t(`fund.group.${group.id}` as MessageKey);
  const Wrap = MAIN_GROUPS.includes(group.id) ? 'section' : 'details';

  const table = (
    <div className="jobs-table-wrap">
      <table className="jobs-table fund-table" data-testid={`fund-table-${group.id}`}>
        <thead>
          <tr>
            <th scope="col">{t('fund.metric')}</th>
            <th
              scope="col"
              className="num"
              title={columns.consensus ? t('cons.consensusTitle') : t('fund.valueHead')}
            >
              {columns.consensus ? t('cons.consensus') : t('fund.value')}
            </th>
            {columns.consensus && (
              <th scope="col" className="num" title={t('cons.confidenceTitle')}>
                {t('cons.confidence')}
              </th>
            )}
            {columns.consensus && (
              <th scope="col" className="num">
                {t('cons.sources')}
              </th>
            )}
            {columns.sources.map((src) => {
              const f = fetched.get(src);
              return (
                <th scope="col" key={src} className="num" data-testid={`fund-source-${src}`}>
                  <div>{src}</div>
                  {f && (
                    <div className="fund-source-meta">
                      <time dateTime={f.fetched_at} title={formatFullDateTime(f.fetched_at, locale)}>
                        {formatDateTime(f.fetched_at, locale, 'seconds')}
                      </time>{' '}
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        data-testid={`fund-provenance-open-${f.snapshot_id}`}
                        title={t('fund.provenanceTitle', { source: src, id: f.snapshot_id })}
                        aria-label={t('a11y.named', {
                          action: t('fund.provenance'),
                          name: `${src}, ${title}`,
                        })}
                        onClick={() => toggle({ kind: 'snapshot', snapshotId: f.snapshot_id, row: null })}
                      >
                        {t('fund.provenance')}
                      </button>
                    </div>
                  )}
                </th>
              );
            })}
            {columns.computed && (
              <th scope="col" className="num" title={t('cons.computedHead')}>
                {t('cons.computed')}
              </th>
            )}
            {columns.computed && (
              <th scope="col" className="num" title={t('cons.diffTitle')}>
                {t('cons.diff')}
              </th>
            )}
            {columns.history && (
              <th scope="col" className="fund-history">
                {t('fund.history')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {group.rows.map((r) => (
            <Fragment key={r.key}>
              <tr
                data-testid={`fund-row-${r.key}`}
                className={r.consensus?.discrepancies.length ? 'has-discrepancy' : undefined}
              >
                <th scope="row" className="fund-label" data-key={r.key}>
                  {rowLabel(r, locale)}
                </th>
                {columns.consensus ? (
                  <ConsensusCells row={r} compact onOpen={() => toggle({ kind: 'consensus', row: r.key })} />
                ) : (
                  <SingleValue row={r} onOpen={toggle} />
                )}
                {columns.sources.map((src) =>
                  r.metric ? (
                    <ValueCell
                      key={src}
                      metric={r.metric}
                      value={valueFrom(r.metric, src)}
                      off={discrepancyOf(r, src)}
                      onOpen={(v) => toggle({ kind: 'snapshot', snapshotId: v.snapshot_id, row: r.key })}
                    />
                  ) : (
                    <td key={src} className="num muted">
                      —
                    </td>
                  ),
                )}
                {columns.computed && (
                  <ComputedCells row={r} onOpen={() => toggle({ kind: 'computed', row: r.key })} />
                )}
                {columns.history && (
                  <YearSparkline
                    metricKey={r.key}
                    unit={r.unit ?? metricUnit(r.key)}
                    history={byKey.get(r.key)}
                  />
                )}
              </tr>
              {open && open.row === r.key && (
                <tr className="fund-provenance-row">
                  <td colSpan={width}>
                    {open.kind === 'snapshot' ? (
                      <Provenance snapshotId={open.snapshotId} onClose={close} />
                    ) : open.kind === 'consensus' ? (
                      <ConsensusDetail
                        row={r}
                        onClose={close}
                        onSnapshot={(id) => setOpen({ kind: 'snapshot', snapshotId: id, row: r.key })}
                      />
                    ) : (
                      <ComputedDetail row={r} computed={computed} onClose={close} />
                    )}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );

  return Wrap === 'section' ? (
    <section className="fund-group" data-testid={`fund-group-${group.id}`} aria-label={title}>
      <h4 className="fund-group-title">{title}</h4>
      {table}
    </section>
  ) : (
    <details className="fund-group" data-testid={`fund-group-${group.id}`}>
      <summary className="fund-group-title">
        {title} <span className="muted">({group.rows.length})</span>
      </summary>
      {table}
    </details>
  );
}
