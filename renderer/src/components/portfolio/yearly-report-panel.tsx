import { useState, type FormEvent } from 'react';
import type { Output } from '../../../../services/contract';
import { getClient } from '../../client';
import { useI18n } from '../../i18n/use-i18n';
import { exportFile } from '../../store/reports-store-export';
import { downloadFile } from '../reports/export-buttons';

type Report = Output<'portfolios.report'>;

/** The year's report for the income tax return, and its CSV/PDF files made on request. */
export function YearlyReportPanel() {
  const { t, money, int, locale } = useI18n();
  const [year, setYear] = useState(new Date().getUTCFullYear() - 1);
  const [report, setReport] = useState<Report | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'pdf' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const show = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setReport(await getClient().call('portfolios.report', { year }));
      setError(null);
    } catch (err) {
      fail(err);
    }
  };
  const download = async (format: 'csv' | 'pdf') => {
    setExporting(format);
    try {
      const lang = locale === 'en' ? 'en' : 'pt-BR';
      downloadFile(exportFile(await getClient().call('portfolios.reportExport', { year, format, lang })));
      setError(null);
    } catch (err) {
      fail(err);
    } finally {
      setExporting(null);
    }
  };

  return (
    <section className="panel" data-testid="yearly-report-panel">
      <h3 className="panel-title">{t('portfolio.report.title')}</h3>
      <form onSubmit={(e) => void show(e)}>
        <label>
          {t('portfolio.report.year')}{' '}
          <input
            type="number"
            min={2005}
            max={2100}
            value={year}
            data-testid="report-year"
            onChange={(e) => setYear(Number(e.target.value))}
          />
        </label>{' '}
        <button type="submit" className="button" data-testid="report-show">
          {t('portfolio.report.show')}
        </button>{' '}
        {(['csv', 'pdf'] as const).map((f) => (
          <button
            key={f}
            type="button"
            className="button button-ghost"
            data-testid={`report-export-${f}`}
            disabled={exporting !== null}
            aria-busy={exporting === f}
            onClick={() => void download(f)}
          >
            {exporting === f ? t('portfolio.report.exporting') : t(`portfolio.report.${f}`)}
          </button>
        ))}
      </form>
      <p className="muted">{t('portfolio.report.private')}</p>
      {error && <p className="form-error">{error}</p>}
      {report && (
        <>
          <h4>{t('portfolio.report.bens', { year: String(report.year) })}</h4>
          <table className="data-table" data-testid="report-assets">
            <thead>
              <tr>
                <th scope="col">{t('portfolio.report.code')}</th>
                <th scope="col">{t('portfolio.ticker')}</th>
                <th scope="col">{t('portfolio.quantity')}</th>
                <th scope="col">{t('portfolio.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {report.assets.map((a) => (
                <tr key={a.ticker}>
                  <td>{a.group && a.code ? `${a.group}-${a.code}` : t('portfolio.report.checkCode')}</td>
                  <td>{a.ticker}</td>
                  <td className="num">{int(a.quantity)}</td>
                  <td className="num">{money(a.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="report-lines" data-testid="report-lines">
            <dt>{t('portfolio.report.exemptGains')}</dt>
            <dd>{money(report.exempt.stock_gains_under_limit)}</dd>
            <dt>{t('portfolio.report.dividends')}</dt>
            <dd>{money(report.exempt.dividends)}</dd>
            <dt>{t('portfolio.report.fii')}</dt>
            <dd>{money(report.exempt.fii_income)}</dd>
            <dt>{t('portfolio.report.jcp')}</dt>
            <dd>{money(report.exclusive.jcp_net)}</dd>
            <dt>{t('portfolio.report.darfTotal')}</dt>
            <dd>{money(report.darf_total)}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
