"""Every library query gives on Neo4j exactly the rows its networkx twin gives (graphmodel.store.twins).

On Skärholmen, on Skärholmen with Norrtorp, and on generated multi-plan
corpora; for actor questions with every actor (or a sample) under several
spellings, with and without subunits; for the thresholds and dates at
defaults and at values that make them fire. An actor nobody names is the
same error on both: "No such actor" with the closest names, exit code 2.
"""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner
from conftest import SKARHOLMEN

import graphmodel as gm
from benchmarks.synthetic import write_corpus
from graphmodel.cli import main
from graphmodel.errors import UnknownActorError
from graphmodel.store import cypher
from graphmodel.store.neo4j import Store, load, resolve_connection
from graphmodel.store.twins import TWINS, answer

pytestmark = pytest.mark.neo4j


AS_OF = ["2017-06-30", "2018-12-31", "2019-01-01", "2021-07-01", "2035-01-01"]
OVERLOAD = [{}, {"minCount": 2, "minShare": 0.1}, {"minCount": 1, "minShare": 0.0}, {"minCount": 3, "minShare": 0.5}]


def actor_names(graph, sample: int | None, seed: int = 5) -> list[str]:
    """Each actor by canonical name, by id, by a spelling a plan used, in odd case; and one nobody has."""
    actors = sorted(n for n, d in graph.nodes(data=True) if d["label"] == "Actor")
    if sample is not None and len(actors) > sample:
        actors = random.Random(seed).sample(actors, sample) + ["polisen"]
    names = ["Ingen Sådan Aktör"]
    for a in actors:
        data = graph.nodes[a]
        names += [data["name"], a, data["name"].upper().replace(" ", "-")]
        written = [e["text"] for _, _, e in graph.out_edges(a, data=True) if e.get("text")]
        if written:
            names.append(written[-1])
        if data.get("aliases"):
            names.append(data["aliases"].split("|")[0])
    return list(dict.fromkeys(names))


def param_sets(name: str, graph, sample: int | None) -> list[dict]:
    stmt = cypher.query(name)
    given = {p.name for p in stmt.params}
    if "actor" in given:
        sets = [{"actor": n} for n in actor_names(graph, sample)]
        if "subunits" in given:
            sets += [
                {"actor": n, "subunits": not stmt.bind({"actor": n})["subunits"]} for n in actor_names(graph, sample)
            ]
        return sets
    if "asOf" in given:
        return [{"asOf": d} for d in AS_OF]
    if "minCount" in given:
        return OVERLOAD
    if "partnerMin" in given:
        return [{}, {"partnerMin": 1}, {"partnerMin": 4}]
    return [{}]


def outcome(ask, *args):
    """The rows, or the "No such actor" message."""
    try:
        return ask(*args)
    except UnknownActorError as error:
        return str(error)


def check_parity(server, plans, sample=None) -> int:
    graph = gm.build_graph(plans)
    connection = resolve_connection(uri=server.uri, database=server.database, env={})
    if server.auth:
        connection = resolve_connection(
            uri=server.uri, username=server.auth[0], password=server.auth[1], database=server.database, env={}
        )
    mismatches, compared, nonempty = [], 0, set()
    with Store(connection) as store:
        load(store, plans)
        for name in sorted(TWINS):
            for params in param_sets(name, graph, sample):
                got, want = outcome(store.query, name, params), outcome(answer, graph, name, params)
                compared += 1
                nonempty.update([name] if want else [])
                if isinstance(got, str) or isinstance(want, str):
                    if got != want:
                        mismatches.append(f"{name} {params}: Neo4j {got!r:.300}, networkx {want!r:.300}")
                    continue
                if got != want:
                    first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
                    mismatches.append(
                        f"{name} {params}: {len(got)} rows on Neo4j, {len(want)} on networkx; "
                        f"first difference at row {first}: "
                        f"{got[first] if first < len(got) else None} vs "
                        f"{want[first] if first < len(want) else None}"
                    )
    assert not mismatches, "\n".join(mismatches[:20])
    return compared, nonempty


def test_parity_skarholmen(neo4j_db, skarholmen):
    compared, nonempty = check_parity(neo4j_db, [skarholmen])
    assert compared > 100
    assert {"depends-on", "works-with", "unassigned", "vague-owner", "sole-owners", "overdue", "coverage"} <= nonempty


def test_parity_skarholmen_and_norrtorp(neo4j_db, skarholmen, norrtorp):
    _, nonempty = check_parity(neo4j_db, [skarholmen, norrtorp])
    assert {"what-if", "overloaded", "partner-without-ownership", "plan-not-revised", "no-status"} <= nonempty


@pytest.mark.parametrize("plans,measures,seed", [(6, 30, 1), (25, 40, 7)])
def test_parity_generated_corpus(neo4j_db, registry, tmp_path, plans, measures, seed):
    paths = write_corpus(tmp_path, plans=plans, measures=measures, seed=seed)
    _, nonempty = check_parity(neo4j_db, gm.read_plans(paths, registry), sample=12)
    assert len(nonempty) >= len(TWINS) - 2


ACTOR_QUERIES = sorted(s.name for s in cypher.library()["queries"].values() if s.param("actor"))


def test_the_actor_questions_are_the_four_embedded_commands():
    assert ACTOR_QUERIES == ["depends-on", "responsible-for", "what-if", "works-with"]


@pytest.mark.parametrize("actor", ["NoSuchActor", "Polisn", "socialtjanstn"])
@pytest.mark.parametrize("name", ACTOR_QUERIES)
def test_an_actor_no_plan_names_is_no_such_actor_with_suggestions_on_neo4j_as_embedded(neo4j_db, name, actor):
    """`graphmodel neo4j query depends-on --param actor=Polisn` says what `graphmodel depends-on Polisn`
    says, on stderr, with exit code 2: a typo never looks like "no dependencies"."""
    runner = CliRunner()
    loaded = runner.invoke(main, ["neo4j", "load", str(SKARHOLMEN)], env=neo4j_db.env)
    assert loaded.exit_code == 0, loaded.output
    embedded = runner.invoke(main, [name, actor, str(SKARHOLMEN)])
    stored = runner.invoke(main, ["neo4j", "query", name, "--param", f"actor={actor}"], env=neo4j_db.env)
    assert (stored.exit_code, stored.stdout, stored.stderr) == (2, "", embedded.stderr)
    assert embedded.exit_code == 2
    assert embedded.stderr.startswith(f"graphmodel: No such actor: {actor!r}.")


def test_no_such_actor_suggests_from_the_names_in_the_store(neo4j_db, skarholmen, norrtorp):
    """The suggestions come from every actor the store holds, whichever plan named it."""
    connection = resolve_connection(uri=neo4j_db.uri, database=neo4j_db.database, env={})
    with Store(connection) as store:
        load(store, [skarholmen, norrtorp])
        with pytest.raises(UnknownActorError) as stored:
            store.query("works-with", {"actor": "Socialtjänstn"})
        assert store.find_actors("POLISEN") == ["polisen"]
        assert store.find_actors("Polisn") == ["norrtorps-kommun/unknown-polisn"]  # a name Norrtorp's plan writes
    with pytest.raises(UnknownActorError) as embedded:
        answer(gm.build_graph([skarholmen, norrtorp]), "works-with", {"actor": "Socialtjänstn"})
    assert str(stored.value) == str(embedded.value) == "No such actor: 'Socialtjänstn'. Did you mean: Socialtjänsten?"
