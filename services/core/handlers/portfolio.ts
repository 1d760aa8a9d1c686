import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PortfolioImportSummary } from '../../contract/portfolio';
import { deleteRule, createRule, evaluateRules, listEvents, listRules } from '../portfolio/alerts-service';
import { importPortfolioFile, positionsOf, reportOf, taxOf } from '../portfolio/service';
import { incomeCheck } from '../portfolio/income';
import { yearlyReportCsv, yearlyReportHtml } from '../../analysis/portfolio/report-export';
import { AppError } from '../../contract/errors';
import { performanceOf } from '../portfolio/performance-service';
import {
  addManual,
  createPortfolio,
  deleteTransaction,
  listPortfolios,
  loadTransactions,
  resolvePortfolio,
} from '../portfolio/store';
import { findUpload, removeUpload, uploadsDir } from '../files/uploads';
import { userFile } from '../files/user-files';
import type { Ctx } from '../context';
import type { Handler } from './types';

/** After a portfolio changes: tell the UI, then evaluate the rules that read positions. */
async function changed(ctx: Ctx, portfolioId: number, added: number): Promise<void> {
  ctx.events.emit('portfolio.changed', { portfolio_id: portfolioId, added });
  const { fired } = await evaluateRules(ctx.pg, { kinds: ['weight_above'] });
  for (const e of fired) ctx.events.emit('alert.fired', e);
}

export const portfoliosListHandler: Handler<'portfolios.list'> = async (_i, ctx) => ({
  items: await listPortfolios(ctx.pg),
});

export const portfoliosCreateHandler: Handler<'portfolios.create'> = (input, ctx) =>
  createPortfolio(ctx.pg, input.name);

export const portfoliosImportHandler: Handler<'portfolios.import'> = async (input, ctx) => {
  const p = await resolvePortfolio(ctx.pg, input.portfolio_id);
  // Paths: the caller's own files (the CLI), else only under the configured import folders.
  const files: { path: string; name?: string }[] = input.paths.map((x, i) => ({
    path: userFile(ctx, x, `paths.${i}`),
  }));
  for (const id of input.upload_ids) {
    const up = await findUpload(ctx.dataDir, id);
    files.push({ path: up.path, name: up.name });
  }
  const spool = join(uploadsDir(ctx.dataDir), randomUUID());
  const out: PortfolioImportSummary[] = [];
  try {
    if (input.uploads.length > 0) {
      await mkdir(spool, { recursive: true, mode: 0o700 });
      for (const [i, u] of input.uploads.entries()) {
        const path = join(spool, `${i}-upload`);
        await writeFile(path, Buffer.from(u.dataBase64, 'base64'), { mode: 0o600 });
        files.push({ path, name: u.name });
      }
    }
    for (const f of files) out.push(await importPortfolioFile(ctx.pg, p.id, f.path, f.name));
  } finally {
    await rm(spool, { recursive: true, force: true });
    for (const id of input.upload_ids) await removeUpload(ctx.dataDir, id);
  }
  await changed(
    ctx,
    p.id,
    out.reduce((a, f) => a + f.added, 0),
  );
  return { portfolio_id: p.id, files: out };
};

export const portfoliosTransactionsHandler: Handler<'portfolios.transactions'> = async (input, ctx) => {
  const p = await resolvePortfolio(ctx.pg, input.portfolio_id);
  const rows = await loadTransactions(ctx.pg, p.id);
  return {
    portfolio_id: p.id,
    items: rows.map((t) => ({
      ...t,
      portfolio_id: p.id,
      row_key: String(t.id),
      product_name: t.product_name ?? null,
    })),
  };
};

export const portfoliosAddTransactionHandler: Handler<'portfolios.addTransaction'> = async (input, ctx) => {
  const p = await resolvePortfolio(ctx.pg, input.portfolio_id);
  const id = await addManual(ctx.pg, p.id, input.transaction);
  await changed(ctx, p.id, 1);
  return { id };
};

export const portfoliosDeleteTransactionHandler: Handler<'portfolios.deleteTransaction'> = async (
  input,
  ctx,
) => {
  const p = await resolvePortfolio(ctx.pg, input.portfolio_id);
  await deleteTransaction(ctx.pg, p.id, input.id);
  await changed(ctx, p.id, 0);
  return { deleted: true };
};

export const portfoliosPositionsHandler: Handler<'portfolios.positions'> = async (input, ctx) => {
  const p = await resolvePortfolio(ctx.pg, input.portfolio_id);
  return { portfolio_id: p.id, ...(await positionsOf(ctx.pg, p.id, input.date)) };
};

export const portfoliosTaxHandler: Handler<'portfolios.tax'> = async (input, ctx) =>
  taxOf(ctx.pg, (await resolvePortfolio(ctx.pg, input.portfolio_id)).id, input.month);

export const portfoliosReportHandler: Handler<'portfolios.report'> = async (input, ctx) =>
  reportOf(ctx.pg, (await resolvePortfolio(ctx.pg, input.portfolio_id)).id, input.year);

/** The yearly report as a file the user asked for: CSV, or a PDF printed by the app's renderer. */
export const portfoliosReportExportHandler: Handler<'portfolios.reportExport'> = async (input, ctx) => {
  const r = await reportOf(ctx.pg, (await resolvePortfolio(ctx.pg, input.portfolio_id)).id, input.year);
  const name = `relatorio-ir-${input.year}`;
  if (input.format === 'csv')
    return {
      filename: `${name}.csv`,
      content_type: 'text/csv; charset=utf-8',
      content: yearlyReportCsv(r),
      encoding: 'utf-8',
    };
  if (!ctx.pdf) throw new AppError('UNAVAILABLE', 'PDF export is not available in this process');
  const pdf = await ctx.pdf(yearlyReportHtml(r, input.lang));
  return {
    filename: `${name}.pdf`,
    content_type: 'application/pdf',
    content: Buffer.from(pdf).toString('base64'),
    encoding: 'base64',
  };
};

export const portfoliosIncomeHandler: Handler<'portfolios.income'> = async (input, ctx) => ({
  items: await incomeCheck(ctx.pg, (await resolvePortfolio(ctx.pg, input.portfolio_id)).id, input.year),
});

export const alertsRulesHandler: Handler<'alerts.rules'> = async (_i, ctx) => ({
  items: await listRules(ctx.pg),
});
export const alertsCreateHandler: Handler<'alerts.create'> = (input, ctx) => createRule(ctx.pg, input);
export const alertsDeleteHandler: Handler<'alerts.delete'> = async (input, ctx) => {
  await deleteRule(ctx.pg, input.id);
  return { deleted: true };
};
export const alertsListHandler: Handler<'alerts.list'> = async (input, ctx) => ({
  items: await listEvents(ctx.pg, input.limit),
});
export const alertsEvaluateHandler: Handler<'alerts.evaluate'> = async (_i, ctx) => {
  const res = await evaluateRules(ctx.pg);
  for (const e of res.fired) ctx.events.emit('alert.fired', e);
  return res;
};

export const portfoliosPerformanceHandler: Handler<'portfolios.performance'> = async (input, ctx) =>
  performanceOf(ctx.pg, (await resolvePortfolio(ctx.pg, input.portfolio_id)).id, input.from, input.to);
