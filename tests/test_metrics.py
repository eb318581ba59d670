"""Who links others: the collaboration network's betweenness, as networkx computes it, in less time."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graphmodel.analyse.metrics import weighted_betweenness


def _network(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    network = nx.gnm_random_graph(rng.randint(1, 60), rng.randint(0, 200), seed=seed)
    for a, b in network.edges:
        network.edges[a, b]["distance"] = 1.0 / rng.choice([1, 1, 2, 3])  # shared measures: 1, 2 or 3
    return nx.relabel_nodes(network, {node: f"aktör-{node}" for node in network})


@pytest.mark.parametrize("seed", range(25))
def test_betweenness_is_what_networkx_computes_over_every_source(seed):
    network = _network(seed)
    assert weighted_betweenness(network) == pytest.approx(
        nx.betweenness_centrality(network, weight="distance", normalized=True), abs=1e-12
    )


@pytest.mark.parametrize("seed", range(25))
def test_betweenness_from_a_sample_of_sources_is_what_networkx_estimates_from_the_same_sample(seed):
    network = _network(seed)
    sample = min(10, len(network) - 1) or None
    assert weighted_betweenness(network, sample) == pytest.approx(
        nx.betweenness_centrality(network, k=sample, weight="distance", normalized=True, seed=1), abs=1e-12
    )


def test_a_broker_between_two_groups_has_the_highest_betweenness():
    network = nx.Graph()
    for group in ("skola", "polis"):
        members = [f"{group}-{i}" for i in range(4)]
        network.add_edges_from(((a, b) for a in members for b in members if a < b), distance=1.0)
        network.add_edge("Preventionssamordnare", members[0], distance=1.0)
    found = weighted_betweenness(network)
    assert max(found, key=found.get) == "Preventionssamordnare"
