import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import type { FundamentalBlock } from '../store/analysis-blocks';
import { useAnalysis } from '../store/analysis-store-context';
import { consensusRows } from '../store/consensus-rows';
import { groupRows, historyYears, tableColumns, type History } from '../store/fundamental-groups';
import { useFundamentalHistory } from '../store/fundamental-history';
import { SOURCES_HASH } from '../store/hash-route';
import type { Fundamentals } from '../store/fundamentals-store';
import { useFundamentals, useFundamentalsStoreApi } from '../store/sources-store-context';
import { SlotError } from './analysis/slot-error';
import { GroupTable, type OpenProvenance } from './fundamentals/group-table';
import { Provenance } from './fundamentals/provenance';

/** What the yearly charts are drawn from, when they are hidden or some values are left out. */
function HistoryNote({ history, shown }: { history: History | null; shown: boolean }) {
  const { t, int } = useI18n();
  if (!history) return null;
  const years = historyYears(history);
  const undated = history.metrics.reduce((n, m) => n + m.undated, 0);
  const list = years.join(', ');
  const text = [
    shown
      ? t('fund.historyMany', { years: list })
      : years.length === 0
        ? t('fund.historyNone')
        : t('fund.historyOne', { years: list }),
    undated === 0 ? null : undated === 1 ? t('fund.undatedOne') : t('fund.undated', { count: int(undated) }),
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <p className="muted fund-note" data-testid="fund-history-note" data-years={years.join(',')}>
      {text}
    </p>
  );
}

function FundamentalsGroups(props: {
  data: Fundamentals | null;
  block: FundamentalBlock | null;
  history: History | null;
}) {
  const { t } = useI18n();
  const { data, block, history } = props;
  const [open, setOpen] = useState<OpenProvenance>(null);
  const rows = useMemo(() => consensusRows(data, block), [data, block]);
  const groups = useMemo(() => groupRows(rows), [rows]);
  const columns = useMemo(() => tableColumns(rows, data, block, history), [rows, data, block, history]);
  const same = (a: OpenProvenance, b: NonNullable<OpenProvenance>): boolean =>
    a !== null && a.kind === b.kind && a.row === b.row && a.snapshotId === b.snapshotId;
  const toggle = (next: NonNullable<OpenProvenance>): void => setOpen(same(open, next) ? null : next);
  const computedNote = block && !columns.computed ? t('cons.noFilings') : null;

  return (
    <div
      className="fund-groups"
      data-testid="fund-table"
      data-columns={[
        columns.consensus ? 'consensus' : 'value',
        ...columns.sources.map((s) => `source:${s}`),
        ...(columns.computed ? ['computed'] : []),
        ...(columns.history ? ['history'] : []),
      ].join(' ')}
    >
      {open && open.kind === 'snapshot' && open.row === null && (
        <Provenance snapshotId={open.snapshotId} onClose={() => setOpen(null)} />
      )}
      {groups.map((g) => (
        <GroupTable
          key={g.id}
          group={g}
          columns={columns}
          data={data}
          computed={block?.computed ?? null}
          history={history}
          open={open}
          toggle={toggle}
          setOpen={setOpen}
        />
      ))}
      <HistoryNote history={history} shown={columns.history} />
      {computedNote && (
        <p className="muted fund-note" data-testid="fund-no-filings">
          {computedNote}
        </p>
      )}
    </div>
  );
}

/**
 * The ticker's fundamentals grouped as Status Invest groups them (valuation, debt, efficiency,
 * profitability, growth; then market, balance sheet and the rest): the current value with its
 * source and date; with two sources or more, the consensus' confidence and one column per source;
 * the value computed from the CVM filings when there is one; each metric's value per year as a
 * small chart when the local data has two years or more. Every value opens where it came from.
 */
export function FundamentalsPanel({ ticker, version }: { ticker: string; version: string | null }) {
  const { t } = useI18n();
  const store = useFundamentalsStoreApi();
  const phase = useFundamentals((s) => s.phase);
  const shown = useFundamentals((s) => s.ticker);
  const data = useFundamentals((s) => s.data);
  const error = useFundamentals((s) => s.error);
  const analysisTicker = useAnalysis((s) => s.ticker);
  const consensus = useAnalysis((s) => s.fundamental);
  const history = useFundamentalHistory(ticker.toUpperCase(), version);

  useEffect(() => {
    void store.getState().load(ticker);
  }, [store, ticker]);

  const mine = shown === ticker.toUpperCase();
  const current = mine && data?.ticker === shown ? data : null;
  const state = mine ? phase : 'loading';
  const block = analysisTicker === ticker.toUpperCase() ? consensus.data : null;
  const consensusState = analysisTicker === ticker.toUpperCase() ? consensus.phase : 'loading';
  const empty = current !== null && current.metrics.length === 0 && !block;

  return (
    <section
      className="panel fundamentals-panel"
      data-testid="fundamentals-panel"
      data-state={state}
      data-consensus-state={consensusState}
      data-history-state={history ? 'ready' : 'loading'}
      aria-label={t('fund.title')}
      aria-busy={state === 'loading'}
    >
      <h3 className="panel-title">{t('fund.title')}</h3>
      {consensus.phase === 'failed' && consensus.error && consensus.error.code !== 'NOT_FOUND' && (
        <SlotError error={consensus.error} testId="consensus-error" />
      )}
      {state === 'failed' && error ? (
        <p className="form-error" role="alert" data-testid="fundamentals-error" data-error-code={error.code}>
          {error.message} <code className="error-code">{error.code}</code>
        </p>
      ) : !current ? (
        <p className="muted">{t('fund.loading')}</p>
      ) : empty ? (
        <p className="muted" data-testid="fundamentals-empty">
          {t('fund.empty')} · <a href={SOURCES_HASH}>{t('fund.openSources')}</a>
        </p>
      ) : (
        <FundamentalsGroups data={current} block={block} history={history} />
      )}
    </section>
  );
}
