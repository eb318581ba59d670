// answers: Single points of failure, plan by plan: actors that are the only real owner of measures of a plan, with those measures; one row per actor and plan, the severe ones first (three or more measures, or a cut point of the plan's collaboration network).
// params: none
// returns: actor_id, name, count, plan, measure_ids
// mirrors: graphmodel.analyse.gaps.find_gaps (kind single-point-of-failure)
MATCH (m:Measure)<-[:RESPONSIBLE_FOR]-(a:Actor)
WHERE NOT a.kind IN ['collective', 'placeholder']
WITH m, collect(a) AS real
WHERE size(real) = 1
WITH real[0] AS a, m
ORDER BY m.id
WITH a, m.plan AS plan, collect(m.id) AS measure_ids
// A cut point: two of the actors it shares the plan's measures with are connected, within the plan, only through it.
CALL (a, plan, measure_ids) {
  WITH a, plan, measure_ids
  WHERE size(measure_ids) < 3
  MATCH (a)-[:RESPONSIBLE_FOR|PARTNER_IN]->(shared:Measure)<-[:RESPONSIBLE_FOR|PARTNER_IN]-(near:Actor)
  WHERE shared.plan = plan AND near <> a
  WITH DISTINCT a, plan, near
  ORDER BY near.id
  WITH a, plan, collect(near) AS nears
  WITH a, plan, nears[0] AS first, nears[1..] AS rest
  UNWIND rest AS other
  OPTIONAL MATCH path = shortestPath((first)-[:RESPONSIBLE_FOR|PARTNER_IN*]-(other))
  WHERE all(n IN nodes(path) WHERE n <> a AND (n:Actor OR n.plan = plan))
  RETURN count(other) > count(path) AS cut
}
WITH a, plan, measure_ids, size(measure_ids) >= 3 OR cut AS severe
RETURN a.id AS actor_id, a.name AS name, size(measure_ids) AS count, plan, measure_ids
ORDER BY actor_id, CASE WHEN severe THEN 0 ELSE 1 END, plan
