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
