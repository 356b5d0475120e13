-- Talent, enterprise and position pools; accounts, API tokens and the audit log.
-- Ids are AUTOINCREMENT so that a deleted id is never handed out again (as with PostgreSQL identities).
-- Region codes are stored zero-padded to 12 digits so that a subtree is a range scan.
-- Lists of values (skills, certificates, work regions) are JSON text; talents.search_text holds the
-- lower-cased name, major, skills and certificates for keyword search; talent occupations are also
-- written to talent_occupations, an index table for filtering by occupation prefix.

CREATE TABLE enterprises (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT    NOT NULL,
  uscc          TEXT    NOT NULL UNIQUE,
  industry_code TEXT    NOT NULL,
  region_code   TEXT    NOT NULL,
  size_class    INTEGER NOT NULL,
  tier          INTEGER NOT NULL,
  headcount     INTEGER NOT NULL,
  description   TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);
CREATE INDEX ix_enterprises_region ON enterprises (region_code);
CREATE INDEX ix_enterprises_industry ON enterprises (industry_code);
CREATE INDEX ix_enterprises_created ON enterprises (created_at);

CREATE TABLE positions (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  enterprise_id         INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  title                 TEXT    NOT NULL,
  occupation_code       TEXT    NOT NULL,
  industry_code         TEXT,
  region_code           TEXT    NOT NULL,
  headcount             INTEGER NOT NULL,
  salary_min            INTEGER NOT NULL,
  salary_max            INTEGER NOT NULL,
  months_per_year       INTEGER NOT NULL,
  min_education         INTEGER NOT NULL,
  min_experience_years  INTEGER NOT NULL,
  required_skills       TEXT    NOT NULL,
  preferred_skills      TEXT    NOT NULL,
  required_title        INTEGER NOT NULL,
  required_skill_level  INTEGER NOT NULL,
  requirements_mandatory INTEGER NOT NULL,
  engagement_mode       INTEGER NOT NULL,
  urgent                INTEGER NOT NULL,
  status                INTEGER NOT NULL,
  posted_on             TEXT    NOT NULL,
  expires_on            TEXT    NOT NULL,
  description           TEXT,
  created_at            TEXT    NOT NULL,
  updated_at            TEXT    NOT NULL
);
CREATE INDEX ix_positions_enterprise ON positions (enterprise_id);
CREATE INDEX ix_positions_occupation ON positions (occupation_code);
CREATE INDEX ix_positions_posted ON positions (posted_on, id);
-- Region subtree filters; also covers the dashboard's counts of open (and urgent) positions per region.
CREATE INDEX ix_positions_region ON positions (region_code, status, expires_on, urgent);

CREATE TABLE talents (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  name                  TEXT    NOT NULL,
  phone_masked          TEXT    NOT NULL,
  phone_hash            TEXT    NOT NULL,
  id_number_masked      TEXT,
  id_number_hash        TEXT,
  birth_year            INTEGER NOT NULL,
  gender                INTEGER NOT NULL,
  education             INTEGER NOT NULL,
  major                 TEXT,
  residence_region_code TEXT    NOT NULL,
  work_region_codes     TEXT    NOT NULL,
  occupations           TEXT    NOT NULL,
  skills                TEXT    NOT NULL,
  certificates          TEXT    NOT NULL,
  search_text           TEXT    NOT NULL,
  professional_title    INTEGER NOT NULL,
  skill_level           INTEGER NOT NULL,
  expected_salary_min   INTEGER,
  expected_salary_max   INTEGER,
  availability          INTEGER NOT NULL,
  visibility            INTEGER NOT NULL,
  consent_version       TEXT    NOT NULL,
  consented_at          TEXT    NOT NULL,
  status                INTEGER NOT NULL,
  created_at            TEXT    NOT NULL,
  updated_at            TEXT    NOT NULL
);
-- One person, one record: a phone or ID number registers once (the keyed hashes are compared).
CREATE UNIQUE INDEX ux_talents_phone_hash ON talents (phone_hash);
CREATE UNIQUE INDEX ux_talents_id_number_hash ON talents (id_number_hash) WHERE id_number_hash IS NOT NULL;
-- Region subtree filters; also covers the dashboard's counts of public talents per region.
CREATE INDEX ix_talents_region ON talents (residence_region_code, visibility);
CREATE INDEX ix_talents_updated ON talents (updated_at, id);

CREATE TABLE talent_occupations (
  talent_id       INTEGER NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  occupation_code TEXT    NOT NULL,
  years           INTEGER NOT NULL,
  PRIMARY KEY (talent_id, occupation_code)
);
CREATE INDEX ix_talent_occupations_code ON talent_occupations (occupation_code, talent_id);

CREATE TABLE accounts (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  user_name      TEXT    NOT NULL UNIQUE,
  display_name   TEXT    NOT NULL,
  password_hash  TEXT    NOT NULL,
  role           INTEGER NOT NULL,
  enterprise_id  INTEGER REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code    TEXT,
  talent_id      INTEGER REFERENCES talents (id) ON DELETE SET NULL,
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   TEXT,
  created_at     TEXT    NOT NULL
);

CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  token_hash  TEXT    NOT NULL UNIQUE,
  created_at  TEXT    NOT NULL,
  expires_at  TEXT,
  revoked_at  TEXT
);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT    NOT NULL,
  account_id   INTEGER,
  action       TEXT    NOT NULL,
  subject_type TEXT    NOT NULL,
  subject_id   INTEGER,
  reason       TEXT    NOT NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject_type, subject_id);
