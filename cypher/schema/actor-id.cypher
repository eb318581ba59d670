// answers: Drop the uniqueness constraint on Actor.id of stores written before keys: an id can be longer than an index entry may be (actor_key is unique instead).
// params: none
// returns: none
// mirrors: graphmodel.store.neo4j.node_key
DROP CONSTRAINT actor_id IF EXISTS
