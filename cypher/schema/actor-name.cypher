// answers: Drop the index on Actor.name of stores written before keys: names of over 8 KB do not fit an index entry, and no query looks actors up by name alone.
// params: none
// returns: none
// mirrors: graphmodel.analyse.questions.find_actors
DROP INDEX actor_name IF EXISTS
