// answers: The load_hash stored on each of the given plans (the hash of the rows last written): a load skips the plans whose rows are unchanged.
// params:
//   $plans: LIST<STRING>  plan ids
// returns: plan, hash
// mirrors: graphmodel.store.neo4j.plan_rows (PlanRows.hash)
UNWIND $plans AS id
MATCH (p:Plan {id: id})
RETURN p.id AS plan, p.load_hash AS hash
