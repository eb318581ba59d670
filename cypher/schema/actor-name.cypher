// answers: Look actors up by canonical name quickly.
// params: none
// returns: none
// mirrors: graphmodel.analyse.questions.find_actors
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)
