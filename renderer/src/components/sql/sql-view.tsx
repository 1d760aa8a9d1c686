import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { useSql, useSqlStoreApi } from '../../store/sql-store-context';
import type { SqlResult, SqlTable } from '../../store/sql-store';
import { downloadCsv } from '../screener/screener-results';

/** Cells longer than this are cut in the table (the CSV has them whole). */
const CELL_CHARS = 120;

function cellText(v: unknown, nullText: string): string {
  if (v === null || v === undefined) return nullText;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > CELL_CHARS ? `${s.slice(0, CELL_CHARS - 1)}…` : s;
}

const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);

function SchemaBrowser() {
  const { t } = useI18n();
  const tables = useSql((s) => s.tables);
  const phase = useSql((s) => s.phase);
  const pickTable = useSql((s) => s.pickTable);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <aside className="panel sql-schema" aria-label={t('sql.schema')} data-testid="sql-schema">
      <h3 className="panel-title">{t('sql.schema')}</h3>
      {phase === 'failed' && <p className="form-error">{t('sql.schemaFailed')}</p>}
      <p className="muted">{t('sql.schemaHint')}</p>
      <ul className="sql-tables">
        {tables.map((tb: SqlTable) => (
          <li key={tb.table} data-testid={`sql-table-${tb.table}`}>
            <div className="sql-table-head">
              <button
                type="button"
                className="sql-table-name"
                data-testid={`sql-use-${tb.table}`}
                onClick={() => pickTable(tb.table)}
              >
                {tb.table}
              </button>
              <button
                type="button"
                className="sql-column-toggle"
                aria-expanded={open === tb.table}
                data-testid={`sql-columns-${tb.table}`}
                aria-label={t('a11y.named', {
                  action: t('sql.columns', { count: tb.columns.length }),
                  name: tb.table,
                })}
                onClick={() => setOpen(open === tb.table ? null : tb.table)}
              >
                {t('sql.columns', { count: tb.columns.length })}
              </button>
            </div>
            {open === tb.table && (
              <ul className="sql-columns">
                {tb.columns.map((c) => (
                  <li key={c.name}>
                    <code>{c.name}</code> <span className="muted">{c.type}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function ResultTable({ result }: { result: SqlResult }) {
  const { t } = useI18n();
  if (result.rows.length === 0)
    return (
      <p className="muted" data-testid="sql-empty">
        {t('sql.noRows')}
      </p>
    );
  const numeric = result.columns.map((c) => NUMERIC_TYPES.has(c.type));
  return (
    <div className="jobs-table-wrap sql-result-wrap">
      <table className="jobs-table sql-result" data-testid="sql-result-table">
        <thead>
          <tr>
            {result.columns.map((c, i) => (
              <th key={i} scope="col" title={c.type} className={numeric[i] ? 'num' : undefined}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, i) => (
                <td key={i} className={v === null ? 'muted' : numeric[i] ? 'num' : undefined}>
                  {cellText(v, t('sql.null'))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The read-only SQL console: tables and columns, the statement, the rows, CSV export. */
export function SqlView() {
  const { t, int } = useI18n();
  const store = useSqlStoreApi();
  const phase = useSql((s) => s.phase);
  const sql = useSql((s) => s.sql);
  const limit = useSql((s) => s.limit);
  const running = useSql((s) => s.running);
  const result = useSql((s) => s.result);
  const error = useSql((s) => s.error);

  useEffect(() => {
    void store.getState().loadSchema();
  }, [store]);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void store.getState().run();
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void store.getState().run();
    }
  };
  const exportCsv = (): void => {
    const csv = store.getState().csv();
    if (csv) downloadCsv(csv, `sql-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`);
  };

  return (
    <main className="jobs-view sql-view" data-testid="sql-view" data-state={phase}>
      <h2 className="view-title">{t('sql.title')}</h2>
      <p className="muted">{t('sql.intro')}</p>
      <div className="sql-layout">
        <SchemaBrowser />
        <div className="sql-main">
          <form className="panel sql-editor" onSubmit={onSubmit} aria-label={t('sql.editor')}>
            <label className="field field-wide">
              <span className="field-label">{t('sql.editor')}</span>
              <textarea
                value={sql}
                rows={8}
                spellCheck={false}
                data-testid="sql-input"
                onChange={(e) => store.getState().setSql(e.currentTarget.value)}
                onKeyDown={onKey}
              />
            </label>
            <div className="sql-controls">
              <label className="field">
                <span className="field-label">{t('sql.limit')}</span>
                <input
                  type="number"
                  min={1}
                  max={10000}
                  value={limit}
                  data-testid="sql-limit"
                  onChange={(e) => {
                    const n = Number(e.currentTarget.value);
                    if (Number.isInteger(n) && n >= 1 && n <= 10000) store.getState().setLimit(n);
                  }}
                />
              </label>
              <button type="submit" className="button" data-testid="sql-run" disabled={running}>
                {running ? t('sql.running') : t('sql.run')}
              </button>
              <span className="muted">{t('sql.shortcut')}</span>
            </div>
          </form>
          {error && (
            <p className="form-error" role="alert" data-testid="sql-error" data-error-code={error.code}>
              {error.message}
              {error.position !== null && ` — ${t('sql.position', { position: error.position })}`}{' '}
              <code className="error-code">{error.code}</code>
            </p>
          )}
          {result && (
            <section className="panel" aria-label={t('sql.result')} data-testid="sql-result">
              <div className="sources-toolbar">
                <p data-testid="sql-status" data-rows={result.row_count} data-truncated={result.truncated}>
                  {t('sql.rows', { count: int(result.row_count), ms: int(result.elapsed_ms) })}
                </p>
                <button
                  type="button"
                  className="button button-ghost"
                  data-testid="sql-export"
                  onClick={exportCsv}
                >
                  {t('sql.exportCsv')}
                </button>
              </div>
              {result.truncated && (
                <p className="muted" data-testid="sql-truncated">
                  {t('sql.truncated', { count: int(result.row_count) })}
                </p>
              )}
              <ResultTable result={result} />
            </section>
          )}
        </div>
      </div>
    </main>
  );
}
