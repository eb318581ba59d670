"""Interactive network views of the plan graph: offline, self-contained HTML files.

>>> import graphmodel as gm
>>> from graphmodel import viz
>>> graph = gm.build_graph(gm.read_plans([gm.EXAMPLE_PLAN]))
>>> view = viz.plan_view(graph)
>>> (view.kind, sum(n["type"] == "measure" for n in view.nodes))
('plan', 17)

``plan_view``, ``actor_view`` and ``ego_view`` build a ``View`` from a graph
(and optionally gap findings); ``write_view`` writes it as one HTML file;
``write_views`` writes the standard set for ``graphmodel report``.
"""

from __future__ import annotations

from contextlib import nullcontext

from .page import render
from .page import write as write_view
from .views import View, actor_view, ego_view, most_central_actor, plan_view

__all__ = [
    "View",
    "actor_view",
    "ego_view",
    "plan_view",
    "render",
    "render_views",
    "write_view",
    "write_views",
    "most_central_actor",
]

FILE_NAMES = {"plan": "natverk-plan.html", "actors": "natverk-aktorer.html", "ego": "natverk-{slug}.html"}
LABELS = {
    "sv": {
        "plan": "Planen: åtgärder, ansvariga och medverkande (med brister markerade)",
        "actors": "Samverkan mellan aktörer",
        "ego": "{actor}: åtgärder som beror på aktören",
    },
    "en": {
        "plan": "The plan: measures, owners and partners (gaps highlighted)",
        "actors": "Collaboration between actors",
        "ego": "{actor}: measures that depend on it",
    },
}


def _slug(name: str) -> str:
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    # A file name has room for 255 bytes; an unknown actor's name can run to thousands of characters.
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower())[:60].strip("-") or "aktor"


def render_views(
    graph, findings: list[dict] | None, lang: str = "sv", *, roles: dict | None = None, network=None
) -> tuple[dict[str, str], dict[str, str]]:
    """The report's views as pages: ``({label: file name}, {file name: HTML})``, labels in listing order.

    The plan view with the gap overlay, the actor collaboration view, and the
    ego view of Polisen (or, without police in the plans, of the real actor
    sharing the most measures). Labels are Swedish unless ``lang="en"``.
    ``roles`` (``measure_actors``) and ``network`` (``collaboration_network``)
    are computed here unless given. Pure: nothing is written.
    """
    from graphmodel.analyse.metrics import collaboration_network, measure_actors

    if roles is None:
        roles = measure_actors(graph)
    if network is None:
        network = collaboration_network(graph, roles)
    labels = LABELS[lang]
    listed = {labels["plan"]: FILE_NAMES["plan"], labels["actors"]: FILE_NAMES["actors"]}
    pages = {
        FILE_NAMES["plan"]: render(plan_view(graph, findings, lang, roles=roles)),
        FILE_NAMES["actors"]: render(actor_view(graph, findings, lang, roles=roles, network=network)),
    }
    central = most_central_actor(graph, network)
    if central is not None:
        name = graph.nodes[central]["name"]
        file_name = FILE_NAMES["ego"].format(slug=_slug(name))
        if file_name in pages:  # an actor named "Plan" or "Aktörer" must not replace those views
            file_name = FILE_NAMES["ego"].format(slug="aktor-" + _slug(name))
        pages[file_name] = render(ego_view(graph, central, findings, lang, roles=roles))
        listed[labels["ego"].format(actor=name)] = file_name
    return listed, pages


def write_views(
    graph, findings: list[dict] | None, out, lang: str = "sv", *, roles: dict | None = None, network=None
) -> dict[str, str]:
    """Write the report's views (``render_views``) into ``out``; return ``{label: file name}`` in listing order.

    ``out`` is a folder or a ``graphmodel.outputs.Outputs`` (the report's set of files).
    """
    from graphmodel.outputs import Outputs

    listed, pages = render_views(graph, findings, lang, roles=roles, network=network)
    with Outputs(out) if not isinstance(out, Outputs) else nullcontext(out) as files:
        for file_name, html in pages.items():
            files.write_text(file_name, html)
    return listed
