-- Publishing a reviewed duplicate cluster into the position pool (issue 5, item 18): the cluster keeps the
-- position it became, when and by whom, so that the position can show where it came from and a cluster is
-- published at most once. Deleting the position frees the cluster again.

ALTER TABLE posting_clusters ADD COLUMN position_id INTEGER REFERENCES positions (id) ON DELETE SET NULL;
ALTER TABLE posting_clusters ADD COLUMN published_at TEXT;
ALTER TABLE posting_clusters ADD COLUMN published_by INTEGER;
CREATE UNIQUE INDEX ux_posting_clusters_position ON posting_clusters (position_id) WHERE position_id IS NOT NULL;
