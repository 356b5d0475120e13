-- Failed sign-ins per client address (a keyed hash of it, never the address), in a fixed window: every node
-- counts the same guesses. Page views and successful sign-ins do not count.
CREATE TABLE sign_in_failures (
  address_key   TEXT PRIMARY KEY,
  window_start  TEXT NOT NULL,
  failures      INTEGER NOT NULL
);
CREATE INDEX ix_sign_in_failures_window ON sign_in_failures (window_start);
