-- One region-code form: every stored region code has 12 digits (the pools always did), so that a region's
-- subtree is one index range everywhere. The imports stored the significant form ("331122") until now.
UPDATE source_postings SET region_code = rpad(region_code, 12, '0') WHERE length(region_code) < 12;
UPDATE posting_clusters SET region_code = rpad(region_code, 12, '0') WHERE length(region_code) < 12;
UPDATE source_talents SET region_code = rpad(region_code, 12, '0') WHERE length(region_code) < 12;
UPDATE talent_clusters SET region_code = rpad(region_code, 12, '0') WHERE length(region_code) < 12;
UPDATE source_enterprises SET region_code = rpad(region_code, 12, '0') WHERE length(region_code) < 12;
UPDATE enterprise_clusters SET region_code = rpad(region_code, 12, '0') WHERE length(region_code) < 12;
