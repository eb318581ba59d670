// answers: LOAD CSV alternative to the loader: PARTNER_IN edges from partner_in.csv.
// params:
//   $url: STRING  the CSV file written by `graphmodel neo4j export`, e.g. file:///partner_in.csv
// returns: none
// mirrors: graphmodel.store.neo4j.export_csv (partner_in.csv)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Actor {key: row.`:START_ID(Actor)`})
  MATCH (m:Measure {key: row.`:END_ID(Measure)`})
  MERGE (a)-[r:PARTNER_IN]->(m)
  SET r = {text: row.text, text_normalised: row.text_normalised, remark: row.remark, hedge: row.hedge,
           order: toInteger(row.`order:int`)}
} IN TRANSACTIONS OF 10000 ROWS
