-- Work that survives a node. A lease is a named lock held by one node until it expires; the holder renews it
-- while it works (heartbeat), and a lease whose holder died is taken over once it has expired.
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);

-- Background jobs on the database: any node claims a due job (FOR UPDATE SKIP LOCKED on PostgreSQL), renews its
-- heartbeat while it runs, and a job whose node stopped renewing is failed with the reason by whichever node sees it.
CREATE TABLE jobs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  kind          TEXT NOT NULL,
  payload       TEXT NOT NULL,
  status        TEXT NOT NULL,
  run_at        TEXT NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 1,
  node          TEXT,
  heartbeat_at  TEXT,
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  error         TEXT
);
CREATE INDEX ix_jobs_due ON jobs (status, run_at);

-- An uploaded import file, kept in the database until its import has ended (any node can run the import).
CREATE TABLE import_uploads (
  run_id   INTEGER PRIMARY KEY REFERENCES import_runs (id) ON DELETE CASCADE,
  content  BLOB NOT NULL
);

ALTER TABLE import_runs ADD COLUMN heartbeat_at TEXT;
ALTER TABLE import_runs ADD COLUMN node TEXT;
ALTER TABLE import_runs ADD COLUMN bytes_total INTEGER;
ALTER TABLE import_runs ADD COLUMN bytes_read INTEGER;
ALTER TABLE import_runs ADD COLUMN profile TEXT;
