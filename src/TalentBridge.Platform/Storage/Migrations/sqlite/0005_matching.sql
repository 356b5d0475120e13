-- Matching: strict salary flags, and the change outbox that keeps every app instance's in-memory
-- match index fresh. Triggers write one row per inserted, updated or deleted talent or position (and
-- per enterprise whose size class changes), whoever writes: forms, API, imports, cluster review.
-- Each instance polls for rows above the last id it has seen and reloads those records; rows older
-- than an hour are deleted by the instances, never the newest, so that ids keep rising without
-- AUTOINCREMENT's extra write per row. at_ms is Unix time in milliseconds.

ALTER TABLE talents ADD COLUMN salary_strict INTEGER NOT NULL DEFAULT 0;
ALTER TABLE positions ADD COLUMN salary_strict INTEGER NOT NULL DEFAULT 0;

CREATE TABLE match_changes (
  id            INTEGER PRIMARY KEY,
  subject_type  TEXT    NOT NULL CHECK (subject_type IN ('talent', 'position', 'enterprise')),
  subject_id    INTEGER NOT NULL,
  at_ms         INTEGER NOT NULL
);

CREATE TRIGGER match_talent_inserted AFTER INSERT ON talents BEGIN
  INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('talent', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER match_talent_updated AFTER UPDATE ON talents BEGIN
  INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('talent', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER match_talent_deleted AFTER DELETE ON talents BEGIN
  INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('talent', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER match_position_inserted AFTER INSERT ON positions BEGIN
  INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('position', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER match_position_updated AFTER UPDATE ON positions BEGIN
  INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('position', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER match_position_deleted AFTER DELETE ON positions BEGIN
  INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('position', OLD.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER match_enterprise_resized AFTER UPDATE OF size_class ON enterprises WHEN NEW.size_class <> OLD.size_class BEGIN
  INSERT INTO match_changes (subject_type, subject_id, at_ms) VALUES ('enterprise', NEW.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
