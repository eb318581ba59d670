// answers: What the store holds, plan by plan: its id, title, organisation and year, how many measures it has, the hash of the rows last written for it (load_hash; a load skips a plan whose rows hash the same), and when and by which graphmodel version it was last written.
// params: none
// returns: plan, title, organisation, year, measures, load_hash, loaded_at, loaded_by
// mirrors: graphmodel.store.neo4j.plan_rows (load_hash is PlanRows.hash)
MATCH (p:Plan)
RETURN p.id AS plan, p.title AS title, p.organisation_name AS organisation, p.year AS year,
       COUNT { (:Measure)-[:IN_PLAN]->(p) } AS measures, p.load_hash AS load_hash,
       p.loaded_at AS loaded_at, p.loaded_by AS loaded_by
ORDER BY plan
