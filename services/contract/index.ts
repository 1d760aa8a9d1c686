import type { z } from 'zod';
import { aiMethods } from './methods/ai';
import { configMethods } from './methods/config';
import { sqlMethods } from './methods/sql';
import { sentimentMethods } from './methods/sentiment';
import { analysisMethods, analysisUniverseMethods } from './methods/analysis';
import { fundamentalsMethods } from './methods/fundamentals';
import { healthMethods } from './methods/health';
import { importMethods } from './methods/import';
import { jobsMethods } from './methods/jobs';
import { newsMethods } from './methods/news';
import { quotesMethods } from './methods/quotes';
import { schedulesMethods } from './methods/schedules';
import { scrapersMethods } from './methods/scrapers';
import { sourcesMethods } from './methods/data-sources';
import { tickersMethods } from './methods/tickers';
import { portfolioMethods } from './methods/portfolio';
import { desktopMethods } from './methods/desktop';
import { macroMethods } from './methods/macro';
import { watchlistsMethods } from './methods/watchlists';
import type { EventName } from './events';
import type { EVENT_NAMES, METHOD_NAMES } from './names';

export * from './define';
export * from './errors';
export * from './events';
export * from './models';
export { Schedule } from './methods/schedules';
export { NetworkStatus, ScraperEntry, ScraperHealth, ScraperTestResult } from './methods/scrapers';
export { FundamentalMetric, ProvenancedValue, Snapshot } from './methods/fundamentals';
export { AnalysisStock, CompareRow, MissingData, Screen, ScreenCondition } from './methods/analysis';
export { NewsEntry, NewsSummary, NewsSentimentLabel } from './methods/news';
export { AiModelEntry, AiProviderInput } from './methods/ai';
export { ConfigIssue } from './methods/config';
export * from './methods/desktop';
export { MacroSeriesEntry, TesouroBond } from './methods/macro';
export * from './notices';
export * from './ai-report';
export * from './current-value';
export * from './http';
export * from './names';
export * from './jobs';
export * from './safe-input';
export * from './worker-envelope';
export * from './portfolio';
export * from './watchlists';

/** The table every adapter (IPC, HTTP, OpenAPI, client) is generated from. */
export const methods = {
  ...healthMethods,
  ...tickersMethods,
  ...quotesMethods,
  ...importMethods,
  ...jobsMethods,
  ...schedulesMethods,
  ...scrapersMethods,
  ...fundamentalsMethods,
  ...sourcesMethods,
  ...analysisMethods,
  ...analysisUniverseMethods,
  ...newsMethods,
  ...aiMethods,
  ...configMethods,
  ...sqlMethods,
  ...sentimentMethods,
  ...portfolioMethods,
  ...desktopMethods,
  ...macroMethods,
  ...watchlistsMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Input<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type Output<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export const methodNames = Object.keys(methods) as MethodName[];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time proof that names.ts lists exactly the methods and events of the tables. */
export const METHOD_NAMES_MATCH: Same<(typeof METHOD_NAMES)[number], MethodName> = true;
export const EVENT_NAMES_MATCH: Same<(typeof EVENT_NAMES)[number], EventName> = true;
