// answers: Create or update one plan's node; says whether the plan was loaded before (then its leftovers are pruned).
// params:
//   $props: MAP  every property of the plan node (key, id, title, organisation, organisation_name, year, source, file)
// returns: existed
// mirrors: graphmodel.build.build_graph (Plan node)
OPTIONAL MATCH (old:Plan {key: $props.key})
WITH old IS NOT NULL AS existed
MERGE (p:Plan {key: $props.key})
SET p = $props
RETURN existed
