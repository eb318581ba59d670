"""The graph as the graph files show it: names readers understand, unique edge ids, a look.

The graph ``build_graph`` makes keeps Neo4j's words: a node's ``label`` is Plan, Measure or
Actor and an edge's key is its relationship type. Written as they are, Gephi shows every node
by its type (an attribute called ``label`` is its display name), keeps one edge per repeated
GraphML id, turns a measure's ``start`` into a time interval, and igraph refuses a node
attribute called ``id``. ``file_graph`` renames what those readers take for something else;
every graph file (GraphML, GEXF, node-link JSON, graphology JSON) is written from it, so one
table in the README ("Graph files") describes them all:

* ``label``: the display name (an actor's name, a measure's text, a plan's title);
* ``node_type``: Plan, Measure or Actor (the Neo4j label; ``kind`` stays an actor's kind);
* ``id`` is left out (it is the node's own id), but a plan's, which becomes ``plan`` (as on
  its measures); ``start`` and ``due`` become ``period_start`` and ``period_due``;
* every edge has a unique id ``e0``, ``e1`` … (its key in the node-link JSON); ``type`` stays
  the relationship type.

``node_looks`` gives each node a colour, a size and a position: the GEXF and graphology files
open coloured and laid out like the plan view (owners left, measures in plan order, partners
right, plans beyond), in linear time after one sort.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

import networkx as nx

from ..colours import KIND_COLOURS, PLAN_COLOUR, STATE_COLOURS
from ..model import ACTOR, MEASURE, PLAN, RESPONSIBLE_FOR

NODE_TYPE = "node_type"  # Plan, Measure or Actor: the node's label in the graph and in Neo4j
# Attributes renamed in the files: what a reader would take for one of its own fields.
RENAMED = {"start": "period_start", "due": "period_due"}
_DISPLAY = {ACTOR: "name", MEASURE: "text", PLAN: "title"}


def _edges(graph: nx.MultiDiGraph) -> Iterator[tuple]:
    """(u, v, key, data) of every edge in networkx's order, read from the adjacency dicts."""
    return (
        (u, v, key, values)
        for u, neighbours in graph._adj.items()  # type: ignore[attr-defined]
        for v, keyed in neighbours.items()
        for key, values in keyed.items()
    )


def file_attributes(node: str, values: dict) -> dict:
    """A node's attributes as the files show them (see the module's docstring)."""
    node_type = values.get("label")
    shown = {"label": str(values.get(_DISPLAY.get(node_type, ""), node) or node)}  # type: ignore[arg-type]
    if node_type is not None:
        shown[NODE_TYPE] = node_type
    for name, value in values.items():
        if name == "label":
            continue
        if name == "id":
            if node_type == PLAN:
                shown["plan"] = value
            elif value != node:
                shown["node_id"] = value  # never in a plan graph: kept rather than lost
            continue
        shown[RENAMED.get(name, name)] = value
    return shown


def file_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A new graph, the one every graph file is written from: nodes with ``file_attributes``, edges keyed
    ``e0``, ``e1`` … in networkx's edge order, with their attributes (``type`` …) unchanged.

    Filled straight into the new graph's dicts, as ``build_graph`` fills its own: a national corpus
    has hundreds of thousands of edges.
    """
    shown: nx.MultiDiGraph = nx.MultiDiGraph(**graph.graph)
    node, succ, pred = shown._node, shown._succ, shown._pred  # type: ignore[attr-defined]
    for name, values in graph._node.items():  # type: ignore[attr-defined]
        node[name] = file_attributes(name, values)
        succ[name] = {}
        pred[name] = {}
    for number, (u, v, _, values) in enumerate(_edges(graph)):
        keyed = succ[u].get(v)
        if keyed is None:
            succ[u][v] = pred[v][u] = keyed = {}
        keyed[f"e{number}"] = dict(values)
    return shown


class Look(NamedTuple):
    """How a node is drawn: a colour (r, g, b), a size and a position (x, y; y grows upwards)."""

    colour: tuple[int, int, int]
    size: float
    x: float
    y: float

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.colour)


MEASURE_STEP = 40.0  # between measures in the column
BAND_GAP = 60.0  # more between a plan's areas and levels, as the plan view's bands
COLUMN_GAP = 600.0  # between the columns: owners, measures, partners, plans
ACTOR_GAP = 36.0  # at least between two actors in a column


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _visible(fill: str, border: str) -> tuple[int, int, int]:
    """The fill, or the border where the fill is too light to see on a white canvas (unknown, placeholder)."""
    rgb = _rgb(fill)
    return _rgb(border) if min(rgb) >= 0xE0 else rgb


_KIND_RGB = {kind: _visible(fill, border) for kind, (fill, border, _) in KIND_COLOURS.items()}
_STATE_RGB = {state: _rgb(border) for state, (_, border) in STATE_COLOURS.items()}


def _spread(desired: dict[str, float], gap: float) -> dict[str, float]:
    """Each node near its desired height, in that order, at least ``gap`` apart."""
    placed, last = {}, -math.inf
    for name, y in sorted(desired.items(), key=lambda item: (item[1], item[0])):
        last = max(y, last + gap)
        placed[name] = last
    return placed


def node_looks(graph: nx.MultiDiGraph) -> dict[str, Look]:
    """Colour, size and position of every node, after the plan view: measures top to bottom in plan
    order (a gap between bands of area and level), their owners left and partner-only actors right,
    each at the mean height of its measures, plans right of the partners, other actors (parents
    such as a city) left of the owners. Actors are coloured by kind and sized by the measures they
    own; measures are coloured by state.
    """
    node = graph._node  # type: ignore[attr-defined]
    measures = sorted(
        (name for name, values in node.items() if values.get("label") == MEASURE),
        key=lambda m: (str(node[m].get("plan", "")), node[m].get("row", 0), m),
    )
    y_of: dict[str, float] = {}
    y, band = 0.0, None
    for measure in measures:
        values = node[measure]
        here = (values.get("plan"), values.get("area"), values.get("level"))
        if band is not None and here != band:
            y += BAND_GAP
        band = here
        y_of[measure] = y
        y += MEASURE_STEP

    heights: dict[str, list[float]] = defaultdict(list)
    owned: dict[str, int] = defaultdict(int)
    owners, partners, plans = set(), set(), set()
    for u, v, key, values in _edges(graph):
        kind = values.get("type", key)
        if v in y_of:
            heights[u].append(y_of[v])
            if kind == RESPONSIBLE_FOR:
                owned[u] += 1
                owners.add(u)
            else:
                partners.add(u)
        elif u in y_of:
            heights[v].append(y_of[u])
            plans.add(v)
    partners -= owners
    columns: dict[str, tuple[float, float]] = {}
    for column, x in ((owners, -COLUMN_GAP), (partners, COLUMN_GAP), (plans, 2 * COLUMN_GAP)):
        desired = {name: round(sum(heights[name]) / len(heights[name]), 1) for name in column}
        columns.update((name, (x, y)) for name, y in _spread(desired, ACTOR_GAP * 2).items())
    rest = [name for name in node if name not in y_of and name not in columns]
    columns.update((name, (-2 * COLUMN_GAP, index * ACTOR_GAP * 2)) for index, name in enumerate(rest))

    looks = {}
    for name, values in node.items():
        node_type = values.get("label")
        if name in y_of:
            colour, size, x, y = _STATE_RGB.get(values.get("state"), _STATE_RGB["unknown"]), 8.0, 0.0, y_of[name]
        else:
            x, y = columns[name]
            if node_type == PLAN:
                colour, size = _rgb(PLAN_COLOUR), 20.0
            else:
                colour = _KIND_RGB.get(values.get("kind"), _KIND_RGB["unknown"])
                size = round(10.0 + 4.0 * math.sqrt(owned.get(name, 0)), 2)
        looks[name] = Look(colour, size, x, round(0.0 - y, 1))  # 0.0 - y: never -0.0
    return looks
