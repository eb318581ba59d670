// answers: Per plan, area and prevention level: how many measures, how many have an owner, how many have partners.
// params: none
// returns: plan, area, level, measures, with_owner, with_partners
// mirrors: graphmodel.analyse.questions.overview
MATCH (m:Measure)
WITH m, EXISTS { (m)<-[:RESPONSIBLE_FOR]-(:Actor) } AS owned, EXISTS { (m)<-[:PARTNER_IN]-(:Actor) } AS partnered
WITH m.plan AS plan, m.area AS area, m.level AS level, count(m) AS measures,
     sum(CASE WHEN owned THEN 1 ELSE 0 END) AS with_owner, sum(CASE WHEN partnered THEN 1 ELSE 0 END) AS with_partners,
     min(m.row) AS first_row
RETURN plan, area, level, measures, with_owner, with_partners
ORDER BY plan, first_row, area, level
