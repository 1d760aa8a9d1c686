import type { Slot } from './pool-slot';
import type { WorkerTask } from './types';

/** Per group: the tasks the processes hold (running or queued in them), in all and per slot. */
export type GroupCounts = Map<string, { all: number; bySlot: Map<number, number> }>;

export function groupCounts(slots: readonly Slot[]): GroupCounts {
  const counts: GroupCounts = new Map();
  for (const s of slots)
    for (const r of s.running.values()) if (r.task.group) addGroup(counts, r.task.group.key, s.id);
  return counts;
}

export function addGroup(counts: GroupCounts, key: string, slotId: number): void {
  let c = counts.get(key);
  if (!c) counts.set(key, (c = { all: 0, bySlot: new Map() }));
  c.all++;
  c.bySlot.set(slotId, (c.bySlot.get(slotId) ?? 0) + 1);
}

/** A ready process that may take one more task (it holds fewer than `holds`, and not this one). */
export const takesWork = (s: Slot, jobId: string, holds: number): boolean =>
  s.proc !== null &&
  !s.retiring &&
  (s.state === 'idle' || s.state === 'busy') &&
  s.running.size < holds &&
  !s.running.has(jobId);

/**
 * The process a task goes to, or null (it waits in the pool's queue). A process with a free place
 * runs it at once; only when none has one, and none is still to start, does it wait in the queue
 * of the least loaded process. A group's tasks go beyond its limit only to the one process that
 * holds all of them, which keeps to the limit itself (never when processes run what they get at once).
 */
export function pickSlot(
  slots: readonly Slot[],
  task: WorkerTask,
  group: { all: number; bySlot: Map<number, number> } | undefined,
  perWorker: number,
  takes: (s: Slot, jobId: string) => boolean,
  /** The processes queue tasks and keep to group limits themselves (tasks sent ahead). */
  processQueues: boolean,
): Slot | null {
  const startsNow = slots.some((s) => takes(s, task.jobId) && s.running.size < perWorker);
  const full = !startsNow && slots.every((s) => s.state === 'idle' || s.state === 'busy');
  const atLimit = task.group !== undefined && group !== undefined && group.all >= task.group.limit;
  let best: Slot | null = null;
  for (const s of slots) {
    if (!takes(s, task.jobId) || (!full && s.running.size >= perWorker)) continue;
    if (atLimit && (!processQueues || group.all !== (group.bySlot.get(s.id) ?? 0))) continue;
    if (!best || s.running.size < best.running.size) best = s;
  }
  return best;
}
