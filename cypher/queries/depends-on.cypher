// answers: Which measures depend on an actor: it (or, with subunits, a unit below it) is responsible or partner. One row per measure, with its strongest role and the actor that matched.
// params:
//   $actor: STRING  canonical name, registry alias, spelling a plan used, or id; case-, space- and hyphen-insensitive
//   $actorKey: STRING = normalise(actor)  graphmodel.registry.normalise($actor), computed by graphmodel before the query runs (names are folded in Python only)
//   $subunits: BOOLEAN = true  also count units below the actor (PART_OF)
// returns: plan, row, id, text, area, level, state, due, role, via
// mirrors: graphmodel.analyse.questions.measures_depending_on
MATCH (top:Actor)
WHERE top.id = $actor OR $actorKey IN top.names_normalised
   OR EXISTS { MATCH (top)-[w:RESPONSIBLE_FOR|PARTNER_IN]->() WHERE w.text_normalised = $actorKey }
MATCH path = (unit:Actor)-[:PART_OF*0..]->(top)
WHERE $subunits OR length(path) = 0
WITH unit, min(length(path)) AS depth
MATCH (unit)-[r:RESPONSIBLE_FOR|PARTNER_IN]->(m:Measure)
WITH m, unit, depth, CASE type(r) WHEN 'RESPONSIBLE_FOR' THEN 0 ELSE 1 END AS rank
ORDER BY rank, depth, unit.id
WITH m, collect({rank: rank, via: unit.name})[0] AS best
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text, m.area AS area, m.level AS level,
       m.state AS state, m.due AS due, CASE best.rank WHEN 0 THEN 'responsible' ELSE 'partner' END AS role,
       best.via AS via
ORDER BY plan, row, id
