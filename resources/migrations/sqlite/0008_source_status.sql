-- What a source last brought, however it came: a scheduled or manual fetch, a saved page or file
-- ingested (`b3ai ingest`, sources.ingest), or a COTAHIST import. One place records it
-- (services/core/sources/source-health.ts); the data sources view reads it.
ALTER TABLE source_state ADD COLUMN last_items INTEGER;
ALTER TABLE source_state ADD COLUMN items_total INTEGER NOT NULL DEFAULT 0;
-- 'fetch', 'ingest' or 'import': how the last success came.
ALTER TABLE source_state ADD COLUMN last_via TEXT;

-- A schedule's firing that queued nothing for a source, and why (a key or sign-in missing).
CREATE TABLE schedule_skips (
  schedule_id  TEXT NOT NULL,
  source       TEXT NOT NULL,
  skipped_at   INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  PRIMARY KEY (schedule_id, source)
);
