-- Issue 16: the challenge board (企业出题、院所答题), technology managers (技术经理人) and the 安心宝 escrow ledger.

-- A challenge an enterprise posts: a public summary; details (and NDA terms) shown after a signed NDA when confidential.
-- Amounts in fen. region_code is the enterprise's (12 digits), for operators' scope.
CREATE TABLE challenges (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  enterprise_id    bigint      NOT NULL REFERENCES enterprises (id),
  region_code      text NOT NULL,
  title            text        NOT NULL,
  summary          text        NOT NULL,
  details          text        NOT NULL,
  field            text        NOT NULL,
  occupation_code  text,
  skills           text        NOT NULL,
  budget           bigint      NOT NULL,
  deadline         TEXT        NOT NULL,
  confidentiality  integer     NOT NULL,
  nda_terms        text,
  state            integer     NOT NULL,
  version          integer     NOT NULL,
  posted_at        TEXT NOT NULL,
  posted_by        bigint,
  closed_at        TEXT
);
CREATE INDEX ix_challenges_board ON challenges (state, posted_at);
CREATE INDEX ix_challenges_enterprise ON challenges (enterprise_id);
CREATE INDEX ix_challenges_occupation ON challenges (occupation_code);

-- A signed NDA: who (account) signed which challenge's terms (hash of the terms read) and when.
CREATE TABLE challenge_ndas (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  challenge_id   bigint      NOT NULL REFERENCES challenges (id),
  account_id     bigint      NOT NULL,
  signer_name    text        NOT NULL,
  terms_hash     text        NOT NULL,
  signed_at      TEXT NOT NULL,
  UNIQUE (challenge_id, account_id)
);

-- A solver's proposal: an expert (talent) or an institute registered as a unit (enterprise); price in fen.
CREATE TABLE challenge_proposals (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  challenge_id        bigint      NOT NULL REFERENCES challenges (id),
  talent_id           bigint REFERENCES talents (id),
  solver_enterprise_id bigint REFERENCES enterprises (id),
  solver_name         text        NOT NULL,
  organisation        text,
  approach            text        NOT NULL,
  price               bigint      NOT NULL,
  duration_days       integer     NOT NULL,
  state               integer     NOT NULL,
  version             integer     NOT NULL,
  submitted_at        TEXT NOT NULL,
  submitted_by        bigint,
  updated_at          TEXT NOT NULL,
  UNIQUE (challenge_id, talent_id),
  UNIQUE (challenge_id, solver_enterprise_id)
);

-- The operator-managed register of accredited technology managers.
CREATE TABLE technology_managers (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  name             text        NOT NULL,
  organisation     text        NOT NULL,
  region_code      text NOT NULL,
  certificate_no   text        NOT NULL UNIQUE,
  accredited_on    TEXT        NOT NULL,
  fields           text        NOT NULL,
  active           integer     NOT NULL,
  version          integer     NOT NULL,
  created_at       TEXT NOT NULL,
  created_by       bigint
);

-- A technology manager attached to a challenge, with the commission terms (basis points of payouts to the solver).
CREATE TABLE challenge_managers (
  challenge_id     bigint PRIMARY KEY REFERENCES challenges (id),
  manager_id       bigint      NOT NULL REFERENCES technology_managers (id),
  commission_bp    integer     NOT NULL,
  terms_note       text        NOT NULL,
  attached_at      TEXT NOT NULL,
  attached_by      bigint
);
CREATE INDEX ix_challenge_managers_manager ON challenge_managers (manager_id);

-- The escrow contract of an awarded challenge (one per challenge), its shares and its milestones.
CREATE TABLE escrow_contracts (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  challenge_id         bigint      NOT NULL UNIQUE REFERENCES challenges (id),
  proposal_id          bigint      NOT NULL REFERENCES challenge_proposals (id),
  enterprise_id        bigint      NOT NULL REFERENCES enterprises (id),
  region_code          text NOT NULL,
  solver_talent_id     bigint,
  solver_enterprise_id bigint,
  solver_name          text        NOT NULL,
  manager_id           bigint REFERENCES technology_managers (id),
  deposit_bp           integer     NOT NULL,
  commission_bp        integer     NOT NULL,
  total                bigint      NOT NULL,
  state                integer     NOT NULL,
  version              integer     NOT NULL,
  created_at           TEXT NOT NULL,
  created_by           bigint,
  closed_at            TEXT
);
CREATE INDEX ix_escrow_contracts_manager ON escrow_contracts (manager_id);

CREATE TABLE escrow_milestones (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  contract_id      bigint      NOT NULL REFERENCES escrow_contracts (id),
  position         integer     NOT NULL,
  title            text        NOT NULL,
  amount           bigint      NOT NULL,
  due_on           TEXT        NOT NULL,
  state            integer     NOT NULL,
  version          integer     NOT NULL,
  submission_note  text,
  dispute_reason   text,
  outcome          integer,
  payout           bigint,
  resolution_note  text,
  updated_at       TEXT NOT NULL,
  UNIQUE (contract_id, position)
);

-- The ledger: one entry per confirmed business event (the payment partner's reference is unique: a retried confirmation
-- finds its entry), and its postings (signed fen, debit positive) with each account's running balance. Append-only.
CREATE TABLE ledger_entries (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  contract_id         bigint      NOT NULL REFERENCES escrow_contracts (id),
  kind                integer     NOT NULL,
  milestone_position  integer,
  payout              bigint      NOT NULL,
  reference           text        NOT NULL UNIQUE,
  recorded_at         TEXT NOT NULL,
  recorded_by         bigint
);
CREATE INDEX ix_ledger_entries_contract ON ledger_entries (contract_id, id);

CREATE TABLE ledger_postings (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id         bigint      NOT NULL REFERENCES ledger_entries (id),
  contract_id      bigint      NOT NULL,
  account          integer     NOT NULL,
  amount           bigint      NOT NULL,
  balance_after    bigint      NOT NULL
);
CREATE INDEX ix_ledger_postings_entry ON ledger_postings (entry_id);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
