-- The talent map (issue 13, item 1) sums one month's cells of a region subtree per child region, with filters on
-- occupation, industry, digital and green. A covering index answers it from the index alone, without visiting the table's
-- rows: at province scale a month is some 400,000 cells, and the visits cost about five times the index scan on SQLite.

CREATE INDEX ix_analytics_cells_map ON analytics_cells (period, region_code, occupation_code, industry_section, digital, green, talents,
  positions_open, headcount_sought, applications);
