-- The month's cells summed to county and to city level (issue 13 at province scale, ADR 0016): a province's month is
-- some 400,000 township cells, most of them a few talents each, 95,000 county cells and 18,000 city cells. The views
-- whose rows are counties (a city's supply and demand, talent map, shortage index; the county forecasts) read the
-- county table, those whose rows are cities (a province's) the city table. Same columns as analytics_cells;
-- region_code is the county's (city's) code, or the city's (province's) when a record names no county (city), padded
-- to 12 digits. Both are replaced with the month's cells in the refresh's transaction.
CREATE TABLE analytics_county_cells (
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
) WITHOUT ROWID;
CREATE INDEX ix_analytics_county_cells_flows ON analytics_county_cells (period, region_code, occupation_code, industry_section, digital, green,
  headcount_sought, positions_new, applications)
  WHERE headcount_sought + positions_new + applications > 0;

CREATE TABLE analytics_city_cells (
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
) WITHOUT ROWID;
CREATE INDEX ix_analytics_city_cells_flows ON analytics_city_cells (period, region_code, occupation_code, industry_section, digital, green,
  headcount_sought, positions_new, applications)
  WHERE headcount_sought + positions_new + applications > 0;

INSERT INTO analytics_county_cells
SELECT period, substr(region_code, 1, 6) || '000000', occupation_code, industry_section, max(digital), max(green), sum(talents), sum(talents_new),
  sum(positions_open), sum(positions_new), sum(positions_closed), sum(headcount_sought), sum(applications), sum(agreements), sum(terminated),
  sum(salary_weight), sum(salary_sum)
FROM analytics_cells GROUP BY period, substr(region_code, 1, 6), occupation_code, industry_section;

INSERT INTO analytics_city_cells
SELECT period, substr(region_code, 1, 4) || '00000000', occupation_code, industry_section, max(digital), max(green), sum(talents), sum(talents_new),
  sum(positions_open), sum(positions_new), sum(positions_closed), sum(headcount_sought), sum(applications), sum(agreements), sum(terminated),
  sum(salary_weight), sum(salary_sum)
FROM analytics_county_cells GROUP BY period, substr(region_code, 1, 4), occupation_code, industry_section;
