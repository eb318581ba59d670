// answers: What falls if an actor drops out: the measures left without a real owner (placeholders and collectives do not count).
// params:
//   $actor: STRING  canonical name, registry alias, spelling a plan used, or id; case-, space- and hyphen-insensitive
// returns: plan, row, id, text, owners
// mirrors: graphmodel.analyse.gaps.what_if
WITH reduce(k = '', c IN split(toLower(normalize($actor, NFC)), '') | k + CASE WHEN c =~ '[0-9a-zåäöéü]' THEN c ELSE '' END) AS key
MATCH (top:Actor)
WHERE top.id = $actor OR key IN top.names_normalised
   OR EXISTS { MATCH (top)-[w:RESPONSIBLE_FOR|PARTNER_IN]->() WHERE w.text_normalised = key }
WITH collect(top) AS gone
UNWIND gone AS g
MATCH (g)-[:RESPONSIBLE_FOR]->(m:Measure)
WHERE NOT g.kind IN ['collective', 'placeholder']
  AND NOT EXISTS { MATCH (m)<-[:RESPONSIBLE_FOR]-(o:Actor) WHERE NOT o.kind IN ['collective', 'placeholder'] AND NOT o IN gone }
WITH DISTINCT m
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text,
       COLLECT { MATCH (m)<-[:RESPONSIBLE_FOR]-(o:Actor) RETURN o.name ORDER BY o.name, o.id } AS owners
ORDER BY plan, row, id
