import type { AlertKind, EventName, EventPayload } from '../../contract';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import { evaluateRules, PRICE_DRIVEN_KINDS, type EvaluateScope } from './alerts-service';

/** What a completed job of a source can change, by the model it names (or any, for a ticker job). */
const JOB_KINDS: readonly AlertKind[] = [
  ...PRICE_DRIVEN_KINDS,
  'dividend_announced',
  'negative_news',
  'new_filing',
];

/**
 * The event that changed some inputs → the rules that read them (never everything by polling):
 * a COTAHIST import → price, RSI, ceiling, age and weight rules; a source's completed job → the
 * rules of its ticker (or of no ticker); portfolio changes are handled where they happen.
 */
export function scopeFor(name: EventName, payload: unknown): EvaluateScope | null {
  if (name === 'import.completed') return { kinds: PRICE_DRIVEN_KINDS };
  if (name !== 'job.updated') return null;
  const job = (payload as EventPayload<'job.updated'>).job;
  if (job.status !== 'completed') return null;
  if (job.scraper_name === 'cotahist') return { kinds: PRICE_DRIVEN_KINDS };
  const ticker = /^[A-Z0-9]{4,12}$/.exec((job.query ?? '').trim().toUpperCase())?.[0];
  return ticker ? { kinds: JOB_KINDS, tickers: [ticker] } : { kinds: JOB_KINDS };
}

/** Evaluate alert rules after each event that changes their inputs; one evaluation at a time. */
export function subscribeAlerts(events: EventBus, pg: () => Pg, log: Logger): () => void {
  let chain: Promise<unknown> = Promise.resolve();
  return events.subscribe((name, payload) => {
    const scope = scopeFor(name, payload);
    if (!scope) return;
    chain = chain
      .then(() => evaluateRules(pg(), scope))
      .then(({ fired }) => {
        for (const e of fired) events.emit('alert.fired', e);
      })
      .catch((error: unknown) => log.warn('alert rules not evaluated', { error }));
  });
}
