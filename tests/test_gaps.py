"""Gap analysis: every finding kind fires on a plan made to have the gap, and stays quiet on one without it."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.analyse.gaps import GapSettings, find_gaps, what_if
from graphmodel.build import build_graph

AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def skarholmen_graph(skarholmen):
    return build_graph([skarholmen])


@pytest.fixture
def plan_graph(registry):
    from graphmodel.read.plans import parse_plan, read_plan_info
    from graphmodel.read.tables import parse_csv_text

    def make(text: str):
        return build_graph([parse_plan(parse_csv_text(text, "demo.csv"), read_plan_info("demo.csv"), registry)])

    return make


def kinds(graph, **settings):
    return [f["kind"] for f in find_gaps(graph, GapSettings(**{"as_of": AS_OF, **settings}))]


def of_kind(graph, kind, **settings):
    return [f for f in find_gaps(graph, GapSettings(**{"as_of": AS_OF, **settings})) if f["kind"] == kind]


# --- Skärholmen, written out by hand -----------------------------------------


def test_skarholmen_has_one_measure_with_no_owner(skarholmen_graph):
    [finding] = of_kind(skarholmen_graph, "unassigned")
    assert [m["text"] for m in finding["measures"]] == ["Orosanmälan unga under 18 år"]
    assert finding["severity"] == "high"
    assert finding["message"] == "Åtgärden ”Orosanmälan unga under 18 år” har ingen ansvarig."


def test_skarholmens_staff_only_measures_are_vaguely_owned(skarholmen_graph):
    found = of_kind(skarholmen_graph, "vague-owner")
    assert sorted(m["text"] for f in found for m in f["measures"]) == [
        "Konkreta hot polisanmäls på 112 och i IA",
        "Tips lämnas på 114 14",
    ]


def test_the_coordinator_carries_the_most_and_is_overloaded(skarholmen_graph):
    [finding] = of_kind(skarholmen_graph, "overloaded")
    assert finding["actors"] == ["Preventionssamordnare"]
    assert finding["evidence"] == {"count": 5, "total": 17, "share": 0.2941}


def test_what_falls_if_the_coordinator_leaves(skarholmen_graph):
    result = what_if(skarholmen_graph, "Preventionssamordnaren")
    assert [m["text"] for m in result["measures_losing_owner"]] == [
        "Samordning av involverade aktörer",
        "Uppdatering enligt samverkansöverenskommelse mellan stadsdelsförvaltning och lokalpolisområde Skärholmen",
        "Stadsdelsförvaltningen arbetar med att utveckla rutiner runt våldsbejakande extremism",
        "Enligt anvisning i samverkansöverenskommelse mellan stadsdelsförvaltning och lokalpolisområde Skärholmen",
    ]


def test_polisen_takes_part_but_owns_nothing(skarholmen_graph):
    found = of_kind(skarholmen_graph, "partner-without-ownership")
    assert {f["actors"][0]: f["evidence"]["count"] for f in found} == {
        "Polisen": 5,
        "Skärholmens stadsdelsförvaltning": 2,
    }


def test_skarholmens_dates_are_all_past_so_the_plan_needs_revising(skarholmen_graph):
    [finding] = of_kind(skarholmen_graph, "plan-not-revised")
    assert finding["evidence"]["latest"] == "2019-12-31"
    assert of_kind(skarholmen_graph, "overdue") == []


def test_in_2017_the_plan_was_current_and_nothing_was_overdue(skarholmen_graph):
    assert of_kind(skarholmen_graph, "plan-not-revised", as_of=dt.date(2017, 6, 1)) == []
    overdue_2018 = [
        f for f in find_gaps(skarholmen_graph, GapSettings(as_of=dt.date(2018, 3, 1))) if f["kind"] == "overdue"
    ]
    assert sorted(m["text"] for f in overdue_2018 for m in f["measures"]) == sorted(
        [
            "Stadsdelsförvaltningens personal utbildas i jämställdhet, antirasism och HBTQ frågor.",
            "Uppmärksamma tjänstemän och politiker om vad otillåten påverkan är",
            "Skapa tydligare rutiner runt föreningsstöd och uthyrning av förvaltningens lokaler",
            "Avhopparverksamhet",
            "Anhörigstöd",
        ]
    )


def test_the_report_of_concern_appears_twice_with_different_owners(skarholmen_graph):
    [finding] = of_kind(skarholmen_graph, "duplicate-measure")
    assert [m["text"] for m in finding["measures"]] == ["Orosanmälan unga under 18 år"] * 2
    assert finding["evidence"]["different_owners"] is True


def test_selective_and_indicated_levels_have_no_actor_outside_the_organisation(skarholmen_graph):
    assert sorted(f["evidence"]["level"] for f in of_kind(skarholmen_graph, "coverage")) == ["Indikerat", "Selektivt"]


def test_messages_can_be_in_english(skarholmen_graph):
    [finding] = of_kind(skarholmen_graph, "unassigned", lang="en")
    assert finding["message"] == "The measure “Orosanmälan unga under 18 år” has no responsible actor."


# --- each kind: fires on a plan made for it, stays quiet otherwise -------------

HEADER = "Område;Nivå;Åtgärd;Ansvarig;Övriga aktörer;Pågående/planer\n"


def test_unassigned_fires_only_without_a_responsible(plan_graph):
    assert "unassigned" in kinds(plan_graph(HEADER + "Lägesbild;;Lägesbild;;Polisen;Pågående\n"))
    assert "unassigned" not in kinds(plan_graph(HEADER + "Lägesbild;;Lägesbild;Socialtjänsten;;Pågående\n"))


def test_vague_owner_fires_when_only_placeholders_or_collectives_own(plan_graph):
    assert "vague-owner" in kinds(
        plan_graph(HEADER + "Lägesbild;;Lägesbild;Övriga efter behov, berörda chefer;;Pågående\n")
    )
    assert "vague-owner" not in kinds(
        plan_graph(HEADER + "Lägesbild;;Lägesbild;berörda chefer och Socialtjänsten;;Pågående\n")
    )


def test_overloaded_uses_count_and_share_thresholds(plan_graph):
    rows = "".join(f"Lägesbild;;Åtgärd {i};{'Socialtjänsten' if i < 5 else 'Skolan'};;Pågående\n" for i in range(10))
    graph = plan_graph(HEADER + rows)
    assert [f["actors"] for f in of_kind(graph, "overloaded")] == [["Socialtjänsten"], ["Skolan"]]
    assert of_kind(graph, "overloaded", overload_count=6) == []
    assert of_kind(graph, "overloaded", overload_share=0.6) == []


def test_overload_across_plans_for_a_shared_actor(registry):
    from graphmodel.model import PlanInfo
    from graphmodel.read.plans import parse_plan
    from graphmodel.read.tables import parse_csv_text

    rows = (
        "".join(f"Lägesbild;;Åtgärd {i};Polisen;;Pågående\n" for i in range(3)) + "Lägesbild;;Extra;Skolan;;Pågående\n"
    )
    plans = [
        parse_plan(parse_csv_text(HEADER + rows, f"{p}.csv"), PlanInfo(p, p, "", f"Org {p}"), registry)
        for p in ("a", "b")
    ]
    found = of_kind(build_graph(plans), "overloaded")
    assert [(f["plan"], f["evidence"]["count"]) for f in found] == [(None, 6)]


def test_single_point_of_failure_fires_for_a_sole_owner_not_for_a_shared_one(plan_graph):
    graph = plan_graph(HEADER + "Lägesbild;;A;Socialtjänsten;;Pågående\nLägesbild;;B;Skolan och Polisen;;Pågående\n")
    assert [f["actors"] for f in of_kind(graph, "single-point-of-failure")] == [["Socialtjänsten"]]


def test_partner_without_ownership_needs_several_measures(plan_graph):
    two = HEADER + "Lägesbild;;A;Skolan;Fryshuset;Pågående\nLägesbild;;B;Skolan;Fryshuset;Pågående\n"
    assert [f["actors"] for f in of_kind(plan_graph(two), "partner-without-ownership")] == [["Fryshuset"]]
    one = HEADER + "Lägesbild;;A;Skolan;Fryshuset;Pågående\nLägesbild;;B;Fryshuset;;Pågående\n"
    assert of_kind(plan_graph(one), "partner-without-ownership") == []


def test_no_status_fires_for_empty_and_unreadable_status(plan_graph):
    graph = plan_graph(
        HEADER + "Lägesbild;;A;Skolan;;\nLägesbild;;B;Skolan;;se bilaga\nLägesbild;;C;Skolan;;Pågående\n"
    )
    assert sorted(f["measures"][0]["text"] for f in of_kind(graph, "no-status")) == ["A", "B"]


def test_overdue_fires_for_a_past_due_date_that_is_not_done(plan_graph):
    graph = plan_graph(
        HEADER + "Lägesbild;;A;Skolan;;Klart hösten 2020\nLägesbild;;B;Skolan;;Genomfört 2020\n"
        "Lägesbild;;C;Skolan;;Planerat under 2030\n"
    )
    assert [f["measures"][0]["text"] for f in of_kind(graph, "overdue")] == ["A"]
    assert of_kind(graph, "plan-not-revised") == []


def test_plan_not_revised_replaces_a_flood_of_overdue_findings(plan_graph):
    graph = plan_graph(HEADER + "".join(f"Lägesbild;;M{i};Skolan;;Planerat under 2018\n" for i in range(6)))
    assert kinds(graph).count("plan-not-revised") == 1 and "overdue" not in kinds(graph)


def test_duplicate_measure_fires_for_near_same_text_only(plan_graph):
    graph = plan_graph(
        HEADER + "Lägesbild;;Anhörigstöd till familjer;Skolan;;Pågående\n"
        "Förhindrande;;Anhörigstöd till familjer.;Socialtjänsten;;Pågående\n"
        "Förhindrande;;Avhopparverksamhet;Socialtjänsten;;Pågående\n"
    )
    [finding] = of_kind(graph, "duplicate-measure")
    assert len(finding["measures"]) == 2 and finding["evidence"]["different_owners"]
    assert (
        of_kind(
            plan_graph(HEADER + "Lägesbild;;A;Skolan;;Pågående\nLägesbild;;Helt annat;Skolan;;Pågående\n"),
            "duplicate-measure",
        )
        == []
    )


def test_coverage_flags_a_missing_level_and_a_level_without_outside_actors(plan_graph):
    graph = plan_graph(
        HEADER + "Förebyggande;Universellt;A;Skolan;Polisen;Pågående\n"
        "Förebyggande;Selektivt;B;Skolan;Socialtjänsten;Pågående\n"
    )
    found = {(f["evidence"]["level"], f["message"]) for f in of_kind(graph, "coverage")}
    assert found == {
        ("Indikerat", "Preventionsnivån Indikerat har inga åtgärder."),
        ("Selektivt", "På preventionsnivån Selektivt medverkar inga aktörer utanför den egna organisationen."),
    }
    full = plan_graph(
        HEADER
        + "".join(
            f"Förebyggande;{lvl};{lvl};Skolan;Polisen;Pågående\n" for lvl in ("Universellt", "Selektivt", "Indikerat")
        )
    )
    assert of_kind(full, "coverage") == []


def test_a_plan_without_levels_is_not_judged_on_levels(plan_graph):
    assert of_kind(plan_graph(HEADER + "Lägesbild;;A;Skolan;;Pågående\n"), "coverage") == []


def test_what_if_names_the_collaborations_that_would_be_cut(plan_graph):
    graph = plan_graph(
        HEADER + "Lägesbild;;A;Socialtjänsten;Skolan;Pågående\n"
        "Lägesbild;;B;Socialtjänsten;Polisen;Pågående\n"
        "Lägesbild;;C;Polisen;Fryshuset;Pågående\n"
    )
    result = what_if(graph, "Socialtjänsten")
    assert result["articulation_point"] is True
    assert sorted(result["separated_groups"]) == [["Polisen"], ["Skolan"]]
    assert result["only_connected_through_it"] == ["Polisen", "Skolan"]
    assert [m["text"] for m in result["measures_losing_owner"]] == ["A", "B"]


def test_cut_points_are_networkx_articulation_points_on_many_networks():
    import networkx as nx

    from graphmodel.analyse.metrics import cut_points

    networks = [
        nx.path_graph(6),
        nx.cycle_graph(5),
        nx.star_graph(4),
        nx.barbell_graph(4, 2),
        nx.disjoint_union(nx.path_graph(3), nx.cycle_graph(4)),
        nx.balanced_tree(2, 4),
    ]
    networks += [
        nx.gnp_random_graph(n, p, seed=seed) for n in (8, 30, 120) for p in (0.03, 0.08, 0.2) for seed in range(5)
    ]
    assert sum(1 for g in networks if set(nx.articulation_points(g))) > 20  # the oracle finds some to agree on
    for network in networks:
        neighbours = {n: set(network[n]) for n in network}
        assert cut_points(neighbours) == set(nx.articulation_points(network)), network


def test_a_measures_actors_come_in_the_order_the_plan_names_them(registry):
    from graphmodel.analyse.metrics import measure_actors
    from graphmodel.read.plans import parse_plan, read_plan_info
    from graphmodel.read.tables import parse_csv_text

    first = parse_plan(
        parse_csv_text("Åtgärd;Ansvarig\nSamverkan;Polisen\n", "a.csv"), read_plan_info("a.csv"), registry
    )
    second = parse_plan(
        parse_csv_text(
            "Åtgärd;Ansvarig;Övriga aktörer\nFältarbete;Fältgruppen och Polisen;Polisen, Fältgruppen\n", "b.csv"
        ),
        read_plan_info("b.csv"),
        registry,
    )
    graph = build_graph([first, second])  # Polisen is in the graph before plan b's Fältgruppen
    [roles] = [r for m, r in measure_actors(graph).items() if m.startswith("b#")]
    written = {role: [graph.nodes[a]["name"] for a in ids] for role, ids in roles.items()}
    assert written["RESPONSIBLE_FOR"] == ["Fältgruppen", "Polisen"]
    assert written["PARTNER_IN"] == ["Polisen", "Fältgruppen"]  # both roles: each list in its own order


def test_measures_exactly_as_similar_as_the_threshold_are_duplicates(plan_graph):
    graph = plan_graph("Åtgärd;Ansvarig\nStöd xyzab;Polisen\nStöd xyzcd;Polisen\n")  # fuzz.ratio exactly 80
    [found] = of_kind(graph, "duplicate-measure", duplicate_similarity=80)
    assert [m["text"] for m in found["measures"]] == ["Stöd xyzab", "Stöd xyzcd"]
    assert not of_kind(graph, "duplicate-measure", duplicate_similarity=81)
