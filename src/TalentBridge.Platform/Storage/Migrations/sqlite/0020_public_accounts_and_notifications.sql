-- Public accounts, notifications and personal-information rights (issue 6).
-- A self-registered account signs in with a phone number or e-mail address: the platform keeps a keyed hash of it
-- for the look-up, a masked form for display and a sealed (AES-GCM) copy for the sender, never the plain value.
-- The consent to the privacy notice is kept with its version and time. talents.phone_sealed is the sealed phone
-- number behind a contact reveal; talents.anonymised_at marks a talent deleted at their request (the row stays,
-- anonymised, so that counts and signed agreements remain).

ALTER TABLE accounts ADD COLUMN contact_kind INTEGER;
ALTER TABLE accounts ADD COLUMN contact_hash TEXT;
ALTER TABLE accounts ADD COLUMN contact_masked TEXT;
ALTER TABLE accounts ADD COLUMN contact_sealed TEXT;
ALTER TABLE accounts ADD COLUMN consent_version TEXT;
ALTER TABLE accounts ADD COLUMN consent_at TEXT;
ALTER TABLE accounts ADD COLUMN language TEXT;
CREATE UNIQUE INDEX ux_accounts_contact ON accounts (contact_hash) WHERE contact_hash IS NOT NULL;

ALTER TABLE talents ADD COLUMN phone_sealed TEXT;
ALTER TABLE talents ADD COLUMN anonymised_at TEXT;

-- A password reset: the code's keyed hash, its deadline and the guesses used.
CREATE TABLE password_resets (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash   TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  expires_at  TEXT    NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  used_at     TEXT
);
CREATE INDEX ix_password_resets_account ON password_resets (account_id, id);

-- The in-app inbox: one row per event per account it concerns; args are the template's arguments (JSON array).
CREATE TABLE notifications (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind          TEXT    NOT NULL,
  subject_type  TEXT    NOT NULL,
  subject_id    INTEGER NOT NULL,
  args          TEXT    NOT NULL,
  created_at    TEXT    NOT NULL,
  read_at       TEXT
);
CREATE INDEX ix_notifications_account ON notifications (account_id, id);
CREATE INDEX ix_notifications_unread ON notifications (account_id) WHERE read_at IS NULL;
