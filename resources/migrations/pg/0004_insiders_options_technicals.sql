-- Insider trades (CVM Resolução 44 filings as Griffin lists them), option chains (Opções.net) and
-- technical summaries (TradingView's scanner). Each row keeps the snapshot it was read from; keys
-- are the natural ones, so a re-fetch or a reparse updates rows in place.

-- Equal trades on one day (a filing may list the same lot twice) are numbered by `seq`.
CREATE TABLE insider_trades (
  source            text             NOT NULL,
  ticker            text             NOT NULL,
  date              date             NOT NULL,
  insider_group     text             NOT NULL,
  source_operation  text             NOT NULL,
  quantity          double precision NOT NULL,
  seq               integer          NOT NULL,
  company           text,
  operation         text             NOT NULL,
  price             double precision,
  value             double precision,
  snapshot_id       bigint           NOT NULL,
  PRIMARY KEY (source, ticker, date, insider_group, source_operation, quantity, seq)
);
CREATE INDEX insider_trades_ticker_date ON insider_trades (ticker, date DESC);

CREATE TABLE option_chain (
  source              text             NOT NULL,
  ticker              text             NOT NULL,
  as_of               date             NOT NULL,
  underlying          text             NOT NULL,
  kind                text             NOT NULL,
  style               text,
  strike              double precision NOT NULL,
  expiry              date             NOT NULL,
  last                double precision,
  bid                 double precision,
  ask                 double precision,
  volume              double precision,
  trades              double precision,
  implied_volatility  double precision,
  delta               double precision,
  gamma               double precision,
  theta               double precision,
  vega                double precision,
  rho                 double precision,
  snapshot_id         bigint           NOT NULL,
  PRIMARY KEY (source, ticker, as_of)
);
CREATE INDEX option_chain_underlying ON option_chain (underlying, as_of DESC, expiry);

CREATE TABLE technical_summaries (
  source                  text             NOT NULL,
  ticker                  text             NOT NULL,
  interval                text             NOT NULL,
  as_of                   timestamptz      NOT NULL,
  recommendation          text             NOT NULL,
  score                   double precision NOT NULL,
  osc_recommendation      text             NOT NULL,
  osc_score               double precision NOT NULL,
  osc_buy                 integer          NOT NULL,
  osc_sell                integer          NOT NULL,
  osc_neutral             integer          NOT NULL,
  ma_recommendation       text             NOT NULL,
  ma_score                double precision NOT NULL,
  ma_buy                  integer          NOT NULL,
  ma_sell                 integer          NOT NULL,
  ma_neutral              integer          NOT NULL,
  price                   double precision,
  change_pct              double precision,
  volume                  double precision,
  snapshot_id             bigint           NOT NULL,
  PRIMARY KEY (source, ticker, interval, as_of)
);
CREATE INDEX technical_summaries_ticker ON technical_summaries (ticker, as_of DESC);
