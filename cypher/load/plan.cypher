// answers: Create or update one plan's node; says whether the plan was loaded before (then its leftovers are pruned).
// params:
//   $plan: STRING  the plan id
//   $props: MAP  every property of the plan node (id, title, organisation, organisation_name, year, source, file)
// returns: existed
// mirrors: graphmodel.build.build_graph (Plan node)
OPTIONAL MATCH (old:Plan {id: $plan})
WITH old IS NOT NULL AS existed
MERGE (p:Plan {id: $plan})
SET p = $props
RETURN existed
