-- News as stored: one row per story, merged across the sources that carried it (same canonical URL
-- or same normalised headline), with its Portuguese sentiment and the tickers it concerns.
CREATE TABLE news (
  id               bigserial        PRIMARY KEY,
  url_key          text             NOT NULL UNIQUE,
  title_key        text             NOT NULL,
  title            text             NOT NULL,
  url              text             NOT NULL,
  publisher        text,
  published_at     timestamptz,
  description      text,
  tickers          text[]           NOT NULL DEFAULT '{}',
  sentiment_score  double precision NOT NULL,
  sentiment_label  text             NOT NULL,
  sources          text[]           NOT NULL,
  snapshot_id      bigint           NOT NULL,
  first_seen_at    timestamptz      NOT NULL
);
CREATE INDEX news_title_key ON news (title_key);
CREATE INDEX news_tickers ON news USING gin (tickers);
CREATE INDEX news_published ON news (published_at DESC NULLS LAST);

-- AI reports: the answer, and everything needed to reproduce it (input data, its hash, the prompt,
-- the model and its parameters).
CREATE TABLE ai_reports (
  id           bigserial   PRIMARY KEY,
  ticker       text        NOT NULL,
  created_at   timestamptz NOT NULL,
  kind         text        NOT NULL,
  language     text        NOT NULL,
  model_id     text        NOT NULL,
  provider     text        NOT NULL,
  model_name   text        NOT NULL,
  params       jsonb       NOT NULL,
  input_hash   text        NOT NULL,
  prompt_hash  text        NOT NULL,
  prompt       text        NOT NULL,
  report       jsonb       NOT NULL,
  flags        jsonb       NOT NULL,
  attempts     integer     NOT NULL,
  usage        jsonb,
  duration_ms  double precision NOT NULL,
  input        jsonb       NOT NULL
);
CREATE INDEX ai_reports_ticker ON ai_reports (ticker, created_at DESC, id DESC);
