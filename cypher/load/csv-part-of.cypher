// answers: LOAD CSV alternative to the loader: PART_OF edges from part_of.csv.
// params:
//   $url: STRING  the CSV file written by `graphmodel neo4j export`, e.g. file:///part_of.csv
// returns: none
// mirrors: graphmodel.store.neo4j.export_csv (part_of.csv)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (child:Actor {key: row.`:START_ID(Actor)`})
  MATCH (parent:Actor {key: row.`:END_ID(Actor)`})
  MERGE (child)-[:PART_OF]->(parent)
} IN TRANSACTIONS OF 10000 ROWS
