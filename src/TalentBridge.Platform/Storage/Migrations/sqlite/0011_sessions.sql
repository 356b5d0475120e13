-- Sign-in sessions: the cookie names its session, and every request checks that the session has not ended, so
-- signing out ends the cookie everywhere (a copy of it no longer works on any node).
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  ended_at    TEXT
);
CREATE INDEX ix_sessions_account ON sessions (account_id);
