// answers: Which actors share measures with an actor, most shared first, with the shared measures as evidence.
// params:
//   $actor: STRING  canonical name, registry alias, spelling a plan used, or id; case-, space- and hyphen-insensitive
//   $actorKey: STRING = normalise(actor)  graphmodel.registry.normalise($actor), computed by graphmodel before the query runs (names are folded in Python only)
//   $subunits: BOOLEAN = false  count the actor's units (PART_OF) as the actor
// returns: id, name, kind, shared_count, measure_ids
// mirrors: graphmodel.analyse.questions.works_with
MATCH (top:Actor)
WHERE top.id = $actor OR $actorKey IN top.names_normalised
   OR EXISTS { MATCH (top)-[w:RESPONSIBLE_FOR|PARTNER_IN]->() WHERE w.text_normalised = $actorKey }
MATCH path = (unit:Actor)-[:PART_OF*0..]->(top)
WHERE $subunits OR length(path) = 0
WITH collect(DISTINCT unit) AS own
UNWIND own AS unit
MATCH (unit)-[:RESPONSIBLE_FOR|PARTNER_IN]->(m:Measure)<-[:RESPONSIBLE_FOR|PARTNER_IN]-(other:Actor)
WHERE NOT other IN own
WITH DISTINCT other, m
ORDER BY m.id
WITH other, collect(m.id) AS measure_ids
RETURN other.id AS id, other.name AS name, other.kind AS kind, size(measure_ids) AS shared_count, measure_ids
ORDER BY shared_count DESC, other.sort_name, id
