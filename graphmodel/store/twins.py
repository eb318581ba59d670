"""The networkx twin of every library query: the embedded answer in the query's columns and order.

``TWINS[name](graph, params)`` calls the function of ``graphmodel.analyse`` that
the query's header names (``mirrors:``) and projects its result onto the
query's ``returns:`` columns, sorted as the query's ORDER BY sorts. The parity
tests compare the two row for row; a notebook can use ``answer`` to get the
embedded answer to a library query without a server (an actor no plan names
raises UnknownActorError, as ``Store.query`` does on Neo4j)::

    >>> import graphmodel as gm
    >>> graph = gm.build_graph(gm.read_plans([gm.EXAMPLE_PLAN]))
    >>> answer(graph, "depends-on", {"actor": "Polisen"})[0]["role"]
    'partner'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import networkx as nx

from ..analyse import gaps, questions
from . import cypher

Twin = Callable[[nx.MultiDiGraph, dict], list[dict]]


def _by_row(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["plan"], r["row"], r["id"]))


def _measure(graph, measure_id: str, *columns: str) -> dict:
    node = graph.nodes[measure_id]
    row = {"plan": node["plan"], "row": node["row"], "id": measure_id, "text": node["text"]}
    for c in columns:
        row[c] = node.get(c)
    return row


def depends_on(graph, p):
    rows = questions.measures_depending_on(graph, p["actor"], subunits=p["subunits"])
    return _by_row(
        [
            {**_measure(graph, r["id"], "area", "level", "state", "due"), "role": r["role"], "via": r["via"]}
            for r in rows
        ]
    )


def responsible_for(graph, p):
    rows = questions.responsible_for(graph, p["actor"], subunits=p["subunits"])
    return _by_row([{**_measure(graph, r["id"], "area", "level", "state", "due"), "via": r["via"]} for r in rows])


def works_with(graph, p):
    rows = questions.works_with(graph, p["actor"], subunits=p["subunits"])
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "kind": r["kind"],
            "shared_count": r["shared_count"],
            "measure_ids": [m["id"] for m in r["measures"]],
        }
        for r in rows
    ]  # in the order works_with gives (casefolded names; Cypher sorts by sort_name)


def what_if(graph, p):
    result = gaps.what_if(graph, p["actor"])
    return _by_row(
        [{**_measure(graph, m["id"]), "owners": sorted(m["owners"])} for m in result["measures_losing_owner"]]
    )


def overview(graph, p):
    return questions.overview(graph)


def _findings(graph, kind: str, **settings) -> list[dict]:
    return [f for f in gaps.find_gaps(graph, gaps.GapSettings(**settings)) if f["kind"] == kind]


def unassigned(graph, p):
    return _by_row([_measure(graph, f["measures"][0]["id"]) for f in _findings(graph, "unassigned")])


def vague_owner(graph, p):
    return _by_row(
        [
            {**_measure(graph, f["measures"][0]["id"]), "owners": sorted(f["actors"])}
            for f in _findings(graph, "vague-owner")
        ]
    )


def overloaded(graph, p):
    found = _findings(graph, "overloaded", overload_count=p["minCount"], overload_share=p["minShare"])
    rows = [
        {
            "plan": f["plan"],
            "actor_id": f["actor_ids"][0],
            "name": f["actors"][0],
            "count": f["evidence"]["count"],
            "total": f["evidence"]["total"],
            "share": f["evidence"]["count"] / f["evidence"]["total"],
        }
        for f in found
    ]
    return sorted(rows, key=lambda r: (r["plan"] is None, r["plan"] or "", r["actor_id"]))


def _actor_rows(found: list[dict]) -> list[dict]:
    rows = [
        {
            "actor_id": f["actor_ids"][0],
            "name": f["actors"][0],
            "count": f["evidence"]["count"],
            "plan": f["plan"],
            "measure_ids": sorted(m["id"] for m in f["measures"]),
        }
        for f in found
    ]
    return sorted(rows, key=lambda r: r["actor_id"])


def partner_without_ownership(graph, p):
    return _actor_rows(_findings(graph, "partner-without-ownership", partner_min=p["partnerMin"]))


def sole_owners(graph, p):
    return _actor_rows(_findings(graph, "single-point-of-failure"))


def overdue(graph, p):
    found = _findings(graph, "overdue", as_of=dt.date.fromisoformat(p["asOf"]))
    return _by_row(
        [{**_measure(graph, f["measures"][0]["id"], "due", "state"), "owners": sorted(f["actors"])} for f in found]
    )


def plan_not_revised(graph, p):
    found = _findings(graph, "plan-not-revised", as_of=dt.date.fromisoformat(p["asOf"]))
    return sorted(
        (
            {
                "plan": f["plan"],
                "dated": len(f["measures"]),
                "latest": f["evidence"]["latest"],
                "overdue": f["evidence"]["overdue"],
            }
            for f in found
        ),
        key=lambda r: r["plan"],
    )


def no_status(graph, p):
    return _by_row([_measure(graph, f["measures"][0]["id"], "status_text") for f in _findings(graph, "no-status")])


def coverage(graph, p):
    return [
        {
            "plan": r["plan"],
            "area": r["area"],
            "level": r["level"],
            "measures": r["measures"],
            "kinds": [[k, n] for k, n in r["kinds"].items()],
        }
        for r in gaps.coverage_table(graph)
    ]


TWINS: dict[str, Twin] = {
    "depends-on": depends_on,
    "responsible-for": responsible_for,
    "works-with": works_with,
    "what-if": what_if,
    "overview": overview,
    "unassigned": unassigned,
    "vague-owner": vague_owner,
    "overloaded": overloaded,
    "partner-without-ownership": partner_without_ownership,
    "sole-owners": sole_owners,
    "overdue": overdue,
    "plan-not-revised": plan_not_revised,
    "no-status": no_status,
    "coverage": coverage,
}


def answer(graph: nx.MultiDiGraph, name: str, params: dict[str, object] | None = None) -> list[dict]:
    """The embedded answer to library query ``name``: same parameters (defaults from its header), same rows."""
    stmt = cypher.query(name)
    values = stmt.bind(params or {})
    return [{c: row[c] for c in stmt.returns} for row in TWINS[name](graph, values)]
