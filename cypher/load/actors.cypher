// answers: Create or update the actors one plan names (and their parents); records the plan in the actor's `plans` list (read after the actor is locked); a plan does not redefine a national actor.
// params:
//   $plan: STRING  the plan id
//   $rows: LIST<MAP>  one per actor: {props: MAP (key, id, name, sort_name, kind, scope, parent, organisation, aliases, unknown, suggestions, names_normalised)}
// returns: none
// mirrors: graphmodel.build.build_graph (Actor nodes)
UNWIND $rows AS row
MERGE (a:Actor {key: row.props.key})
SET a.key = row.props.key
WITH a, row.props AS props
WITH a, CASE WHEN a.scope = 'national' AND coalesce(props.scope, '') <> 'national' THEN properties(a)
             ELSE props END AS keep
SET a = keep {.*, plans: CASE WHEN $plan IN coalesce(a.plans, []) THEN a.plans ELSE coalesce(a.plans, []) + $plan END}
