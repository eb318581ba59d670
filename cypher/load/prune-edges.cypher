// answers: On reloading an edited plan, delete responsible and partner edges of its measures that the plan no longer names.
// params:
//   $rows: LIST<MAP>  one per current measure: {id: STRING, responsible: LIST<STRING>, partners: LIST<STRING>} (actor ids)
// returns: none
// mirrors: graphmodel.build.build_graph (a rebuilt graph has only the plan's current edges)
UNWIND $rows AS row
MATCH (m:Measure {id: row.id})<-[r:RESPONSIBLE_FOR|PARTNER_IN]-(a:Actor)
WHERE NOT a.id IN (CASE type(r) WHEN 'RESPONSIBLE_FOR' THEN row.responsible ELSE row.partners END)
DELETE r
