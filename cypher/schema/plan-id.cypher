// answers: Plan ids are unique (also the index MERGE on a plan uses).
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (one node per plan id)
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (p:Plan) REQUIRE p.id IS UNIQUE
