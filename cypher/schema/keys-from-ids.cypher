// answers: Give nodes written before keys their key (the id; ids of over 1000 characters never loaded then), so a load merges onto them instead of writing them again.
// params: none
// returns: none
// mirrors: graphmodel.store.neo4j.node_key
MATCH (n)
WHERE (n:Actor OR n:Measure OR n:Plan) AND n.key IS NULL AND n.id IS NOT NULL AND size(n.id) <= 1000
SET n.key = n.id
