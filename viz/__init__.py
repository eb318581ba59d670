"""Interactive network views of the plan graph: offline, self-contained HTML files.

>>> import graphmodel as gm, viz
>>> graph = gm.build_graph(gm.read_plans(["data/plans/skarholmen-2017.csv"]))
>>> view = viz.plan_view(graph)
>>> (view.kind, sum(n["type"] == "measure" for n in view.nodes))
('plan', 17)

``plan_view``, ``actor_view`` and ``ego_view`` build a ``View`` from a graph
(and optionally gap findings); ``write_view`` writes it as one HTML file;
``write_views`` writes the standard set for ``graphmodel report``.
"""

from __future__ import annotations

from pathlib import Path

from .page import render, write as write_view
from .views import View, actor_view, ego_view, most_central_actor, plan_view

__all__ = ["View", "actor_view", "ego_view", "plan_view", "render", "write_view", "write_views",
           "most_central_actor"]

FILE_NAMES = {"plan": "natverk-plan.html", "actors": "natverk-aktorer.html", "ego": "natverk-{slug}.html"}
LABELS = {
    "sv": {"plan": "Planen: åtgärder, ansvariga och medverkande (med brister markerade)",
           "actors": "Samverkan mellan aktörer", "ego": "{actor}: åtgärder som beror på aktören"},
    "en": {"plan": "The plan: measures, owners and partners (gaps highlighted)",
           "actors": "Collaboration between actors", "ego": "{actor}: measures that depend on it"},
}


def _slug(name: str) -> str:
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "aktor"


def write_views(graph, findings: list[dict] | None, out_dir: Path, lang: str = "sv") -> dict[str, str]:
    """Write the report's views into ``out_dir``; return ``{label: file name}`` in the order to list them.

    The plan view with the gap overlay, the actor collaboration view, and the
    ego view of Polisen (or, without police in the plans, of the real actor
    sharing the most measures). Labels are Swedish unless ``lang="en"``.
    """
    out_dir = Path(out_dir)
    labels = LABELS[lang]
    written = {}
    write_view(plan_view(graph, findings, lang), out_dir / FILE_NAMES["plan"])
    written[labels["plan"]] = FILE_NAMES["plan"]
    write_view(actor_view(graph, findings, lang), out_dir / FILE_NAMES["actors"])
    written[labels["actors"]] = FILE_NAMES["actors"]
    central = most_central_actor(graph)
    if central is not None:
        name = graph.nodes[central]["name"]
        file_name = FILE_NAMES["ego"].format(slug=_slug(name))
        write_view(ego_view(graph, central, findings, lang), out_dir / file_name)
        written[labels["ego"].format(actor=name)] = file_name
    return written
