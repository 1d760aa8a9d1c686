-- Data from the sources (issue 4). Every row keeps the vault snapshot it was parsed from
-- (snapshot_id → the SQLite `snapshots` table), so any number can be traced to its raw page.

-- COTAHIST bars imported through the b3-cotahist source point at their file's snapshot.
ALTER TABLE daily_bars ADD COLUMN snapshot_id bigint;

-- Bars from other price sources (Yahoo, brapi): kept per source, never mixed into B3's own.
CREATE TABLE source_bars (
  source       text    NOT NULL,
  ticker       text    NOT NULL,
  date         date    NOT NULL,
  open         numeric NOT NULL,
  high         numeric NOT NULL,
  low          numeric NOT NULL,
  close        numeric NOT NULL,
  adj_close    numeric,
  volume       numeric,
  currency     text    NOT NULL,
  snapshot_id  bigint  NOT NULL,
  PRIMARY KEY (source, ticker, date)
);

CREATE TABLE quotes (
  source          text        NOT NULL,
  ticker          text        NOT NULL,
  quoted_at       timestamptz NOT NULL,
  price           numeric     NOT NULL,
  change          numeric,
  change_pct      numeric,
  previous_close  numeric,
  open            numeric,
  high            numeric,
  low             numeric,
  volume          numeric,
  market_cap      numeric,
  currency        text        NOT NULL,
  name            text,
  snapshot_id     bigint      NOT NULL,
  PRIMARY KEY (source, ticker, quoted_at)
);

-- One row per metric per fetch; `metric` is a standard key, or `extra:<the source's label>`.
CREATE TABLE fundamentals (
  source       text        NOT NULL,
  ticker       text        NOT NULL,
  snapshot_id  bigint      NOT NULL,
  metric       text        NOT NULL,
  value_num    numeric,
  value_text   text,
  as_of        date,
  layout       text        NOT NULL,
  fetched_at   timestamptz NOT NULL,
  -- For `extra:` metrics, the unit the source gave (standard keys have theirs in the catalogue).
  unit         text,
  PRIMARY KEY (source, ticker, snapshot_id, metric)
);
CREATE INDEX fundamentals_latest ON fundamentals (ticker, source, metric, fetched_at DESC);

CREATE TABLE dividends (
  source        text    NOT NULL,
  ticker        text    NOT NULL,
  type          text    NOT NULL,
  source_type   text    NOT NULL,
  ex_date       date    NOT NULL,
  payment_date  date,
  value         numeric NOT NULL,
  per_shares    integer NOT NULL,
  -- One declaration paid in instalments is several equal rows that differ by payment date only
  -- (Fundamentus WEGE3, 19/12/2025): numbered 1, 2, 3 in payment-date order, so none is lost.
  instalment    integer NOT NULL DEFAULT 1,
  snapshot_id   bigint  NOT NULL,
  PRIMARY KEY (source, ticker, ex_date, type, value, per_shares, instalment)
);

CREATE TABLE company_profiles (
  source       text        NOT NULL,
  ticker       text        NOT NULL,
  data         jsonb       NOT NULL,
  fetched_at   timestamptz NOT NULL,
  snapshot_id  bigint      NOT NULL,
  PRIMARY KEY (source, ticker)
);

CREATE TABLE companies (
  cvm_code        text PRIMARY KEY,
  cnpj            text NOT NULL,
  name            text NOT NULL,
  trading_name    text,
  status          text NOT NULL,
  sector          text,
  registered_at   date,
  cancelled_at    date,
  category        text,
  controller_kind text,
  snapshot_id     bigint NOT NULL
);
CREATE INDEX companies_cnpj ON companies (cnpj);

-- CVM DFP/ITR lines. Restatements (a new VERSAO) are new rows; nothing is overwritten.
CREATE TABLE statements (
  cvm_code       text    NOT NULL,
  document       text    NOT NULL,
  statement      text    NOT NULL,
  consolidated   boolean NOT NULL,
  ref_date       date    NOT NULL,
  version        integer NOT NULL,
  fiscal_order   text    NOT NULL,
  account_code   text    NOT NULL,
  period_start   date,
  period_end     date    NOT NULL,
  account_name   text    NOT NULL,
  value          numeric NOT NULL,
  fixed_account  boolean,
  delivered_at   date,
  cnpj           text    NOT NULL,
  company        text    NOT NULL,
  snapshot_id    bigint  NOT NULL,
  PRIMARY KEY (cvm_code, document, statement, consolidated, ref_date, version, fiscal_order, account_code)
);

CREATE TABLE macro_series (
  source       text    NOT NULL,
  series       integer NOT NULL,
  date         date    NOT NULL,
  value        numeric NOT NULL,
  snapshot_id  bigint  NOT NULL,
  PRIMARY KEY (source, series, date)
);

CREATE TABLE treasury_bonds (
  bond_type    text    NOT NULL,
  maturity     date    NOT NULL,
  base_date    date    NOT NULL,
  buy_rate     numeric,
  sell_rate    numeric,
  buy_price    numeric,
  sell_price   numeric,
  base_price   numeric,
  snapshot_id  bigint  NOT NULL,
  PRIMARY KEY (bond_type, maturity, base_date)
);

-- A screener answer: one row per ticker per fetch.
CREATE TABLE screener_rows (
  source       text        NOT NULL,
  ticker       text        NOT NULL,
  snapshot_id  bigint      NOT NULL,
  data         jsonb       NOT NULL,
  fetched_at   timestamptz NOT NULL,
  PRIMARY KEY (source, snapshot_id, ticker)
);

-- Share events (splits, reverse splits, bonus shares) per source; cash events live in `dividends`.
CREATE TABLE corporate_actions (
  source       text    NOT NULL,
  ticker       text    NOT NULL,
  date         date    NOT NULL,
  date_basis   text    NOT NULL,
  kind         text    NOT NULL,
  from_shares  numeric NOT NULL,
  to_shares    numeric NOT NULL,
  snapshot_id  bigint  NOT NULL,
  PRIMARY KEY (source, ticker, date, kind)
);

-- Models no source of this build serves yet (insider trades, options, news) land here as JSON.
CREATE TABLE source_items (
  source       text   NOT NULL,
  model        text   NOT NULL,
  item_key     text   NOT NULL,
  data         jsonb  NOT NULL,
  snapshot_id  bigint NOT NULL,
  PRIMARY KEY (source, model, item_key)
);
