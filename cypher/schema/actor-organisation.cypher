// answers: Find an organisation's scoped actors quickly (reloading a plan prunes them).
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (organisation-scoped actors)
CREATE INDEX actor_organisation IF NOT EXISTS FOR (a:Actor) ON (a.organisation)
