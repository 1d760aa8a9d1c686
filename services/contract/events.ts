import { z } from 'zod';
import { defineEvent } from './define';
import { Job } from './jobs';
import { ImportSummary } from './models';

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

export const events = {
  'import.progressed': importProgressed,
  'import.completed': importCompleted,
  'job.updated': jobUpdated,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
