// answers: On reloading an edited plan, delete its measures (and their edges) that the plan no longer has.
// params:
//   $plan: STRING  the plan id
//   $ids: LIST<STRING>  the ids of the measures the plan has now
// returns: none
// mirrors: graphmodel.build.build_graph (a rebuilt graph has only the plan's current measures)
MATCH (m:Measure {plan: $plan})
WHERE NOT m.id IN $ids
DETACH DELETE m
