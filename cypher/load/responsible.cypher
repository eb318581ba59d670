// answers: Create or update who is responsible for each measure (the Ansvarig column).
// params:
//   $rows: LIST<MAP>  one per edge: {actor: STRING, measure: STRING (keys), props: MAP (text, text_normalised, remark, hedge, order)}
// returns: none
// mirrors: graphmodel.build.build_graph (RESPONSIBLE_FOR edges)
UNWIND $rows AS row
MATCH (a:Actor {key: row.actor})
MATCH (m:Measure {key: row.measure})
MERGE (a)-[r:RESPONSIBLE_FOR]->(m)
SET r = row.props
