-- The wage-price cells of a region and period (issue 13 at province scale, ADR 0016): computing them reads every wage
-- observation of the period in the region (825,000 for a province's year) and takes seconds, so each computed table
-- is kept with the facts it was computed from (facts_at: the newest refresh of the period's months) and read again
-- while those facts stand. The analytics.wages job, queued by each refresh, computes the tables of the operators'
-- regions for the refreshed month's year and the two before it. rows: the cells as JSON.
CREATE TABLE analytics_wage_cells (
  region_code  text NOT NULL,
  period       text NOT NULL,
  facts_at     text NOT NULL,
  rows         text NOT NULL,
  PRIMARY KEY (region_code, period)
);
