-- Composite indices (issue 15, ADR 0018): indicator trees as versioned JSON documents, the figures analysts upload for
-- them, the runs computed (specification and result as JSON) and the published versions of a run's result.

-- One row per version of a tree (ADR 0015's pattern); the newest version of a key is current. owner_region: the
-- operators' region that manages it (null: shipped trees and administrators').
CREATE TABLE index_trees (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  tree_key        text NOT NULL,
  version         integer NOT NULL,
  owner_region    text,
  definition      text NOT NULL,
  note            text NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      INTEGER,
  UNIQUE (tree_key, version)
);

-- Figures uploaded for a tree: units and observations as JSON (IndexDataset), with their counts for lists.
CREATE TABLE index_datasets (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  tree_key        text NOT NULL,
  name            text NOT NULL,
  owner_region    text,
  data            text NOT NULL,
  units           integer NOT NULL,
  observations    integer NOT NULL,
  periods         text NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      INTEGER
);
CREATE INDEX ix_index_datasets_tree ON index_datasets (tree_key, id);

-- A computation: the tree version, the dataset (or none), the region whose children the platform measured (or none)
-- and the year, the specification and the whole result (IndexResult as JSON).
CREATE TABLE index_runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  tree_id         INTEGER NOT NULL REFERENCES index_trees (id),
  tree_key        text NOT NULL,
  dataset_id      INTEGER REFERENCES index_datasets (id),
  measured_region text,
  measured_year   integer,
  owner_region    text,
  specification   text NOT NULL,
  result          text NOT NULL,
  units           integer NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      INTEGER
);
CREATE INDEX ix_index_runs_tree ON index_runs (tree_key, id);

-- A published result: a frozen copy of a run's result, numbered per tree key.
CREATE TABLE index_publications (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  tree_key        text NOT NULL,
  version         integer NOT NULL,
  run_id          INTEGER NOT NULL REFERENCES index_runs (id),
  owner_region    text,
  note            text NOT NULL,
  result          text NOT NULL,
  published_at    TEXT NOT NULL,
  published_by    INTEGER,
  UNIQUE (tree_key, version)
);
