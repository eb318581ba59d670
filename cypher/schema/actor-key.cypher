// answers: Actor keys are unique (also the index MERGE on an actor uses); the key is the id, or for an id of over 1000 characters its start and SHA-256, so it always fits an index entry.
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (one node per actor id)
CREATE CONSTRAINT actor_key IF NOT EXISTS FOR (a:Actor) REQUIRE a.key IS UNIQUE
