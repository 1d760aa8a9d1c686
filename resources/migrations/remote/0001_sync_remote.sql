-- The remote PostgreSQL's own tables (issue 17), after the app's pg migrations (the same tables as
-- each computer's local database). Names start with b3ai_ where they are sync bookkeeping.

-- This database's identity: a pull records its checkpoints under it.
CREATE TABLE b3ai_sync_meta (
  remote_id   text        PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO b3ai_sync_meta (remote_id) VALUES (gen_random_uuid()::text);

-- Per computer (origin: the data dir's sync id) and table: the local `sync_seq` pushed so far.
-- A push batch writes its rows and this row in one transaction.
CREATE TABLE b3ai_sync_checkpoints (
  origin      text        NOT NULL,
  table_name  text        NOT NULL,
  watermark   bigint      NOT NULL,
  rows        bigint      NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (origin, table_name)
);

-- The snapshot index (each computer's SQLite `snapshots`), one row per distinct payload and query.
CREATE TABLE snapshots (
  id                bigserial   PRIMARY KEY,
  sha256            text        NOT NULL,
  source            text        NOT NULL,
  model             text        NOT NULL,
  query             text        NOT NULL,
  url               text        NOT NULL,
  status            integer     NOT NULL,
  content_type      text,
  bytes             bigint      NOT NULL,
  stored_bytes      bigint      NOT NULL,
  first_fetched_at  bigint      NOT NULL,
  fetched_at        bigint      NOT NULL,
  fetch_count       integer     NOT NULL,
  parser_version    integer     NOT NULL,
  parse_status      text        NOT NULL,
  parse_message     text,
  item_count        integer,
  items_digest      text,
  sync_seq          bigint      NOT NULL DEFAULT nextval('sync_seq'),
  UNIQUE (sha256, source, model, query)
);
CREATE INDEX snapshots_sync_seq ON snapshots USING brin (sync_seq);
CREATE TRIGGER snapshots_sync_seq BEFORE UPDATE ON snapshots FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION sync_seq_bump();

-- Each computer's snapshot ids → this database's: rows are pushed with their snapshot translated,
-- and pulled with it translated back, so provenance survives the trip.
CREATE TABLE b3ai_snapshot_map (
  origin     text   NOT NULL,
  local_id   bigint NOT NULL,
  remote_id  bigint NOT NULL,
  PRIMARY KEY (origin, local_id)
);
CREATE INDEX b3ai_snapshot_map_remote ON b3ai_snapshot_map (origin, remote_id);

-- Raw payloads (gzip, as in the vault), when a push is asked to carry them (--vault).
CREATE TABLE b3ai_vault (
  sha256  text  PRIMARY KEY,
  gz      bytea NOT NULL
);

-- User-edited state kept as documents (saved screens, schedule overrides, non-secret settings):
-- last writer wins by `updated_at`.
CREATE TABLE b3ai_user_state (
  kind        text        NOT NULL,
  key         text        NOT NULL,
  value       jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL,
  origin      text        NOT NULL,
  PRIMARY KEY (kind, key)
);
