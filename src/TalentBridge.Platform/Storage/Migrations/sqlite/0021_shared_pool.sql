-- Shared talent pool (共享人才库, issue 7): a master pool per city and a sub-pool per county; experts admitted against
-- versioned admission standards (the decision keeps the standard's version); tags and a classified index; enterprise
-- demand orders (下单) brokered by operators (牵线) within a response time measured by a clock recomputed from the
-- order's events; proposals of experts with a reply time; engagements with ratings. region_code columns hold 12-digit
-- codes for the operators' subtree ranges.

-- One row per city (parent_id NULL) and per county. The city row carries the pool's settings.
CREATE TABLE shared_pools (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  region_code        text        NOT NULL UNIQUE,
  parent_id          INTEGER REFERENCES shared_pools (id),
  name               text        NOT NULL,
  clock_mode         integer     NOT NULL DEFAULT 0,
  target_hours       integer     NOT NULL DEFAULT 48,
  warn_hours         integer     NOT NULL DEFAULT 24,
  reply_hours        integer     NOT NULL DEFAULT 24,
  version            integer     NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL
);

-- Admission standards of a city pool, one row per version (the highest is current). definition is the standard's JSON.
CREATE TABLE admission_standards (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  pool_id            INTEGER      NOT NULL REFERENCES shared_pools (id),
  version            integer     NOT NULL,
  definition         text        NOT NULL,
  note               text,
  created_at         TEXT NOT NULL,
  created_by         INTEGER,
  UNIQUE (pool_id, version)
);

-- A talent's membership of a city's shared pool (one per talent and city), held in the sub-pool of a county.
CREATE TABLE shared_experts (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  talent_id          INTEGER      NOT NULL REFERENCES talents (id),
  city_pool_id       INTEGER      NOT NULL REFERENCES shared_pools (id),
  pool_id            INTEGER      NOT NULL REFERENCES shared_pools (id),
  region_code        text        NOT NULL,
  state              integer     NOT NULL,
  version            integer     NOT NULL,
  service_modes      integer     NOT NULL,
  summary            text        NOT NULL,
  admitted_on        TEXT,
  expires_on         TEXT,
  reconfirm_asked_at TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (talent_id, city_pool_id)
);
CREATE INDEX ix_shared_experts_region ON shared_experts (region_code, state);
CREATE INDEX ix_shared_experts_expiry ON shared_experts (state, expires_on);

-- Every application for admission (the first and each reconfirmation): the evidence, the pre-score against the
-- standard version it was made under, and the operator's decision. Never re-evaluated when the standard changes.
CREATE TABLE admission_applications (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  expert_id          INTEGER      NOT NULL REFERENCES shared_experts (id),
  standard_id        INTEGER      NOT NULL REFERENCES admission_standards (id),
  standard_version   integer     NOT NULL,
  evidence           text        NOT NULL,
  assessment         text        NOT NULL,
  passes             INTEGER     NOT NULL,
  submitted_at       TEXT NOT NULL,
  submitted_by       INTEGER,
  decision           integer,
  decided_at         TEXT,
  decided_by         INTEGER,
  decision_reason    text
);
CREATE INDEX ix_admission_applications_expert ON admission_applications (expert_id, id);
CREATE INDEX ix_admission_applications_open ON admission_applications (decision, submitted_at);

-- Evidence files (PDF, PNG, JPEG by their bytes; size-limited), kept in the database so every node serves them.
CREATE TABLE admission_files (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  expert_id          INTEGER      NOT NULL REFERENCES shared_experts (id),
  name               text        NOT NULL,
  content_type       text        NOT NULL,
  size               integer     NOT NULL,
  content            BLOB       NOT NULL,
  uploaded_at        TEXT NOT NULL,
  uploaded_by        INTEGER
);
CREATE INDEX ix_admission_files_expert ON admission_files (expert_id);

-- Tags of a city pool: industry, specialty, skill (managed by operators; a parent makes the classification tree).
CREATE TABLE shared_tags (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  city_pool_id       INTEGER      NOT NULL REFERENCES shared_pools (id),
  kind               integer     NOT NULL,
  parent_id          INTEGER REFERENCES shared_tags (id),
  name               text        NOT NULL,
  name_en            text,
  code               text,
  created_at         TEXT NOT NULL,
  UNIQUE (city_pool_id, kind, name)
);

CREATE TABLE shared_expert_tags (
  expert_id          INTEGER      NOT NULL REFERENCES shared_experts (id),
  tag_id             INTEGER      NOT NULL REFERENCES shared_tags (id),
  PRIMARY KEY (expert_id, tag_id)
);
CREATE INDEX ix_shared_expert_tags_tag ON shared_expert_tags (tag_id);

-- Working calendars (public holidays and 调休 days) as uploaded versions; the newest is in force, the embedded one
-- when there is none.
CREATE TABLE work_calendars (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  version            text        NOT NULL UNIQUE,
  definition         text        NOT NULL,
  uploaded_at        TEXT NOT NULL,
  uploaded_by        INTEGER
);

-- An enterprise's demand order. level 0 = the county sub-pool handles it, 1 = escalated to the city. The clock's
-- columns (due_at, warned_at, escalated_at, first_proposal_at) are written when the clock is recomputed from
-- demand_order_events; they serve lists and the dashboard.
CREATE TABLE demand_orders (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  enterprise_id      INTEGER      NOT NULL REFERENCES enterprises (id),
  city_pool_id       INTEGER      NOT NULL REFERENCES shared_pools (id),
  region_code        text        NOT NULL,
  title              text        NOT NULL,
  problem            text        NOT NULL,
  field              text        NOT NULL,
  occupation_code    text,
  industry_code      text,
  service_mode       integer     NOT NULL,
  duration_days      integer,
  budget_min         INTEGER,
  budget_max         INTEGER,
  place              text,
  tag_ids            text        NOT NULL,
  state              integer     NOT NULL,
  version            integer     NOT NULL,
  level              integer     NOT NULL DEFAULT 0,
  clock_mode         integer     NOT NULL,
  target_hours       integer     NOT NULL,
  warn_hours         integer     NOT NULL,
  placed_month       text        NOT NULL,
  placed_at          TEXT NOT NULL,
  placed_by          INTEGER,
  due_at             TEXT,
  warned_at          TEXT,
  escalated_at       TEXT,
  first_proposal_at  TEXT,
  response_seconds   INTEGER,
  met                INTEGER,
  closed_at          TEXT,
  close_reason       text
);
CREATE INDEX ix_demand_orders_region ON demand_orders (region_code, placed_at);
CREATE INDEX ix_demand_orders_enterprise ON demand_orders (enterprise_id, placed_at);
CREATE INDEX ix_demand_orders_state ON demand_orders (state, due_at);
CREATE INDEX ix_demand_orders_month ON demand_orders (city_pool_id, placed_month);

CREATE TABLE demand_order_events (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id           INTEGER      NOT NULL REFERENCES demand_orders (id),
  at                 TEXT NOT NULL,
  account_id         INTEGER,
  actor              integer     NOT NULL,
  action             text        NOT NULL,
  from_state         integer,
  to_state           integer     NOT NULL,
  note               text
);
CREATE INDEX ix_demand_order_events_order ON demand_order_events (order_id, id);

CREATE TABLE order_proposals (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id           INTEGER      NOT NULL REFERENCES demand_orders (id),
  expert_id          INTEGER      NOT NULL REFERENCES shared_experts (id),
  state              integer     NOT NULL,
  version            integer     NOT NULL,
  score              REAL NOT NULL,
  explanation        text        NOT NULL,
  note               text,
  automatic          INTEGER     NOT NULL,
  sent_at            TEXT NOT NULL,
  sent_by            INTEGER,
  reply_due_at       TEXT NOT NULL,
  answered_at        TEXT,
  decline_reason     text,
  UNIQUE (order_id, expert_id)
);
CREATE INDEX ix_order_proposals_expert ON order_proposals (expert_id, state);

CREATE TABLE engagements (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id           INTEGER      NOT NULL UNIQUE REFERENCES demand_orders (id),
  proposal_id        INTEGER      NOT NULL REFERENCES order_proposals (id),
  expert_id          INTEGER      NOT NULL REFERENCES shared_experts (id),
  talent_id          INTEGER      NOT NULL REFERENCES talents (id),
  enterprise_id      INTEGER      NOT NULL REFERENCES enterprises (id),
  region_code        text        NOT NULL,
  service_mode       integer     NOT NULL,
  state              integer     NOT NULL,
  version            integer     NOT NULL,
  started_at         TEXT NOT NULL,
  ended_at           TEXT,
  service_days       integer     NOT NULL DEFAULT 0,
  deliverables       text
);
CREATE INDEX ix_engagements_expert ON engagements (expert_id, state);
CREATE INDEX ix_engagements_talent ON engagements (talent_id);
CREATE INDEX ix_engagements_enterprise ON engagements (enterprise_id);

-- Both sides rate an engagement (side 1 = the expert rates the enterprise, 2 = the enterprise rates the expert);
-- a rating is shown once both have rated or 7 days after the first.
CREATE TABLE engagement_ratings (
  engagement_id      INTEGER      NOT NULL REFERENCES engagements (id),
  side               integer     NOT NULL,
  score              integer     NOT NULL,
  comment            text,
  rated_at           TEXT NOT NULL,
  rated_by           INTEGER,
  PRIMARY KEY (engagement_id, side)
);

-- Conversations of engagements reuse the messages of issue 6.
-- SQLite cannot change a table's CHECK constraint: the table is rebuilt with the third conversation kind.
CREATE TABLE messages_new (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id     INTEGER REFERENCES applications (id),
  invitation_id      INTEGER REFERENCES invitations (id),
  engagement_id      INTEGER REFERENCES engagements (id),
  sender_account_id  INTEGER NOT NULL,
  sender_side        INTEGER NOT NULL,
  body               TEXT,
  attachment_name    TEXT,
  attachment_type    TEXT,
  attachment_size    INTEGER,
  attachment         BLOB,
  sent_at            TEXT    NOT NULL,
  CONSTRAINT ck_messages_one_conversation CHECK ((application_id IS NOT NULL) + (invitation_id IS NOT NULL) + (engagement_id IS NOT NULL) = 1),
  CONSTRAINT ck_messages_content CHECK (body IS NOT NULL OR attachment IS NOT NULL),
  CONSTRAINT ck_messages_attachment CHECK ((attachment IS NULL) = (attachment_name IS NULL)
    AND (attachment IS NULL) = (attachment_type IS NULL) AND (attachment IS NULL) = (attachment_size IS NULL))
);
INSERT INTO messages_new (id, application_id, invitation_id, sender_account_id, sender_side, body, attachment_name, attachment_type, attachment_size,
  attachment, sent_at)
  SELECT id, application_id, invitation_id, sender_account_id, sender_side, body, attachment_name, attachment_type, attachment_size, attachment, sent_at
  FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX ix_messages_application ON messages (application_id, id) WHERE application_id IS NOT NULL;
CREATE INDEX ix_messages_invitation ON messages (invitation_id, id) WHERE invitation_id IS NOT NULL;
CREATE INDEX ix_messages_engagement ON messages (engagement_id, id) WHERE engagement_id IS NOT NULL;
