import { AppError, type Result } from './errors';
import { events, type EventName, type EventPayload } from './events';
import { methods, type Input, type MethodName, type Output } from './index';

/** What carries calls and events: IPC in Electron, HTTP + SSE in a browser. */
export interface Transport {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  on(event: EventName, cb: (payload: unknown) => void): () => void;
}

export interface Client {
  /** Calls a method; resolves with its output or rejects with an AppError carrying the server's code. */
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: Transport): Client {
  return {
    async call(method, input) {
      const result = await transport.call(method, input);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      const parsed = methods[method].output.safeParse(result.data);
      if (!parsed.success)
        throw new AppError('INTERNAL', `${method}: the answer does not match the contract`);
      return parsed.data as Output<typeof method>;
    },
    on(event, cb) {
      return transport.on(event, (payload) => {
        const parsed = events[event].payload.safeParse(payload);
        if (parsed.success) cb(parsed.data as EventPayload<typeof event>);
      });
    },
  };
}
