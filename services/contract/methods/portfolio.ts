import { z } from 'zod';
import { defineMethod } from '../define';
import { IsoDate, Ticker } from '../models';
import {
  AlertEvent,
  AlertRule,
  AlertRuleInput,
  Portfolio,
  PortfolioImportSummary,
  Position,
  StoredTransaction,
  TaxMonth,
  TransactionInput,
  YearMonth,
} from '../portfolio';
import { UploadedFile, UploadId } from './import';

const PortfolioRef = z.coerce.number().int().positive().optional();

export const portfoliosList = defineMethod({
  name: 'portfolios.list',
  summary: 'The portfolios on this machine (private data: never synced unless turned on).',
  http: { method: 'GET', path: '/api/portfolios' },
  input: z.object({}),
  output: z.object({ items: z.array(Portfolio) }),
});

export const portfoliosCreate = defineMethod({
  name: 'portfolios.create',
  summary: 'Create a portfolio (or return the one of that name).',
  http: { method: 'POST', path: '/api/portfolios' },
  input: z.object({ name: z.string().trim().min(1).max(100) }),
  output: Portfolio,
});

export const portfoliosImport = defineMethod({
  name: 'portfolios.import',
  summary:
    'Import B3 Área do Investidor exports (movimentação, negociação; XLSX or CSV) or the generic CSV template. Columns are mapped by header name; an unknown one is an error naming it. Rows already imported are skipped.',
  http: { method: 'POST', path: '/api/portfolios/import' },
  input: z
    .object({
      portfolio_id: PortfolioRef,
      paths: z.array(z.string().min(1).max(4_000)).max(20).default([]),
      uploads: z.array(UploadedFile).max(20).default([]),
      upload_ids: z.array(UploadId).max(20).default([]),
    })
    .refine((v) => v.paths.length + v.uploads.length + v.upload_ids.length > 0, {
      message: 'give at least one file in paths, uploads or upload_ids',
      path: ['paths'],
    }),
  output: z.object({ portfolio_id: z.number().int(), files: z.array(PortfolioImportSummary) }),
});

export const portfoliosTransactions = defineMethod({
  name: 'portfolios.transactions',
  summary: "A portfolio's transactions, oldest first.",
  http: { method: 'GET', path: '/api/portfolios/transactions' },
  input: z.object({ portfolio_id: PortfolioRef }),
  output: z.object({
    portfolio_id: z.number().int(),
    items: z.array(StoredTransaction.extend({ product_name: z.string().nullable() })),
  }),
});

export const portfoliosAddTransaction = defineMethod({
  name: 'portfolios.addTransaction',
  summary: 'Enter a transaction by hand.',
  http: { method: 'POST', path: '/api/portfolios/transactions' },
  input: z.object({ portfolio_id: PortfolioRef, transaction: TransactionInput }),
  output: z.object({ id: z.number().int() }),
});

export const portfoliosDeleteTransaction = defineMethod({
  name: 'portfolios.deleteTransaction',
  summary: 'Delete one transaction.',
  http: { method: 'DELETE', path: '/api/portfolios/transactions/{id}' },
  input: z.object({ id: z.coerce.number().int().positive(), portfolio_id: PortfolioRef }),
  output: z.object({ deleted: z.literal(true) }),
});

export const portfoliosPositions = defineMethod({
  name: 'portfolios.positions',
  summary:
    'Positions computed from the transactions (weighted average cost), valued at the last local close.',
  http: { method: 'GET', path: '/api/portfolios/positions' },
  input: z.object({ portfolio_id: PortfolioRef, date: IsoDate.optional() }),
  output: z.object({
    portfolio_id: z.number().int(),
    date: IsoDate,
    positions: z.array(Position),
    total_cost: z.number(),
    market_value: z.number().nullable(),
    problems: z.array(z.string()),
  }),
});

export const portfoliosTax = defineMethod({
  name: 'portfolios.tax',
  summary: "A month's income tax per category (sales, gains, losses carried, tax, IRRF) and its DARF.",
  http: { method: 'GET', path: '/api/portfolios/tax' },
  input: z.object({ portfolio_id: PortfolioRef, month: YearMonth }),
  output: TaxMonth,
});

const YearlyReport = z.object({
  year: z.number().int(),
  assets: z.array(
    z.object({
      ticker: z.string(),
      asset_class: z.string(),
      quantity: z.number(),
      cost: z.number(),
      group: z.string().nullable(),
      code: z.string().nullable(),
      description: z.string(),
    }),
  ),
  exempt: z.object({ stock_gains_under_limit: z.number(), dividends: z.number(), fii_income: z.number() }),
  exclusive: z.object({ jcp_net: z.number(), jcp_withheld: z.number() }),
  darf_total: z.number(),
  months: z.array(TaxMonth),
});

export const portfoliosReport = defineMethod({
  name: 'portfolios.report',
  summary:
    'The yearly report for the income tax return: Bens e Direitos on 31/12, exempt and exclusive-taxation income, DARFs.',
  http: { method: 'GET', path: '/api/portfolios/report' },
  input: z.object({ portfolio_id: PortfolioRef, year: z.coerce.number().int().min(2005).max(2100) }),
  output: YearlyReport,
});

export const portfoliosReportExport = defineMethod({
  name: 'portfolios.reportExport',
  summary:
    'The yearly report as a file, made on request: CSV, or PDF printed by Chromium (base64). Portfolio data leaves the app only this way or through a sync the user turned on.',
  http: { method: 'GET', path: '/api/portfolios/report/export' },
  input: z.object({
    portfolio_id: PortfolioRef,
    year: z.coerce.number().int().min(2005).max(2100),
    format: z.enum(['csv', 'pdf']).default('csv'),
    lang: z.enum(['pt-BR', 'en']).default('pt-BR'),
  }),
  output: z.object({
    filename: z.string(),
    content_type: z.string(),
    /** CSV text, or the PDF's bytes in base64. */
    content: z.string(),
    encoding: z.enum(['utf-8', 'base64']),
  }),
});

export const portfoliosIncome = defineMethod({
  name: 'portfolios.income',
  summary:
    'Dividends and JCP expected from positions on the record date (local dividend data) against what the movements file shows, with the differences.',
  http: { method: 'GET', path: '/api/portfolios/income' },
  input: z.object({ portfolio_id: PortfolioRef, year: z.coerce.number().int().min(2005).max(2100) }),
  output: z.object({
    items: z.array(
      z.object({
        ticker: Ticker,
        kind: z.string(),
        ex_date: IsoDate.nullable(),
        payment_date: IsoDate.nullable(),
        shares: z.number().nullable(),
        expected: z.number().nullable(),
        received: z.number().nullable(),
        difference: z.number().nullable(),
        source: z.string(),
      }),
    ),
  }),
});

export const portfoliosPerformance = defineMethod({
  name: 'portfolios.performance',
  summary:
    "The portfolio's value per month from local prices, its time-weighted (Modified Dietz, chain-linked) and money-weighted (XIRR) returns, income per month, against CDI, IPCA and IBOV from local data.",
  http: { method: 'GET', path: '/api/portfolios/performance' },
  input: z
    .object({ portfolio_id: PortfolioRef, from: YearMonth, to: YearMonth })
    .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['from'] }),
  output: z.object({
    months: z.array(
      z.object({
        month: z.string(),
        value: z.number().nullable(),
        net_flow: z.number(),
        income: z.number(),
        return: z.number().nullable(),
      }),
    ),
    twr: z.number().nullable(),
    mwr_annual: z.number().nullable(),
    benchmarks: z.array(
      z.object({ name: z.enum(['CDI', 'IPCA', 'IBOV']), return: z.number().nullable(), source: z.string() }),
    ),
  }),
});

export const alertsRules = defineMethod({
  name: 'alerts.rules',
  summary: 'The alert rules.',
  http: { method: 'GET', path: '/api/alerts/rules' },
  input: z.object({}),
  output: z.object({ items: z.array(AlertRule) }),
});

export const alertsCreate = defineMethod({
  name: 'alerts.create',
  summary: 'Add an alert rule; it is evaluated after each import or fetch that changes its inputs.',
  http: { method: 'POST', path: '/api/alerts/rules' },
  input: AlertRuleInput,
  output: AlertRule,
});

export const alertsDelete = defineMethod({
  name: 'alerts.delete',
  summary: 'Delete an alert rule and its history.',
  http: { method: 'DELETE', path: '/api/alerts/rules/{id}' },
  input: z.object({ id: z.coerce.number().int().positive() }),
  output: z.object({ deleted: z.literal(true) }),
});

export const alertsList = defineMethod({
  name: 'alerts.list',
  summary:
    'Alerts fired, newest first, each with the data points that triggered it and where they came from.',
  http: { method: 'GET', path: '/api/alerts' },
  input: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
  output: z.object({ items: z.array(AlertEvent) }),
});

export const alertsEvaluate = defineMethod({
  name: 'alerts.evaluate',
  summary: 'Evaluate every enabled rule now (the app also does it after imports and fetches).',
  http: { method: 'POST', path: '/api/alerts/evaluate' },
  input: z.object({}),
  output: z.object({ evaluated: z.number().int(), fired: z.array(AlertEvent) }),
});

export const portfolioMethods = {
  'portfolios.list': portfoliosList,
  'portfolios.create': portfoliosCreate,
  'portfolios.import': portfoliosImport,
  'portfolios.transactions': portfoliosTransactions,
  'portfolios.addTransaction': portfoliosAddTransaction,
  'portfolios.deleteTransaction': portfoliosDeleteTransaction,
  'portfolios.positions': portfoliosPositions,
  'portfolios.tax': portfoliosTax,
  'portfolios.report': portfoliosReport,
  'portfolios.reportExport': portfoliosReportExport,
  'portfolios.income': portfoliosIncome,
  'portfolios.performance': portfoliosPerformance,
  'alerts.rules': alertsRules,
  'alerts.create': alertsCreate,
  'alerts.delete': alertsDelete,
  'alerts.list': alertsList,
  'alerts.evaluate': alertsEvaluate,
} as const;
