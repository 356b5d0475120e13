-- 职称 review (issue 15, items 4 and 5): review experts and committees, applications with their steps, notices and
-- objections, panel assignments and scores, the committee's secret ballot, e-certificates, and talent recognitions.
-- region_code columns hold 12-digit codes for the operators' subtree ranges.

-- A committee (评审委员会) of a region; its members are the experts whose committee_id names it.
CREATE TABLE tr_committees (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            text NOT NULL,
  region_code     text NOT NULL,
  created_at      TEXT NOT NULL
);

-- A review expert (评审专家): a signed-in account, their own talent record and employer when known (conflicts of
-- interest), and the committee they sit on, if any.
CREATE TABLE tr_experts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id      INTEGER NOT NULL UNIQUE REFERENCES accounts (id),
  talent_id       INTEGER REFERENCES talents (id),
  employer_id     INTEGER REFERENCES enterprises (id),
  name            text NOT NULL,
  specialty       text NOT NULL,
  region_code     text NOT NULL,
  committee_id    INTEGER REFERENCES tr_committees (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX ix_tr_experts_region ON tr_experts (region_code);

-- An application for a professional title: the applicant, the employer that reviews it, the title sought, the experts
-- the applicant named as referees or declared a relation with (JSON arrays of tr_experts ids), the rules it runs under.
CREATE TABLE tr_applications (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  talent_id       INTEGER NOT NULL REFERENCES talents (id),
  employer_id     INTEGER NOT NULL REFERENCES enterprises (id),
  region_code     text NOT NULL,
  series          text NOT NULL,
  title_name      text NOT NULL,
  title_level     integer NOT NULL,
  summary         text NOT NULL,
  referees        text NOT NULL,
  relations       text NOT NULL,
  rules_key       text NOT NULL,
  committee_id    INTEGER REFERENCES tr_committees (id),
  state           integer NOT NULL,
  version         integer NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      INTEGER,
  updated_at      TEXT NOT NULL
);
CREATE INDEX ix_tr_applications_region ON tr_applications (region_code, state);
CREATE INDEX ix_tr_applications_talent ON tr_applications (talent_id);
CREATE INDEX ix_tr_applications_employer ON tr_applications (employer_id);

-- Every step taken (the application's history), written with its audit row.
CREATE TABLE tr_steps (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id  INTEGER NOT NULL REFERENCES tr_applications (id),
  at              TEXT NOT NULL,
  action          integer NOT NULL,
  from_state      integer NOT NULL,
  to_state        integer NOT NULL,
  account_id      INTEGER,
  reason          text
);
CREATE INDEX ix_tr_steps_application ON tr_steps (application_id, id);

-- A public notice: kind 1 the employer's publicity, 2 the result notice; its working days by the calendar version named.
CREATE TABLE tr_notices (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id  INTEGER NOT NULL REFERENCES tr_applications (id),
  kind            integer NOT NULL,
  posted_on       TEXT NOT NULL,
  working_days    integer NOT NULL,
  first_day       TEXT NOT NULL,
  last_day        TEXT NOT NULL,
  calendar        text NOT NULL,
  UNIQUE (application_id, kind)
);

-- An objection raised during a notice; resolution 1 dismissed, 2 upheld (null: open).
CREATE TABLE tr_objections (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id  INTEGER NOT NULL REFERENCES tr_applications (id),
  notice_id       INTEGER NOT NULL REFERENCES tr_notices (id),
  text            text NOT NULL,
  raised_at       TEXT NOT NULL,
  raised_by       INTEGER,
  resolution      integer,
  resolution_note text,
  resolved_at     TEXT,
  resolved_by     INTEGER
);
CREATE INDEX ix_tr_objections_application ON tr_objections (application_id);

-- The panel's experts of an application and their scores.
CREATE TABLE tr_panel (
  application_id  INTEGER NOT NULL REFERENCES tr_applications (id),
  expert_id       INTEGER NOT NULL REFERENCES tr_experts (id),
  assigned_at     TEXT NOT NULL,
  score           integer,
  comment         text,
  scored_at       TEXT,
  PRIMARY KEY (application_id, expert_id)
);
CREATE INDEX ix_tr_panel_expert ON tr_panel (expert_id);

-- The committee's ballot on an application: the committee's size and the members present when it opened; the tally
-- and outcome when it closed.
CREATE TABLE tr_ballots (
  application_id  INTEGER PRIMARY KEY REFERENCES tr_applications (id),
  committee_id    INTEGER NOT NULL REFERENCES tr_committees (id),
  members         integer NOT NULL,
  present         integer NOT NULL,
  opened_at       TEXT NOT NULL,
  yes_votes       integer,
  no_votes        integer,
  abstentions     integer,
  outcome         integer,
  closed_at       TEXT
);

-- Who is present and whether they voted (not how).
CREATE TABLE tr_ballot_voters (
  application_id  INTEGER NOT NULL REFERENCES tr_applications (id),
  expert_id       INTEGER NOT NULL REFERENCES tr_experts (id),
  voted           integer NOT NULL,
  PRIMARY KEY (application_id, expert_id)
);
CREATE INDEX ix_tr_ballot_voters_expert ON tr_ballot_voters (expert_id);

-- The votes, without voter and time: a random key orders them, so neither the order nor a time links a vote to a voter.
CREATE TABLE tr_votes (
  application_id  INTEGER NOT NULL REFERENCES tr_applications (id),
  ballot_key      text NOT NULL,
  vote            integer NOT NULL,
  PRIMARY KEY (application_id, ballot_key)
) WITHOUT ROWID;

-- The e-certificate of a certified application; the code is the public verification code.
CREATE TABLE tr_certificates (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id  INTEGER NOT NULL UNIQUE REFERENCES tr_applications (id),
  code            text NOT NULL UNIQUE,
  holder_name     text NOT NULL,
  series          text NOT NULL,
  title_name      text NOT NULL,
  title_level     integer NOT NULL,
  issued_on       TEXT NOT NULL,
  status          integer NOT NULL,
  revoked_on      TEXT,
  region_code     text NOT NULL
);

-- A talent recognition (人才认定) decided by an operator of the scheme's region: the claim, the answer per criterion and
-- the class recognised (null: none).
CREATE TABLE tr_recognitions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  talent_id       INTEGER NOT NULL REFERENCES talents (id),
  region_code     text NOT NULL,
  rules_key       text NOT NULL,
  claim           text NOT NULL,
  result          text NOT NULL,
  level           text,
  recognised_on   TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      INTEGER
);
CREATE INDEX ix_tr_recognitions_talent ON tr_recognitions (talent_id, id);
