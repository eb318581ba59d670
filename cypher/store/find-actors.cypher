// answers: Which actors a name designates, found as every library query with an $actor parameter finds them: by id, or by canonical name, registry alias or a spelling a plan used (folded). No rows: no such actor, and the query that asked says so.
// params:
//   $actor: STRING  canonical name, registry alias, spelling a plan used, or id; case-, space- and hyphen-insensitive
//   $actorKey: STRING = normalise(actor)  graphmodel.registry.normalise($actor), computed by graphmodel before the query runs (names are folded in Python only)
// returns: id
// mirrors: graphmodel.analyse.questions.find_actors
MATCH (top:Actor)
WHERE top.id = $actor OR $actorKey IN top.names_normalised
   OR EXISTS { MATCH (top)-[w:RESPONSIBLE_FOR|PARTNER_IN]->() WHERE w.text_normalised = $actorKey }
RETURN top.id AS id
ORDER BY id
