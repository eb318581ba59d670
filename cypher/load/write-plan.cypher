// answers: Write one plan (or one chunk of a large plan) in one statement: plan node, actors, hierarchy, measures with their edges; on a reload prune what is gone; skip a plan whose rows are unchanged.
// params:
//   $plan: STRING  the plan id
//   $props: MAP  the plan node's properties (key, id, title, organisation, organisation_name, year, source, file)
//   $hash: STRING  hash of everything the plan writes; stored as load_hash on the last chunk
//   $force: BOOLEAN  write even if the stored load_hash equals $hash
//   $existed: BOOLEAN  null on a plan's first statement (found out here); else what the first one returned
//   $last: BOOLEAN  the plan's last statement: store load_hash and the actor list, prune actors
//   $actors: LIST<MAP>  actors of this chunk, by key: {props: MAP (key, id, name, sort_name, kind, scope, parent, organisation, aliases, unknown, suggestions, names_normalised)}
//   $partOf: LIST<MAP>  hierarchy links of this chunk: {child: STRING, parent: STRING} (actor keys)
//   $measures: LIST<MAP>  measures of this chunk: {props: MAP (key, id, plan, text, area, level, state, start, due, due_end, start_end, status_text, status_interpreted, file, row, sheet, reference, extra), responsible: LIST<MAP>, partners: LIST<MAP>}, each edge {actor: STRING (key), props: MAP (text, text_normalised, remark, hedge, order)}
//   $measureKeys: LIST<STRING>  every measure key of the plan when it takes several statements (a reload deletes the plan's other measures); null: the keys in $measures
//   $actorKeys: LIST<STRING>  every actor key the plan names when it takes several statements (a reload forgets the plan on the others); null: the keys in $actors
//   $loadedBy: STRING  the graphmodel version writing the plan: stored as loaded_by, with loaded_at (the time of the write), for `graphmodel neo4j status`
// returns: existed, unchanged, unlisted
// mirrors: graphmodel.build.build_graph (one plan's nodes and edges)
OPTIONAL MATCH (old:Plan {key: $props.key})
WITH coalesce($existed, old IS NOT NULL) AS existed,
     $existed IS NULL AND NOT $force AND coalesce(old.load_hash = $hash, false) AS unchanged,
     old.load_hash AS oldHash, old.actors AS named
CALL (existed, unchanged, oldHash, named) {
  WITH existed, oldHash, named WHERE NOT unchanged
  MERGE (p:Plan {key: $props.key})
  SET p = $props, p.load_hash = CASE WHEN $last THEN $hash ELSE oldHash END,
      p.actors = CASE WHEN $last THEN coalesce($actorKeys, [x IN $actors | x.props.key]) ELSE named END,
      p.loaded_at = datetime(), p.loaded_by = $loadedBy
  WITH existed, named, p
  CALL () {
    UNWIND $actors AS row
    MERGE (a:Actor {key: row.props.key})
    // A write first: it takes the actor's lock, so `plans` is read only after any other load that
    // holds it has committed (read first, two loads would each write back a list without the other).
    SET a.key = row.props.key
    WITH a, row.props AS props
    // A shared (national) actor is the registry's: a plan that gives the id another scope does not redefine it.
    WITH a, CASE WHEN a.scope = 'national' AND coalesce(props.scope, '') <> 'national' THEN properties(a)
                 ELSE props END AS keep
    SET a = keep {.*, plans: CASE WHEN $plan IN coalesce(a.plans, []) THEN a.plans
                                  ELSE coalesce(a.plans, []) + $plan END}
  }
  CALL () {
    UNWIND $partOf AS row
    MATCH (child:Actor {key: row.child})
    MATCH (parent:Actor {key: row.parent})
    MERGE (child)-[:PART_OF]->(parent)
  }
  CALL (existed, p) {
    WITH existed, p WHERE existed AND $existed IS NULL
    MATCH (m:Measure)-[:IN_PLAN]->(p)
    WHERE NOT m.key IN coalesce($measureKeys, [x IN $measures | x.props.key])
    DETACH DELETE m
  }
  CALL (existed, p) {
    UNWIND $measures AS row
    MERGE (m:Measure {key: row.props.key})
    SET m = row.props
    MERGE (m)-[:IN_PLAN]->(p)
    WITH existed, m, row
    CALL (existed, m, row) {
      WITH existed, m, row WHERE existed
      MATCH (m)<-[r:RESPONSIBLE_FOR|PARTNER_IN]-(a:Actor)
      WHERE NOT a.key IN [e IN CASE type(r) WHEN 'RESPONSIBLE_FOR' THEN row.responsible ELSE row.partners END | e.actor]
      DELETE r
    }
    CALL (m, row) {
      UNWIND row.responsible AS e
      MATCH (a:Actor {key: e.actor})
      MERGE (a)-[r:RESPONSIBLE_FOR]->(m)
      SET r = e.props
    }
    CALL (m, row) {
      UNWIND row.partners AS e
      MATCH (a:Actor {key: e.actor})
      MERGE (a)-[r:PARTNER_IN]->(m)
      SET r = e.props
    }
  }
  CALL (existed, named) {
    WITH named WHERE existed AND $last AND named IS NOT NULL
    UNWIND named AS key
    MATCH (a:Actor {key: key})
    WHERE NOT key IN coalesce($actorKeys, [x IN $actors | x.props.key])
    SET a.key = key
    WITH a
    WHERE $plan IN a.plans
    SET a.plans = [x IN a.plans WHERE x <> $plan]
    WITH a
    WHERE size(a.plans) = 0 AND a.scope = 'organisation' AND a.organisation = $props.organisation
      AND NOT EXISTS { (a)-[:RESPONSIBLE_FOR|PARTNER_IN]->() }
      AND NOT EXISTS { ()-[:PART_OF]->(a) }
    DETACH DELETE a
  }
}
RETURN existed, unchanged, existed AND named IS NULL AND NOT unchanged AS unlisted
