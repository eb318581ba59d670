"""The actor collaboration network and per-actor load metrics.

Two actors collaborate when they are named on the same measure (as owner or
partner); the edge weight is the number of measures they share. The network
is built measure by measure from each measure's actors, not by networkx's
generic bipartite projection, which takes seconds at 18,000 measures.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from heapq import heappop, heappush
from itertools import combinations
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx

from ..model import ACTOR, MEASURE, PARTNER_IN, PLAN, RESPONSIBLE_FOR

if TYPE_CHECKING:
    from ..build import NodeData, PlanGraph
    from .listing import JsonRow

    #: Per measure id: ``{RESPONSIBLE_FOR: actor ids, PARTNER_IN: actor ids}`` (see ``measure_actors``).
    MeasureActors: TypeAlias = dict[str, dict[str, list[str]]]

_FAR = math.inf
EXACT_BETWEENNESS_UP_TO = 1500  # nodes; above this, betweenness is estimated from a seeded sample
BETWEENNESS_SAMPLE = 100  # sources; 300 took half of `report` at 300 plans and ranked the top brokers alike


def measure_actors(graph: PlanGraph) -> MeasureActors:
    """For each measure: its responsible and partner actor ids, in the order the plan names them
    (the order ``build_graph`` adds their edges in)."""
    return {
        measure: {RESPONSIBLE_FOR: responsible, PARTNER_IN: partners}
        for measure, _, responsible, partners in measure_roles(graph)
    }


def measure_roles(graph: PlanGraph) -> Iterator[tuple[str, NodeData, list[str], list[str]]]:
    """Each measure as (id, attributes, responsible ids, partner ids), in the graph's order.

    What ``measure_actors`` keeps, for callers that want to read each measure
    once: at 3,000 plans every extra walk over the measures costs a second.
    """
    # networkx's own node and in-edge dicts: its views would wrap each of 18,000 measures at 300 plans.
    # (The private dicts are not in networkx's type stubs.)
    pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = graph._pred  # type: ignore[attr-defined]
    nodes: dict[str, NodeData] = graph._node  # type: ignore[attr-defined]
    for node, data in nodes.items():
        if data.get("label") != MEASURE:
            continue
        responsible: list[str] = []
        partners: list[str] = []
        both = False
        for actor, relations in pred[node].items():
            if RESPONSIBLE_FOR in relations:
                responsible.append(actor)
                if PARTNER_IN in relations:
                    partners.append(actor)
                    both = True
            elif PARTNER_IN in relations:
                partners.append(actor)
        if both:  # an owner also named a partner sits where its owner edge is: put it where its partner edge is
            partners.sort(key=lambda a: pred[node][a][PARTNER_IN].get("order", 0))
        yield node, data, responsible, partners


def collaborators(named: Iterable[list[str]]) -> dict[str, set[str]]:
    """Who is named on a measure with whom (the network without weights), from each measure's actors."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for actors in named:
        if len(actors) > 1:
            for actor in actors:
                neighbours[actor].update(actors)
    for actor, others in neighbours.items():
        others.discard(actor)
    return {actor: others for actor, others in neighbours.items() if others}


def cut_points(neighbours: dict[str, set[str]]) -> set[str]:
    """The articulation points of an undirected network given as ``{node: neighbours}``.

    The same set as ``nx.articulation_points`` (a test compares them), without
    building an ``nx.Graph`` first: at 300 plans building it took five times as
    long as the search. Iterative depth-first search with low points (Tarjan).

    >>> sorted(cut_points({"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}))
    ['b']
    """
    depth: dict[str, int] = {}
    low: dict[str, int] = {}
    found: set[str] = set()
    for root in neighbours:
        if root in depth:
            continue
        depth[root] = low[root] = 0
        root_children = 0
        stack: list[tuple[str, str | None, Iterator[str]]] = [(root, None, iter(neighbours[root]))]
        while stack:
            node, parent, rest = stack[-1]
            for other in rest:
                if other not in depth:
                    depth[other] = low[other] = depth[node] + 1
                    stack.append((other, node, iter(neighbours[other])))
                    break
                if other != parent and depth[other] < low[node]:
                    low[node] = depth[other]
            else:
                stack.pop()
                if parent is None:
                    continue
                low[parent] = min(low[parent], low[node])
                if parent == root:
                    root_children += 1
                elif low[node] >= depth[parent]:
                    found.add(parent)
        if root_children > 1:
            found.add(root)
    return found


def shared_measures(measures: MeasureActors) -> dict[tuple[str, str], list[str]]:
    """Each pair of actors (sorted ids) named on the same measures, with those measures."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for measure_id, roles in measures.items():
        actors = sorted(set(roles[RESPONSIBLE_FOR]) | set(roles[PARTNER_IN]))
        for pair in combinations(actors, 2):
            shared[pair].append(measure_id)
    return shared


def collaboration_network(graph: PlanGraph, measures: MeasureActors | None = None) -> nx.Graph[str]:
    """Actors as nodes; an edge per pair sharing measures, ``weight`` = how many, ``measures`` = which."""
    measures = measures if measures is not None else measure_actors(graph)
    network: nx.Graph[str] = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data["label"] == ACTOR:
            network.add_node(node, name=data["name"], kind=data["kind"])
    for (a, b), ids in shared_measures(measures).items():
        network.add_edge(a, b, weight=len(ids), measures=ids, distance=1.0 / len(ids))
    return network


def distinct_names(graph: PlanGraph) -> dict[str, str]:
    """Each actor's name as a reader can tell it apart: the name, and where actors of several
    organisations share it, the organisation in brackets.

    Two plans' "Socialtjänsten" are two actors (each organisation's own unit); in a report of both,
    "Socialtjänsten (Vretby stadsdelsförvaltning)" says which. Names no other actor has stay as they are.
    """
    organisation_names: dict[str, str] = {}
    by_name: dict[str, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        if data["label"] == ACTOR:
            by_name[data["name"].casefold()].append(node)
        elif data["label"] == PLAN and data.get("organisation"):
            organisation_names.setdefault(data["organisation"], data.get("organisation_name") or data["organisation"])
    names: dict[str, str] = {}
    for actors in by_name.values():
        for actor in actors:
            data = graph.nodes[actor]
            organisation = data.get("organisation")
            if len(actors) > 1 and organisation:
                if organisation in graph and graph.nodes[organisation]["label"] == ACTOR:
                    where = graph.nodes[organisation]["name"]
                else:
                    where = organisation_names.get(organisation, organisation)
                names[actor] = f"{data['name']} ({where})"
            else:
                names[actor] = data["name"]
    return names


def actor_metrics(
    graph: PlanGraph, network: nx.Graph[str] | None = None, measures: MeasureActors | None = None
) -> list[JsonRow]:
    """Per actor: responsible and partner counts, share of the plans' measures, degree, betweenness.

    ``share`` is the actor's owned measures over the measures of the plans it
    appears in. Betweenness is weighted (close collaborators are near) and
    exact up to 1,500 actors, estimated from a fixed sample above that.
    """
    measures = measures if measures is not None else measure_actors(graph)
    network = network if network is not None else collaboration_network(graph, measures)
    plan_size = Counter(graph.nodes[m]["plan"] for m in measures)
    responsible: Counter[str] = Counter()
    partner: Counter[str] = Counter()
    plans_of: dict[str, set[str]] = defaultdict(set)
    for measure_id, roles in measures.items():
        plan = graph.nodes[measure_id]["plan"]
        for actor in roles[RESPONSIBLE_FOR]:
            responsible[actor] += 1
            plans_of[actor].add(plan)
        for actor in roles[PARTNER_IN]:
            partner[actor] += 1
            plans_of[actor].add(plan)
    sample = None if network.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO else BETWEENNESS_SAMPLE
    betweenness = weighted_betweenness(network, sample)
    display = distinct_names(graph)
    rows: list[JsonRow] = []
    for actor in network.nodes:
        data = graph.nodes[actor]
        total = sum(plan_size[p] for p in plans_of[actor])
        rows.append(
            {
                "id": actor,
                "name": data["name"],
                "display_name": display[actor],
                "kind": data["kind"],
                "responsible_count": responsible[actor],
                "partner_count": partner[actor],
                "share": round(responsible[actor] / total, 4) if total else 0.0,
                "plans": len(plans_of[actor]),
                "degree": network.degree(actor),
                "weighted_degree": network.degree(actor, weight="weight"),
                "betweenness": round(betweenness.get(actor, 0.0), 4),
            }
        )
    rows.sort(key=lambda r: (-r["responsible_count"], -r["partner_count"], r["name"].casefold(), r["id"]))
    return rows


def weighted_betweenness(
    network: nx.Graph[str], sample: int | None = None, weight: str = "distance", seed: int = 1
) -> dict[str, float]:
    """Normalised betweenness over shortest ``weight``-paths, exact or from ``sample`` seeded sources.

    The same numbers as ``nx.betweenness_centrality(network, k=sample, weight=weight,
    normalized=True, seed=seed)`` (the same sources are drawn; a test compares them), in a
    third of the time: Brandes' algorithm over integer-indexed adjacency lists instead of
    networkx's per-edge weight lookups and per-source dicts of every node.
    """
    nodes = list(network)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    # (networkx's private adjacency dict is not in its type stubs.)
    adjacency_dicts: dict[str, dict[str, dict[str, Any]]] = network._adj  # type: ignore[attr-defined]
    adjacency = [
        [(index[other], data[weight]) for other, data in adjacency_dicts[node].items() if other != node]
        for node in nodes
    ]
    sampled = sample if sample is not None and sample < n else None  # how many sources are drawn; None: all nodes
    sources = [index[s] for s in random.Random(seed).sample(nodes, sampled)] if sampled is not None else range(n)
    between = [0.0] * n
    for source in sources:
        _accumulate(adjacency, source, between, n)
    pairs = n - 1  # the other end of a path through a node: any node but itself
    if pairs < 2:
        return dict(zip(nodes, between))
    if sampled is None:
        return {node: value / (pairs * (pairs - 1)) for node, value in zip(nodes, between)}
    # A source is never inside its own paths, so it is scaled by the other sources only (as networkx 3.6).
    of_sources = 1 / ((sampled - 1) * (pairs - 1)) if sampled > 1 else 0.0  # one source: its own value is 0
    of_others = 1 / (sampled * (pairs - 1))
    drawn = set(sources)
    return {
        node: value * (of_sources if i in drawn else of_others) for i, (node, value) in enumerate(zip(nodes, between))
    }


def _accumulate(adjacency: list[list[tuple[int, float]]], source: int, between: list[float], n: int) -> None:
    """One source of Brandes' algorithm: Dijkstra counting shortest paths, then dependencies back.

    Paths are counted when an edge is relaxed from a settled node (its count is final then, every
    distance being positive), so the heap holds only (distance, node).
    """
    sigma = [0.0] * n
    reached = [_FAR] * n
    settled = bytearray(n)
    predecessors: list[list[int] | None] = [None] * n
    done: list[int] = []
    sigma[source], reached[source] = 1.0, 0.0
    heap = [(0.0, source)]
    while heap:
        distance, node = heappop(heap)
        if settled[node]:
            continue
        settled[node] = 1
        done.append(node)
        paths = sigma[node]
        for other, cost in adjacency[node]:
            if settled[other]:
                continue
            length = distance + cost
            known = reached[other]
            if length < known:
                reached[other] = length
                heappush(heap, (length, other))
                sigma[other] = paths
                predecessors[other] = [node]
            elif length == known:
                sigma[other] += paths
                # length == known < _FAR: other was reached before, so its list is set
                predecessors[other].append(node)  # type: ignore[union-attr]
    delta = [0.0] * n
    for node in reversed(done):
        coefficient = (1.0 + delta[node]) / sigma[node]
        for previous in predecessors[node] or ():
            delta[previous] += sigma[previous] * coefficient
        if node != source:
            between[node] += delta[node]
