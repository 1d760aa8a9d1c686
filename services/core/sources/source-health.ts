import type { ScraperHealth } from '../../contract';
import { CircuitBreaker } from '../../sources/http';
import type { StateDb } from '../storage/state';

interface StateRow {
  source: string;
  enabled: number;
  attempts: number;
  successes: number;
  last_success_at: number | null;
  last_error_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  circuit: string | null;
  last_items: number | null;
  items_total: number;
  last_via: string | null;
}

/** How a source's data came: fetched from the site, a saved page or file ingested, a file imported. */
export type SuccessVia = 'fetch' | 'ingest' | 'import';

/**
 * Per-source operational state in SQLite: enabled flag, attempt counters, last success/error and
 * the circuit breaker (restored at start, saved on every change).
 */
export class SourceHealth {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly db: StateDb,
    private readonly now: () => number = Date.now,
  ) {}

  private row(source: string): StateRow | undefined {
    return this.db.prepare('SELECT * FROM source_state WHERE source = ?').get(source) as StateRow | undefined;
  }

  private ensure(source: string): void {
    this.db
      .prepare('INSERT INTO source_state (source) VALUES (?) ON CONFLICT (source) DO NOTHING')
      .run(source);
  }

  breaker(source: string): CircuitBreaker {
    let b = this.breakers.get(source);
    if (!b) {
      const saved = this.row(source)?.circuit;
      b = saved
        ? CircuitBreaker.restore(JSON.parse(saved) as ReturnType<CircuitBreaker['snapshot']>, {
            now: this.now,
          })
        : new CircuitBreaker({ now: this.now });
      this.breakers.set(source, b);
    }
    return b;
  }

  isEnabled(source: string): boolean {
    return (this.row(source)?.enabled ?? 1) === 1;
  }

  setEnabled(source: string, enabled: boolean): void {
    this.ensure(source);
    this.db.prepare('UPDATE source_state SET enabled = ? WHERE source = ?').run(enabled ? 1 : 0, source);
  }

  /**
   * The one place a source's success is recorded, whatever brought the data: a fetch (counts as an
   * attempt and closes the circuit), or a saved page ingested / a file imported (the site was not
   * asked, so neither the attempts nor the circuit change). All three set the last success, its
   * item count and the running total the data sources view shows.
   */
  recordSuccess(source: string, items = 0, via: SuccessVia = 'fetch'): void {
    this.ensure(source);
    const n = Math.max(0, Math.floor(items));
    if (via === 'fetch') {
      const b = this.breaker(source);
      b.success();
      this.db
        .prepare(
          `UPDATE source_state SET attempts = attempts + 1, successes = successes + 1, last_success_at = ?,
             circuit = ?, last_items = ?, items_total = items_total + ?, last_via = ? WHERE source = ?`,
        )
        .run(this.now(), JSON.stringify(b.snapshot()), n, n, via, source);
      return;
    }
    this.db
      .prepare(
        `UPDATE source_state SET last_success_at = ?, last_items = ?, items_total = items_total + ?,
           last_via = ? WHERE source = ?`,
      )
      .run(this.now(), n, n, via, source);
  }

  recordFailure(source: string, code: string, message: string): void {
    const b = this.breaker(source);
    b.failure(code);
    this.ensure(source);
    this.db
      .prepare(
        `UPDATE source_state SET attempts = attempts + 1, last_error_at = ?, last_error_code = ?,
           last_error_message = ?, circuit = ? WHERE source = ?`,
      )
      .run(this.now(), code, message, JSON.stringify(b.snapshot()), source);
  }

  report(source: string, name: string): ScraperHealth {
    const r = this.row(source);
    const enabled = (r?.enabled ?? 1) === 1;
    const snap = this.breaker(source).snapshot();
    const attempts = r?.attempts ?? 0;
    const lastOk = r?.last_success_at ?? null;
    const lastErr = r?.last_error_at ?? null;
    // Unknown until something came or failed: a saved page ingested counts, no fetch needed.
    const status: ScraperHealth['status'] = !enabled
      ? 'disabled'
      : lastOk === null && lastErr === null
        ? 'unknown'
        : snap.state !== 'closed' || (lastErr !== null && (lastOk === null || lastErr > lastOk))
          ? 'unhealthy'
          : 'healthy';
    return {
      id: source,
      name,
      status,
      enabled,
      last_success: lastOk === null ? null : new Date(lastOk).toISOString(),
      last_error:
        lastErr === null
          ? null
          : {
              at: new Date(lastErr).toISOString(),
              code: r?.last_error_code ?? 'INTERNAL',
              message: r?.last_error_message ?? '',
            },
      attempts,
      success_rate: attempts === 0 ? null : Math.round(((r?.successes ?? 0) / attempts) * 1000) / 10,
      freshness_seconds: lastOk === null ? null : Math.max(0, Math.round((this.now() - lastOk) / 1000)),
      last_items: r?.last_items ?? null,
      items_total: r?.items_total ?? 0,
      last_via: (r?.last_via as SuccessVia | null | undefined) ?? null,
      missing_credentials: [],
      circuit: {
        state: snap.state,
        consecutive_failures: snap.consecutiveFailures,
        opened_at: snap.openedAt === null ? null : new Date(snap.openedAt).toISOString(),
      },
    };
  }
}
