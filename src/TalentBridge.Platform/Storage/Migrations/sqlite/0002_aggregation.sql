-- Aggregation (全量归集): imported postings from outside platforms, one row per source record,
-- clustered into posting_clusters (one per real position) with every source kept as provenance.
-- Import runs keep their counts and every rejected or doubtful row with its reason.

CREATE TABLE import_runs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  source       TEXT NOT NULL,
  kind         TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  account_id   INTEGER,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL,
  rows_read    integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  doubtful     integer NOT NULL DEFAULT 0,
  duplicates   integer NOT NULL DEFAULT 0,
  error        TEXT
);

CREATE TABLE import_issues (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id     INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
  line       integer NOT NULL,
  source_id  TEXT,
  field      TEXT NOT NULL,
  reason     TEXT NOT NULL,
  rejected   INTEGER NOT NULL
);
CREATE INDEX ix_import_issues_run ON import_issues (run_id, line);

CREATE TABLE posting_clusters (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  title                  TEXT NOT NULL,
  occupation_code        TEXT,
  enterprise_name        TEXT NOT NULL,
  uscc                   TEXT,
  region_code            TEXT,
  salary_min             integer,
  salary_max             integer,
  months_per_year        integer NOT NULL,
  posted_on              TEXT,
  source_count           integer NOT NULL,
  first_seen             TEXT NOT NULL,
  last_seen              TEXT NOT NULL
);
CREATE INDEX ix_posting_clusters_region ON posting_clusters (region_code);
CREATE INDEX ix_posting_clusters_occupation ON posting_clusters (occupation_code);

CREATE TABLE source_postings (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  source                 TEXT NOT NULL,
  source_id              TEXT NOT NULL,
  content_hash           TEXT NOT NULL,
  cluster_id             INTEGER NOT NULL REFERENCES posting_clusters (id),
  similarity             REAL NOT NULL,
  match_reason           TEXT NOT NULL,
  title                  TEXT NOT NULL,
  occupation_code        TEXT,
  enterprise_name        TEXT NOT NULL,
  uscc                   TEXT,
  region_code            TEXT,
  salary_min             integer,
  salary_max             integer,
  months_per_year        integer NOT NULL,
  posted_on              TEXT,
  occupation_confidence  REAL NOT NULL,
  min_education          integer,
  min_experience_years   integer,
  headcount              integer,
  description            TEXT,
  run_id                 INTEGER NOT NULL REFERENCES import_runs (id),
  imported_at            TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  UNIQUE (source, source_id)
);
CREATE INDEX ix_source_postings_cluster ON source_postings (cluster_id);
