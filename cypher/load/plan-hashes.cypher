// answers: The load_hash stored on each of the given plans (the hash of the rows last written): a load skips the plans whose rows are unchanged.
// params:
//   $plans: LIST<STRING>  plan keys
// returns: plan, hash
// mirrors: graphmodel.store.neo4j.plan_rows (PlanRows.hash)
UNWIND $plans AS id
MATCH (p:Plan {key: id})
RETURN p.key AS plan, p.load_hash AS hash
