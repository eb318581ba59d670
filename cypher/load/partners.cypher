// answers: Create or update who takes part in each measure (the Övriga aktörer column).
// params:
//   $rows: LIST<MAP>  one per edge: {actor: STRING, measure: STRING (keys), props: MAP (text, text_normalised, remark, hedge, order)}
// returns: none
// mirrors: graphmodel.build.build_graph (PARTNER_IN edges)
UNWIND $rows AS row
MATCH (a:Actor {key: row.actor})
MATCH (m:Measure {key: row.measure})
MERGE (a)-[r:PARTNER_IN]->(m)
SET r = row.props
