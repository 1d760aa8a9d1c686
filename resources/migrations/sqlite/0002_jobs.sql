-- The durable job queue. Times are epoch milliseconds; `seq` (the rowid: max + 1 on insert, and
-- jobs are never deleted) gives FIFO order within a priority.
CREATE TABLE jobs (
  seq               INTEGER PRIMARY KEY,
  id                TEXT    NOT NULL UNIQUE,
  scraper_name      TEXT    NOT NULL,
  ticker            TEXT,
  query             TEXT,
  priority          INTEGER NOT NULL CHECK (priority IN (0, 1, 2)), -- 0 high, 1 normal, 2 low
  status            TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'retry')),
  created_at        INTEGER NOT NULL,
  started_at        INTEGER,
  completed_at      INTEGER,
  attempts          INTEGER NOT NULL DEFAULT 0,
  max_retries       INTEGER NOT NULL DEFAULT 3,
  next_run_at       INTEGER,
  lease_owner       TEXT,
  lease_expires_at  INTEGER,
  cancel_requested  INTEGER NOT NULL DEFAULT 0,
  response_time     REAL,
  error_code        TEXT,
  error_message     TEXT,
  metadata          TEXT    NOT NULL DEFAULT '{}',
  result            TEXT
);

-- The claim query walks this partial index: ready jobs by priority, then FIFO.
CREATE INDEX jobs_ready ON jobs (priority, seq) WHERE status IN ('pending', 'retry');
-- When the next waiting job becomes due (the dispatcher's timer).
CREATE INDEX jobs_due ON jobs (next_run_at) WHERE status IN ('pending', 'retry');
-- Listing and statistics; on columns that never change, so status updates do not touch them.
CREATE INDEX jobs_created ON jobs (created_at);
CREATE INDEX jobs_scraper_created ON jobs (scraper_name, created_at);

-- The self-test source's effect: one row per completed `write-row` job, written in the same
-- transaction as the job's completion (the crash suite counts them).
CREATE TABLE selftest_effects (
  job_id      TEXT PRIMARY KEY,
  attempt     INTEGER NOT NULL,
  written_at  INTEGER NOT NULL
);

-- When each schedule last fired (for runs missed while the app was closed). `fired` is 0 for the
-- baseline recorded at a schedule's first start, before it ever fired.
CREATE TABLE schedule_runs (
  schedule_id  TEXT PRIMARY KEY,
  last_run_at  INTEGER NOT NULL,
  fired        INTEGER NOT NULL DEFAULT 1
);

-- User overrides of the shipped schedules (enabled flag, cron, tickers...), as JSON patches.
CREATE TABLE schedule_overrides (
  schedule_id  TEXT PRIMARY KEY,
  patch        TEXT NOT NULL
);
