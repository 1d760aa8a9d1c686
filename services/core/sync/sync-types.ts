/** A progress event of a push or pull: rows done so far of one table (of `total` to do). */
export interface SyncProgress {
  phase: 'migrate' | 'push' | 'pull';
  table: string;
  rows: number;
  total?: number;
}

export interface SyncReport {
  direction: 'push' | 'pull';
  remoteId: string;
  layout: 'timescale' | 'brin';
  /** Remote migrations applied by this run. */
  migrated: string[];
  /** Rows sent (push) or received (pull) per table. */
  tables: Record<string, number>;
  ms: number;
}
