"""The three views as data: nodes and edges for vis-network, backdrop bands, legend, filters, tables.

A builder takes the graph (and optionally the gap findings) and returns a
``View``; ``viz.page.render`` turns it into one HTML file. Builders read no
files. vis node ids are integers (the index in ``View.nodes``); graph ids
travel only as data (``key``) and are never written into markup.
"""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx

from graphmodel.analyse.metrics import collaboration_network, measure_actors
from graphmodel.analyse.questions import find_actors, with_subunits
from graphmodel.memory import gc_paused
from graphmodel.model import MEASURE, PART_OF, PARTNER_IN, PLAN, RESPONSIBLE_FOR

from . import layout
from .text import KIND_COLOURS, PART_OF_COLOUR, PARTNER_COLOUR, RESPONSIBLE_COLOUR, STATE_COLOURS, VAGUE_KINDS, text

BIG = 400  # nodes: above this a view uses the cluster layout, straight edges and no label for small nodes
TABLE_ROWS = 3000  # rows per table before it is cut (with a note)
MEASURE_KINDS = ("unassigned", "vague-owner", "no-status", "overdue", "duplicate-measure")
ACTOR_KINDS = ("overloaded", "single-point-of-failure", "partner-without-ownership")
HIGHLIGHT = ("unassigned", "vague-owner", "overloaded", "single-point-of-failure")
MEASURE_WIDTH = 270
ACTOR_WIDTH = 220


@dataclass
class Table:
    caption: str
    headings: list[str]
    rows: list[list[str]]
    row_nodes: list[list[int]]  # the nodes a row shows; the row is hidden when one of them is filtered out
    numeric: frozenset[int] = frozenset()


@dataclass
class View:
    kind: str  # plan | actors | ego
    lang: str
    title: str
    subtitle: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    bands: list[dict] = field(default_factory=list)  # {x, y0, y1, label}: areas drawn behind the measures
    headers: list[dict] = field(default_factory=list)  # {x, y, label}: column headings on the canvas
    filters: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> [(value, label)]
    legend: list[dict] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    plan_findings: list[str] = field(default_factory=list)
    big: bool = False
    measure_texts: list[str] = field(default_factory=list)  # actor view: edge["shared"] indexes these (lazy tooltips)


def _wrap(value: str, width: int, lines: int) -> list[str]:
    return list(_wrapped(value, width, lines))


@lru_cache(maxsize=65536)
def _wrapped(value: str, width: int, lines: int) -> tuple[str, ...]:
    """An actor's name is wrapped for its box and again for its height: textwrap once per name."""
    wrapped = textwrap.wrap(" ".join(value.split()), width=width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return tuple(wrapped)


class _Builder:
    """What every view needs: the graph's roles, the findings per node, node and edge styling."""

    def __init__(self, graph: nx.MultiDiGraph, findings: list[dict] | None, lang: str, roles: dict | None = None):
        self.graph = graph
        self.node = graph._node  # the attribute dicts: graph.nodes[x] builds a view object per lookup
        self.t = text(lang)
        self.lang = lang
        self.roles = roles if roles is not None else measure_actors(graph)
        self.findings_of: dict[str, list[dict]] = defaultdict(list)
        self.plan_findings: list[str] = []
        for finding in findings or []:
            if finding["kind"] in MEASURE_KINDS:
                for ref in finding["measures"]:
                    self.findings_of[ref["id"]].append(finding)
            elif finding["kind"] in ACTOR_KINDS:
                for actor in finding.get("actor_ids", []):
                    self.findings_of[actor].append(finding)
            else:
                self.plan_findings.append(finding["message"])
        self.nodes: list[dict] = []
        self.index: dict[str, int] = {}
        self.edges: list[dict] = []
        self._role_names: dict[str, tuple[str, str]] = {}

    # ----- nodes -----
    def severity(self, key: str) -> str | None:
        found = self.findings_of.get(key)
        if not found:
            return None
        marked = [f["severity"] for f in found if f["kind"] in HIGHLIGHT and f["severity"] in ("high", "medium")]
        return "high" if "high" in marked else ("medium" if marked else None)

    def gap_lines(self, key: str) -> list[str]:
        return [f"⚠ {self.t['severity'][f['severity']]}: {f['message']}" for f in self.findings_of.get(key, [])]

    def add_node(self, key: str, node: dict) -> int:
        node["id"] = len(self.nodes)
        node["key"] = key
        sev = self.severity(key)
        if sev:
            node["g"] = sev
        self.index[key] = node["id"]
        self.nodes.append(node)
        return node["id"]

    def measure_filters(self, data: dict) -> dict:
        return {
            "area": [data.get("area") or ""],
            "level": [data.get("level") or ""],
            "state": [data.get("state") or "unknown"],
            "plan": [data["plan"]],
        }

    def status_label(self, data: dict) -> str:
        state = self.t["states"].get(data.get("state") or "unknown", data.get("state") or "")
        written = data.get("status_text")
        return f"{state} ({written})" if written and written != state else state

    def source_label(self, data: dict) -> str:
        where = f"{data.get('file', '')}, {self.t['row']} {data.get('row', '')}"
        if data.get("sheet"):
            where += f" ({data['sheet']})"
        return where + (f"; {data['reference']}" if data.get("reference") else "")

    def role_names(self, measure: str) -> tuple[str, str]:
        """The measure's owners and partners, comma separated: for its tooltip and again for its table row."""
        if measure not in self._role_names:
            node, roles = self.node, self.roles[measure]
            self._role_names[measure] = (
                ", ".join([node[a]["name"] for a in roles[RESPONSIBLE_FOR]]),
                ", ".join([node[a]["name"] for a in roles[PARTNER_IN]]),
            )
        return self._role_names[measure]

    def measure_node(self, measure: str, x: float, y: float, lines: list[str]) -> int:
        data = self.node[measure]
        fill, border = STATE_COLOURS.get(data.get("state") or "unknown", STATE_COLOURS["unknown"])
        owners, partners = self.role_names(measure)
        owners, partners = owners or "–", partners or "–"
        area = " · ".join(v for v in (data.get("area"), data.get("level")) if v)
        tip = [
            data["text"],
            f"{self.t['status_text']}: {self.status_label(data)}",
            *([f"{self.t['area']}: {area}"] if area else []),
            f"{self.t['responsible_h']}: {owners}",
            f"{self.t['partners_h']}: {partners}",
            f"{self.t['source']}: {self.source_label(data)}",
            *self.gap_lines(measure),
        ]
        return self.add_node(
            measure,
            {
                "type": "measure",
                "label": "\n".join(lines),
                "x": x,
                "y": y,
                "shape": "box",
                "color": {"background": fill, "border": border},
                "font": {"color": "#1d2630", "size": 14},
                "borderWidth": 1.5,
                "widthConstraint": {"minimum": MEASURE_WIDTH, "maximum": MEASURE_WIDTH},
                "shapeProperties": {
                    "borderDashes": [4, 3] if (data.get("state") or "unknown") == "unknown" else False,
                    "borderRadius": 3,
                },
                "search": data["text"],
                "tip": tip,
                "f": self.measure_filters(data),
            },
        )

    def actor_tip(self, actor: str, extra: list[str] = ()) -> list[str]:
        data = self.node[actor]
        r, p = len(self.owned[actor]), len(self.partnered[actor])
        tip = [data["name"], self.t["kinds"].get(data["kind"], data["kind"]), self.t["load"].format(r=r, p=p)]
        written = sorted(
            {e.get("text") for edges in self.graph._succ[actor].values() for e in edges.values() if e.get("text")}
            - {data["name"]}
        )
        if written:
            tip.append(("Skrivs i planen: " if self.lang == "sv" else "Written in the plan as: ") + "; ".join(written))
        return [*tip, *extra, *self.gap_lines(actor)]

    def actor_node(
        self,
        actor: str,
        x: float,
        y: float,
        shape: str = "box",
        label_lines: int = 2,
        with_load: bool = True,
        size: float | None = None,
        filters: dict | None = None,
        tip_extra: list[str] = (),
    ) -> int:
        data = self.node[actor]
        kind = data["kind"]
        fill, border, font = KIND_COLOURS.get(kind, KIND_COLOURS["unknown"])
        lines = _wrap(data["name"], 24, label_lines)
        if with_load:
            lines.append(self.t["load"].format(r=len(self.owned[actor]), p=len(self.partnered[actor])))
        node = {
            "type": "actor",
            "label": "\n".join(lines),
            "x": x,
            "y": y,
            "shape": shape,
            "color": {"background": fill, "border": border},
            "font": {"color": font if shape in ("box", "ellipse") else "#1d2630", "size": 14},
            "borderWidth": 2 if kind in VAGUE_KINDS or kind == "unknown" else 1.5,
            "shapeProperties": {"borderDashes": [5, 4] if kind in VAGUE_KINDS or kind == "unknown" else False},
            "search": " ".join([data["name"], *[a for a in data.get("aliases", "").split("|") if a]]),
            "tip": self.actor_tip(actor, list(tip_extra)),
            "f": filters or {"kind": [kind]},
        }
        if shape == "box":
            node["widthConstraint"] = {"maximum": ACTOR_WIDTH}
            node["shapeProperties"]["borderRadius"] = 14
        if size is not None:
            node["size"] = size
        return self.add_node(actor, node)

    # ----- edges -----
    def role_edge(self, actor: str, measure: str, rel: str, attrs: dict, smooth: bool = True) -> None:
        actor_name = self.node[actor]["name"]
        responsible = rel == RESPONSIBLE_FOR
        verb = self.t["rel_responsible"] if responsible else self.t["rel_partner"]
        title = f"{actor_name} {verb}: {self.node[measure]['text']}"
        notes = [v for v in (attrs.get("text"), attrs.get("remark"), attrs.get("hedge")) if v and v != actor_name]
        if notes:
            title += "\n(" + "; ".join(notes) + ")"
        if responsible:
            edge = {
                "id": len(self.edges),
                "from": self.index[actor],
                "to": self.index[measure],
                "rel": rel,
                "title": title,
                "color": {"color": RESPONSIBLE_COLOUR, "highlight": "#000000"},
                "width": 2.2,
                "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
                "dashes": False,
            }
        else:
            edge = {
                "id": len(self.edges),
                "from": self.index[actor],
                "to": self.index[measure],
                "rel": rel,
                "title": title,
                "color": {"color": PARTNER_COLOUR, "highlight": "#0d47a1"},
                "width": 1.6,
                "dashes": [7, 5],
                "arrows": {"to": {"enabled": False}},
            }
        if not smooth:
            edge["smooth"] = False
        self.edges.append(edge)

    def load(self, actors) -> None:
        self.owned: dict[str, list[str]] = defaultdict(list)
        self.partnered: dict[str, list[str]] = defaultdict(list)
        for measure, roles in self.roles.items():
            for actor in roles[RESPONSIBLE_FOR]:
                self.owned[actor].append(measure)
            for actor in roles[PARTNER_IN]:
                self.partnered[actor].append(measure)

    # ----- page parts -----
    def filters(self, measures: list[str], actors: list[str]) -> dict[str, list[tuple[str, str]]]:
        def options(values, labels=None):
            found = sorted({v or "" for v in values}, key=lambda v: (v == "", v.casefold()))
            return [(v, (labels or {}).get(v, v) if v else self.t["none_value"]) for v in found]

        data = [self.node[m] for m in measures]
        result = {
            "area": options(d.get("area") for d in data),
            "level": options(d.get("level") for d in data),
            "state": [
                (s, self.t["states"][s]) for s in STATE_COLOURS if any((d.get("state") or "unknown") == s for d in data)
            ],
            "kind": [(k, self.t["kinds"][k]) for k in KIND_COLOURS if any(self.node[a]["kind"] == k for a in actors)],
        }
        plans = options(d["plan"] for d in data)
        if len(plans) > 1:
            result["plan"] = plans
        return result

    def legend(
        self, measures: list[str], actors: list[str], edges: tuple[str, ...], sizes: str | None = None
    ) -> list[dict]:
        items = []
        kinds = {self.node[a]["kind"] for a in actors}
        for kind, (fill, border, _) in KIND_COLOURS.items():
            if kind in kinds:
                items.append(
                    {
                        "type": "actor",
                        "label": self.t["kinds"][kind],
                        "fill": fill,
                        "border": border,
                        "dashed": kind in VAGUE_KINDS or kind == "unknown",
                    }
                )
        states = {self.node[m].get("state") or "unknown" for m in measures}
        for state, (fill, border) in STATE_COLOURS.items():
            if state in states:
                items.append(
                    {
                        "type": "measure",
                        "label": f"{self.t['measure']}: {self.t['states'][state]}",
                        "fill": fill,
                        "border": border,
                        "dashed": state == "unknown",
                    }
                )
        for rel in edges:
            items.append(
                {
                    "type": "edge",
                    "rel": rel,
                    "label": self.t[
                        {
                            "RESPONSIBLE_FOR": "legend_responsible",
                            "PARTNER_IN": "legend_partner",
                            "COLLAB": "legend_width",
                            PART_OF: "legend_part_of",
                        }[rel]
                    ],
                }
            )
        if kinds & VAGUE_KINDS:
            items.append({"type": "note", "label": self.t["legend_vague"]})
        if sizes:
            items.append({"type": "note", "label": sizes})
        if any("g" in n for n in self.nodes):
            items.append({"type": "gap", "severity": "high", "label": self.t["legend_gap_high"]})
            items.append({"type": "gap", "severity": "medium", "label": self.t["legend_gap_medium"]})
        return items

    def measure_table(
        self, measures: list[str], extra: dict[str, list[str]] | None = None, extra_headings: list[str] = ()
    ) -> Table:
        t = self.t
        rows, row_nodes = [], []
        for measure in measures:
            data = self.node[measure]
            rows.append(
                [
                    data["text"],
                    data.get("area") or "",
                    data.get("level") or "",
                    self.status_label(data),
                    *(extra or {}).get(measure, []),
                    *self.role_names(measure),
                    self.source_label(data),
                    " ".join(f["message"] for f in self.findings_of.get(measure, [])),
                ]
            )
            row_nodes.append([self.index[measure]])
        return Table(
            t["measures_col"],
            [
                t["measure"],
                t["area"],
                t["level"],
                t["status"],
                *extra_headings,
                t["responsible_h"],
                t["partners_h"],
                t["source"],
                t["gaps_h"],
            ],
            rows,
            row_nodes,
        )

    def actor_table(
        self, actors: list[str], extra_heading: str | None = None, extra: dict[str, str] | None = None
    ) -> Table:
        t = self.t
        ordered = sorted(
            actors, key=lambda a: (-len(self.owned[a]), -len(self.partnered[a]), self.node[a]["name"].casefold(), a)
        )
        rows = [
            [
                self.node[a]["name"],
                t["kinds"].get(self.node[a]["kind"], self.node[a]["kind"]),
                str(len(self.owned[a])),
                str(len(self.partnered[a])),
                *([extra.get(a, "")] if extra is not None else []),
                " ".join(f["message"] for f in self.findings_of.get(a, [])),
            ]
            for a in ordered
        ]
        headings = [
            t["actor"],
            t["kind"],
            t["responsible_count"],
            t["partner_count"],
            *([extra_heading] if extra_heading else []),
            t["gaps_h"],
        ]
        return Table(
            t["actors_n"].format(n=len(actors)).capitalize(),
            headings,
            rows,
            [[self.index[a]] for a in ordered],
            frozenset({2, 3}),
        )


def _band_key(data: dict) -> tuple:
    return (data["plan"], data.get("area") or "", data.get("level") or "")


def _column(builder: _Builder, measures: list[str], band_of, band_label, x: float = 0.0):
    """Place measures top to bottom in bands; returns {measure: (y, lines)} and the bands."""
    placed, bands = {}, []
    y = 0.0
    current = object()
    for measure in measures:
        band = band_of(measure)
        if band != current:
            if bands:
                bands[-1]["y1"] = y - 10
                y += 34
            bands.append({"x": x, "y0": y - 8, "label": band_label(measure)})
            y += 30
            current = band
        lines = _wrap(builder.node[measure]["text"], 30, 3)
        height = 18 * len(lines) + 14
        placed[measure] = (y + height / 2, lines)
        y += height + 12
    if bands:
        bands[-1]["y1"] = y - 10
    for band in bands:
        band["width"] = MEASURE_WIDTH + 40
    return placed, bands


def _actor_height(builder: _Builder, actor: str, with_load: bool = True) -> float:
    lines = len(_wrap(builder.node[actor]["name"], 24, 2)) + (1 if with_load else 0)
    return 17 * lines + 16


def _place_actors(builder: _Builder, actors: list[str], y_of: dict[str, float], x: float) -> dict[str, tuple]:
    desired = []
    for actor in actors:
        ys = [y_of[m] for m in builder.owned[actor] + builder.partnered[actor] if m in y_of]
        desired.append(sum(ys) / len(ys) if ys else 0.0)
    heights = [_actor_height(builder, a) for a in actors]
    ys = layout.spread(desired, heights, gap=16)
    return {a: (x, round(y, 1)) for a, y in zip(actors, ys)}


def _measures_in_order(graph: nx.MultiDiGraph, measures) -> list[str]:
    node = graph._node
    return sorted(measures, key=lambda m: (node[m]["plan"], node[m]["row"], m))


def _title(graph: nx.MultiDiGraph, fallback: str) -> str:
    plans = [d for _, d in graph.nodes(data=True) if d["label"] == PLAN]
    if len(plans) == 1:
        return plans[0].get("title") or plans[0]["id"]
    return f"{len(plans)} handlingsplaner" if plans else fallback


def _three_columns(b: _Builder, measures: list[str], placed: dict, left: list[str], right: list[str]):
    """Actors left and right of the measure column, each near its measures' height, role edges between.

    Returns the column gap, the actors' positions and whether the view is big (straight edges).
    """
    y_of = {m: y for m, (y, _) in placed.items()}
    gap = MEASURE_WIDTH / 2 + ACTOR_WIDTH / 2 + 170
    pos = {**_place_actors(b, left, y_of, -gap), **_place_actors(b, right, y_of, gap)}
    for actor in left + right:
        b.actor_node(actor, *pos[actor])
    for measure in measures:
        y, lines = placed[measure]
        b.measure_node(measure, 0.0, round(y, 1), lines)
    big = len(b.nodes) > BIG
    shown = set(left) | set(right)
    # graph.edges' order, but only the shown actors' edges are walked
    for actor, targets in b.graph._succ.items():
        if actor not in shown:
            continue
        for measure, edges in targets.items():
            if measure in placed:
                for rel, attrs in edges.items():
                    if rel in (RESPONSIBLE_FOR, PARTNER_IN):
                        b.role_edge(actor, measure, rel, attrs, smooth=not big)
    return gap, pos, big


@gc_paused()
def plan_view(
    graph: nx.MultiDiGraph, findings: list[dict] | None = None, lang: str = "sv", *, roles: dict | None = None
) -> View:
    """Measures in plan order (bands by area and level) between their owners (left) and partners (right).

    ``roles`` is ``measure_actors(graph)`` when the caller has it already.
    """
    b = _Builder(graph, findings, lang, roles)
    t = b.t
    b.load(None)
    node = b.node
    measures = _measures_in_order(graph, (n for n, d in graph.nodes(data=True) if d["label"] == MEASURE))
    actors = sorted((a for a in set(b.owned) | set(b.partnered)), key=lambda a: (node[a]["name"].casefold(), a))
    several_plans = len({node[m]["plan"] for m in measures}) > 1

    def band_label(m):
        data = node[m]
        parts = [data["plan"]] if several_plans else []
        parts += [v for v in (data.get("area"), data.get("level")) if v]
        return " · ".join(parts) or t["measures_col"]

    placed, bands = _column(b, measures, lambda m: _band_key(node[m]), band_label)
    left = [a for a in actors if b.owned[a]]
    right = [a for a in actors if not b.owned[a]]
    gap, pos, big = _three_columns(b, measures, placed, left, right)
    top = min([bd["y0"] for bd in bands] + [p[1] for p in pos.values()] + [0.0]) - 60
    headers = [{"x": -gap, "y": top, "label": t["responsible_col"]}, {"x": 0.0, "y": top, "label": t["measures_col"]}]
    if right:
        headers.append({"x": gap, "y": top, "label": t["partner_col"]})
    view = View(
        "plan",
        lang,
        _title(graph, t["plan_title"]),
        t["plan_title"],
        b.nodes,
        b.edges,
        bands,
        headers,
        b.filters(measures, actors),
        [],
        [],
        b.plan_findings,
        big,
    )
    view.legend = b.legend(measures, actors, (RESPONSIBLE_FOR, PARTNER_IN))
    view.tables = [b.actor_table(actors), b.measure_table(measures)]
    view.subtitle = (
        f"{t['plan_title']} — {t['measures_n'].format(n=len(measures))}, {t['actors_n'].format(n=len(actors))}"
    )
    return view


@gc_paused()
def actor_view(
    graph: nx.MultiDiGraph,
    findings: list[dict] | None = None,
    lang: str = "sv",
    *,
    roles: dict | None = None,
    network: nx.Graph | None = None,
) -> View:
    """Actors only; an edge per pair sharing measures, width = how many, tooltip = which.

    ``roles`` and ``network`` (``measure_actors``, ``collaboration_network``) when the caller has them.
    """
    b = _Builder(graph, findings, lang, roles)
    t = b.t
    b.load(None)
    node = b.node
    network = network if network is not None else collaboration_network(graph, b.roles)
    actors = sorted((a for a in set(b.owned) | set(b.partnered)), key=lambda a: (node[a]["name"].casefold(), a))
    network = _subgraph_copy(network, actors)  # walked many times below: a filtering view is slow
    big = len(actors) > BIG
    facets: dict[str, dict[str, set]] = {a: defaultdict(set) for a in actors}
    measure_facets = {m: b.measure_filters(node[m]).items() for m in b.roles}  # once per measure, not per actor
    for actor in actors:
        for measure in b.owned[actor] + b.partnered[actor]:
            for name, values in measure_facets[measure]:
                facets[actor][name].update(values)
    if big:
        weight = dict(network.degree(weight="weight"))
        national = sorted((a for a in actors if not node[a].get("organisation")), key=lambda a: -weight[a])
        groups = layout.group_members({a: node[a]["organisation"] for a in actors if node[a].get("organisation")})
        for members in groups.values():
            members.sort(key=lambda a: (node[a]["kind"], -weight[a]))
        pos = layout.clusters(groups, national)
    else:
        pos = None
    most = max((len(b.owned[a]) for a in actors), default=1) or 1
    dot = {a: 10 + 30 * (len(b.owned[a]) / most) ** 0.5 for a in actors}
    if pos is None:  # label box below the dot: a box centred on the dot twice as tall covers both
        sizes = {
            a: (
                max(24, *(len(line) for line in _wrap(node[a]["name"], 24, 2))) * 7.2 + 12,
                2 * (dot[a] + _actor_height(b, a)) + 4,
            )
            for a in actors
        }
        pos = layout.spring(network, sizes)
    top_partners: dict[str, str] = {}
    for actor in actors:
        size = dot[actor]
        best = sorted(network._adj[actor].items(), key=lambda kv: (-kv[1]["weight"], node[kv[0]]["name"], kv[0]))[:3]
        top_partners[actor] = ", ".join(f"{node[o]['name']} ({e['weight']})" for o, e in best)
        filters = {"kind": [node[actor]["kind"]], **{k: sorted(v) for k, v in facets[actor].items()}}
        b.actor_node(
            actor,
            *pos[actor],
            shape="dot",
            with_load=not big,
            size=round(size, 1),
            filters=filters,
            tip_extra=[f"{t['collaborates']}: {top_partners[actor]}"] if top_partners[actor] else [],
        )
    measure_index = {}
    measure_texts = []
    pairs = []
    for a, c, data in network.edges(data=True):
        ids = data["measures"]
        for m in ids:
            if m not in measure_index:
                measure_index[m] = len(measure_texts)
                measure_texts.append(node[m]["text"])
        listed = 3 if big else 8  # keeps the 300-plan page to a few MB
        shown = [f"• {node[m]['text']}" for m in ids[:listed]]
        if len(ids) > listed:
            shown.append(t["more"].format(n=len(ids) - listed))
        title = "\n".join([t["shared_measures"].format(a=node[a]["name"], b=node[c]["name"], n=len(ids)), *shown])
        width = min(1 + 1.6 * (len(ids) - 1), 12)
        b.edges.append(
            {
                "id": len(b.edges),
                "from": b.index[a],
                "to": b.index[c],
                "rel": "COLLAB",
                "weight": len(ids),
                "width": round(width, 1),
                "title": title,  # colour and straight lines: page options
                "shared": [measure_index[m] for m in ids],
            }
        )  # the page builds the tooltip from these on hover
        pairs.append((len(ids), a, c, ids))
    pairs.sort(key=lambda p: (-p[0], node[p[1]]["name"], node[p[2]]["name"]))
    pair_rows = [
        [
            f"{node[a]['name']} — {node[c]['name']}",
            str(n),
            "; ".join(node[m]["text"] for m in ids[:5]) + (" …" if len(ids) > 5 else ""),
        ]
        for n, a, c, ids in pairs
    ]
    measures = list(b.roles)
    view = View(
        "actors",
        lang,
        _title(graph, t["actors_title"]),
        t["actors_title"],
        b.nodes,
        b.edges,
        [],
        [],
        b.filters(measures, actors),
        [],
        [],
        b.plan_findings,
        big,
        measure_texts,
    )
    view.legend = b.legend([], actors, ("COLLAB",), sizes=t["legend_size"])
    view.tables = [
        b.actor_table(actors, t["collaborates"], top_partners),
        Table(
            t["pairs_n"].format(n=len(pairs)).capitalize(),
            [t["pair"], t["shared"], t["measures_col"]],
            pair_rows,
            [[b.index[a], b.index[c]] for _, a, c, _ in pairs],
            frozenset({1}),
        ),
    ]
    view.subtitle = f"{t['actors_title']} — {t['actors_n'].format(n=len(actors))}, {t['pairs_n'].format(n=len(pairs))}"
    return view


@gc_paused()
def ego_view(
    graph: nx.MultiDiGraph,
    actor: str,
    findings: list[dict] | None = None,
    lang: str = "sv",
    subunits: bool = True,
    *,
    roles: dict | None = None,
) -> View:
    """The actor (and its units), the measures it is responsible for or takes part in, the other actors on them.

    ``actor`` is a name, alias, spelling used in a plan, or id, as for
    ``graphmodel depends-on``; an unknown name raises UnknownActorError.
    """
    b = _Builder(graph, findings, lang, roles)
    t = b.t
    b.load(None)
    node = b.node
    found = find_actors(graph, actor)
    counts_for = with_subunits(graph, found, subunits)
    name = ", ".join(node[a]["name"] for a in found)
    role = _roles_of(graph, counts_for)
    measures = sorted(role, key=lambda m: (role[m][0], node[m]["plan"], node[m]["row"], m))
    owned = sum(1 for m in measures if role[m][0] == 0)

    def band_label(m):
        return (t["ego_resp_band"] if role[m][0] == 0 else t["ego_part_band"]).format(
            actor=name, count=owned if role[m][0] == 0 else len(measures) - owned
        )

    placed, bands = _column(b, measures, lambda m: role[m][0], band_label)
    ego = [
        a
        for a in sorted(counts_for, key=lambda a: (a not in found, node[a]["name"].casefold(), a))
        if a in found or b.owned[a] or b.partnered[a]
    ]
    others = sorted(
        {a for m in measures for rel in (RESPONSIBLE_FOR, PARTNER_IN) for a in b.roles[m][rel]} - set(ego),
        key=lambda a: (node[a]["name"].casefold(), a),
    )
    gap, pos, big = _three_columns(b, measures, placed, ego, others)
    for child in ego:
        for _, parent, rel in graph.out_edges(child, keys=True):
            if rel == PART_OF and parent in b.index and parent in counts_for:
                b.edges.append(
                    {
                        "id": len(b.edges),
                        "from": b.index[child],
                        "to": b.index[parent],
                        "rel": PART_OF,
                        "title": f"{node[child]['name']} {t['rel_part_of']} {node[parent]['name']}",
                        "color": {"color": PART_OF_COLOUR},
                        "dashes": [2, 4],
                        "width": 1.5,
                        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                        "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.3},
                    }
                )
    top = min([bd["y0"] for bd in bands] + [p[1] for p in pos.values()] + [0.0]) - 60
    headers = [{"x": -gap, "y": top, "label": t["ego_col"]}, {"x": 0.0, "y": top, "label": t["measures_col"]}]
    if others:
        headers.append({"x": gap, "y": top, "label": t["others_col"]})
    title = t["ego_title"].format(actor=name)
    view = View(
        "ego",
        lang,
        title,
        _title(graph, title),
        b.nodes,
        b.edges,
        bands,
        headers,
        b.filters(measures, ego + others),
        [],
        [],
        b.plan_findings,
        big,
    )
    view.legend = b.legend(
        measures,
        ego + others,
        (RESPONSIBLE_FOR, PARTNER_IN) + ((PART_OF,) if any(e["rel"] == PART_OF for e in b.edges) else ()),
    )
    roles = {m: [t["responsible"] if role[m][0] == 0 else t["partner"], role[m][1]] for m in measures}
    shared = Counter(a for m in measures for a in set(b.roles[m][RESPONSIBLE_FOR]) | set(b.roles[m][PARTNER_IN]))
    view.tables = [
        b.measure_table(measures, roles, [t["role"], t["via"]]),
        b.actor_table(others, t["shared"], {a: str(shared[a]) for a in others}),
    ]
    view.subtitle = (
        f"{_title(graph, title)} — {t['measures_n'].format(n=len(measures))}, {t['actors_n'].format(n=len(others))}"
    )
    return view


def _subgraph_copy(network: nx.Graph, nodes: list[str]) -> nx.Graph:
    """``network.subgraph(nodes).copy()`` without the filtering view, nodes and edges in the network's order
    (networkx's own walks a set when ``nodes`` is less than half: an order that changes from run to run)."""
    keep = set(nodes)
    copy = network.__class__()
    copy.graph.update(network.graph)
    copy.add_nodes_from((n, data.copy()) for n, data in network._node.items() if n in keep)
    copy.add_edges_from(
        (u, v, data.copy())
        for u, neighbours in network._adj.items()
        if u in keep
        for v, data in neighbours.items()
        if v in keep
    )
    return copy


def _roles_of(graph: nx.MultiDiGraph, actors: dict[str, int]) -> dict[str, tuple[int, str]]:
    """Measure -> (0 responsible or 1 partner, via): the role and via of ``measures_depending_on``'s rows.

    ``actors`` is ``with_subunits``' answer ({actor: depth}). The same choice
    (responsible before partner, then the nearest unit, then the smallest id),
    without finding the actors again or building the rows' JSON.
    """
    best: dict[str, tuple[int, int, str]] = {}
    for actor, depth in actors.items():
        for measure, edges in graph._succ[actor].items():
            for rel in edges:
                if rel in (RESPONSIBLE_FOR, PARTNER_IN):
                    candidate = (0 if rel == RESPONSIBLE_FOR else 1, depth, actor)
                    if measure not in best or candidate < best[measure]:
                        best[measure] = candidate
    return {m: (rank, graph._node[a]["name"]) for m, (rank, _, a) in best.items()}


@gc_paused()
def most_central_actor(graph: nx.MultiDiGraph, network: nx.Graph | None = None) -> str | None:
    """Polisen when the plans name it, else the real actor with the most shared measures."""
    node = graph._node
    try:
        return find_actors(graph, "Polisen")[0]
    except Exception:  # UnknownActorError: no police in these plans
        pass
    network = network if network is not None else collaboration_network(graph)
    real = [
        (w, node[a]["name"], a) for a, w in network.degree(weight="weight") if node[a]["kind"] not in VAGUE_KINDS and w
    ]
    if not real:
        return None
    return min(real, key=lambda r: (-r[0], r[1], r[2]))[2]


def counts(view: View) -> Counter:
    """Nodes and edges by type, for tests and the benchmark."""
    c = Counter(n["type"] for n in view.nodes)
    c.update(e["rel"] for e in view.edges)
    return c
