// answers: Create or update the actors one plan names (and their parents); records the plan in the actor's `plans` list.
// params:
//   $plan: STRING  the plan id
//   $rows: LIST<MAP>  one per actor: {id: STRING, props: MAP (id, name, kind, scope, parent, organisation, aliases, unknown, suggestions, names_normalised)}
// returns: none
// mirrors: graphmodel.build.build_graph (Actor nodes)
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
WITH a, row, coalesce(a.plans, []) AS was
SET a = row.props
SET a.plans = CASE WHEN $plan IN was THEN was ELSE was + $plan END
