// answers: Write one plan (or one chunk of a large plan) in one statement: plan node, actors, hierarchy, measures with their edges; on a reload prune what is gone; skip a plan whose rows are unchanged.
// params:
//   $plan: STRING  the plan id
//   $props: MAP  the plan node's properties (id, title, organisation, organisation_name, year, source, file)
//   $hash: STRING  hash of everything the plan writes; stored as load_hash on the last chunk
//   $force: BOOLEAN  write even if the stored load_hash equals $hash
//   $existed: BOOLEAN  null on a plan's first statement (found out here); else what the first one returned
//   $last: BOOLEAN  the plan's last statement: store load_hash and the actor list, prune actors
//   $actors: LIST<MAP>  actors of this chunk: {id: STRING, props: MAP (id, name, kind, scope, parent, organisation, aliases, unknown, suggestions, names_normalised)}
//   $partOf: LIST<MAP>  hierarchy links of this chunk: {child: STRING, parent: STRING}
//   $measures: LIST<MAP>  measures of this chunk: {props: MAP (id, plan, text, area, level, state, start, due, due_end, start_end, status_text, status_interpreted, file, row, sheet, reference, extra), responsible: LIST<MAP>, partners: LIST<MAP>}, each edge {actor: STRING, props: MAP (text, text_normalised, remark, hedge, order)}
//   $measureIds: LIST<STRING>  every measure id of the plan when it takes several statements (a reload deletes the plan's other measures); null: the ids in $measures
//   $actorIds: LIST<STRING>  every actor id the plan names when it takes several statements (a reload forgets the plan on the others); null: the ids in $actors
// returns: existed, unchanged, unlisted
// mirrors: graphmodel.build.build_graph (one plan's nodes and edges)
OPTIONAL MATCH (old:Plan {id: $plan})
WITH coalesce($existed, old IS NOT NULL) AS existed,
     $existed IS NULL AND NOT $force AND coalesce(old.load_hash = $hash, false) AS unchanged,
     old.load_hash AS oldHash, old.actors AS named
CALL (existed, unchanged, oldHash, named) {
  WITH existed, oldHash, named WHERE NOT unchanged
  MERGE (p:Plan {id: $plan})
  SET p = $props, p.load_hash = CASE WHEN $last THEN $hash ELSE oldHash END,
      p.actors = CASE WHEN $last THEN coalesce($actorIds, [x IN $actors | x.id]) ELSE named END
  WITH existed, named, p
  CALL () {
    UNWIND $actors AS row
    MERGE (a:Actor {id: row.id})
    WITH a, row.props AS props, coalesce(a.plans, []) AS was
    SET a = props {.*, plans: CASE WHEN $plan IN was THEN was ELSE was + $plan END}
  }
  CALL () {
    UNWIND $partOf AS row
    MATCH (child:Actor {id: row.child})
    MATCH (parent:Actor {id: row.parent})
    MERGE (child)-[:PART_OF]->(parent)
  }
  CALL (existed) {
    WITH existed WHERE existed AND $existed IS NULL
    MATCH (m:Measure {plan: $plan})
    WHERE NOT m.id IN coalesce($measureIds, [x IN $measures | x.props.id])
    DETACH DELETE m
  }
  CALL (existed, p) {
    UNWIND $measures AS row
    MERGE (m:Measure {id: row.props.id})
    SET m = row.props
    MERGE (m)-[:IN_PLAN]->(p)
    WITH existed, m, row
    CALL (existed, m, row) {
      WITH existed, m, row WHERE existed
      MATCH (m)<-[r:RESPONSIBLE_FOR|PARTNER_IN]-(a:Actor)
      WHERE NOT a.id IN [e IN CASE type(r) WHEN 'RESPONSIBLE_FOR' THEN row.responsible ELSE row.partners END | e.actor]
      DELETE r
    }
    CALL (m, row) {
      UNWIND row.responsible AS e
      MATCH (a:Actor {id: e.actor})
      MERGE (a)-[r:RESPONSIBLE_FOR]->(m)
      SET r = e.props
    }
    CALL (m, row) {
      UNWIND row.partners AS e
      MATCH (a:Actor {id: e.actor})
      MERGE (a)-[r:PARTNER_IN]->(m)
      SET r = e.props
    }
  }
  CALL (existed, named) {
    WITH named WHERE existed AND $last AND named IS NOT NULL
    UNWIND named AS id
    MATCH (a:Actor {id: id})
    WHERE $plan IN a.plans AND NOT id IN coalesce($actorIds, [x IN $actors | x.id])
    SET a.plans = [x IN a.plans WHERE x <> $plan]
    WITH a
    WHERE size(a.plans) = 0 AND a.scope = 'organisation' AND a.organisation = $props.organisation
      AND NOT EXISTS { (a)-[:RESPONSIBLE_FOR|PARTNER_IN]->() }
      AND NOT EXISTS { ()-[:PART_OF]->(a) }
    DETACH DELETE a
  }
}
RETURN existed, unchanged, existed AND named IS NULL AND NOT unchanged AS unlisted
