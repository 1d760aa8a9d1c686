-- Daily bars from B3 COTAHIST files: one row per ticker and trading day.
-- Prices are already divided by 100 and by the quote factor (FATCOT); volume is in R$.
CREATE TABLE daily_bars (
  ticker        text    NOT NULL,
  date          date    NOT NULL,
  open          numeric NOT NULL,
  high          numeric NOT NULL,
  low           numeric NOT NULL,
  close         numeric NOT NULL,
  average       numeric NOT NULL,
  volume        numeric NOT NULL,
  trades        integer NOT NULL,
  quantity      bigint  NOT NULL,
  isin          text    NOT NULL,
  codbdi        text    NOT NULL,
  quote_factor  integer NOT NULL,
  -- The primary key's index (ticker, date) serves per-ticker date-range scans.
  PRIMARY KEY (ticker, date)
);

-- What each ticker is, as of the latest file that listed it.
CREATE TABLE securities (
  ticker         text PRIMARY KEY,
  name           text NOT NULL,
  specification  text NOT NULL,
  isin           text NOT NULL,
  last_date      date NOT NULL
);

-- Provenance: every COTAHIST file imported (name as given, date from its header).
CREATE TABLE cotahist_files (
  file_name          text NOT NULL,
  file_date          date NOT NULL,
  bytes              bigint NOT NULL,
  records            integer NOT NULL,
  imported           integer NOT NULL,
  first_imported_at  timestamptz NOT NULL DEFAULT now(),
  last_imported_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (file_name, file_date)
);
