// answers: LOAD CSV alternative to the loader: IN_PLAN edges from in_plan.csv.
// params:
//   $url: STRING  the CSV file written by `graphmodel neo4j export`, e.g. file:///in_plan.csv
// returns: none
// mirrors: graphmodel.store.neo4j.export_csv (in_plan.csv)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (m:Measure {key: row.`:START_ID(Measure)`})
  MATCH (p:Plan {key: row.`:END_ID(Plan)`})
  MERGE (m)-[:IN_PLAN]->(p)
} IN TRANSACTIONS OF 10000 ROWS
