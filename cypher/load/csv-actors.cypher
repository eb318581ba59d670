// answers: LOAD CSV alternative to the loader: actors from actors.csv (lists are ;-separated).
// params:
//   $url: STRING  the CSV file written by `graphmodel neo4j export`, e.g. file:///actors.csv
// returns: none
// mirrors: graphmodel.store.neo4j.export_csv (actors.csv)
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Actor {key: row.`key:ID(Actor)`})
  SET a = {key: row.`key:ID(Actor)`, id: row.id, name: row.name, sort_name: row.sort_name, kind: row.kind, scope: row.scope, parent: row.parent,
           organisation: row.organisation, unknown: toBoolean(row.`unknown:boolean`),
           aliases: CASE WHEN row.`aliases:string[]` IS NULL THEN null ELSE split(row.`aliases:string[]`, ';') END,
           suggestions: CASE WHEN row.`suggestions:string[]` IS NULL THEN null
                             ELSE split(row.`suggestions:string[]`, ';') END,
           names_normalised: split(row.`names_normalised:string[]`, ';'),
           plans: split(row.`plans:string[]`, ';')}
} IN TRANSACTIONS OF 10000 ROWS
