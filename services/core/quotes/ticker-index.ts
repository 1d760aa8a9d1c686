import type { Security } from '../../contract';
import type { Pg } from '../storage/pg';
import { loadRankedEntries, rankSecurities, type RankedEntry } from './security-rank';

/**
 * The securities and their last close, in memory, for `tickers.search`: a search never waits behind
 * PGlite's queue (one connection, shared with every other request). Same answers as the SQL path
 * (`searchSecurities`): the ranking of security-rank.ts (the exact ticker, then matches by liquidity).
 *
 * Loaded on first use and again after `invalidate()` (a COTAHIST import, market-wide stores, a
 * ticker it does not know): one load at a time, and a load overtaken by an invalidation is not kept.
 */
export class TickerIndex {
  private byTicker: RankedEntry[] | null = null;
  private known = new Set<string>();
  private loading: Promise<void> | null = null;
  private generation = 0;

  constructor(private readonly pg: Pg) {}

  /** Drop the list; the next search reloads it. */
  invalidate(): void {
    this.generation++;
    this.byTicker = null;
  }

  /** Whether every ticker is in the list (a store about an unknown one may mean a new security). */
  knows(tickers: readonly string[]): boolean {
    return this.byTicker !== null && tickers.every((t) => this.known.has(t));
  }

  async search(q: string, limit: number): Promise<Security[]> {
    return rankSecurities(await this.entries(), q, limit);
  }

  private async entries(): Promise<RankedEntry[]> {
    while (this.byTicker === null) {
      this.loading ??= this.load().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    return this.byTicker;
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const entries = await loadRankedEntries(this.pg);
    if (generation !== this.generation) return; // invalidated meanwhile: the loop loads again
    this.known = new Set(entries.map((e) => e.security.ticker));
    this.byTicker = entries;
  }
}
