// answers: Measures whose only owners are placeholders or collectives ("Övriga efter behov", "berörda chefer").
// params: none
// returns: plan, row, id, text, owners
// mirrors: graphmodel.analyse.gaps.find_gaps (kind vague-owner)
MATCH (m:Measure)
WHERE EXISTS { (m)<-[:RESPONSIBLE_FOR]-(:Actor) }
  AND NOT EXISTS { MATCH (m)<-[:RESPONSIBLE_FOR]-(a:Actor) WHERE NOT a.kind IN ['collective', 'placeholder'] }
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text,
       COLLECT { MATCH (m)<-[:RESPONSIBLE_FOR]-(a:Actor) RETURN a.name ORDER BY a.name, a.id } AS owners
ORDER BY plan, row, id
