// answers: Real actors that take part in at least $partnerMin measures of a plan but own none of that plan's measures: one row per actor and plan (what it owns in another plan does not count).
// params:
//   $partnerMin: INTEGER = 2  partner in at least this many measures of the plan
// returns: actor_id, name, count, plan, measure_ids
// mirrors: graphmodel.analyse.gaps.find_gaps (kind partner-without-ownership)
MATCH (a:Actor)-[:PARTNER_IN]->(m:Measure)
WHERE NOT a.kind IN ['collective', 'placeholder']
  AND NOT EXISTS { MATCH (a)-[:RESPONSIBLE_FOR]->(owned:Measure) WHERE owned.plan = m.plan }
WITH a, m
ORDER BY m.id
WITH a, m.plan AS plan, collect(m.id) AS measure_ids
WHERE size(measure_ids) >= $partnerMin
RETURN a.id AS actor_id, a.name AS name, size(measure_ids) AS count, plan, measure_ids
ORDER BY actor_id, plan
