"""Actor names as people type them: without å, ä, ö (a foreign keyboard, a script), in capitals, with "ae".

Exact names win; then one fold (``graphmodel.registry.fold``) that must designate one actor, or the
command names the candidates and exits 2; then the closest names, as for any unknown actor.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from click.testing import CliRunner

import graphmodel as gm
from graphmodel.analyse.questions import actor_names, find_actors, measures_depending_on, resolve_actor
from graphmodel.cli import main
from graphmodel.errors import AmbiguousActorError, UnknownActorError
from graphmodel.model import ACTOR
from graphmodel.registry import fold, fold_keys, normalise
from tests.conftest import SKARHOLMEN

QUESTIONS = ("depends-on", "responsible-for", "works-with", "what-if")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def rows(*args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def graph():
    return gm.build_graph(gm.read_plans([SKARHOLMEN]))


@pytest.fixture
def villages(tmp_path):
    """Two actors whose names differ only by ä: Hagaby fritidsgård and Hägaby fritidsgård (a registry of the user's)."""
    registry = tmp_path / "byar.csv"
    registry.write_text(
        "id;name;kind;scope;parent;aliases;note\n"
        "hagaby-fritidsgard;Hagaby fritidsgård;municipal-unit;national;;;\n"
        "hagaby-fritidsgard-2;Hägaby fritidsgård;municipal-unit;national;;;\n",
        encoding="utf-8",
    )
    plan = tmp_path / "byar-2024.csv"
    plan.write_text(
        "Åtgärd;Ansvarig;Övriga aktörer\n"
        "Sommarlovsaktiviteter;Hagaby fritidsgård;Socialtjänsten\n"
        "Nattvandring;Hägaby fritidsgård;Polisen\n",
        encoding="utf-8",
    )
    return plan, ["--registry", registry, "--organisation", "Byar kommun"]


def test_which_measures_depend_on_socialtjansten_typed_without_a_ring():
    assert rows("depends-on", "socialtjansten", SKARHOLMEN) == rows("depends-on", "Socialtjänsten", SKARHOLMEN)
    assert rows("depends-on", "socialtjansten", SKARHOLMEN)  # Socialtjänsten is on some of Skärholmen's measures


def test_the_title_names_the_actor_as_the_plan_writes_it():
    assert "Åtgärder som beror på Socialtjänsten" in run("depends-on", "socialtjansten", SKARHOLMEN).output


@pytest.mark.parametrize(
    "typed",
    [
        "skarholmens stadsdelsforvaltning",  # no ä, no ö
        "SKARHOLMENS STADSDELSFORVALTNING",  # and in capitals
        "Skaerholmens stadsdelsfoervaltning",  # ä as "ae", ö as "oe"
        "skärholmens-stadsdels förvaltning",  # spaces and hyphens moved
        "Skärhölmens stadsdelsförvaltning",  # one diaeresis too many
    ],
)
def test_what_skarholmens_stadsdelsforvaltning_is_responsible_for_however_it_is_typed(typed):
    expected = rows("responsible-for", "Skärholmens stadsdelsförvaltning", SKARHOLMEN)
    assert expected and rows("responsible-for", typed, SKARHOLMEN) == expected


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_question_about_an_actor_takes_the_name_without_diacritics(question):
    assert rows(question, "socialtjansten", SKARHOLMEN) == rows(question, "Socialtjänsten", SKARHOLMEN)


def test_the_ego_view_of_socialtjansten_typed_without_a_ring(tmp_path):
    typed, written = tmp_path / "typed.html", tmp_path / "written.html"
    for name, out in (("socialtjansten", typed), ("Socialtjänsten", written)):
        result = run("view", SKARHOLMEN, "--actor", name, "-o", out)
        assert result.exit_code == 0, result.output
    assert typed.read_text(encoding="utf-8") == written.read_text(encoding="utf-8")


def test_a_notebook_resolves_the_name_as_the_command_line_does(graph):
    name = gm.resolve_actor(graph, "socialtjansten")
    assert name == "Socialtjänsten"
    assert [r["id"] for r in measures_depending_on(graph, name)] == [
        r["id"] for r in rows("depends-on", "socialtjansten", SKARHOLMEN)
    ]


def test_the_questions_themselves_take_names_exactly_as_their_cypher_twins_do(graph):
    """The Neo4j store folds case, spaces and hyphens only: the questions answer as its queries do."""
    with pytest.raises(UnknownActorError):
        measures_depending_on(graph, "socialtjansten")


def test_hagaby_or_hagaby_with_diaeresis_typed_without_it_is_not_guessed(villages):
    plan, options = villages
    for typed in ("hagaby fritidsgard", "Hågaby fritidsgård", "HAGABY-FRITIDSGARD"):
        for question in QUESTIONS:
            result = run(question, typed, plan, *options)
            assert result.exit_code == 2, (question, typed, result.output)
            assert f"Ambiguous actor: {typed!r}. It could be: Hagaby fritidsgård, Hägaby fritidsgård;" in result.output
            assert "Traceback" not in result.output


def test_the_ambiguous_name_is_refused_by_the_view_too(villages, tmp_path):
    plan, options = villages
    result = run("view", plan, *options, "--actor", "hagaby fritidsgard", "-o", tmp_path / "v.html")
    assert result.exit_code == 2 and "Ambiguous actor" in result.output
    assert not (tmp_path / "v.html").exists()


def test_exact_names_still_win_over_the_fold(villages):
    plan, options = villages

    def owned(typed):
        return [r["text"] for r in rows("responsible-for", typed, plan, *options)]

    assert owned("Hagaby fritidsgård") == ["Sommarlovsaktiviteter"]
    assert owned("Hägaby fritidsgård") == ["Nattvandring"]
    assert owned("HÄGABY-FRITIDSGÅRD") == ["Nattvandring"]  # case and hyphens are part of the exact rule
    assert owned("hagaby-fritidsgard") == ["Sommarlovsaktiviteter"]  # so is an actor's id


def test_the_ambiguous_case_from_python_names_both(villages):
    plan, options = villages
    graph = gm.build_graph(gm.read_plans([plan], gm.read_registry([options[1]]), organisation="Byar kommun"))
    with pytest.raises(AmbiguousActorError) as caught:
        gm.resolve_actor(graph, "hagaby fritidsgard")
    assert caught.value.matches == ["Hagaby fritidsgård", "Hägaby fritidsgård"]
    assert gm.resolve_actor(graph, "Hägaby fritidsgård") == "Hägaby fritidsgård"


def test_a_typo_is_still_no_such_actor_with_the_closest_names_compared_without_accents():
    result = run("depends-on", "socialtjanstn", SKARHOLMEN)
    assert result.exit_code == 2
    assert "No such actor: 'socialtjanstn'. Did you mean: Socialtjänsten" in result.output
    result = run("depends-on", "Polisn", SKARHOLMEN)
    assert "No such actor: 'Polisn'. Did you mean: Polisen" in result.output


def test_a_name_of_punctuation_alone_matches_nothing(graph):
    for typed in ("-", "  ", "—"):
        with pytest.raises(UnknownActorError):
            resolve_actor(graph, typed)


def test_every_actor_of_skarholmen_is_found_by_its_names_stripped_of_accents(graph):
    for actor, data in graph.nodes(data=True):
        if data["label"] != ACTOR:
            continue
        for name in actor_names(graph, actor):
            stripped = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
            try:
                found = find_actors(graph, resolve_actor(graph, stripped))
            except AmbiguousActorError as error:
                assert data["name"] in error.matches, (name, error.matches)
            else:
                assert actor in found, (name, found)


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Socialtjänsten", "socialtjansten"),
        ("Övriga aktörer efter behov", "ovriga aktorer efter behov"),
        ("Övriga aktörer efter behov", "OEVRIGA AKTOERER EFTER BEHOV"),
        ("Café Ünglingen", "cafe unglingen"),
        ("Café Ünglingen", "cafe uenglingen"),
        ("Ålands fritidsgård", "aalands fritidsgaard"),  # every letter spelt out, or none
    ],
)
def test_a_name_typed_without_diacritics_folds_to_one_of_the_names_keys(written, typed):
    assert fold(typed) in fold_keys(written)


def test_a_name_without_diacritics_folds_as_it_normalises():
    for name in ("Polisen", "HR- avdelningen", "SIG 18-29 år".replace("å", "a"), "Fryshuset"):
        assert fold(name) == normalise(name)


# -- shell completion ------------------------------------------------------------------------------


def graphmodel_with_env(**env):
    """``graphmodel`` as the shell runs it to complete a word (the console script's name decides the variable)."""
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", "from graphmodel.cli import main; main(prog_name='graphmodel')"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("shell", "first_line"),
    [
        ("bash", "_graphmodel_completion() {"),
        ("zsh", "#compdef graphmodel"),
        ("fish", "function _graphmodel_completion;"),
    ],
)
def test_the_readmes_completion_lines_print_a_script_for_each_shell(shell, first_line):
    proc = graphmodel_with_env(_GRAPHMODEL_COMPLETE=f"{shell}_source")
    assert proc.returncode == 0 and proc.stdout.startswith(first_line), proc.stderr
    assert "_GRAPHMODEL_COMPLETE" in proc.stdout


def test_tab_after_depends_on_offers_the_registrys_names_typed_without_a_ring():
    proc = graphmodel_with_env(
        _GRAPHMODEL_COMPLETE="zsh_complete", COMP_WORDS="graphmodel depends-on socialtj", COMP_CWORD="2"
    )
    offered = proc.stdout.splitlines()[1::3]  # zsh: type, value, help for each
    assert "Socialtjänsten" in offered and all(name.startswith("Socialtjänst") for name in offered)


def test_tab_after_view_actor_offers_the_names_in_the_plan_given_hyphenated_for_bash():
    proc = graphmodel_with_env(
        _GRAPHMODEL_COMPLETE="bash_complete", COMP_WORDS=f"graphmodel view {SKARHOLMEN} --actor ovr", COMP_CWORD="4"
    )
    assert proc.stdout.splitlines() == [
        "plain,Övriga-aktörer-efter-behov",
        "plain,Övriga-berörda-aktörer",
        "plain,Övriga-efter-behov",
    ]
    inserted = rows("depends-on", "Övriga-efter-behov", SKARHOLMEN)
    assert inserted and inserted == rows("depends-on", "Övriga efter behov", SKARHOLMEN)  # what bash inserts
