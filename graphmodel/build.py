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
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx

from .memory import gc_paused
from .model import ACTOR, IN_PLAN, MEASURE, PART_OF, PARTNER_IN, PLAN, RESPONSIBLE_FOR, Actor, Measure, Plan

if TYPE_CHECKING:
    #: The graph of plans: nodes are ids (str); node and edge attributes are str, int, float or bool.
    PlanGraph: TypeAlias = nx.MultiDiGraph[str]
    #: One node's or edge's attributes as ``build_graph`` writes them.
    Attributes: TypeAlias = dict[str, str | int | float | bool]
    #: A node's attributes as read back from the graph (networkx types them loosely).
    NodeData: TypeAlias = dict[str, Any]


def plan_node_id(plan_id: str) -> str:
    """Plan nodes are prefixed so their ids never meet an actor's or a measure's."""
    return f"plan:{plan_id}"


def build_graph(plans: Iterable[Plan]) -> PlanGraph:
    """One graph of all plans; national actors are shared nodes that connect them.

    The same graph as adding each node and edge with ``add_node``/``add_edge``
    (a node met again has its attributes updated; a repeated actor, type and
    target keeps one edge, as PART_OF does across plans), but filled straight
    into the graph's adjacency dicts: one ``add_edge`` per edge took most of
    the time of ``graphmodel gaps`` building its graph. ``tests/test_build.py``
    checks the two agree.
    """
    graph: PlanGraph = nx.MultiDiGraph()
    with gc_paused():
        _fill(graph, plans)
    return graph


def _fill(graph: PlanGraph, plans: Iterable[Plan]) -> None:
    """Add every plan's nodes and edges, in plan order, to the graph's own dicts.

    networkx keeps a MultiDiGraph as ``_node[n] = attributes``, ``_succ[u][v]
    = _pred[v][u] = {key: attributes}`` (the layout its subclassing guide
    documents); a new graph has nothing cached that these writes could leave stale.
    """
    # The private dicts are not in networkx's type stubs.
    node: dict[str, Attributes] = graph._node  # type: ignore[attr-defined]
    succ: dict[str, dict[str, dict[str, Attributes]]] = graph._succ  # type: ignore[attr-defined]
    pred: dict[str, dict[str, dict[str, Attributes]]] = graph._pred  # type: ignore[attr-defined]

    def add_node(node_id: str, attributes: Attributes) -> None:
        if node_id in node:
            node[node_id].update(attributes)
        else:
            node[node_id] = attributes
            succ[node_id] = {}
            pred[node_id] = {}

    def add_edge(source: str, target: str, key: str, attributes: Attributes) -> None:
        if source not in node:
            add_node(source, {})
        if target not in node:
            add_node(target, {})
        keys = succ[source].get(target)
        if keys is None:
            succ[source][target] = pred[target][source] = {key: attributes}
        elif key in keys:
            keys[key].update(attributes)
        else:
            keys[key] = attributes

    for plan in plans:
        info = plan.info
        pid = plan_node_id(info.id)
        add_node(
            pid,
            _clean(
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
            if actor.id not in node:
                add_node(actor.id, _actor_attributes(actor))
        for actor in plan.actors.values():
            if actor.parent:
                add_edge(actor.id, actor.parent, PART_OF, {"type": PART_OF})
        for measure in plan.measures:
            add_node(measure.id, _measure_attributes(measure))
            add_edge(measure.id, pid, IN_PLAN, {"type": IN_PLAN})
            for rel, refs in ((RESPONSIBLE_FOR, measure.responsible), (PARTNER_IN, measure.partners)):
                for order, ref in enumerate(refs):
                    edge: Attributes = {"type": rel, "text": ref.text, "order": order}
                    if ref.remark:
                        edge["remark"] = ref.remark
                    if ref.hedge:
                        edge["hedge"] = ref.hedge
                    into = pred[measure.id]
                    if ref.id in node and ref.id not in into:  # the usual case, written out: one per link
                        succ[ref.id][measure.id] = into[ref.id] = {rel: edge}
                    else:
                        add_edge(ref.id, measure.id, rel, edge)


def _actor_attributes(actor: Actor) -> Attributes:
    return _clean(
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
    )


def _measure_attributes(measure: Measure) -> Attributes:
    """A measure node's attributes; written out rather than through ``_clean``, as there are thousands."""
    status, source = measure.status, measure.source
    attributes: Attributes = {"label": MEASURE, "id": measure.id, "plan": measure.plan, "text": measure.text}
    if measure.area:
        attributes["area"] = measure.area
    if measure.level:
        attributes["level"] = measure.level
    attributes["state"] = status.state
    if status.start:
        attributes["start"] = status.start
    if status.due:
        attributes["due"] = status.due
    if status.text:
        attributes["status_text"] = status.text
    attributes["status_interpreted"] = status.interpreted
    if source.file:
        attributes["file"] = source.file
    attributes["row"] = source.row
    if source.sheet:
        attributes["sheet"] = source.sheet
    if source.reference:
        attributes["reference"] = source.reference
    if source.place:  # a Word document's or PDF's "page 2, table 4, row 4"
        attributes["place"] = source.place
    if source.page is not None:
        attributes["page"] = source.page
    for header, text in measure.extra:
        if text:
            attributes[f"extra:{header}"] = text
    return attributes


def _clean(**attrs: str | int | float | bool | None) -> Attributes:
    """Attributes without None values (GraphML and GEXF cannot store None)."""
    return {k: v for k, v in attrs.items() if v is not None and v != ""}
