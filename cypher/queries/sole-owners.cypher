// answers: Single points of failure: actors that are the only real owner of measures, with those measures.
// params: none
// returns: actor_id, name, count, plan, measure_ids
// mirrors: graphmodel.analyse.gaps.find_gaps (kind single-point-of-failure)
MATCH (m:Measure)<-[:RESPONSIBLE_FOR]-(a:Actor)
WHERE NOT a.kind IN ['collective', 'placeholder']
WITH m, collect(a) AS real
WHERE size(real) = 1
WITH real[0] AS a, m
ORDER BY m.id
WITH a, collect(m.id) AS measure_ids, collect(DISTINCT m.plan) AS plans
RETURN a.id AS actor_id, a.name AS name, size(measure_ids) AS count,
       CASE WHEN size(plans) = 1 THEN plans[0] END AS plan, measure_ids
ORDER BY actor_id
