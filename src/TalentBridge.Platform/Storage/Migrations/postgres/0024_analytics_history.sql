-- Labour-market analytics history (issue 13, ADR 0016): what the monthly facts need beyond the pools as they were.
-- positions.closed_on: the China date a position was closed (set when its status turns to closed, cleared when it is
-- opened again), so that a month's end knows which positions were still open. Closed positions of before this
-- migration take the date of their last change.
ALTER TABLE positions ADD COLUMN closed_on date;
UPDATE positions SET closed_on = (updated_at AT TIME ZONE 'Asia/Shanghai')::date WHERE status <> 0;

-- 解约: a signed agreement can be terminated once, by either side or an operator, with a reason. The agreement's terms,
-- confirmations and hash stay as signed: only the three termination columns may be written, and only once.
ALTER TABLE agreements ADD COLUMN terminated_at timestamptz;
ALTER TABLE agreements ADD COLUMN terminated_by bigint;
ALTER TABLE agreements ADD COLUMN termination_reason text;
CREATE OR REPLACE FUNCTION agreements_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.terminated_at IS NULL
     AND ROW(NEW.id, NEW.application_id, NEW.position_id, NEW.talent_id, NEW.enterprise_id, NEW.region_code, NEW.terms, NEW.offered_at,
             NEW.offered_by, NEW.signed_at, NEW.signed_by, NEW.content_hash)
         IS NOT DISTINCT FROM
         ROW(OLD.id, OLD.application_id, OLD.position_id, OLD.talent_id, OLD.enterprise_id, OLD.region_code, OLD.terms, OLD.offered_at,
             OLD.offered_by, OLD.signed_at, OLD.signed_by, OLD.content_hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'agreements are immutable';
END $$;

-- The refresh reads one month of these by time.
CREATE INDEX ix_applications_applied ON applications (applied_at);
CREATE INDEX ix_agreements_signed ON agreements (signed_at);
CREATE INDEX ix_agreements_position ON agreements (position_id);
CREATE INDEX ix_agreements_terminated ON agreements (terminated_at) WHERE terminated_at IS NOT NULL;
