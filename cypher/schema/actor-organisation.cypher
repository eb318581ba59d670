// answers: Drop the index on Actor.organisation of stores written before keys: the value comes from .plan.toml and may not fit an index entry; the loader prunes by the plan's actor list instead.
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (organisation-scoped actors)
DROP INDEX actor_organisation IF EXISTS
