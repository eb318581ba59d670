// answers: Measures not done whose due period ended before $asOf, in plans that still have dates on or after $asOf (a plan with every date passed is plan-not-revised instead).
// params:
//   $asOf: DATE = today  the day to judge against, as YYYY-MM-DD
// returns: plan, row, id, text, due, state, owners
// mirrors: graphmodel.analyse.gaps.find_gaps (kind overdue)
MATCH (m:Measure)
WHERE m.due_end IS NOT NULL AND m.state <> 'done' AND date(m.due_end) < date($asOf)
  AND EXISTS { MATCH (n:Measure {plan: m.plan}) WHERE date(coalesce(n.due_end, n.start_end)) >= date($asOf) }
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text, m.due AS due, m.state AS state,
       COLLECT { MATCH (m)<-[:RESPONSIBLE_FOR]-(a:Actor) RETURN a.name ORDER BY a.name, a.id } AS owners
ORDER BY plan, row, id
