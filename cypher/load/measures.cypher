// answers: Create or update one plan's measures (all properties replaced) and link them to the plan.
// params:
//   $planKey: STRING  the plan's key
//   $rows: LIST<MAP>  one per measure: {props: MAP (key, id, plan, text, area, level, state, start, due, due_end, start_end, status_text, status_interpreted, file, row, sheet, reference, extra)}
// returns: none
// mirrors: graphmodel.build.build_graph (Measure nodes, IN_PLAN edges)
MATCH (p:Plan {key: $planKey})
UNWIND $rows AS row
MERGE (m:Measure {key: row.props.key})
SET m = row.props
MERGE (m)-[:IN_PLAN]->(p)
