// answers: Real owners carrying too much: at least $minCount measures and at least $minShare of a plan's measures (plan set), or of all plans' measures when the actor owns in several plans (plan null).
// params:
//   $minCount: INTEGER = 5  owns at least this many measures ...
//   $minShare: FLOAT = 0.25  ... and at least this share of them
// returns: plan, actor_id, name, count, total, share
// mirrors: graphmodel.analyse.gaps.find_gaps (kind overloaded)
MATCH (m:Measure)
WITH m.plan AS plan, count(m) AS total
WITH collect({plan: plan, total: total}) AS totals, sum(total) AS totalAll
MATCH (a:Actor)-[:RESPONSIBLE_FOR]->(m:Measure)
WHERE NOT a.kind IN ['collective', 'placeholder']
WITH totals, totalAll, a, m.plan AS plan, count(m) AS owned
WITH totals, totalAll, a, collect({plan: plan, owned: owned}) AS byPlan
WITH a, [bp IN byPlan | {plan: bp.plan, count: bp.owned, total: [t IN totals WHERE t.plan = bp.plan][0].total}]
        + CASE WHEN size(byPlan) > 1
               THEN [{plan: null, count: reduce(s = 0, bp IN byPlan | s + bp.owned), total: totalAll}]
               ELSE [] END AS cells
UNWIND cells AS cell
WITH a, cell, toFloat(cell.count) / cell.total AS share
WHERE cell.count >= $minCount AND share >= $minShare
RETURN cell.plan AS plan, a.id AS actor_id, a.name AS name, cell.count AS count, cell.total AS total, share
ORDER BY plan, actor_id
