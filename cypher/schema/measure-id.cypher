// answers: Measure ids are unique (also the index MERGE on a measure uses).
// params: none
// returns: none
// mirrors: graphmodel.build.build_graph (one node per measure id)
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (m:Measure) REQUIRE m.id IS UNIQUE
