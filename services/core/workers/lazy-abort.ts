/**
 * An AbortController made only when someone reads its signal: most attempts never do, and one
 * controller per job is a measurable share of a no-op job's cost. Aborting before the signal is read
 * hands out an already-aborted signal.
 */
export class LazyAbort {
  private controller: AbortController | null = null;
  private wasAborted = false;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.wasAborted) this.controller.abort();
    }
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.wasAborted;
  }

  abort(): void {
    if (this.wasAborted) return;
    this.wasAborted = true;
    this.controller?.abort();
  }
}
