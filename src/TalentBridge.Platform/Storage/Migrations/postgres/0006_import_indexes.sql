-- Imports: ix_source_postings_cluster (cluster_id) is a prefix of ix_source_postings_cluster_similarity
-- (cluster_id, similarity) from 0004, which serves every look-up by cluster as well; dropping it saves an index
-- update per imported posting.

DROP INDEX IF EXISTS ix_source_postings_cluster;
