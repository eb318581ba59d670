// answers: What falls if an actor drops out: the measures left without a real owner (placeholders and collectives do not count).
// params:
//   $actor: STRING  canonical name, registry alias, spelling a plan used, or id; case-, space- and hyphen-insensitive
//   $actorKey: STRING = normalise(actor)  graphmodel.registry.normalise($actor), computed by graphmodel before the query runs (names are folded in Python only)
// returns: plan, row, id, text, owners
// mirrors: graphmodel.analyse.gaps.what_if
MATCH (top:Actor)
WHERE top.id = $actor OR $actorKey IN top.names_normalised
   OR EXISTS { MATCH (top)-[w:RESPONSIBLE_FOR|PARTNER_IN]->() WHERE w.text_normalised = $actorKey }
WITH collect(top) AS gone
UNWIND gone AS g
MATCH (g)-[:RESPONSIBLE_FOR]->(m:Measure)
WHERE NOT g.kind IN ['collective', 'placeholder']
  AND NOT EXISTS { MATCH (m)<-[:RESPONSIBLE_FOR]-(o:Actor) WHERE NOT o.kind IN ['collective', 'placeholder'] AND NOT o IN gone }
WITH DISTINCT m
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text,
       COLLECT { MATCH (m)<-[:RESPONSIBLE_FOR]-(o:Actor) RETURN o.name ORDER BY o.name, o.id } AS owners
ORDER BY plan, row, id
