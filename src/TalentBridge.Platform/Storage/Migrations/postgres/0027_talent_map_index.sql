-- The talent map (issue 13, item 1) sums one month's cells of a region subtree per child region, with filters on
-- occupation, industry, digital and green. A covering index lets it read the index alone (an index-only scan once the
-- month's rows are vacuumed), without visiting the table's rows.

CREATE INDEX ix_analytics_cells_map ON analytics_cells (period, region_code)
  INCLUDE (occupation_code, industry_section, digital, green, talents, positions_open, headcount_sought, applications);
