"""Build one networkx graph from parsed plans. Pure: no files, no printing.

The schema (also the Neo4j schema) is documented in README.md, section
"Data model". In short::

    (:Actor)-[:RESPONSIBLE_FOR]->(:Measure)-[:IN_PLAN]->(:Plan)
    (:Actor)-[:PARTNER_IN]->(:Measure)
    (:Actor)-[:PART_OF]->(:Actor)

Node keys are the ids; the ``label`` attribute says Plan, Measure or Actor.
Edge keys are the relationship type, so an actor has at most one edge of a
type to a measure. All attribute values are str, int, float or bool (None
is left out) so the graph writes to GraphML and GEXF unchanged.

>>> from graphmodel.model import *
>>> info = PlanInfo("p", "Plan", "org", "Org")
>>> m = Measure("p#1", "p", "Anhörigstöd", None, None, Status(), Source("p.csv", 2),
...             responsible=(ActorRef("org/soc", "Socialtjänsten", "Socialtjänsten", "municipal-unit"),))
>>> plan = Plan(info, [m], {"org": Actor("org", "Org", "municipal-unit", "national"),
...             "org/soc": Actor("org/soc", "Socialtjänsten", "municipal-unit", "organisation", "org", "org")})
>>> g = build_graph([plan])
>>> sorted(g.edges(keys=True))
[('org/soc', 'org', 'PART_OF'), ('org/soc', 'p#1', 'RESPONSIBLE_FOR'), ('p#1', 'plan:p', 'IN_PLAN')]
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .model import ACTOR, IN_PLAN, MEASURE, PART_OF, PARTNER_IN, PLAN, RESPONSIBLE_FOR, Actor, Measure, Plan
from .memory import gc_paused


def plan_node_id(plan_id: str) -> str:
    """Plan nodes are prefixed so their ids never meet an actor's or a measure's."""
    return f"plan:{plan_id}"


def build_graph(plans: Iterable[Plan]) -> nx.MultiDiGraph:
    """One graph of all plans; national actors are shared nodes that connect them."""
    with gc_paused():
        nodes, edges = _nodes_and_edges(plans)
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(nodes.items())
        # A repeated (u, v, key) keeps one edge, as PART_OF does across plans. One add_edge
        # per edge: add_edges_from looks every new edge up again through the graph's views,
        # which took over half of building.
        add_edge = graph.add_edge
        for source, target, key, attributes in edges:
            add_edge(source, target, key, **attributes)
    return graph


def _nodes_and_edges(plans: Iterable[Plan]) -> tuple[dict[str, dict], list[tuple[str, str, str, dict]]]:
    """Every node with its attributes, and every edge as (source, target, key, attributes), in plan order."""
    nodes: dict[str, dict] = {}
    edges: list[tuple[str, str, str, dict]] = []
    for plan in plans:
        info = plan.info
        pid = plan_node_id(info.id)
        nodes[pid] = _clean(label=PLAN, id=info.id, title=info.title, organisation=info.organisation,
                            organisation_name=info.organisation_name, year=info.year, source=info.source, file=info.file)
        for actor in plan.actors.values():
            if actor.id not in nodes:
                nodes[actor.id] = _actor_attributes(actor)
            if actor.parent:
                edges.append((actor.id, actor.parent, PART_OF, {"type": PART_OF}))
        for measure in plan.measures:
            nodes[measure.id] = _measure_attributes(measure)
            edges.append((measure.id, pid, IN_PLAN, {"type": IN_PLAN}))
            for rel, refs in ((RESPONSIBLE_FOR, measure.responsible), (PARTNER_IN, measure.partners)):
                for order, ref in enumerate(refs):
                    edge = {"type": rel, "text": ref.text, "order": order}
                    if ref.remark:
                        edge["remark"] = ref.remark
                    if ref.hedge:
                        edge["hedge"] = ref.hedge
                    edges.append((ref.id, measure.id, rel, edge))
    return nodes, edges


def _actor_attributes(actor: Actor) -> dict:
    return _clean(label=ACTOR, id=actor.id, name=actor.name, kind=actor.kind, scope=actor.scope, parent=actor.parent,
                  organisation=actor.organisation, aliases="|".join(actor.aliases), unknown=actor.unknown,
                  suggestions="|".join(actor.suggestions))


def _measure_attributes(measure: Measure) -> dict:
    status, source = measure.status, measure.source
    return _clean(label=MEASURE, id=measure.id, plan=measure.plan, text=measure.text, area=measure.area,
                  level=measure.level, state=status.state, start=status.start, due=status.due, status_text=status.text,
                  status_interpreted=status.interpreted, file=source.file, row=source.row, sheet=source.sheet,
                  reference=source.reference, **{f"extra:{header}": text for header, text in measure.extra})


def _clean(**attrs) -> dict:
    """Attributes without None values (GraphML and GEXF cannot store None)."""
    return {k: v for k, v in attrs.items() if v is not None and v != ""}
