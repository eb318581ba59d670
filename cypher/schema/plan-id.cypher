// answers: Drop the uniqueness constraint on Plan.id of stores written before keys (plan_key is unique instead).
// params: none
// returns: none
// mirrors: graphmodel.store.neo4j.node_key
DROP CONSTRAINT plan_id IF EXISTS
