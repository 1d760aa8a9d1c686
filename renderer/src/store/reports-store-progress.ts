import type { EventPayload, Output } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';

export type AiProgress = EventPayload<'ai.progress'>;
export type AiStage = AiProgress['stage'];
export type GenerateAnswer = Output<'ai.generate'>;
export type GenerateError = GenerateAnswer['errors'][number];

/** Where one model's report stands while it is written. */
export interface ProgressEntry {
  model: string;
  stage: AiStage;
  /** Characters of the answer streamed so far; null before any arrived. */
  chars: number | null;
  message: string | null;
}

/** One entry per model, in the order their first event arrived. */
export type ProgressMap = Record<string, ProgressEntry>;

/** The map after one `ai.progress` event: the stage moves on, the character count never goes back. */
export function applyProgress(map: ProgressMap, ev: AiProgress): ProgressMap {
  const before = map[ev.model];
  const chars = ev.chars === undefined ? (before?.chars ?? null) : Math.max(ev.chars, before?.chars ?? 0);
  return {
    ...map,
    [ev.model]: { model: ev.model, stage: ev.stage, chars, message: ev.message ?? before?.message ?? null },
  };
}

/**
 * Runs `run` while listening to the `ai.progress` events of `ticker`; the subscription ends with it.
 * (Over HTTP the event stream opens on the first subscriber, so only generations are listened to.)
 */
export async function whileListening<T>(
  client: Client,
  ticker: string,
  onProgress: (ev: AiProgress) => void,
  run: () => Promise<T>,
): Promise<T> {
  const off = client.on('ai.progress', (ev) => {
    if (ev.ticker.toUpperCase() === ticker) onProgress(ev);
  });
  try {
    return await run();
  } finally {
    off();
  }
}
