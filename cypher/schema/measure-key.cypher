// answers: Measure keys are unique (also the index MERGE on a measure uses); the key is the id, or for an id of over 1000 characters its start and SHA-256.
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (one node per measure id)
CREATE CONSTRAINT measure_key IF NOT EXISTS FOR (m:Measure) REQUIRE m.key IS UNIQUE
