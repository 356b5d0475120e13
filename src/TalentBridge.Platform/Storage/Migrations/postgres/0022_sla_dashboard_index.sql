-- The SLA dashboard (issue 12): the operator's query filters orders by region subtree and month and reads only the
-- clock columns. A covering index answers it from the index alone, without visiting the table's rows
-- (bench sla: 100,000 orders, see docs/benchmarks.md).

CREATE INDEX ix_demand_orders_sla ON demand_orders (region_code, placed_month, state, response_seconds, met, due_at);
