"""The listings as pandas DataFrames, for analysts who work in notebooks.

Each frame is built from the JSON-contract rows (``graphmodel.api.measures``,
``actors``, the findings of ``find_gaps``), flattened: a nested object
becomes columns named ``status_state``, ``source_row`` …; a list becomes one
text joined with "; " (names and ids in two columns that line up). Text is
pandas' ``string`` dtype, counts and rows ``Int64``, flags ``boolean``; a
measure's state and a finding's severity are categories in their fixed order.
What the JSON leaves empty (null, "", an empty list) is NA. The JSON holds no
dates in these rows: a status's ``start`` and ``due`` are periods such as
``2017-autumn`` or ``2018-H1`` and stay text, as written by the status reader.
pandas is imported only when a frame is made.

    >>> import graphmodel as gm
    >>> graph = gm.build_graph(gm.read_plans([gm.EXAMPLE_PLAN]))
    >>> gm.measures_frame(graph).loc[:, ["text", "responsible"]].head(2)
                                                    text            responsible
    0                  Samordning av involverade aktörer  Preventionssamordnare
    1  Uppdatering enligt samverkansöverenskommelse m...  Preventionssamordnare
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..analyse.listing import actors, measures
from ..model import STATES

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["measures_frame", "actors_frame", "findings_frame", "MEASURE_FRAME", "ACTOR_FRAME", "FINDING_FRAME"]

SEVERITIES = ("high", "medium", "low", "info")

# (column, its dtype: "string", "Int64", "boolean", a tuple of categories in order, or "object")
MEASURE_FRAME = (
    ("id", "string"),
    ("plan", "string"),
    ("area", "string"),
    ("level", "string"),
    ("text", "string"),
    ("responsible", "string"),
    ("responsible_ids", "string"),
    ("partners", "string"),
    ("partner_ids", "string"),
    ("status_state", STATES),
    ("status_start", "string"),
    ("status_due", "string"),
    ("status_text", "string"),
    ("source_file", "string"),
    ("source_row", "Int64"),
    ("source_sheet", "string"),
    ("source_reference", "string"),
)
ACTOR_FRAME = (
    ("id", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("scope", "string"),
    ("parent", "string"),
    ("organisation", "string"),
    ("aliases_seen", "string"),
    ("responsible_count", "Int64"),
    ("partner_count", "Int64"),
    ("responsible_for", "string"),
    ("partner_in", "string"),
    ("unknown", "boolean"),
    ("suggestions", "string"),
)
FINDING_FRAME = (
    ("severity", SEVERITIES),
    ("kind", "string"),
    ("plan", "string"),
    ("message", "string"),
    ("measure_ids", "string"),
    ("measure_texts", "string"),
    ("measure_rows", "string"),
    ("actors", "string"),
    ("actor_ids", "string"),
    ("evidence", "object"),
)


def _joined(values: Iterable) -> str | None:
    """A list as one cell, "a; b"; None (NA) for an empty list."""
    return "; ".join(map(str, values)) or None


def _measure_cells(row: dict) -> dict:
    status, source = row["status"], row["source"]
    cells = {
        "id": row["id"],
        "plan": row["plan"],
        "area": row["area"],
        "level": row["level"],
        "text": row["text"],
        "responsible": _joined(r["name"] for r in row["responsible"]),
        "responsible_ids": _joined(r["id"] for r in row["responsible"]),
        "partners": _joined(r["name"] for r in row["partners"]),
        "partner_ids": _joined(r["id"] for r in row["partners"]),
        "status_state": status["state"],
        "status_start": status["start"],
        "status_due": status["due"],
        "status_text": status["text"],
        "source_file": source["file"],
        "source_row": source["row"],
        "source_sheet": source["sheet"],
        "source_reference": source["reference"],
    }
    for header, value in row.get("extra", {}).items():
        cells[f"extra:{header}"] = value
    return cells


def _actor_cells(row: dict) -> dict:
    return {
        **row,
        **{key: _joined(row[key]) for key in ("aliases_seen", "responsible_for", "partner_in", "suggestions")},
    }


def _finding_cells(finding: dict) -> dict:
    found = finding["measures"]
    return {
        "severity": finding["severity"],
        "kind": finding["kind"],
        "plan": finding["plan"],
        "message": finding["message"],
        "measure_ids": _joined(m["id"] for m in found),
        "measure_texts": _joined(m["text"] for m in found),
        "measure_rows": _joined(m["row"] for m in found),
        "actors": _joined(finding["actors"]),
        "actor_ids": _joined(finding.get("actor_ids", ())),
        "evidence": finding["evidence"],
    }


def measures_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Every measure, one row each in plan and file order (``graphmodel measures``), flattened.

    Columns: ``MEASURE_FRAME``, then ``extra:<header>`` for each column the
    plans had that the tool does not know, in the order first met.
    """
    return _frame([_measure_cells(row) for row in measures(graph)], MEASURE_FRAME, extra=True)


def actors_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """Every actor with what it owns and takes part in, heaviest load first (``graphmodel actors``).

    Columns: ``ACTOR_FRAME``; ``responsible_for`` and ``partner_in`` are measure ids joined with "; ".
    """
    return _frame([_actor_cells(row) for row in actors(graph)], ACTOR_FRAME)


def findings_frame(findings: Iterable[dict]) -> pd.DataFrame:
    """Gap findings (``find_gaps``, ``graphmodel gaps``), one row each, in the order given.

    Columns: ``FINDING_FRAME``. ``evidence`` keeps each finding's evidence as a
    dict, since its keys differ by kind: ``frame.evidence.str.get("count")``
    reads one of them.

        >>> import graphmodel as gm
        >>> from graphmodel.analyse.gaps import find_gaps
        >>> graph = gm.build_graph(gm.read_plans([gm.EXAMPLE_PLAN]))
        >>> frame = gm.findings_frame(find_gaps(graph))
        >>> frame.loc[0, ["severity", "kind", "measure_texts", "measure_rows"]].tolist()
        ['high', 'unassigned', 'Orosanmälan unga under 18 år', '9']
    """
    return _frame([_finding_cells(f) for f in findings], FINDING_FRAME)


def _frame(rows: list[dict], columns: tuple, extra: bool = False) -> pd.DataFrame:
    """A DataFrame of ``rows`` with ``columns`` in order and dtype; an empty string is NA."""
    import pandas as pd

    names = [name for name, _ in columns]
    dtypes = dict(columns)
    if extra:
        seen = dict.fromkeys(key for row in rows for key in row if key not in dtypes)
        names += list(seen)
        dtypes.update(dict.fromkeys(seen, "string"))
    data = {}
    for name in names:
        kind = dtypes[name]
        values = [row.get(name) for row in rows]
        if kind == "string":
            values = [None if value == "" else value for value in values]
            data[name] = pd.array(values, dtype=pd.StringDtype())
        elif isinstance(kind, tuple):
            data[name] = pd.Categorical(values, categories=list(kind), ordered=True)
        elif kind == "object":
            data[name] = pd.Series(values, dtype=object)
        else:
            data[name] = pd.array(values, dtype=kind)
    return pd.DataFrame(data, columns=names)
