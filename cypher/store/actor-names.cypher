// answers: The canonical name of every actor in the store: "No such actor" suggests the closest of them.
// params: none
// returns: name
// mirrors: graphmodel.analyse.questions.closest_names (the names the embedded commands pick from)
MATCH (a:Actor)
RETURN DISTINCT a.name AS name
ORDER BY name
