import type { Security } from '../../contract';
import type { Pg } from '../storage/pg';

interface Entry {
  security: Security;
  /** The name upper-cased, as PostgreSQL's upper() does (accented letters too). */
  nameUpper: string;
}

/**
 * The securities and their last close, in memory, for `tickers.search`: a search never waits behind
 * PGlite's queue (one connection, shared with every other request). Same answers as the SQL it
 * replaces (`searchSecurities`): tickers starting with the query first, then names containing it,
 * each by ticker length then ticker; an empty query lists by the last day's traded volume.
 *
 * Loaded on first use and again after `invalidate()` (a COTAHIST import, market-wide stores, a
 * ticker it does not know): one load at a time, and a load overtaken by an invalidation is not kept.
 */
export class TickerIndex {
  private byTicker: Entry[] | null = null;
  private byVolume: Security[] = [];
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
    const entries = await this.entries();
    if (q === '') return this.byVolume.slice(0, limit);
    const term = q.toUpperCase();
    const prefix: Security[] = [];
    const named: Security[] = [];
    for (const e of entries) {
      if (e.security.ticker.startsWith(term)) {
        prefix.push(e.security);
        if (prefix.length >= limit) break;
      } else if (named.length < limit && e.nameUpper.includes(term)) named.push(e.security);
    }
    return prefix.concat(named).slice(0, limit);
  }

  private async entries(): Promise<Entry[]> {
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
    // Ordered as the empty query answers (PostgreSQL compares the numeric volumes exactly).
    const { rows } = await this.pg.query<Security>(
      `SELECT s.ticker, s.name, s.specification, s.isin, s.last_date::text AS "lastDate", b.close::float8 AS "lastClose"
       FROM securities s JOIN daily_bars b ON b.ticker = s.ticker AND b.date = s.last_date
       ORDER BY b.volume DESC NULLS LAST, length(s.ticker), s.ticker`,
    );
    if (generation !== this.generation) return; // invalidated meanwhile: the loop loads again
    const entries = rows.map((security) => ({ security, nameUpper: security.name.toUpperCase() }));
    // Length, then the ticker in byte order (the database's C collation).
    entries.sort(
      (a, b) =>
        a.security.ticker.length - b.security.ticker.length ||
        (a.security.ticker < b.security.ticker ? -1 : a.security.ticker > b.security.ticker ? 1 : 0),
    );
    this.byVolume = rows;
    this.known = new Set(rows.map((r) => r.ticker));
    this.byTicker = entries;
  }
}
