-- Training from skill gaps (issue 16, item 5): providers, programmes as data, enrolments and completions, and the
-- talents' gaps computed by the daily gap run for the operators' training-demand table.

CREATE TABLE training_providers (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  note            TEXT,
  version         INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX ix_training_providers_region ON training_providers (region_code);

-- A programme: skills and occupation codes as JSON arrays; level is the 新八级工 step its certificate attests (0: none);
-- money in fen; subsidy_eligibility 0 none, 1 everyone, 2 job seekers; mode 1 in person, 2 online, 3 blended.
CREATE TABLE training_programmes (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_id         INTEGER NOT NULL REFERENCES training_providers (id),
  name                TEXT NOT NULL,
  description         TEXT,
  skills              TEXT NOT NULL,
  occupation_codes    TEXT NOT NULL,
  level               INTEGER NOT NULL,
  certificate         TEXT,
  duration_hours      INTEGER NOT NULL,
  cost_fen            INTEGER NOT NULL,
  subsidy_fen         INTEGER NOT NULL,
  subsidy_eligibility INTEGER NOT NULL,
  region_code         TEXT NOT NULL,
  mode                INTEGER NOT NULL,
  active              INTEGER NOT NULL,
  version             INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX ix_training_programmes_region ON training_programmes (region_code);
CREATE INDEX ix_training_programmes_provider ON training_programmes (provider_id);

-- A talent's enrolment in a programme: status 1 enrolled, 2 completed, 3 withdrawn. region_code is the talent's
-- residence when enrolling (operators of that subtree record completions).
CREATE TABLE training_enrolments (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  programme_id    INTEGER NOT NULL REFERENCES training_programmes (id),
  talent_id       INTEGER NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  region_code     TEXT NOT NULL,
  status          INTEGER NOT NULL,
  enrolled_at     TEXT NOT NULL,
  completed_at    TEXT,
  completed_by    INTEGER,
  version         INTEGER NOT NULL,
  UNIQUE (programme_id, talent_id)
);
CREATE INDEX ix_training_enrolments_talent ON training_enrolments (talent_id);
CREATE INDEX ix_training_enrolments_region ON training_enrolments (region_code, status);

-- The gap run (job training.gaps): for every matchable talent, the skills their best-matched positions ask for and they
-- lack, by the position's occupation, weighted by the match scores. A run replaces every row in one transaction.
CREATE TABLE training_gaps (
  talent_id       INTEGER NOT NULL,
  region_code     TEXT NOT NULL,
  occupation_code TEXT NOT NULL,
  skill           TEXT NOT NULL,
  weight          REAL NOT NULL,
  PRIMARY KEY (talent_id, occupation_code, skill)
);
CREATE INDEX ix_training_gaps_region ON training_gaps (region_code);

CREATE TABLE training_gap_runs (
  day             TEXT PRIMARY KEY,
  computed_at     TEXT NOT NULL,
  talents         INTEGER NOT NULL,
  gaps            INTEGER NOT NULL
);
