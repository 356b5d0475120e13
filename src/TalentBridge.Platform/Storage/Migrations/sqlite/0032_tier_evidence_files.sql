-- Evidence files of a confirmed tier (issue 14, item 4): the certificate, 公告 page or review report an operator
-- checked, kept in the database so every node serves it. PDF, PNG or JPEG by their first bytes; written with the record.
CREATE TABLE es_tier_files (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id       INTEGER      NOT NULL REFERENCES es_tier_records (id) ON DELETE CASCADE,
  name            text        NOT NULL,
  content_type    text        NOT NULL,
  size            integer     NOT NULL,
  content         BLOB       NOT NULL,
  uploaded_at     TEXT NOT NULL,
  uploaded_by     INTEGER
);
CREATE INDEX ix_es_tier_files_record ON es_tier_files (record_id);

-- Analytics by tier read the tier valid on a month's last day from the records: find them by validity.
CREATE INDEX ix_es_tier_records_valid ON es_tier_records (valid_from, enterprise_id);
