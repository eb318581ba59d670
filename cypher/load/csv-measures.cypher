// answers: LOAD CSV alternative to the loader: measures from measures.csv.
// params:
//   $url: STRING  the CSV file written by `graphmodel neo4j export`, e.g. file:///measures.csv
// returns: none
// mirrors: graphmodel.store.neo4j.export_csv (measures.csv)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (m:Measure {key: row.`key:ID(Measure)`})
  SET m = {key: row.`key:ID(Measure)`, id: row.id, plan: row.plan, text: row.text, area: row.area, level: row.level,
           state: row.state, start: row.start, due: row.due, due_end: row.due_end, start_end: row.start_end,
           status_text: row.status_text, status_interpreted: toBoolean(row.`status_interpreted:boolean`),
           file: row.file, row: toInteger(row.`row:int`), sheet: row.sheet, reference: row.reference,
           extra: row.extra}
} IN TRANSACTIONS OF 10000 ROWS
