-- Which talent was shown which position on which day (day = days since 0001-01-01, DateOnly.DayNumber): one row
-- however often the talent reloads the list, so exposure counts people, not page loads. Every node counts the same
-- rows (the first impression of a day also writes a match_changes row for the position, so each node re-reads its
-- count); rows older than a week no longer matter and are deleted.
CREATE TABLE match_impressions (
  id           INTEGER PRIMARY KEY,
  position_id  INTEGER NOT NULL,
  talent_id    INTEGER NOT NULL,
  day          INTEGER NOT NULL,
  UNIQUE (position_id, talent_id, day)
);
CREATE INDEX ix_match_impressions_talent ON match_impressions (talent_id, day);
CREATE INDEX ix_match_impressions_day ON match_impressions (day);
