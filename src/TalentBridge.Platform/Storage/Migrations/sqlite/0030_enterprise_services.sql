-- Enterprise services (issue 14): 专精特新 self-assessments, confirmed tier records and the policies operators manage.

-- A self-assessment: the figures entered (JSON object fact -> value), who entered them, the rule set and the date its
-- parameters were read for, and the answer per tier (JSON array of {tier, outcome, total, maxPossible}). The full answer
-- is recomputed from the figures when shown; the summary keeps what was answered on the day.
CREATE TABLE es_self_assessments (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  enterprise_id   INTEGER      NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code     text NOT NULL,
  rule_set        text        NOT NULL,
  rules_on        TEXT        NOT NULL,
  figures         text        NOT NULL,
  summary         text        NOT NULL,
  entered_at      TEXT NOT NULL,
  entered_by      INTEGER
);
CREATE INDEX ix_es_self_assessments_enterprise ON es_self_assessments (enterprise_id, id);

-- A tier confirmed by an operator with its evidence (JSON array of references) and note, valid from/until. The
-- enterprise's tier column holds the tier of the newest record valid on the day of the last confirmation.
CREATE TABLE es_tier_records (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  enterprise_id   INTEGER      NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  region_code     text NOT NULL,
  tier            integer     NOT NULL,
  evidence        text        NOT NULL,
  note            text        NOT NULL,
  valid_from      TEXT        NOT NULL,
  valid_until     TEXT,
  assessment_id   INTEGER REFERENCES es_self_assessments (id) ON DELETE SET NULL,
  confirmed_at    TEXT NOT NULL,
  confirmed_by    INTEGER
);
CREATE INDEX ix_es_tier_records_enterprise ON es_tier_records (enterprise_id, id);

-- Policies as versioned JSON documents (one row per version of a policy, ADR 0015's pattern): the newest version of
-- each key is in force. owner_region is the operators' region that manages it (null: the shipped catalogue, managed
-- by administrators).
CREATE TABLE es_policies (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  policy_key      text NOT NULL,
  version         integer     NOT NULL,
  owner_region    text,
  definition      text        NOT NULL,
  note            text        NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      INTEGER,
  UNIQUE (policy_key, version)
);
