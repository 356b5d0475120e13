-- The key ring that signs sign-in cookies and anti-forgery tokens, shared by every app instance: a cookie issued
-- by one node is read by the others. One row per key (the XML the framework writes); keys are never updated.
CREATE TABLE data_protection_keys (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  friendly_name TEXT NOT NULL UNIQUE,
  xml           TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
