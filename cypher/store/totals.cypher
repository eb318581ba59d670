// answers: How much the store holds in all: plans, measures, actors and relationships.
// params: none
// returns: plans, measures, actors, relationships
// mirrors: graphmodel.build.build_graph (the graph's nodes by label and its edges)
CALL () { MATCH (p:Plan) RETURN count(p) AS plans }
CALL () { MATCH (m:Measure) RETURN count(m) AS measures }
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN plans, measures, actors, relationships
