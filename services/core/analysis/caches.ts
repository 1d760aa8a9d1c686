/**
 * A least-recently-used map bounded by entries and by (estimated) bytes: the analysis keeps its
 * answers and its tickers' bars in these, so a long session over many tickers holds a fixed amount.
 */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    private readonly limits: { maxEntries: number; maxBytes: number },
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key); // most recent last
    this.map.set(key, hit);
    return hit.value;
  }

  /** Store (most recent); an entry larger than the byte limit on its own is not kept. */
  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(value);
    if (bytes > this.limits.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.map) {
      if (this.map.size <= this.limits.maxEntries && this.total <= this.limits.maxBytes) break;
      this.map.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): void {
    const hit = this.map.get(key);
    if (!hit) return;
    this.map.delete(key);
    this.total -= hit.bytes;
  }

  deleteWhere(drop: (key: string) => boolean): void {
    for (const key of [...this.map.keys()]) if (drop(key)) this.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  get size(): number {
    return this.map.size;
  }

  /** The estimated bytes held. */
  get bytes(): number {
    return this.total;
  }
}
