"""Positions computed in Python, so a page is readable at first paint with physics off.

- ``columns``: a layered drawing (actors | measures | actors): measures keep the
  plan's order in bands by area and level; actors sit next to the mean height of
  their measures, spread so that their boxes never overlap.
- ``spring``: networkx's seeded Fruchterman-Reingold for small networks, then a
  pass that pushes overlapping label boxes apart.
- ``clusters``: for hundreds to thousands of actors: national actors in a central
  disc, each organisation's actors in its own disc around it (sunflower
  spirals, O(n)), so the page is usable at once.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def spread(desired: list[float], heights: list[float], gap: float = 14.0) -> list[float]:
    """Centres as close to ``desired`` as possible, in that order, boxes ``gap`` apart; mean offset zero."""
    order = sorted(range(len(desired)), key=lambda i: desired[i])
    placed = [0.0] * len(desired)
    bottom = -math.inf
    for i in order:
        y = max(desired[i], bottom + gap + heights[i] / 2)
        placed[i] = y
        bottom = y + heights[i] / 2
    if placed:
        shift = sum(p - d for p, d in zip(placed, desired)) / len(placed)
        placed = [p - shift for p in placed]
    return placed


def spring(network: nx.Graph, sizes: dict[str, tuple[float, float]], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Seeded force layout in pixels (numpy, O(n²) per step), with gravity so components stay close.

    For up to a few hundred nodes; label boxes (``sizes``) are then pushed apart.
    """
    import numpy as np

    nodes = sorted(network, key=lambda n: (network.nodes[n].get("kind", ""), n))
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    radius = 60 * math.sqrt(n)
    angles = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.c_[radius * np.cos(angles), radius * np.sin(angles)] + rng.normal(0, 5, (n, 2))
    k = 130.0  # ideal edge length in pixels
    pairs = np.array([(index[a], index[b]) for a, b in network.edges()], dtype=int).reshape(-1, 2)
    weights = np.array([math.log1p(network[a][b].get("weight", 1)) for a, b in network.edges()]).reshape(-1)
    temperature = radius / 2
    for _ in range(300):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(-1)) + 1e-3
        force = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(1)
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            length = np.sqrt((d**2).sum(-1)) + 1e-3
            pull = d / length[:, None] * (length * length / k * weights)[:, None]
            np.add.at(force, pairs[:, 0], -pull)
            np.add.at(force, pairs[:, 1], pull)
        force -= pos * 0.5 * np.sqrt((pos**2).sum(-1, keepdims=True)) / k  # gravity
        norm = np.sqrt((force**2).sum(-1, keepdims=True)) + 1e-9
        pos += force / norm * np.minimum(norm, temperature)
        temperature = max(temperature * 0.985, 2.0)
    placed = {node: [float(pos[i, 0]), float(pos[i, 1])] for node, i in index.items()}
    remove_overlaps(placed, sizes)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in placed.items()}


SEQUENTIAL_UP_TO = 80  # nodes; above this, numpy finds each round's overlapping pairs first


def remove_overlaps(
    pos: dict[str, list[float]], sizes: dict[str, tuple[float, float]], rounds: int = 200, margin: float = 8.0
) -> None:
    """Push apart nodes whose label boxes overlap, along the axis that needs the smaller move.

    Each round visits the pairs in order (each node against every later one)
    and pushes each overlapping pair apart at once. Up to ``SEQUENTIAL_UP_TO``
    nodes that is a Python double loop; above, numpy first finds the pairs that
    overlap at the start of the round and only those are visited (a pair pushed
    into overlap during a round is found in the next): the double loop over
    every pair, up to 200 times, took 20 seconds for the 300-odd actors of ten plans.
    """
    if len(pos) > SEQUENTIAL_UP_TO:
        _push_apart_overlapping(pos, sizes, rounds, margin)
        return
    nodes = sorted(pos)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                moved = _push(pos[a], pos[b], sizes[a], sizes[b], margin) or moved
        if not moved:
            return


def _push(
    a: list[float], b: list[float], size_a: tuple[float, float], size_b: tuple[float, float], margin: float
) -> bool:
    """Push boxes ``a`` and ``b`` (centres, moved in place) apart if they overlap; whether they did."""
    dx = b[0] - a[0]
    dy = b[1] - a[1]
    ox = (size_a[0] + size_b[0]) / 2 + margin - abs(dx)
    oy = (size_a[1] + size_b[1]) / 2 + margin - abs(dy)
    if ox <= 0 or oy <= 0:
        return False
    length = math.hypot(dx, dy)
    ux, uy = (dx / length, dy / length) if length > 1e-6 else (1.0, 0.0)
    step = min(ox, oy) / 2 + 0.5
    a[0] -= ux * step
    a[1] -= uy * step
    b[0] += ux * step
    b[1] += uy * step
    return True


def _push_apart_overlapping(
    pos: dict[str, list[float]], sizes: dict[str, tuple[float, float]], rounds: int, margin: float
) -> None:
    import numpy as np

    nodes = sorted(pos)
    wh = np.array([sizes[a] for a in nodes], dtype=float)
    reach = (wh[:, None, :] + wh[None, :, :]) / 2 + margin
    upper = np.triu(np.ones((len(nodes), len(nodes)), dtype=bool), k=1)
    for _ in range(rounds):
        xy = np.array([pos[a] for a in nodes], dtype=float)
        gap = reach - np.abs(xy[None, :, :] - xy[:, None, :])
        pairs = np.argwhere(upper & (gap[..., 0] > 0) & (gap[..., 1] > 0))  # in (i, j) order
        if not len(pairs):
            return
        for i, j in pairs.tolist():
            a, b = nodes[i], nodes[j]
            _push(pos[a], pos[b], sizes[a], sizes[b], margin)


def sunflower(count: int, spacing: float, start: int = 0) -> list[tuple[float, float]]:
    """``count`` evenly spread points in a disc, the first in the middle."""
    return [
        (
            spacing * math.sqrt(i + 0.5) * math.cos(i * GOLDEN_ANGLE),
            spacing * math.sqrt(i + 0.5) * math.sin(i * GOLDEN_ANGLE),
        )
        for i in range(start, start + count)
    ]


def clusters(groups: dict[str, list[str]], centre: list[str], spacing: float = 55.0) -> dict[str, tuple[float, float]]:
    """``centre`` nodes (most important first) in a central disc; each group in its own disc around it."""
    pos: dict[str, tuple[float, float]] = {}
    for node, (x, y) in zip(centre, sunflower(len(centre), spacing * 1.6)):
        pos[node] = (x, y)
    centre_radius = spacing * 1.6 * math.sqrt(len(centre) + 1)
    biggest = max((len(m) for m in groups.values()), default=1)
    group_radius = spacing * math.sqrt(biggest + 1)
    step = group_radius * 2.3 / math.sqrt(math.pi) * 1.2
    index = 0
    for name in sorted(groups):
        members = groups[name]
        while True:  # the next free place on the outer spiral, outside the central disc
            r = step * math.sqrt(index + 0.5)
            index += 1
            if r > centre_radius + group_radius:
                break
        angle = index * GOLDEN_ANGLE
        cx, cy = r * math.cos(angle), r * math.sin(angle)
        for node, (x, y) in zip(members, sunflower(len(members), spacing)):
            pos[node] = (round(cx + x, 1), round(cy + y, 1))
    return pos


def group_members(items: dict[str, str]) -> dict[str, list[str]]:
    """``{node: group}`` → ``{group: [nodes]}`` keeping insertion order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node, group in items.items():
        groups[group].append(node)
    return dict(groups)
