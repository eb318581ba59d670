// answers: Measures with no status, or with a status text that could not be interpreted.
// params: none
// returns: plan, row, id, text, status_text
// mirrors: graphmodel.analyse.gaps.find_gaps (kind no-status)
MATCH (m:Measure)
WHERE m.status_text IS NULL OR m.status_interpreted = false
RETURN m.plan AS plan, m.row AS row, m.id AS id, m.text AS text, m.status_text AS status_text
ORDER BY plan, row, id
