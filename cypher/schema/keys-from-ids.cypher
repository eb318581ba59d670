// answers: Give nodes written before keys their key, the id (as node_key gives it for ids of up to 1000 characters), so a load merges onto them instead of writing them again; runs on every load, a scan that finds nothing once done.
// params: none
// returns: none
// mirrors: graphmodel.store.neo4j.node_key
MATCH (n)
WHERE (n:Actor OR n:Measure OR n:Plan) AND n.key IS NULL AND n.id IS NOT NULL AND size(n.id) <= 1000
SET n.key = n.id
