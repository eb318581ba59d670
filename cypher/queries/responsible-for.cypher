// answers: Which measures an actor (or, with subunits, a unit below it) is responsible for.
// params:
//   $actor: STRING  canonical name, registry alias, spelling a plan used, or id; case-, space- and hyphen-insensitive
//   $actorKey: STRING = normalise(actor)  graphmodel.registry.normalise($actor), computed by graphmodel before the query runs (names are folded in Python only)
//   $subunits: BOOLEAN = true  also count units below the actor (PART_OF)
// returns: plan, row, id, text, area, level, state, due, via
// mirrors: graphmodel.analyse.questions.responsible_for
MATCH (top:Actor)
WHERE top.id = $actor OR $actorKey IN top.names_normalised
   OR EXISTS { MATCH (top)-[w:RESPONSIBLE_FOR|PARTNER_IN]->() WHERE w.text_normalised = $actorKey }
MATCH path = (unit:Actor)-[:PART_OF*0..]->(top)
WHERE $subunits OR length(path) = 0
WITH unit, min(length(path)) AS depth
MATCH (unit)-[:RESPONSIBLE_FOR]->(m:Measure)
WITH m, unit, depth
ORDER BY depth, unit.id
WITH m, collect(unit.name)[0] AS via
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text, m.area AS area, m.level AS level,
       m.state AS state, m.due AS due, via
ORDER BY plan, row, id
