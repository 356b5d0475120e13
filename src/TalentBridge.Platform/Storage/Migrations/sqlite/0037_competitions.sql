-- Competitions (以赛引才, issue 16 item 4): competitions with tracks, entries by talents (alone or as a team's lead),
-- judges per track with declared conflicts, scores per judge and entry on the track's criteria, the published results
-- computed by the domain's judging rules, and the invitations of winners into the talent pool and the shared pool.

-- state 0 draft, 1 open for entries, 2 judging, 3 published; level is the RecognitionLevel an award carries as evidence.
CREATE TABLE competitions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT NOT NULL,
  organiser       TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  level           INTEGER NOT NULL,
  description     TEXT,
  entry_from      TEXT NOT NULL,
  entry_until     TEXT NOT NULL,
  final_on        TEXT NOT NULL,
  state           INTEGER NOT NULL,
  published_at    TEXT,
  created_by      INTEGER,
  version         INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX ix_competitions_region ON competitions (region_code);

-- criteria: JSON array of {name, maxPoints} adding up to 100; gold/silver/bronze: how many ranks take each award.
CREATE TABLE competition_tracks (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  description     TEXT,
  criteria        TEXT NOT NULL,
  gold            INTEGER NOT NULL,
  silver          INTEGER NOT NULL,
  bronze          INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (competition_id, name)
);

-- An entry by a talent (a team's lead when team_name is set; members: JSON array of the other members' names);
-- enterprise_id: the enterprise entered for (conflicts with its judges); region_code: the talent's residence at entry.
CREATE TABLE competition_entries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
  track_id        INTEGER NOT NULL REFERENCES competition_tracks (id) ON DELETE CASCADE,
  talent_id       INTEGER NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  enterprise_id   INTEGER REFERENCES enterprises (id) ON DELETE SET NULL,
  title           TEXT NOT NULL,
  summary         TEXT,
  team_name       TEXT,
  members         TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  entered_at      TEXT NOT NULL,
  UNIQUE (track_id, talent_id)
);
CREATE INDEX ix_competition_entries_talent ON competition_entries (talent_id);
CREATE INDEX ix_competition_entries_competition ON competition_entries (competition_id);

-- A judge of a track: an account, with the enterprise and the talent record it stands for when it assigned (conflicts).
CREATE TABLE competition_judges (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  competition_id  INTEGER NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
  track_id        INTEGER NOT NULL REFERENCES competition_tracks (id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  enterprise_id   INTEGER,
  talent_id       INTEGER,
  assigned_at     TEXT NOT NULL,
  UNIQUE (track_id, account_id)
);
CREATE INDEX ix_competition_judges_account ON competition_judges (account_id);

-- A conflict of interest declared by the judge or the organiser (回避), with its note.
CREATE TABLE competition_conflicts (
  judge_id        INTEGER NOT NULL REFERENCES competition_judges (id) ON DELETE CASCADE,
  entry_id        INTEGER NOT NULL REFERENCES competition_entries (id) ON DELETE CASCADE,
  note            TEXT NOT NULL,
  declared_at     TEXT NOT NULL,
  declared_by     INTEGER,
  PRIMARY KEY (judge_id, entry_id)
);

-- A judge's sheet for an entry: points per criterion (JSON array, the track's order) and their sum in hundredths.
CREATE TABLE competition_scores (
  judge_id        INTEGER NOT NULL REFERENCES competition_judges (id) ON DELETE CASCADE,
  entry_id        INTEGER NOT NULL REFERENCES competition_entries (id) ON DELETE CASCADE,
  points          TEXT NOT NULL,
  total_hundredths INTEGER NOT NULL,
  scored_at       TEXT NOT NULL,
  PRIMARY KEY (judge_id, entry_id)
);
CREATE INDEX ix_competition_scores_entry ON competition_scores (entry_id);

-- The published result of an entry (complete entries only): rank (ties share), final score in hundredths, award 0-3.
CREATE TABLE competition_results (
  entry_id        INTEGER PRIMARY KEY REFERENCES competition_entries (id) ON DELETE CASCADE,
  track_id        INTEGER NOT NULL,
  rank            INTEGER NOT NULL,
  final_hundredths INTEGER NOT NULL,
  award           INTEGER NOT NULL,
  counted         INTEGER NOT NULL,
  dropped         INTEGER NOT NULL
);
CREATE INDEX ix_competition_results_track ON competition_results (track_id);

-- A winner's invitation: kind 1 the talent pool (the award recorded on the talent's record at once), 2 the shared pool
-- (state 1 sent, 2 accepted with the admission application, 3 declined).
CREATE TABLE competition_invitations (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id        INTEGER NOT NULL REFERENCES competition_entries (id) ON DELETE CASCADE,
  kind            INTEGER NOT NULL,
  state           INTEGER NOT NULL,
  application_id  INTEGER,
  created_at      TEXT NOT NULL,
  created_by      INTEGER,
  answered_at     TEXT,
  version         INTEGER NOT NULL,
  UNIQUE (entry_id, kind)
);
