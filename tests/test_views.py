"""The network views as HTML: counts, offline, escaping, the CLI and write_views (no browser here)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from graphmodel.viz.page import script_json

import graphmodel as gm
from graphmodel import viz
from graphmodel.analyse.gaps import GapSettings, find_gaps
from graphmodel.cli import main
from graphmodel.errors import UnknownActorError
from graphmodel.model import MEASURE, PARTNER_IN, RESPONSIBLE_FOR
from tests.conftest import SKARHOLMEN

PAYLOAD_ACTOR = "<img src=x onerror=window.__pwned=1>"
PAYLOAD_MEASURE = "</script><script>window.__pwned=2</script>"
PAYLOAD_STATUS = '<a href="#" onclick="window.__pwned=3">href</a>'


@pytest.fixture(scope="module")
def graph():
    return gm.build_graph(gm.read_plans([SKARHOLMEN]))


@pytest.fixture(scope="module")
def findings(graph):
    return find_gaps(graph, GapSettings())


def role_edges(graph):
    return [(a, m, r) for a, m, r in graph.edges(keys=True) if r in (RESPONSIBLE_FOR, PARTNER_IN)]


def payload_graph():
    """Skärholmen with hostile text in an actor name, a measure text and a status."""
    graph = gm.build_graph(gm.read_plans([SKARHOLMEN]))
    graph.nodes["polisen"]["name"] = PAYLOAD_ACTOR
    measure = next(n for n, d in graph.nodes(data=True) if d["label"] == MEASURE and d["row"] == 10)
    graph.nodes[measure]["text"] = PAYLOAD_MEASURE
    graph.nodes[measure]["status_text"] = PAYLOAD_STATUS
    graph.nodes[measure]["area"] = PAYLOAD_STATUS
    return graph


def test_plan_view_draws_every_measure_actor_and_role(graph, findings):
    view = viz.plan_view(graph, findings)
    measures = [n for n, d in graph.nodes(data=True) if d["label"] == MEASURE]
    actors = {a for a, _, _ in role_edges(graph)}
    assert sum(n["type"] == "measure" for n in view.nodes) == len(measures) == 17
    assert {n["key"] for n in view.nodes if n["type"] == "actor"} == actors
    assert len(view.edges) == len(role_edges(graph)) == 41
    responsible = [e for e in view.edges if e["rel"] == RESPONSIBLE_FOR]
    partner = [e for e in view.edges if e["rel"] == PARTNER_IN]
    assert all(e["arrows"]["to"]["enabled"] and not e["dashes"] for e in responsible)
    assert all(e["dashes"] and not e["arrows"]["to"]["enabled"] for e in partner)


def test_plan_view_positions_are_fixed_and_owners_left_of_partners(graph):
    view = viz.plan_view(graph)
    by_key = {n["key"]: n for n in view.nodes}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in view.nodes)
    assert by_key["polisen"]["x"] > 0  # partner only: right column
    assert by_key["skarholmens-stadsdelsforvaltning/preventionssamordnare"]["x"] < 0  # owner: left column
    assert viz.plan_view(graph).nodes == view.nodes  # deterministic


def test_vague_actors_are_dashed_and_gaps_marked(graph, findings):
    view = viz.plan_view(graph, findings)
    by_key = {n["key"]: n for n in view.nodes}
    assert by_key["skarholmens-stadsdelsforvaltning/medarbetare"]["shapeProperties"]["borderDashes"]
    assert not by_key["polisen"]["shapeProperties"]["borderDashes"]
    coordinator = by_key["skarholmens-stadsdelsforvaltning/preventionssamordnare"]
    assert coordinator["g"] == "high"  # single point of failure
    assert any("faller bort" in line for line in coordinator["tip"])
    unassigned = next(n for n in view.nodes if n["type"] == "measure" and n.get("g") == "high")
    assert any("ingen ansvarig" in line for line in unassigned["tip"])
    assert "g" not in by_key["polisen"]


def test_tooltips_carry_text_status_and_source(graph):
    view = viz.plan_view(graph)
    first = next(n for n in view.nodes if n["type"] == "measure")
    assert first["tip"][0] == "Samordning av involverade aktörer"
    assert any(line.startswith("Status: Pågående") for line in first["tip"])
    assert any("skarholmen-2017.csv, rad 2" in line and "block 1" in line for line in first["tip"])


def test_actor_view_edges_are_shared_measures(graph):
    view = viz.actor_view(graph)
    network = gm_collaboration(graph)
    assert len(view.edges) == network.number_of_edges()
    heaviest = max(view.edges, key=lambda e: e["weight"])
    assert heaviest["width"] > min(e["width"] for e in view.edges)
    assert "gemensamma åtgärder" in heaviest["title"] and "•" in heaviest["title"]
    assert all(n["type"] == "actor" for n in view.nodes)


def gm_collaboration(graph):
    from graphmodel.analyse.metrics import collaboration_network

    network = collaboration_network(graph)
    active = {a for a, _, _ in role_edges(graph)}
    return network.subgraph(active)


def test_ego_view_of_polisen_matches_depends_on(graph):
    from graphmodel.analyse.questions import measures_depending_on

    view = viz.ego_view(graph, "Polis")
    measures = {n["key"] for n in view.nodes if n["type"] == "measure"}
    assert measures == {row["id"] for row in measures_depending_on(graph, "Polisen")}
    assert len(measures) == 5
    assert view.title.startswith("Polisen")


def test_ego_view_includes_subunits(graph):
    view = viz.ego_view(graph, "Socialtjänsten")
    keys = {n["key"] for n in view.nodes}
    assert {"skarholmens-stadsdelsforvaltning/mottagningsenheten", "skarholmens-stadsdelsforvaltning/sig-18-29"} <= keys
    assert any(e["rel"] == "PART_OF" for e in view.edges)
    only = viz.ego_view(graph, "Socialtjänsten", subunits=False)
    assert sum(n["type"] == "measure" for n in only.nodes) < sum(n["type"] == "measure" for n in view.nodes)


def test_unknown_actor_is_an_error(graph):
    with pytest.raises(UnknownActorError):
        viz.ego_view(graph, "Polisn")
    result = CliRunner().invoke(main, ["view", str(SKARHOLMEN), "--actor", "Polisn", "-o", "x.html"])
    assert result.exit_code == 2
    assert "No such actor" in result.output


def test_page_is_self_contained_with_csp(graph, findings):
    html = viz.render(viz.plan_view(graph, findings))
    assert '<meta http-equiv="Content-Security-Policy"' in html
    assert "default-src 'none'" in html
    assert re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html) is None
    assert "<link" not in html and "@import" not in html and "cdn" not in html.lower()
    assert html.count("</script>") == 3  # data, vis-network, the page's code
    assert "vis-network" in html and "new vis.Network" in html


def test_csp_hashes_match_the_inline_scripts(graph):
    import base64
    import hashlib

    html = viz.render(viz.plan_view(graph))
    csp = re.search(r'content="(default-src[^"]+)"', html).group(1)
    for body in re.findall(r"<script>(.*?)</script>", html, flags=re.S):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_script_json_cannot_close_the_tag():
    out = script_json({"a": "</script><!-- & \u2028\u2029"})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"a": "</script><!-- & \u2028\u2029"}


@pytest.mark.parametrize("builder", ["plan", "actors", "ego"])
def test_payloads_are_escaped_everywhere(builder):
    graph = payload_graph()
    view = {
        "plan": lambda: viz.plan_view(graph, find_gaps(graph)),
        "actors": lambda: viz.actor_view(graph, find_gaps(graph)),
        "ego": lambda: viz.ego_view(graph, "polisen", find_gaps(graph)),
    }[builder]()
    html = viz.render(view)
    for payload in (PAYLOAD_ACTOR, PAYLOAD_MEASURE, PAYLOAD_STATUS):
        assert payload not in html
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in html  # in the table, as text
    assert html.count("</script>") == 3
    assert "<img" not in html


def test_english_labels(graph):
    html = viz.render(viz.plan_view(graph, lang="en"))
    assert 'lang="en"' in html and "Search" in html and "Responsible" in html
    assert "Sök" not in html


def test_write_views_for_the_report(graph, findings, tmp_path):
    written = viz.write_views(graph, findings, tmp_path)
    assert list(written.values()) == ["natverk-plan.html", "natverk-aktorer.html", "natverk-polisen.html"]
    assert any(label.startswith("Polisen") for label in written)
    for name in written.values():
        data = (tmp_path / name).read_bytes()
        assert "Skärholmen".encode() in data
        data.decode("utf-8")


def test_cli_writes_each_kind(tmp_path):
    for args, name in (
        (["--kind", "plan"], "p.html"),
        (["--kind", "actors", "--no-gaps"], "a.html"),
        (["--actor", "Polisen", "--lang", "en"], "e.html"),
    ):
        result = CliRunner().invoke(main, ["view", str(SKARHOLMEN), *args, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 400_000  # vis-network is inside


def test_docstring_example_runs(monkeypatch):
    import doctest

    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    result = doctest.testmod(viz, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_page_data_is_compact_and_lossless(graph, findings):
    """Styles once each, recurring strings once, actor-view edge tooltips as measure indexes (built on hover)."""
    from graphmodel.viz.page import page_data

    view = viz.actor_view(graph, findings)
    data = json.loads(script_json(page_data(view)))
    strings = data["strings"]
    text_of = lambda x: strings[x] if isinstance(x, int) else x  # noqa: E731
    assert len(data["styles"]) < len(view.nodes)
    for row, node in zip(data["nodes"], view.nodes):
        assert [text_of(line) for line in row[7]] == node["tip"]
        assert {k: [text_of(v) for v in vs] for k, vs in row[8].items()} == node["f"]
        assert (row[6] is None and node["search"] == node["label"]) or text_of(row[6]) == node["search"]
    for row, edge in zip(data["edges"], view.edges):
        assert [row[0], row[1]] == [edge["from"], edge["to"]]
        assert [data["measures"][m] for m in row[4][:3]] == [
            line[2:] for line in edge["title"].split("\n")[1:4] if line.startswith("• ")
        ]
    html = viz.render(view)
    assert max(view.edges, key=lambda e: e["weight"])["title"].split("\n")[0] not in html
