/**
 * Method and event names as plain data, for code that must not load the schemas (the sandboxed
 * preload). `index.ts` checks at compile time that these lists equal the tables' keys.
 */
export const METHOD_NAMES = [
  'health.get',
  'tickers.search',
  'quotes.list',
  'import.cotahist',
  'jobs.create',
  'jobs.createBatch',
  'jobs.list',
  'jobs.queueStatus',
  'jobs.statsSummary',
  'jobs.statsByScraper',
  'jobs.get',
  'jobs.cancel',
  'jobs.retry',
  'schedules.list',
  'schedules.update',
  'orchestrator.status',
  'scrapers.list',
  'scrapers.test',
  'scrapers.testAll',
  'scrapers.health',
  'scrapers.setEnabled',
  'fundamentals.get',
  'snapshots.get',
  'sources.ingest',
  'sources.reparse',
  'sources.prune',
  'analysis.stock',
  'analysis.fundamental',
  'analysis.technical',
  'analysis.valuation',
  'analysis.dividends',
  'analysis.compare',
  'analysis.sector',
  'analysis.screener',
  'screens.save',
  'screens.list',
] as const;
export const EVENT_NAMES = ['import.progressed', 'import.completed', 'job.updated'] as const;

export const IPC_CALL_CHANNEL = 'b3:call';
export const IPC_EVENT_CHANNEL = 'b3:event';
