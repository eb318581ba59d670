"""The coordinator's questions on Skärholmen, answered against sets written out by hand from the plan."""

from __future__ import annotations

import pytest

from graphmodel.analyse.questions import measures_depending_on, overview, responsible_for, works_with
from graphmodel.build import build_graph
from graphmodel.errors import UnknownActorError


@pytest.fixture(scope="module")
def graph(skarholmen):
    return build_graph([skarholmen])


def texts(rows):
    return sorted(r["text"] for r in rows)


POLISEN_PARTNER = sorted(
    [
        "Samordning av involverade aktörer",
        "Uppdatering enligt samverkansöverenskommelse mellan stadsdelsförvaltning och lokalpolisområde Skärholmen",
        "Konkreta hot polisanmäls på 112 och i IA",
        "Tips lämnas på 114 14",
        "Stadsdelsförvaltningen arbetar med att utveckla rutiner runt våldsbejakande extremism",
    ]
)


def test_which_measures_depend_on_polisen(graph):
    rows = measures_depending_on(graph, "Polisen")
    assert texts(rows) == POLISEN_PARTNER
    assert {r["role"] for r in rows} == {"partner"}


@pytest.mark.parametrize("name", ["polisen", "Polis", "POLISMYNDIGHETEN", "polisen"])
def test_polisen_is_found_by_any_alias_in_any_case(graph, name):
    assert texts(measures_depending_on(graph, name)) == POLISEN_PARTNER


def test_mentions_add_the_follow_up_that_names_the_local_police_area(graph, registry):
    rows = measures_depending_on(graph, "Polisen", mentions=True, registry=registry)
    mentions = [r for r in rows if r["role"] == "mention"]
    assert [r["text"] for r in mentions] == [
        "Enligt anvisning i samverkansöverenskommelse mellan stadsdelsförvaltning och lokalpolisområde Skärholmen"
    ]
    assert mentions[0]["via"] == "Lokalpolisområde Skärholmen"


def test_polisen_includes_its_local_police_area_unless_told_not_to(registry):
    from graphmodel.read.plans import parse_plan, read_plan_info
    from graphmodel.read.tables import parse_csv_text

    table = parse_csv_text(
        "Åtgärd;Ansvarig;Övriga aktörer\nLägesbild;lokalpolisområde Skärholmen;\nTips;Skolan;Polisen\n", "p.csv"
    )
    graph = build_graph([parse_plan(table, read_plan_info("p.csv"), registry)])
    rows = measures_depending_on(graph, "Polisen")
    assert [(r["text"], r["role"], r["via"]) for r in rows] == [
        ("Lägesbild", "responsible", "Lokalpolisområde Skärholmen"),
        ("Tips", "partner", "Polisen"),
    ]
    assert [r["text"] for r in measures_depending_on(graph, "Polisen", subunits=False)] == ["Tips"]


def test_what_the_coordinator_is_responsible_for(graph):
    assert texts(responsible_for(graph, "Preventionssamordnaren")) == sorted(
        [
            "Samordning av involverade aktörer",
            "Uppdatering enligt samverkansöverenskommelse mellan stadsdelsförvaltning och lokalpolisområde Skärholmen",
            "Uppmärksamma tjänstemän och politiker om vad otillåten påverkan är",
            "Stadsdelsförvaltningen arbetar med att utveckla rutiner runt våldsbejakande extremism",
            "Enligt anvisning i samverkansöverenskommelse mellan stadsdelsförvaltning och lokalpolisområde Skärholmen",
        ]
    )


def test_socialtjansten_with_its_units_owns_what_sig_and_the_intake_unit_own(graph):
    assert texts(responsible_for(graph, "Socialtjänsten")) == [
        "Anhörigstöd",
        "Avhopparverksamhet",
        "Kontaktperson för orostelefon",
        "Orosanmälan unga under 18 år",
    ]
    assert texts(responsible_for(graph, "Socialtjänsten", subunits=False)) == ["Anhörigstöd", "Avhopparverksamhet"]
    assert texts(responsible_for(graph, "SIG 18-29 år")) == ["Avhopparverksamhet"]


def test_who_polisen_works_with(graph):
    rows = works_with(graph, "Polisen")
    assert [(r["name"], r["shared_count"]) for r in rows[:3]] == [
        ("Preventionssamordnare", 3),
        ("Berörda fackförvaltningar", 2),
        ("Medarbetare", 2),
    ]
    assert {m["text"] for m in rows[0]["measures"]} == {
        "Samordning av involverade aktörer",
        "Uppdatering enligt samverkansöverenskommelse mellan stadsdelsförvaltning och lokalpolisområde Skärholmen",
        "Stadsdelsförvaltningen arbetar med att utveckla rutiner runt våldsbejakande extremism",
    }


def test_an_unknown_actor_is_no_such_actor_with_the_closest_names(graph):
    with pytest.raises(UnknownActorError) as caught:
        measures_depending_on(graph, "Polisn")
    assert "Polisen" in caught.value.suggestions
    assert str(caught.value).startswith("No such actor: 'Polisn'.")


def test_the_overview_counts_measures_per_area_and_level(graph):
    rows = {(r["area"], r["level"]): (r["measures"], r["with_owner"]) for r in overview(graph)}
    assert rows[("Förebyggande", "Universellt")] == (4, 4)
    assert rows[("Förebyggande", "Indikerat")] == (1, 0)
    assert rows[("Förhindrande", None)] == (6, 6)


def test_measures_that_name_a_unit_of_polisen_are_found_by_a_walk_of_the_hierarchy_not_per_entry():
    """A registry thousands of units deep below Polisen: each entry's ancestry is walked once (it
    was entries × depth), and the deepest unit's name still counts as Polisen."""
    import time

    from graphmodel.analyse.questions import _registry_descendant_names
    from graphmodel.registry import Registry, RegistryEntry

    def chain(depth):
        entries = [
            RegistryEntry("polisen", "Polisen", "police", "national"),
            RegistryEntry("fritid", "Fritidsgården", "municipal-unit", "national"),
        ]
        return Registry(
            entries
            + [
                RegistryEntry(
                    f"enhet-{i}", f"Polisenhet {i}", "police", "national", "polisen" if i == 0 else f"enhet-{i - 1}"
                )
                for i in range(depth)
            ]
        )

    def seconds(registry):
        def once():
            started = time.perf_counter()
            _registry_descendant_names(registry, {"polisen": "Polisen"})
            return time.perf_counter() - started

        return min(once() for _ in range(3))

    small, large = chain(2_000), chain(8_000)
    assert seconds(large) < 10 * seconds(small)  # linear: 4×; entries × depth: 16×
    names = _registry_descendant_names(large, {"polisen": "Polisen"})
    assert ("Polisenhet 7999", "Polisenhet 7999") in names and len(names) == 8_000
    assert all(via != "Fritidsgården" for _, via in names)
    assert {n for n, _ in _registry_descendant_names(large, {"enhet-7997": "x"})} == {
        "Polisenhet 7998",
        "Polisenhet 7999",
    }
