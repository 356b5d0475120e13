-- Aggregation (全量归集) of people and employers: imported résumés and enterprises from outside platforms,
-- one row per source record, clustered into talent_clusters (one per real person) and enterprise_clusters
-- (one per real employer) with every source kept as provenance. Phone and ID numbers arrive masked and as
-- keyed hashes only: the raw values are never stored. import_runs.kind says which table a run filled.

CREATE TABLE talent_clusters (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  name                   TEXT NOT NULL,
  birth_year             integer,
  region_code            TEXT,
  occupation_code        TEXT,
  source_count           integer NOT NULL,
  first_seen             TEXT NOT NULL,
  last_seen              TEXT NOT NULL
);
CREATE INDEX ix_talent_clusters_region ON talent_clusters (region_code);
CREATE INDEX ix_talent_clusters_occupation ON talent_clusters (occupation_code);

CREATE TABLE source_talents (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  source                 TEXT NOT NULL,
  source_id              TEXT NOT NULL,
  content_hash           TEXT NOT NULL,
  cluster_id             INTEGER NOT NULL REFERENCES talent_clusters (id),
  similarity             REAL NOT NULL,
  match_reason           TEXT NOT NULL,
  name                   TEXT NOT NULL,
  phone_masked           TEXT,
  phone_hash             TEXT,
  id_number_masked       TEXT,
  id_number_hash         TEXT,
  birth_year             integer,
  region_code            TEXT,
  occupation_code        TEXT,
  text                   TEXT,
  run_id                 INTEGER NOT NULL REFERENCES import_runs (id),
  imported_at            TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  UNIQUE (source, source_id)
);
CREATE INDEX ix_source_talents_cluster ON source_talents (cluster_id);
CREATE INDEX ix_source_talents_phone ON source_talents (phone_hash);
CREATE INDEX ix_source_talents_id_number ON source_talents (id_number_hash);

CREATE TABLE enterprise_clusters (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  name                   TEXT NOT NULL,
  uscc                   TEXT,
  region_code            TEXT,
  industry_code          TEXT,
  source_count           integer NOT NULL,
  first_seen             TEXT NOT NULL,
  last_seen              TEXT NOT NULL
);
CREATE INDEX ix_enterprise_clusters_region ON enterprise_clusters (region_code);
CREATE INDEX ix_enterprise_clusters_uscc ON enterprise_clusters (uscc);

CREATE TABLE source_enterprises (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  source                 TEXT NOT NULL,
  source_id              TEXT NOT NULL,
  content_hash           TEXT NOT NULL,
  cluster_id             INTEGER NOT NULL REFERENCES enterprise_clusters (id),
  similarity             REAL NOT NULL,
  match_reason           TEXT NOT NULL,
  name                   TEXT NOT NULL,
  uscc                   TEXT,
  region_code            TEXT,
  industry_code          TEXT,
  headcount              integer,
  description            TEXT,
  run_id                 INTEGER NOT NULL REFERENCES import_runs (id),
  imported_at            TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  UNIQUE (source, source_id)
);
CREATE INDEX ix_source_enterprises_cluster ON source_enterprises (cluster_id);
CREATE INDEX ix_source_enterprises_uscc ON source_enterprises (uscc);
