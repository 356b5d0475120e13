-- Labour-market analytics (issue 13, ADR 0016): monthly facts precomputed from the pool's positions, the
-- de-duplicated imported postings, talents, applications and agreements, so that the talent map, supply and demand,
-- the shortage index, wage prices, early warnings and forecasts read small tables at province scale. Rows of one
-- month are replaced as a whole by the refresh job (delete + insert in one transaction).

-- One row per month x township (or county when no township is known) x occupation 细类 x industry section.
-- region_code: 12 digits, padded; roll up with substr(region_code, 1, 2|4|6|9).
-- occupation_code: a 细类 code, or '' when unknown. industry_section: 'A'..'T', or '' (talents carry no industry).
-- A talent counts once, under the first occupation listed, so every measure adds up across rows.
CREATE TABLE analytics_cells (
  period            text NOT NULL,
  region_code       text NOT NULL,
  occupation_code   text NOT NULL,
  industry_section  text NOT NULL,
  digital           integer NOT NULL,
  green             integer NOT NULL,
  talents           integer NOT NULL,
  talents_new       integer NOT NULL,
  positions_open    integer NOT NULL,
  positions_new     integer NOT NULL,
  positions_closed  integer NOT NULL,
  headcount_sought  integer NOT NULL,
  applications      integer NOT NULL,
  agreements        integer NOT NULL,
  terminated        integer NOT NULL,
  salary_weight     integer NOT NULL,
  salary_sum        INTEGER NOT NULL,
  PRIMARY KEY (period, region_code, occupation_code, industry_section)
);
CREATE INDEX ix_analytics_cells_occupation ON analytics_cells (occupation_code, period, region_code);

-- One observation of a monthly wage (yuan; salary midpoint x months paid / 12) for the wage-price tables: a pool
-- position or a de-duplicated imported posting (weight = headcount) or a signed agreement (weight 1).
-- employer_key: 'e:<enterprise id>' or 'u:<uscc>' / 'n:<enterprise name>' for imported postings.
CREATE TABLE wage_observations (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  period            text NOT NULL,
  region_code       text NOT NULL,
  occupation_code   text NOT NULL,
  employer_key      text NOT NULL,
  source            text NOT NULL,
  source_id         INTEGER NOT NULL,
  monthly_wage      integer NOT NULL,
  weight            integer NOT NULL
);
CREATE INDEX ix_wage_observations_cell ON wage_observations (period, occupation_code, region_code);
CREATE INDEX ix_wage_observations_region ON wage_observations (period, region_code);

-- One row per month x enterprise of the pool, for early warnings per enterprise and per industry.
CREATE TABLE analytics_enterprise_months (
  period            text NOT NULL,
  enterprise_id     INTEGER NOT NULL,
  region_code       text NOT NULL,
  industry_section  text NOT NULL,
  positions_open    integer NOT NULL,
  positions_new     integer NOT NULL,
  positions_closed  integer NOT NULL,
  headcount_sought  integer NOT NULL,
  agreements        integer NOT NULL,
  terminated        integer NOT NULL,
  PRIMARY KEY (period, enterprise_id)
);
CREATE INDEX ix_analytics_enterprise_months_region ON analytics_enterprise_months (period, region_code);

-- When each month's facts were last computed, and from how many source rows.
CREATE TABLE analytics_periods (
  period            text PRIMARY KEY,
  refreshed_at      TEXT NOT NULL,
  positions         integer NOT NULL,
  postings          integer NOT NULL,
  talents           integer NOT NULL,
  agreements        integer NOT NULL
);

-- Map outlines an operator uploaded to replace the shipped ones (a deployment in the PRC needs a map with an approval
-- number, 审图号). One current row per region whose children it outlines; older rows stay for the audit.
CREATE TABLE map_outlines (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  region_code       text NOT NULL,
  geojson           text NOT NULL,
  approval_number   text,
  uploaded_at       TEXT NOT NULL,
  uploaded_by       INTEGER,
  current           integer NOT NULL
);
CREATE INDEX ix_map_outlines_region ON map_outlines (region_code, current);
