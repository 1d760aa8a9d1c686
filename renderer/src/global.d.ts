import type { Result } from '../../services/contract';

/** What the Electron preload exposes (and nothing more). Absent in a plain browser. */
export interface B3Bridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    b3?: B3Bridge;
  }
}
