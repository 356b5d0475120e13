-- One-click flow (issue 6): applications (投档), invitations (邀约) and signed agreements (签约).
-- Every step of an application is a row of application_events written in the transaction of the change, beside its
-- audit and event rows. One open application and one open invitation per talent and position (partial unique indexes).
-- region_code is the position's region (12-digit form) for the operators' subtree ranges.

CREATE TABLE applications (
  id                        INTEGER PRIMARY KEY AUTOINCREMENT,
  position_id               INTEGER NOT NULL REFERENCES positions (id),
  talent_id                 INTEGER NOT NULL REFERENCES talents (id),
  enterprise_id             INTEGER NOT NULL REFERENCES enterprises (id),
  region_code               TEXT    NOT NULL,
  state                     INTEGER NOT NULL,
  version                   INTEGER NOT NULL,
  invitation_id             INTEGER,
  snapshot                  TEXT,
  keep_for_other_positions  INTEGER NOT NULL,
  applied_at                TEXT    NOT NULL,
  updated_at                TEXT    NOT NULL,
  interview_at              TEXT,
  interview_place           TEXT,
  refusal_reason            TEXT,
  offer                     TEXT,
  offered_at                TEXT,
  offered_by                INTEGER,
  sign_by                   TEXT
);
CREATE UNIQUE INDEX ux_applications_open ON applications (position_id, talent_id) WHERE state IN (0, 1, 2, 3, 4);
CREATE INDEX ix_applications_talent ON applications (talent_id, updated_at);
CREATE INDEX ix_applications_position ON applications (position_id, state, updated_at);
CREATE INDEX ix_applications_enterprise ON applications (enterprise_id, updated_at);

CREATE TABLE application_events (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id  INTEGER NOT NULL REFERENCES applications (id),
  at              TEXT    NOT NULL,
  account_id      INTEGER,
  actor           INTEGER NOT NULL,
  action          TEXT    NOT NULL,
  from_state      INTEGER,
  to_state        INTEGER NOT NULL,
  note            TEXT
);
CREATE INDEX ix_application_events_application ON application_events (application_id, id);

CREATE TABLE invitations (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  position_id     INTEGER NOT NULL REFERENCES positions (id),
  talent_id       INTEGER NOT NULL REFERENCES talents (id),
  enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
  region_code     TEXT    NOT NULL,
  state           INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  message         TEXT    NOT NULL,
  sent_at         TEXT    NOT NULL,
  sent_by         INTEGER,
  expires_at      TEXT    NOT NULL,
  answered_at     TEXT,
  application_id  INTEGER REFERENCES applications (id)
);
CREATE UNIQUE INDEX ux_invitations_open ON invitations (position_id, talent_id) WHERE state = 0;
CREATE INDEX ix_invitations_talent ON invitations (talent_id, sent_at);
CREATE INDEX ix_invitations_enterprise ON invitations (enterprise_id, sent_at);

-- A signed agreement never changes: the terms as confirmed, both confirmations and the SHA-256 over them.
CREATE TABLE agreements (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id  INTEGER NOT NULL UNIQUE REFERENCES applications (id),
  position_id     INTEGER NOT NULL,
  talent_id       INTEGER NOT NULL,
  enterprise_id   INTEGER NOT NULL,
  region_code     TEXT    NOT NULL,
  terms           TEXT    NOT NULL,
  offered_at      TEXT    NOT NULL,
  offered_by      INTEGER,
  signed_at       TEXT    NOT NULL,
  signed_by       INTEGER,
  content_hash    TEXT    NOT NULL
);
CREATE INDEX ix_agreements_talent ON agreements (talent_id);
CREATE INDEX ix_agreements_enterprise ON agreements (enterprise_id);
CREATE TRIGGER agreements_immutable_update BEFORE UPDATE ON agreements BEGIN SELECT RAISE(ABORT, 'agreements are immutable'); END;
CREATE TRIGGER agreements_immutable_delete BEFORE DELETE ON agreements BEGIN SELECT RAISE(ABORT, 'agreements are immutable'); END;
