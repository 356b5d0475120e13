-- Labour-market analytics history (issue 13, ADR 0016): what the monthly facts need beyond the pools as they were.
-- positions.closed_on: the China date a position was closed (set when its status turns to closed, cleared when it is
-- opened again), so that a month's end knows which positions were still open. Closed positions of before this
-- migration take the date of their last change.
ALTER TABLE positions ADD COLUMN closed_on TEXT;
UPDATE positions SET closed_on = date(updated_at, '+8 hours') WHERE status <> 0;

-- 解约: a signed agreement can be terminated once, by either side or an operator, with a reason. The agreement's terms,
-- confirmations and hash stay as signed: only the three termination columns may be written, and only once.
ALTER TABLE agreements ADD COLUMN terminated_at TEXT;
ALTER TABLE agreements ADD COLUMN terminated_by INTEGER;
ALTER TABLE agreements ADD COLUMN termination_reason TEXT;
DROP TRIGGER agreements_immutable_update;
CREATE TRIGGER agreements_immutable_update BEFORE UPDATE OF application_id, position_id, talent_id, enterprise_id, region_code, terms, offered_at,
  offered_by, signed_at, signed_by, content_hash ON agreements BEGIN SELECT RAISE(ABORT, 'agreements are immutable'); END;
CREATE TRIGGER agreements_terminated_once BEFORE UPDATE OF terminated_at, terminated_by, termination_reason ON agreements
  WHEN OLD.terminated_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'agreements are immutable'); END;

-- The refresh reads one month of these by time.
CREATE INDEX ix_applications_applied ON applications (applied_at);
CREATE INDEX ix_agreements_signed ON agreements (signed_at);
CREATE INDEX ix_agreements_position ON agreements (position_id);
CREATE INDEX ix_agreements_terminated ON agreements (terminated_at) WHERE terminated_at IS NOT NULL;

-- Supply and demand read a range of months of analytics_cells: stored in primary-key order (WITHOUT ROWID), a range of
-- months is one contiguous read instead of an index probe per row (a city's year took 1.3 s, now 0.2 s at Lishui scale).
-- A region's range of months has its own index (a county at province scale).
CREATE TABLE analytics_cells_by_key (
  period            text NOT NULL,
  region_code       text NOT NULL,
  occupation_code   text NOT NULL,
  industry_section  text NOT NULL,
  digital           integer NOT NULL,
  green             integer NOT NULL,
  talents           integer NOT NULL,
  talents_new       integer NOT NULL,
  positions_open    integer NOT NULL,
  positions_new     integer NOT NULL,
  positions_closed  integer NOT NULL,
  headcount_sought  integer NOT NULL,
  applications      integer NOT NULL,
  agreements        integer NOT NULL,
  terminated        integer NOT NULL,
  salary_weight     integer NOT NULL,
  salary_sum        INTEGER NOT NULL,
  PRIMARY KEY (period, region_code, occupation_code, industry_section)
) WITHOUT ROWID;
INSERT INTO analytics_cells_by_key SELECT * FROM analytics_cells;
DROP TABLE analytics_cells;
ALTER TABLE analytics_cells_by_key RENAME TO analytics_cells;
CREATE INDEX ix_analytics_cells_occupation ON analytics_cells (occupation_code, period, region_code);
