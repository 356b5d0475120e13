-- Imports are region-scoped: a run keeps the region of the operator who started it (null for administrators and the
-- command line, whose runs only administrators see). Reasons and errors are message codes with their arguments (a JSON
-- array), shown in the reader's language; issues beyond the per-run limit are counted, not stored.
ALTER TABLE import_runs ADD COLUMN region_code TEXT;
ALTER TABLE import_runs ADD COLUMN error_args TEXT;
ALTER TABLE import_runs ADD COLUMN issues_dropped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_issues ADD COLUMN args TEXT;
CREATE INDEX ix_import_runs_region ON import_runs (region_code);
