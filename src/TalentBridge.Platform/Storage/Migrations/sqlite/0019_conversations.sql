-- 一键沟通 (issue 6): one conversation per application and one per invitation, kept wholly in the database so that
-- every app node serves the same conversation (ADR 0012). A message belongs to exactly one application or one
-- invitation; it has a body, an attachment (PDF, PNG or JPEG, at most 2 MB, its type sniffed from its bytes) or both.
-- The body and the attachment are never copied into audit_log or events: those name the message, its conversation
-- and its size only.

CREATE TABLE messages (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id     INTEGER REFERENCES applications (id),
  invitation_id      INTEGER REFERENCES invitations (id),
  sender_account_id  INTEGER NOT NULL,
  sender_side        INTEGER NOT NULL,
  body               TEXT,
  attachment_name    TEXT,
  attachment_type    TEXT,
  attachment_size    INTEGER,
  attachment         BLOB,
  sent_at            TEXT    NOT NULL,
  CONSTRAINT ck_messages_one_conversation CHECK ((application_id IS NULL) <> (invitation_id IS NULL)),
  CONSTRAINT ck_messages_content CHECK (body IS NOT NULL OR attachment IS NOT NULL),
  CONSTRAINT ck_messages_attachment CHECK ((attachment IS NULL) = (attachment_name IS NULL)
    AND (attachment IS NULL) = (attachment_type IS NULL) AND (attachment IS NULL) = (attachment_size IS NULL))
);
CREATE INDEX ix_messages_application ON messages (application_id, id) WHERE application_id IS NOT NULL;
CREATE INDEX ix_messages_invitation ON messages (invitation_id, id) WHERE invitation_id IS NOT NULL;

-- How far each account has read each conversation (kind 1 = application, 2 = invitation): the unread counts are the
-- other side's messages after this id.
CREATE TABLE conversation_reads (
  account_id            INTEGER NOT NULL,
  kind                  INTEGER NOT NULL,
  subject_id            INTEGER NOT NULL,
  last_read_message_id  INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, subject_id)
);
