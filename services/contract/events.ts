import { z } from 'zod';
import { defineEvent } from './define';
import { Job } from './jobs';
import { ImportSummary } from './models';
import { AlertEvent } from './portfolio';

export const importProgressed = defineEvent({
  name: 'import.progressed',
  payload: z.object({
    file: z.string(),
    fileIndex: z.number().int(),
    fileCount: z.number().int(),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
    records: z.number().int(),
  }),
});

export const importCompleted = defineEvent({ name: 'import.completed', payload: ImportSummary });

export const jobUpdated = defineEvent({ name: 'job.updated', payload: z.object({ job: Job }) });

/** A report being written: one event per stage and, while a model streams, per chunk of text. */
export const aiProgress = defineEvent({
  name: 'ai.progress',
  payload: z.object({
    ticker: z.string(),
    model: z.string(),
    stage: z.enum(['input', 'prompt', 'request', 'streaming', 'validating', 'repair', 'stored', 'failed']),
    /** Characters of the answer received so far (streaming). */
    chars: z.number().int().optional(),
    /** The answer's characters received since the previous event (streaming). */
    text: z.string().optional(),
    message: z.string().optional(),
  }),
});

/** A sign-in window's outcome: the session cookies appeared, or the window closed without them. */
export const scrapersLogin = defineEvent({
  name: 'scrapers.login',
  payload: z.object({
    scraper: z.string(),
    result: z.enum(['signed-in', 'not-signed-in', 'failed']),
    message: z.string().optional(),
  }),
});

/** A portfolio's transactions changed (an import, a manual entry, a deletion). */
export const portfolioChanged = defineEvent({
  name: 'portfolio.changed',
  payload: z.object({ portfolio_id: z.number().int(), added: z.number().int() }),
});

/** An alert rule's condition started to hold (the desktop app shows an OS notification). */
export const alertFired = defineEvent({ name: 'alert.fired', payload: AlertEvent });

export const events = {
  'import.progressed': importProgressed,
  'import.completed': importCompleted,
  'job.updated': jobUpdated,
  'ai.progress': aiProgress,
  'scrapers.login': scrapersLogin,
  'portfolio.changed': portfolioChanged,
  'alert.fired': alertFired,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
