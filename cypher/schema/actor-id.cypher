// answers: Actor ids are unique (also the index MERGE on an actor uses).
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (one node per actor id)
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE
