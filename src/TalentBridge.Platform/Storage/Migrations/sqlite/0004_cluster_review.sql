-- Operator review of duplicate clusters: a cluster can be marked reviewed, split or merged by hand.
-- Every manual change is recorded in cluster_changes with the account, the reason and what it did,
-- so that it can be undone exactly: the header of every cluster it touched as it was before
-- (clusters_before, JSON) and the source postings it moved (cluster_change_postings, with the
-- cluster each came from). A merged-away cluster is kept, empty, with merged_into set, so that an
-- undo can refill it under the same id. Cluster ids in the history carry no foreign key: undoing a
-- split deletes the cluster it created.

ALTER TABLE posting_clusters ADD COLUMN reviewed_at TEXT;
ALTER TABLE posting_clusters ADD COLUMN reviewed_by INTEGER;
ALTER TABLE posting_clusters ADD COLUMN merged_into INTEGER REFERENCES posting_clusters (id);

CREATE TABLE cluster_changes (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  at                TEXT NOT NULL,
  account_id        INTEGER NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('split', 'merge', 'review', 'undo')),
  cluster_id        INTEGER NOT NULL,
  other_cluster_id  INTEGER,
  undoes_id         INTEGER REFERENCES cluster_changes (id),
  reason            TEXT NOT NULL,
  clusters_before   TEXT,
  undone_at         TEXT,
  undone_by         INTEGER
);
CREATE INDEX ix_cluster_changes_cluster ON cluster_changes (cluster_id, id);
CREATE INDEX ix_cluster_changes_other ON cluster_changes (other_cluster_id, id);

CREATE TABLE cluster_change_postings (
  change_id          INTEGER NOT NULL REFERENCES cluster_changes (id),
  source_posting_id  INTEGER NOT NULL REFERENCES source_postings (id),
  from_cluster_id    INTEGER NOT NULL,
  to_cluster_id      INTEGER NOT NULL,
  PRIMARY KEY (change_id, source_posting_id)
);

-- The review list: the weakest member of a cluster is one index probe.
CREATE INDEX ix_source_postings_cluster_similarity ON source_postings (cluster_id, similarity);
CREATE INDEX ix_posting_clusters_multi ON posting_clusters (region_code) WHERE source_count >= 2;
