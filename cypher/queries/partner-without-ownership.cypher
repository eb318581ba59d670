// answers: Real actors that take part in at least $partnerMin measures but own none anywhere.
// params:
//   $partnerMin: INTEGER = 2  partner in at least this many measures
// returns: actor_id, name, count, plan, measure_ids
// mirrors: graphmodel.analyse.gaps.find_gaps (kind partner-without-ownership)
MATCH (a:Actor)-[:PARTNER_IN]->(m:Measure)
WHERE NOT a.kind IN ['collective', 'placeholder'] AND NOT EXISTS { (a)-[:RESPONSIBLE_FOR]->(:Measure) }
WITH a, m
ORDER BY m.id
WITH a, collect(m.id) AS measure_ids, collect(DISTINCT m.plan) AS plans
WHERE size(measure_ids) >= $partnerMin
RETURN a.id AS actor_id, a.name AS name, size(measure_ids) AS count,
       CASE WHEN size(plans) = 1 THEN plans[0] END AS plan, measure_ids
ORDER BY actor_id
