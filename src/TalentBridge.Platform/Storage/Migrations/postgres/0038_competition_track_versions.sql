-- Tracks become editable (name, description, criteria, awards) while the competition is a draft or open for entries and
-- no judge has scored in them: each change names the version it read (optimistic concurrency, ADR 0006).
ALTER TABLE competition_tracks ADD COLUMN version integer NOT NULL DEFAULT 1;
