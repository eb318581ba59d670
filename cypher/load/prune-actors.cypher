// answers: Fallback of write-plan for a plan node without an `actors` list (written by an older loader): find the actors naming the plan by scan, forget the plan on those it no longer names; delete those no plan uses any more, only if scoped to this plan's organisation and unconnected.
// params:
//   $plan: STRING  the plan id
//   $organisation: STRING  the plan's organisation (actor id)
//   $actorKeys: LIST<STRING>  the keys of the actors the plan names now (with their parents)
// returns: none
// mirrors: graphmodel.build.build_graph (a rebuilt graph has only actors some plan names)
MATCH (a:Actor)
WHERE $plan IN a.plans AND NOT a.key IN $actorKeys
SET a.key = a.key
WITH a
SET a.plans = [p IN a.plans WHERE p <> $plan]
WITH a
WHERE size(a.plans) = 0 AND a.scope = 'organisation' AND a.organisation = $organisation
  AND NOT EXISTS { (a)-[:RESPONSIBLE_FOR|PARTNER_IN]->() }
  AND NOT EXISTS { ()-[:PART_OF]->(a) }
DETACH DELETE a
