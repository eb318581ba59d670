// answers: Per plan, area and prevention level: how many measures, and how many actor links of each actor kind ([kind, count] pairs by kind).
// params: none
// returns: plan, area, level, measures, kinds
// mirrors: graphmodel.analyse.gaps.coverage_table
MATCH (m:Measure)
WITH m.plan AS plan, m.area AS area, m.level AS level, count(m) AS measures, min(m.row) AS first_row, collect(m) AS ms
CALL (ms) {
  UNWIND ms AS cm
  MATCH (cm)<-[:RESPONSIBLE_FOR|PARTNER_IN]-(a:Actor)
  WITH DISTINCT cm, a
  WITH a.kind AS kind, count(*) AS n
  ORDER BY kind
  RETURN collect([kind, n]) AS kinds
}
RETURN plan, area, level, measures, kinds
ORDER BY plan, first_row, area, level
