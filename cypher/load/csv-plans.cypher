// answers: LOAD CSV alternative to the loader: plans from plans.csv (auto-commit session only: CALL IN TRANSACTIONS).
// params:
//   $url: STRING  the CSV file written by `graphmodel neo4j export`, e.g. file:///plans.csv
// returns: none
// mirrors: graphmodel.store.neo4j.export_csv (plans.csv)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (p:Plan {key: row.`key:ID(Plan)`})
  SET p = {key: row.`key:ID(Plan)`, id: row.id, title: row.title, organisation: row.organisation,
           organisation_name: row.organisation_name, year: toInteger(row.`year:int`), source: row.source,
           file: row.file, load_hash: row.load_hash, actors: split(row.`actors:string[]`, ';')}
} IN TRANSACTIONS OF 10000 ROWS
