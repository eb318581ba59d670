"""Listings of the graph: every measure with its actors, every actor with its load.

These rows are the JSON contract that other commands and users build on
(README, "JSON contract"). Pure: graph in, plain dicts out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, TypeAlias

from ..model import ACTOR, MEASURE, PARTNER_IN, RESPONSIBLE_FOR

if TYPE_CHECKING:
    from ..build import PlanGraph

    #: A row of the JSON contract: the keys each function documents, values JSON-ready.
    JsonRow: TypeAlias = dict[str, Any]


def _actor_ref(graph: PlanGraph, actor_id: str, edge: dict[str, Any]) -> JsonRow:
    node = graph.nodes[actor_id]
    ref = {"id": actor_id, "name": node["name"], "text": edge.get("text", node["name"]), "kind": node["kind"]}
    for optional in ("remark", "hedge"):
        if optional in edge:
            ref[optional] = edge[optional]
    if node.get("unknown"):
        ref["unknown"] = True
    return ref


def measure_row(graph: PlanGraph, measure_id: str) -> JsonRow:
    """One measure as a JSON-ready object (the contract of ``graphmodel measures``)."""
    node = graph.nodes[measure_id]
    roles: dict[str, list[tuple[int, JsonRow]]] = {RESPONSIBLE_FOR: [], PARTNER_IN: []}
    for actor_id, _, rel, edge in graph.in_edges(measure_id, keys=True, data=True):
        if rel in roles:
            roles[rel].append((edge.get("order", 0), _actor_ref(graph, actor_id, edge)))
    extra = {k.removeprefix("extra:"): v for k, v in node.items() if k.startswith("extra:")}
    row: JsonRow = {
        "id": measure_id,
        "plan": node["plan"],
        "area": node.get("area"),
        "level": node.get("level"),
        "text": node["text"],
        "status": {
            "state": node["state"],
            "start": node.get("start"),
            "due": node.get("due"),
            "text": node.get("status_text", ""),
        },
        "source": {
            "file": node["file"],
            "row": node["row"],
            "sheet": node.get("sheet"),
            "reference": node.get("reference"),
            "place": node.get("place"),  # a Word document's or PDF's "page 2, table 4, row 4"
            "page": node.get("page"),
        },
        "responsible": [ref for _, ref in sorted(roles[RESPONSIBLE_FOR], key=lambda p: p[0])],
        "partners": [ref for _, ref in sorted(roles[PARTNER_IN], key=lambda p: p[0])],
    }
    if extra:
        row["extra"] = extra
    return row


def measures(graph: PlanGraph) -> list[JsonRow]:
    """Every measure, in plan order then file order."""
    ids = [n for n, d in graph.nodes(data=True) if d["label"] == MEASURE]
    ids.sort(key=lambda n: (graph.nodes[n]["plan"], graph.nodes[n].get("sheet") or "", graph.nodes[n]["row"]))
    return [measure_row(graph, n) for n in ids]


def actors(graph: PlanGraph) -> list[JsonRow]:
    """Every actor with what it owns and takes part in; heaviest load first."""
    responsible: dict[str, list[str]] = defaultdict(list)
    partner: dict[str, list[str]] = defaultdict(list)
    seen_as: dict[str, list[str]] = defaultdict(list)
    for actor_id, measure_id, rel, edge in graph.edges(keys=True, data=True):
        if rel == RESPONSIBLE_FOR:
            responsible[actor_id].append(measure_id)
        elif rel == PARTNER_IN:
            partner[actor_id].append(measure_id)
        else:
            continue
        text = edge.get("text")
        if text and text not in seen_as[actor_id]:
            seen_as[actor_id].append(text)
    rows: list[JsonRow] = []
    for actor_id, node in graph.nodes(data=True):
        if node["label"] != ACTOR:
            continue
        rows.append(
            {
                "id": actor_id,
                "name": node["name"],
                "kind": node["kind"],
                "scope": node["scope"],
                "parent": node.get("parent"),
                "organisation": node.get("organisation"),
                "aliases_seen": seen_as[actor_id],
                "responsible_count": len(responsible[actor_id]),
                "partner_count": len(partner[actor_id]),
                "responsible_for": sorted(responsible[actor_id]),
                "partner_in": sorted(partner[actor_id]),
                "unknown": bool(node.get("unknown")),
                "suggestions": [s for s in node.get("suggestions", "").split("|") if s],
            }
        )
    rows.sort(key=lambda r: (-r["responsible_count"], -r["partner_count"], r["name"].casefold(), r["id"]))
    return rows
