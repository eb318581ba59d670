// answers: Measures nobody is responsible for.
// params: none
// returns: plan, row, id, text
// mirrors: graphmodel.analyse.gaps.find_gaps (kind unassigned)
MATCH (m:Measure)
WHERE NOT EXISTS { (m)<-[:RESPONSIBLE_FOR]-(:Actor) }
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text
ORDER BY plan, row, id
