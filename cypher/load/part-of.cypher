// answers: Link each actor to its parent in the registry's hierarchy.
// params:
//   $rows: LIST<MAP>  one per actor with a parent: {child: STRING, parent: STRING} (actor keys)
// returns: none
// mirrors: graphmodel.build.build_graph (PART_OF edges)
UNWIND $rows AS row
MATCH (child:Actor {key: row.child})
MATCH (parent:Actor {key: row.parent})
MERGE (child)-[:PART_OF]->(parent)
