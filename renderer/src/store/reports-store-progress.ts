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
  /** The answer's text as it streams (its last characters), for models that send it. */
  text?: string;
  message: string | null;
}

/** How much of a streaming answer the progress keeps (its end). */
export const PROGRESS_TEXT_MAX = 4000;

/** One entry per model, in the order their first event arrived. */
export type ProgressMap = Record<string, ProgressEntry>;

/** The map after one `ai.progress` event: the stage moves on, the character count never goes back. */
export function applyProgress(map: ProgressMap, ev: AiProgress): ProgressMap {
  const before = map[ev.model];
  const chars = ev.chars === undefined ? (before?.chars ?? null) : Math.max(ev.chars, before?.chars ?? 0);
  // A repair round is a new answer: its text starts over.
  const kept = ev.stage === 'repair' ? '' : (before?.text ?? '');
  const text = (kept + (ev.text ?? '')).slice(-PROGRESS_TEXT_MAX);
  return {
    ...map,
    [ev.model]: {
      model: ev.model,
      stage: ev.stage,
      chars,
      ...(text ? { text } : {}),
      message: ev.message ?? before?.message ?? null,
    },
  };
}

/**
 * The map once the generation answered: every model ends stored or failed, also when its events
 * were missed (over HTTP the event stream connects with the request, so a report written by the
 * rules in a few milliseconds is stored before the stream is open).
 */
export function settleProgress(map: ProgressMap, answer: GenerateAnswer): ProgressMap {
  let next = map;
  const ticker = answer.ticker;
  for (const r of answer.reports)
    if (next[r.model.id]?.stage !== 'stored')
      next = applyProgress(next, { ticker, model: r.model.id, stage: 'stored', message: r.id });
  for (const e of answer.errors)
    if (next[e.model]?.stage !== 'failed')
      next = applyProgress(next, {
        ticker,
        model: e.model,
        stage: 'failed',
        message: `${e.code}: ${e.message}`,
      });
  return next;
}

/** The map after the generation failed as a whole: the models still in progress failed with it. */
export function failProgress(map: ProgressMap, message: string): ProgressMap {
  const next: ProgressMap = {};
  for (const [id, p] of Object.entries(map))
    next[id] = p.stage === 'stored' || p.stage === 'failed' ? p : { ...p, stage: 'failed', message };
  return next;
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
