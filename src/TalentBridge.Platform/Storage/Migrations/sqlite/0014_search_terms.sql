-- Text search (ADR 0009): the words of each position, talent and enterprise, cut by the segmenter in C#, one row
-- per record and term with the weight of the field it came from. Written by the stores in the transaction of every
-- change; deleted with the record. Every indexed record carries the empty term, so that records written without
-- terms (bulk loads, rows from before this migration) are found and indexed at start-up.
CREATE TABLE position_terms (
  position_id INTEGER NOT NULL REFERENCES positions (id) ON DELETE CASCADE,
  term        TEXT    NOT NULL,
  weight      INTEGER NOT NULL,
  PRIMARY KEY (position_id, term)
) WITHOUT ROWID;
CREATE INDEX ix_position_terms_term ON position_terms (term, position_id);

CREATE TABLE talent_terms (
  talent_id INTEGER NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  term      TEXT    NOT NULL,
  weight    INTEGER NOT NULL,
  PRIMARY KEY (talent_id, term)
) WITHOUT ROWID;
CREATE INDEX ix_talent_terms_term ON talent_terms (term, talent_id);

CREATE TABLE enterprise_terms (
  enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  term          TEXT    NOT NULL,
  weight        INTEGER NOT NULL,
  PRIMARY KEY (enterprise_id, term)
) WITHOUT ROWID;
CREATE INDEX ix_enterprise_terms_term ON enterprise_terms (term, enterprise_id);

-- The lower-cased text the keyword search used to scan with LIKE; talent_terms replaces it.
ALTER TABLE talents DROP COLUMN search_text;
