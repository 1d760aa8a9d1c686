-- Portfolios, their transactions (positions are computed from these, never typed), the files they
-- came from, and alerts. PRIVATE: portfolio data never leaves the machine except through the
-- user's own sync, and a sync must leave these tables out unless the user turns it on
-- (services/contract/portfolio.ts PRIVATE_TABLES lists them; each table's comment says so too).
CREATE TABLE portfolios (
  id            bigserial   PRIMARY KEY,
  name          text        NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  sync_enabled  boolean     NOT NULL DEFAULT false
);

CREATE TABLE portfolio_imports (
  id            bigserial   PRIMARY KEY,
  portfolio_id  bigint      NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
  file_name     text        NOT NULL,
  format        text        NOT NULL,
  sha256        text        NOT NULL,
  imported_at   timestamptz NOT NULL DEFAULT now(),
  rows          integer     NOT NULL,
  added         integer     NOT NULL
);

-- row_key: a hash of the row's natural key (date, kind, ticker, quantity, price, amount, broker and
-- its occurrence number among equal rows of its file), so re-importing an overlapping period adds nothing twice.
CREATE TABLE portfolio_transactions (
  id            bigserial   PRIMARY KEY,
  portfolio_id  bigint      NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
  row_key       text        NOT NULL,
  date          date        NOT NULL,
  kind          text        NOT NULL,
  ticker        text        NOT NULL,
  quantity      numeric     NOT NULL DEFAULT 0,
  price         numeric     NOT NULL DEFAULT 0,
  amount        numeric     NOT NULL DEFAULT 0,
  fees          numeric     NOT NULL DEFAULT 0,
  withheld      numeric     NOT NULL DEFAULT 0,
  ratio         numeric,
  asset_class   text,
  broker        text,
  product_name  text,
  note          text,
  source        text        NOT NULL,
  import_id     bigint      REFERENCES portfolio_imports(id) ON DELETE SET NULL,
  UNIQUE (portfolio_id, row_key)
);
CREATE INDEX portfolio_transactions_date ON portfolio_transactions (portfolio_id, date);

CREATE TABLE alert_rules (
  id            bigserial   PRIMARY KEY,
  kind          text        NOT NULL,
  ticker        text,
  portfolio_id  bigint      REFERENCES portfolios(id) ON DELETE CASCADE,
  threshold     double precision,
  enabled       boolean     NOT NULL DEFAULT true,
  -- whether the condition held at the last evaluation: an alert fires only on false → true
  active        boolean     NOT NULL DEFAULT false,
  -- for "new" rules (filings, dividends): the newest item already seen
  last_seen     text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert_events (
  id            bigserial   PRIMARY KEY,
  rule_id       bigint      NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  kind          text        NOT NULL,
  ticker        text,
  fired_at      timestamptz NOT NULL DEFAULT now(),
  message       text        NOT NULL,
  data          jsonb       NOT NULL
);
CREATE INDEX alert_events_fired ON alert_events (fired_at DESC, id DESC);

COMMENT ON TABLE portfolios IS 'private: excluded from sync unless sync_enabled';
COMMENT ON TABLE portfolio_imports IS 'private: excluded from sync unless the portfolio''s sync_enabled';
COMMENT ON TABLE portfolio_transactions IS 'private: excluded from sync unless the portfolio''s sync_enabled';
COMMENT ON TABLE alert_rules IS 'private: excluded from sync';
COMMENT ON TABLE alert_events IS 'private: excluded from sync';
