"""The actor collaboration network and per-actor load metrics.

Two actors collaborate when they are named on the same measure (as owner or
partner); the edge weight is the number of measures they share. The network
is built measure by measure from each measure's actors, not by networkx's
generic bipartite projection, which takes seconds at 18,000 measures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from ..model import ACTOR, MEASURE, PARTNER_IN, RESPONSIBLE_FOR

EXACT_BETWEENNESS_UP_TO = 1500  # nodes; above this, betweenness is estimated from a seeded sample
BETWEENNESS_SAMPLE = 300


def measure_actors(graph: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """For each measure: its responsible and partner actor ids, in the plan's order."""
    result: dict[str, dict[str, list[str]]] = {}
    for node, label in graph.nodes(data="label"):
        if label == MEASURE:
            result[node] = {RESPONSIBLE_FOR: [], PARTNER_IN: []}
    # adjacency() hands out the graph's own dicts, in the order edges(keys=True) walks them,
    # without making a tuple per edge.
    for actor, targets in graph.adjacency():
        for measure, relations in targets.items():
            for rel in relations:
                if rel == RESPONSIBLE_FOR or rel == PARTNER_IN:
                    result[measure][rel].append(actor)
    return result


def shared_measures(measures: dict[str, dict[str, list[str]]]) -> dict[tuple[str, str], list[str]]:
    """Each pair of actors (sorted ids) named on the same measures, with those measures."""
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for measure_id, roles in measures.items():
        actors = sorted(set(roles[RESPONSIBLE_FOR]) | set(roles[PARTNER_IN]))
        for pair in combinations(actors, 2):
            shared[pair].append(measure_id)
    return shared


def collaboration_network(graph: nx.MultiDiGraph, measures: dict | None = None) -> nx.Graph:
    """Actors as nodes; an edge per pair sharing measures, ``weight`` = how many, ``measures`` = which."""
    measures = measures if measures is not None else measure_actors(graph)
    network = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data["label"] == ACTOR:
            network.add_node(node, name=data["name"], kind=data["kind"])
    for (a, b), ids in shared_measures(measures).items():
        network.add_edge(a, b, weight=len(ids), measures=ids, distance=1.0 / len(ids))
    return network


def actor_metrics(graph: nx.MultiDiGraph, network: nx.Graph | None = None,
                  measures: dict | None = None) -> list[dict]:
    """Per actor: responsible and partner counts, share of the plans' measures, degree, betweenness.

    ``share`` is the actor's owned measures over the measures of the plans it
    appears in. Betweenness is weighted (close collaborators are near) and
    exact up to 1,500 actors, estimated from a fixed sample above that.
    """
    measures = measures if measures is not None else measure_actors(graph)
    network = network if network is not None else collaboration_network(graph, measures)
    plan_size = Counter(graph.nodes[m]["plan"] for m in measures)
    responsible, partner = Counter(), Counter()
    plans_of: dict[str, set[str]] = defaultdict(set)
    for measure_id, roles in measures.items():
        plan = graph.nodes[measure_id]["plan"]
        for actor in roles[RESPONSIBLE_FOR]:
            responsible[actor] += 1
            plans_of[actor].add(plan)
        for actor in roles[PARTNER_IN]:
            partner[actor] += 1
            plans_of[actor].add(plan)
    if network.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO:
        betweenness = nx.betweenness_centrality(network, weight="distance", normalized=True)
    else:
        betweenness = nx.betweenness_centrality(network, k=BETWEENNESS_SAMPLE, weight="distance", normalized=True,
                                                seed=1)
    rows = []
    for actor in network.nodes:
        data = graph.nodes[actor]
        total = sum(plan_size[p] for p in plans_of[actor])
        rows.append({
            "id": actor, "name": data["name"], "kind": data["kind"],
            "responsible_count": responsible[actor], "partner_count": partner[actor],
            "share": round(responsible[actor] / total, 4) if total else 0.0,
            "plans": len(plans_of[actor]),
            "degree": network.degree(actor),
            "weighted_degree": network.degree(actor, weight="weight"),
            "betweenness": round(betweenness.get(actor, 0.0), 4),
        })
    rows.sort(key=lambda r: (-r["responsible_count"], -r["partner_count"], r["name"].casefold(), r["id"]))
    return rows
