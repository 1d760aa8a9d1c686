-- Saved screener screens (conditions, sort, limit) by name.
CREATE TABLE screens (
  name        TEXT PRIMARY KEY,
  screen      TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL
);
