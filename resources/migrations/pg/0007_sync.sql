-- Remote sync (issue 17). Every observation table gets `sync_seq`: a number from one sequence,
-- taken when the row is inserted (the column's default) and again when an update changes it (the
-- trigger; an upsert that changes nothing keeps its number). A push sends the rows above the
-- remote's checkpoint for this data dir, in `sync_seq` order; a BRIN index serves those ranges
-- (rows are appended in sequence order, so a few bytes index millions of bars).
-- The same file runs on the remote PostgreSQL (its own migrations), so the remote's tables carry
-- their own `sync_seq` for the computers that pull from it.
CREATE SEQUENCE sync_seq;

CREATE FUNCTION sync_seq_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sync_seq := nextval('sync_seq');
  RETURN NEW;
END
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['daily_bars', 'securities', 'cotahist_files', 'source_bars', 'quotes',
    'fundamentals', 'dividends', 'company_profiles', 'companies', 'statements', 'macro_series',
    'treasury_bonds', 'screener_rows', 'corporate_actions', 'source_items', 'news', 'ai_reports',
    'insider_trades', 'option_chain', 'technical_summaries']
  LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN sync_seq bigint NOT NULL DEFAULT nextval(''sync_seq'')', t);
    EXECUTE format('CREATE INDEX %I ON %I USING brin (sync_seq)', t || '_sync_seq', t);
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION sync_seq_bump()',
      t || '_sync_seq', t);
  END LOOP;
END
$$;

-- AI reports are numbered per database; across computers a report is the same report when it has
-- the same ticker, time, kind, language, model and input.
CREATE UNIQUE INDEX ai_reports_natural ON ai_reports (ticker, created_at, kind, language, model_id, input_hash);

-- What a pull from each remote (its `b3ai_sync_meta.remote_id`) has brought in, per table: written
-- in the same transaction as the rows, so a pull cut short resumes where it stopped.
CREATE TABLE sync_pull_checkpoints (
  remote_id   text   NOT NULL,
  table_name  text   NOT NULL,
  watermark   bigint NOT NULL,
  rows        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (remote_id, table_name)
);
