"""The graph: schema, several plans in one graph, national actors connecting them."""

from __future__ import annotations

import networkx as nx

from graphmodel.build import build_graph
from graphmodel.model import ACTOR, IN_PLAN, MEASURE, PART_OF, PARTNER_IN, PLAN, RESPONSIBLE_FOR


def test_skarholmen_graph_has_plan_measure_and_actor_nodes(skarholmen):
    graph = build_graph([skarholmen])
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert labels.count(PLAN) == 1 and labels.count(MEASURE) == 17
    assert labels.count(ACTOR) == len(skarholmen.actors)


def test_every_measure_is_in_its_plan_and_every_edge_has_a_known_type(skarholmen):
    graph = build_graph([skarholmen])
    for node, data in graph.nodes(data=True):
        if data["label"] == MEASURE:
            assert list(graph.successors(node)) == ["plan:skarholmen-2017"]
    assert {k for _, _, k in graph.edges(keys=True)} == {RESPONSIBLE_FOR, PARTNER_IN, IN_PLAN, PART_OF}
    assert all(d["type"] == k for _, _, k, d in graph.edges(keys=True, data=True))


def test_lokalpolisomrade_and_sig_hang_in_their_hierarchies(registry):
    from graphmodel.read.plans import parse_plan, read_plan_info
    from graphmodel.read.tables import parse_csv_text

    table = parse_csv_text("Åtgärd;Ansvarig\nSamverkan;lokalpolisområde Skärholmen\nStöd;SIG 18-29 år\n", "x.csv")
    plan = parse_plan(table, read_plan_info("x.csv"), registry)
    graph = build_graph([plan])
    assert graph.has_edge("lokalpolisomrade-skarholmen", "polisen", PART_OF)
    sig = next(a for a, d in graph.nodes(data=True) if d.get("name") == "SIG 18-29 år")
    assert graph.has_edge(sig, sig.rsplit("/", 1)[0] + "/socialtjansten", PART_OF)


def test_two_plans_make_one_graph_joined_by_national_actors(skarholmen, norrtorp):
    graph = build_graph([skarholmen, norrtorp])
    assert sum(1 for _, d in graph.nodes(data=True) if d["label"] == PLAN) == 2
    plans_of_polisen = {
        graph.nodes[m]["plan"]
        for _, m, k in graph.out_edges("polisen", keys=True)
        if k in (RESPONSIBLE_FOR, PARTNER_IN)
    }
    assert plans_of_polisen == {"skarholmen-2017", "norrtorp-2019"}


def test_two_organisations_coordinators_are_two_nodes(registry):
    from graphmodel.model import PlanInfo
    from graphmodel.read.plans import parse_plan
    from graphmodel.read.tables import parse_csv_text

    table = parse_csv_text("Åtgärd;Ansvarig\nSamordning;Preventionssamordnaren\n", "p.csv")
    plans = [
        parse_plan(table, PlanInfo(pid, pid, "", org), registry)
        for pid, org in (("a", "Rinkeby-Kista stadsdelsförvaltning"), ("b", "Norrtorps kommun"))
    ]
    graph = build_graph(plans)
    coordinators = [n for n, d in graph.nodes(data=True) if d.get("name") == "Preventionssamordnare"]
    assert len(coordinators) == 2


def test_the_graph_writes_to_graphml_and_gexf(skarholmen, norrtorp, tmp_path):
    graph = build_graph([skarholmen, norrtorp])
    nx.write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    nx.write_gexf(graph, tmp_path / "g.gexf")


def _built_one_edge_at_a_time(plans) -> nx.MultiDiGraph:
    """The graph as networkx's public add_node/add_edge make it: what build_graph must equal."""
    from graphmodel.build import _clean, plan_node_id

    graph = nx.MultiDiGraph()
    for plan in plans:
        info = plan.info
        graph.add_node(
            plan_node_id(info.id),
            **_clean(
                label=PLAN,
                id=info.id,
                title=info.title,
                organisation=info.organisation,
                organisation_name=info.organisation_name,
                year=info.year,
                source=info.source,
                file=info.file,
            ),
        )
        for actor in plan.actors.values():
            if actor.id not in graph:
                graph.add_node(
                    actor.id,
                    **_clean(
                        label=ACTOR,
                        id=actor.id,
                        name=actor.name,
                        kind=actor.kind,
                        scope=actor.scope,
                        parent=actor.parent,
                        organisation=actor.organisation,
                        aliases="|".join(actor.aliases),
                        unknown=actor.unknown,
                        suggestions="|".join(actor.suggestions),
                    ),
                )
        for measure in plan.measures:
            status, source = measure.status, measure.source
            graph.add_node(
                measure.id,
                **_clean(
                    label=MEASURE,
                    id=measure.id,
                    plan=measure.plan,
                    text=measure.text,
                    area=measure.area,
                    level=measure.level,
                    state=status.state,
                    start=status.start,
                    due=status.due,
                    status_text=status.text,
                    status_interpreted=status.interpreted,
                    file=source.file,
                    row=source.row,
                    sheet=source.sheet,
                    reference=source.reference,
                    **{f"extra:{header}": text for header, text in measure.extra},
                ),
            )
    for plan in plans:
        for actor in plan.actors.values():
            if actor.parent:
                graph.add_edge(actor.id, actor.parent, PART_OF, type=PART_OF)
        for measure in plan.measures:
            graph.add_edge(measure.id, plan_node_id(plan.info.id), IN_PLAN, type=IN_PLAN)
            for rel, refs in ((RESPONSIBLE_FOR, measure.responsible), (PARTNER_IN, measure.partners)):
                for order, ref in enumerate(refs):
                    extra = {k: v for k, v in (("remark", ref.remark), ("hedge", ref.hedge)) if v}
                    graph.add_edge(ref.id, measure.id, rel, type=rel, text=ref.text, order=order, **extra)
    return graph


def test_the_graph_is_the_one_add_edge_would_build_in_the_same_order(skarholmen, norrtorp, registry, tmp_path):
    from benchmarks.synthetic import write_corpus
    from graphmodel.api import read_plans

    write_corpus(tmp_path, 12, 30)
    plans = [skarholmen, norrtorp, *read_plans([tmp_path], registry)]
    built, expected = build_graph(plans), _built_one_edge_at_a_time(plans)
    assert list(built.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(built.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(built.in_edges(keys=True, data=True)) == list(expected.in_edges(keys=True, data=True))
    assert built.number_of_edges() == expected.number_of_edges() > 1000
    # The views networkx builds on top of the dicts see the edges too.
    assert built.has_edge("polisen", next(iter(built.successors("polisen"))))
    assert nx.utils.graphs_equal(built, expected)


def test_plans_made_by_hand_build_the_graph_add_edge_would_even_when_they_repeat_ids():
    from graphmodel.model import Actor, ActorRef, Measure, Plan, PlanInfo, Source, Status

    def plan(pid, measures, actors):
        return Plan(
            PlanInfo(pid, "Plan", "org", "Org"),
            [
                Measure(
                    mid,
                    pid,
                    f"Text {mid}",
                    None,
                    None,
                    Status(),
                    Source("p.csv", row + 2),
                    responsible=(ActorRef(owner, owner, owner, "municipal-unit"),),
                )
                for row, (mid, owner) in enumerate(measures)
            ],
            {a.id: a for a in actors},
        )

    a, b = (Actor(x, x, "municipal-unit", "national") for x in "ab")
    cases = {
        "one plan id twice": [plan("p", [("p#1", "a")], [a]), plan("p", [("p#2", "b")], [b])],
        "one measure id in two plans": [plan("p", [("p#1", "a")], [a]), plan("q", [("p#1", "b")], [b])],
        "an owner the plan does not list": [plan("p", [("p#1", "zz")], [a])],
        "a parent the plan does not list": [plan("p", [], [Actor("c", "c", "municipal-unit", "national", "par")])],
    }
    for case, plans in cases.items():
        built, expected = build_graph(plans), _built_one_edge_at_a_time(plans)
        assert nx.utils.graphs_equal(built, expected), case
        assert sorted(built.in_edges(keys=True)) == sorted(built.edges(keys=True)) == sorted(expected.edges(keys=True))
