-- Watchlists the user edits (the home page shows the first one). Synced last-writer-wins by
-- updated_at (the sync helper relies on these exact names; keep them).
CREATE TABLE watchlists (
  id          TEXT        PRIMARY KEY,
  name        TEXT        NOT NULL,
  tickers     TEXT[]      NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL
);
