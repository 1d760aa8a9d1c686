import type { RemoteClient } from '../storage/pg-connect';

/**
 * `COPY … FROM STDIN` on a node-postgres client, without another dependency: a Submittable that
 * answers the server's CopyInResponse with the data in 64 KiB CopyData messages, then CopyDone.
 * Resolves with the rows copied; rejects with the server's error (the client stays usable).
 */
class CopyIn {
  private rows = 0;
  private error: Error | null = null;
  readonly done: Promise<number>;
  private settle!: { resolve: (n: number) => void; reject: (e: Error) => void };

  constructor(
    readonly text: string,
    private readonly data: Uint8Array,
  ) {
    this.done = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    const size = 64 * 1024;
    for (let i = 0; i < this.data.length; i += size)
      connection.sendCopyFromChunk(
        Buffer.from(this.data.buffer, this.data.byteOffset + i, Math.min(size, this.data.length - i)),
      );
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/^COPY (\d+)/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleError(err: Error): void {
    this.error = err;
    this.settle.reject(err);
  }

  handleReadyForQuery(): void {
    if (!this.error) this.settle.resolve(this.rows);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** COPY `data` (COPY text format) into the remote with the statement `sql` (… FROM STDIN). */
export function copyIn(client: RemoteClient, sql: string, data: Uint8Array): Promise<number> {
  const q = new CopyIn(sql, data);
  (client as unknown as { query(q: CopyIn): void }).query(q);
  return q.done;
}
