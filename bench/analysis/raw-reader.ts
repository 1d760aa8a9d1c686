/**
 * The raw read's own process (`probe.ts raw-serve`) on a copy of the database, asked one ticker at
 * a time while the server runs, so each raw read sits next to the analysis request of the same
 * ticker: load from the rest of the machine then weighs on both sides of the ratio alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RawRead {
  /** Wall time of the query, ms. */
  ms: number;
  /** CPU time of the reader process during it, ms. */
  cpuMs: number;
  rows: number;
}

export class RawReader {
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => this.waiting.shift()?.(line));
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    child.once('exit', (code) => {
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ error: `exited ${code}: ${this.stderr}` }));
    });
  }

  /** Start `runner probe raw-serve pgDir` and wait until its database is open. */
  static async start(
    runner: string,
    probe: string,
    pgDir: string,
    env: NodeJS.ProcessEnv,
  ): Promise<RawReader> {
    const child = spawn(process.execPath, [runner, probe, 'raw-serve', pgDir], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env,
    });
    const reader = new RawReader(child);
    await reader.next<{ ready: true }>();
    return reader;
  }

  private next<T>(): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.waiting.push((line) => {
        const v = JSON.parse(line) as T & { error?: string };
        if (v.error) reject(new Error(`raw reader: ${v.error}`));
        else resolve(v);
      }),
    );
  }

  private ask<T>(line: string): Promise<T> {
    const answer = this.next<T>();
    this.child.stdin!.write(`${line}\n`);
    return answer;
  }

  /** `SELECT date, open, high, low, close, quantity … ORDER BY date` for the ticker. */
  raw(ticker: string): Promise<RawRead> {
    return this.ask(`raw ${ticker}`);
  }

  /** The analysis' own bar loader (`loadBarColumns`) for the ticker. */
  loader(ticker: string): Promise<{ ms: number }> {
    return this.ask(`loader ${ticker}`);
  }

  /** Close the database and end the process; its peak RSS. */
  async close(): Promise<{ maxRssMb: number }> {
    const last = await this.ask<{ maxRssMb: number }>('quit');
    this.child.stdin!.end();
    return last;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
