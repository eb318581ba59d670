// answers: Plans whose every dated measure lies before $asOf: the plan needs revising.
// params:
//   $asOf: DATE = today  the day to judge against, as YYYY-MM-DD
// returns: plan, dated, latest, overdue
// mirrors: graphmodel.analyse.gaps.find_gaps (kind plan-not-revised)
MATCH (m:Measure)
WHERE coalesce(m.due_end, m.start_end) IS NOT NULL
WITH m.plan AS plan, count(m) AS dated, max(date(coalesce(m.due_end, m.start_end))) AS last,
     sum(CASE WHEN m.due_end IS NOT NULL AND m.state <> 'done' AND date(m.due_end) < date($asOf) THEN 1 ELSE 0 END) AS overdue
WHERE last < date($asOf)
RETURN plan, dated, toString(last) AS latest, overdue
ORDER BY plan
