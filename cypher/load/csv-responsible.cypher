// answers: LOAD CSV alternative to the loader: RESPONSIBLE_FOR edges from responsible_for.csv.
// params:
//   $url: STRING  the CSV file written by `graphmodel neo4j export`, e.g. file:///responsible_for.csv
// returns: none
// mirrors: graphmodel.store.neo4j.export_csv (responsible_for.csv)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Actor {key: row.`:START_ID(Actor)`})
  MATCH (m:Measure {key: row.`:END_ID(Measure)`})
  MERGE (a)-[r:RESPONSIBLE_FOR]->(m)
  SET r = {text: row.text, text_normalised: row.text_normalised, remark: row.remark, hedge: row.hedge,
           order: toInteger(row.`order:int`)}
} IN TRANSACTIONS OF 10000 ROWS
