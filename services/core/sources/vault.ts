import type { Snapshot } from '../../contract';
import type { StateDb } from '../storage/state';
import { removeBlob } from './vault-files';

export interface SnapshotRecord {
  sha256: string;
  source: string;
  model: string;
  query: string;
  url: string;
  status: number;
  contentType: string | null;
  bytes: number;
  storedBytes: number;
  fetchedAt: number;
  parserVersion: number;
}

interface SnapshotRow {
  id: number;
  sha256: string;
  source: string;
  model: string;
  query: string;
  url: string;
  status: number;
  content_type: string | null;
  bytes: number;
  stored_bytes: number;
  first_fetched_at: number;
  fetched_at: number;
  fetch_count: number;
  parser_version: number;
  parse_status: string;
  parse_message: string | null;
  item_count: number | null;
  items_digest: string | null;
}

export type VaultSnapshot = SnapshotRow;

export function toApiSnapshot(r: SnapshotRow, screenshot?: boolean): Snapshot {
  return {
    id: r.id,
    sha256: r.sha256,
    source: r.source,
    model: r.model,
    query: r.query,
    url: r.url,
    status: r.status,
    content_type: r.content_type,
    bytes: r.bytes,
    fetched_at: new Date(r.fetched_at).toISOString(),
    parser_version: r.parser_version,
    parse_status: r.parse_status,
    ...(screenshot ? { screenshot: true } : {}),
  };
}

/**
 * The vault's index in SQLite. One row per distinct (payload, source, model, query): fetching the
 * same bytes again only bumps `fetched_at` and `fetch_count`, so data points keep one stable id.
 */
export class Vault {
  constructor(
    private readonly state: StateDb,
    private readonly dir: string,
  ) {}

  /** Index a payload already written with `putBlob`; returns its snapshot id. */
  record(s: SnapshotRecord): number {
    const row = this.state
      .prepare(
        `INSERT INTO snapshots (sha256, source, model, query, url, status, content_type, bytes, stored_bytes,
           first_fetched_at, fetched_at, parser_version)
         VALUES (@sha256, @source, @model, @query, @url, @status, @contentType, @bytes, @storedBytes,
           @fetchedAt, @fetchedAt, @parserVersion)
         ON CONFLICT (sha256, source, model, query) DO UPDATE SET
           fetched_at = excluded.fetched_at, fetch_count = fetch_count + 1, url = excluded.url,
           status = excluded.status, parser_version = excluded.parser_version
         RETURNING id`,
      )
      .get(s) as { id: number };
    return row.id;
  }

  markParsed(
    id: number,
    p: {
      status: string;
      message: string | null;
      count: number | null;
      digest: string | null;
      parserVersion?: number;
    },
  ): void {
    this.state
      .prepare(
        `UPDATE snapshots SET parse_status = ?, parse_message = ?, item_count = ?, items_digest = ?,
           parser_version = COALESCE(?, parser_version) WHERE id = ?`,
      )
      .run(p.status, p.message, p.count, p.digest, p.parserVersion ?? null, id);
  }

  get(id: number): SnapshotRow | undefined {
    return this.state.prepare('SELECT * FROM snapshots WHERE id = ?').get(id) as SnapshotRow | undefined;
  }

  /** Snapshots of a source (and model), oldest first, fetched at or after `since` (epoch ms). */
  list(source: string, model?: string, since?: number): SnapshotRow[] {
    return this.state
      .prepare(
        `SELECT * FROM snapshots WHERE source = ? AND (? IS NULL OR model = ?) AND fetched_at >= ?
         ORDER BY fetched_at, id`,
      )
      .all(source, model ?? null, model ?? null, since ?? 0) as SnapshotRow[];
  }

  /**
   * Retention: drop snapshots last fetched before `before` (epoch ms), except the newest one of each
   * (source, model, query), and delete payload files no remaining snapshot uses.
   */
  prune(before: number): { snapshots: number; files: number } {
    const doomed = this.state.transaction(() => {
      const rows = this.state
        .prepare(
          `DELETE FROM snapshots WHERE fetched_at < ? AND id NOT IN (
             SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY source, model, query
               ORDER BY fetched_at DESC, id DESC) AS n FROM snapshots) WHERE n = 1)
           RETURNING sha256`,
        )
        .all(before) as { sha256: string }[];
      const shas = [...new Set(rows.map((r) => r.sha256))];
      const stillUsed = this.state.prepare('SELECT 1 FROM snapshots WHERE sha256 = ? LIMIT 1');
      return { count: rows.length, unused: shas.filter((sha) => !stillUsed.get(sha)) };
    })();
    for (const sha of doomed.unused) removeBlob(this.dir, sha);
    return { snapshots: doomed.count, files: doomed.unused.length };
  }
}
