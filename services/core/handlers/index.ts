import {
  analysisCompareHandler,
  analysisDividendsHandler,
  analysisScreenerHandler,
  analysisSectorHandler,
  screensListHandler,
  screensSaveHandler,
  analysisFundamentalHandler,
  analysisStockHandler,
  analysisTechnicalHandler,
  analysisValuationHandler,
} from './analysis';
import { healthGet } from './health';
import { importCotahistHandler } from './import';
import {
  jobsCancel,
  jobsCreate,
  jobsCreateBatch,
  jobsGet,
  jobsList,
  jobsQueueStatus,
  jobsRetry,
  jobsStatsByScraper,
  jobsStatsSummary,
} from './jobs';
import { quotesList, tickersSearch } from './quotes';
import { orchestratorStatus, schedulesList, schedulesUpdate } from './schedules';
import {
  fundamentalsGetHandler,
  scrapersHealthHandler,
  scrapersListHandler,
  scrapersSetEnabledHandler,
  scrapersTestAllHandler,
  scrapersTestHandler,
  snapshotsGetHandler,
  sourcesIngestHandler,
  sourcesPruneHandler,
  sourcesReparseHandler,
} from './sources';
import type { Handlers } from './types';

export type { Handler, Handlers } from './types';

export const handlers: Handlers = {
  'health.get': healthGet,
  'tickers.search': tickersSearch,
  'quotes.list': quotesList,
  'import.cotahist': importCotahistHandler,
  'jobs.create': jobsCreate,
  'jobs.createBatch': jobsCreateBatch,
  'jobs.get': jobsGet,
  'jobs.list': jobsList,
  'jobs.cancel': jobsCancel,
  'jobs.retry': jobsRetry,
  'jobs.queueStatus': jobsQueueStatus,
  'jobs.statsSummary': jobsStatsSummary,
  'jobs.statsByScraper': jobsStatsByScraper,
  'schedules.list': schedulesList,
  'schedules.update': schedulesUpdate,
  'orchestrator.status': orchestratorStatus,
  'scrapers.list': scrapersListHandler,
  'scrapers.test': scrapersTestHandler,
  'scrapers.testAll': scrapersTestAllHandler,
  'scrapers.health': scrapersHealthHandler,
  'scrapers.setEnabled': scrapersSetEnabledHandler,
  'fundamentals.get': fundamentalsGetHandler,
  'snapshots.get': snapshotsGetHandler,
  'sources.ingest': sourcesIngestHandler,
  'sources.reparse': sourcesReparseHandler,
  'sources.prune': sourcesPruneHandler,
  'analysis.stock': analysisStockHandler,
  'analysis.fundamental': analysisFundamentalHandler,
  'analysis.technical': analysisTechnicalHandler,
  'analysis.valuation': analysisValuationHandler,
  'analysis.dividends': analysisDividendsHandler,
  'analysis.compare': analysisCompareHandler,
  'analysis.sector': analysisSectorHandler,
  'analysis.screener': analysisScreenerHandler,
  'screens.save': screensSaveHandler,
  'screens.list': screensListHandler,
};
