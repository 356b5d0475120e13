-- Optimistic concurrency: every editable record carries a version that each change increments.
ALTER TABLE enterprises ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE positions ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE talents ADD COLUMN version integer NOT NULL DEFAULT 1;

-- The audit log gains the region of its subject (12-digit form, for the operator's subtree range) and the
-- change itself (JSON: field -> [before, after], contact data only masked).
ALTER TABLE audit_log ADD COLUMN region_code text;
ALTER TABLE audit_log ADD COLUMN detail text;
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_region_at ON audit_log (region_code, at);
CREATE INDEX ix_audit_log_account_at ON audit_log (account_id, at);

-- Domain events, written in the transaction of the change they report; consumers keep their own cursor (id).
CREATE TABLE events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           text NOT NULL,
  kind         text NOT NULL,
  subject_type text NOT NULL,
  subject_id   integer,
  account_id   integer,
  region_code  text,
  data         text
);
CREATE INDEX ix_events_subject ON events (subject_type, subject_id);
