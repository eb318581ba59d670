// answers: Drop the index on Measure.plan of stores written before keys: a plan id from .plan.toml may not fit an index entry; a reload finds the plan's measures through IN_PLAN.
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (Measure.plan)
DROP INDEX measure_plan IF EXISTS
