import type { EventName, EventPayload } from '../../contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/** In-process pub/sub for contract events; adapters forward them over IPC or SSE. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(name, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
