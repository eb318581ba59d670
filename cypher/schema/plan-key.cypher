// answers: Plan keys are unique (also the index MERGE on a plan uses); the key is the id, or for an id of over 1000 characters its start and SHA-256.
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (one node per plan id)
CREATE CONSTRAINT plan_key IF NOT EXISTS FOR (p:Plan) REQUIRE p.key IS UNIQUE
