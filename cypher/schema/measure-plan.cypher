// answers: Find a plan's measures quickly (reload, overdue, per-plan totals).
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (Measure.plan)
CREATE INDEX measure_plan IF NOT EXISTS FOR (m:Measure) ON (m.plan)
