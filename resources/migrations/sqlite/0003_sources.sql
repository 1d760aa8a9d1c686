-- The snapshot vault's index: one row per distinct (payload, source, model, query). The payload
-- itself is a gzip file under <data-dir>/vault/<sha[0:2]>/<sha>.gz, stored once per content.
CREATE TABLE snapshots (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  model           TEXT    NOT NULL,
  query           TEXT    NOT NULL,
  url             TEXT    NOT NULL,
  status          INTEGER NOT NULL,
  content_type    TEXT,
  bytes           INTEGER NOT NULL,
  stored_bytes    INTEGER NOT NULL,
  first_fetched_at INTEGER NOT NULL,
  fetched_at      INTEGER NOT NULL,
  fetch_count     INTEGER NOT NULL DEFAULT 1,
  parser_version  INTEGER NOT NULL,
  -- 'ok', 'pending' (not parsed yet) or the error code the parser raised.
  parse_status    TEXT    NOT NULL DEFAULT 'pending',
  parse_message   TEXT,
  item_count      INTEGER,
  -- sha256 of the parsed items (canonical JSON), so a re-parse can tell what changed.
  items_digest    TEXT,
  UNIQUE (sha256, source, model, query)
);
CREATE INDEX snapshots_source ON snapshots (source, model, fetched_at);
CREATE INDEX snapshots_sha ON snapshots (sha256);

-- Per source: enabled flag, circuit breaker and counters for /api/scrapers/health.
CREATE TABLE source_state (
  source            TEXT PRIMARY KEY,
  enabled           INTEGER NOT NULL DEFAULT 1,
  attempts          INTEGER NOT NULL DEFAULT 0,
  successes         INTEGER NOT NULL DEFAULT 0,
  last_success_at   INTEGER,
  last_error_at     INTEGER,
  last_error_code   TEXT,
  last_error_message TEXT,
  circuit           TEXT
);
