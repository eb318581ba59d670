// answers: Drop the uniqueness constraint on Measure.id of stores written before keys (measure_key is unique instead).
// params: none
// returns: none
// mirrors: graphmodel.store.neo4j.node_key
DROP CONSTRAINT measure_id IF EXISTS
