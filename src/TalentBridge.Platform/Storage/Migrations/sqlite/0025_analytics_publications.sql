-- Shortage catalogues (急需紧缺人才目录) and wage-price tables (工资价位), issue 13 items 3 and 4: an operator's draft is a
-- frozen copy of the rows computed from the fact tables (JSON), edited with reasons and published as version n + 1 of
-- its kind, region and period; earlier versions stay, superseded. A later refresh of the facts never changes a row here.
-- state: 0 draft, 1 published (the newest version), 2 superseded. published_version is null for drafts.
CREATE TABLE analytics_publications (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  kind              text NOT NULL,
  region_code       text NOT NULL,
  period            text NOT NULL,
  state             integer NOT NULL,
  published_version integer,
  rows              text NOT NULL,
  version           integer NOT NULL,
  created_at        TEXT NOT NULL,
  created_by        INTEGER,
  published_at      TEXT,
  published_by      INTEGER
);
CREATE UNIQUE INDEX ux_analytics_publications_version ON analytics_publications (kind, region_code, period, published_version);
CREATE INDEX ix_analytics_publications_state ON analytics_publications (state, published_at);

-- The history of a draft: every edit of a row with its reason (the audit log has the same with who and when).
CREATE TABLE analytics_publication_edits (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  publication_id    INTEGER NOT NULL REFERENCES analytics_publications (id),
  at                TEXT NOT NULL,
  account_id        INTEGER,
  occupation_code   text NOT NULL,
  region_code       text NOT NULL,
  changes           text NOT NULL,
  reason            text NOT NULL
);
CREATE INDEX ix_analytics_publication_edits ON analytics_publication_edits (publication_id, id);
