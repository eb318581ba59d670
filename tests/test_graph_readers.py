"""The graph files open as meant in the programs people open them with.

Skärholmen's report (``graphmodel.report``, as the command line writes it) and a corpus of every
bundled plan and 20 synthetic ones (``write_graph``) are opened with the Gephi toolkit 0.10.1
(Gephi desktop's importers, headless), graphology and graphology-gexf (Gephi Lite, sigma.js),
igraph and networkx, and what each got is compared with the graph: every node and edge, the
display labels, the node and relationship types, and for GEXF the colours, sizes and positions.
The programs are fetched on first use (tests/graph_readers/readers.py): nothing here skips.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import graphmodel as gm
from benchmarks.synthetic import write_corpus
from graphmodel.present.exports import write_graph
from graphmodel.present.file_graph import file_graph, node_looks
from tests.conftest import ROOT, SKARHOLMEN
from tests.graph_readers import readers

CASES = ("skarholmen", "corpus")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, tuple[nx.MultiDiGraph, Path]]:
    """Each case's graph (as ``build_graph`` makes it) and the folder its graph files were written to."""
    out = tmp_path_factory.mktemp("readers")
    gm.report([SKARHOLMEN], out / "skarholmen")
    skarholmen = gm.build_graph(gm.read_plans([SKARHOLMEN]))
    write_corpus(out / "synthetic", 20, 30)
    plans = ROOT / "data" / "plans"
    corpus = gm.build_graph(gm.read_plans([plans, plans / "examples", out / "synthetic"]))
    write_graph(corpus, out / "corpus")
    return {"skarholmen": (skarholmen, out / "skarholmen"), "corpus": (corpus, out / "corpus")}


@pytest.fixture(scope="module")
def gephi(written) -> dict[tuple[str, str], dict]:
    """What Gephi loaded, by (case, file name), with its import settings as they are and (GraphML, "no merge")
    with "Parallel edges: Don't merge" chosen: one JVM for every file."""
    opened = [(case, name) for case in written for name in ("graph.graphml", "graph.gexf")]
    unmerged = [(case, "graph.graphml") for case in written]
    folder = {case: written[case][1] for case in written}
    got = readers.gephi(
        [folder[case] / name for case, name in opened]
        + ["--no-merge"]
        + [folder[case] / name for case, name in unmerged]
    )
    return dict(zip(opened + [(case, "no merge") for case, _ in unmerged], got))


@pytest.fixture(scope="module")
def graphology(written) -> dict[tuple[str, str], dict]:
    """What graphology got, by (case, file name): one Node.js process for every file."""
    paths = {
        (case, name): folder / name
        for case, (_, folder) in written.items()
        for name in ("graph.gexf", "graph.graphology.json")
    }
    return dict(zip(paths, readers.graphology(list(paths.values()))))


def _expected(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Nodes (id: attributes) and edges (id: (source, target, attributes)) as the files hold them."""
    shown = file_graph(graph)
    return dict(shown.nodes(data=True)), {key: (u, v, data) for u, v, key, data in shown.edges(keys=True, data=True)}


def test_the_corpus_is_several_plans_with_actors_they_share(written):
    graph, _ = written["corpus"]
    plans = [n for n, d in graph.nodes(data=True) if d["label"] == "Plan"]
    assert len(plans) > 30 and graph.number_of_edges() > 2000
    assert _parallel(graph) > 0  # an actor both responsible for and partner in one measure


def _parallel(graph: nx.MultiDiGraph) -> int:
    """Edges that repeat another's source and target: an actor both responsible for and partner in a measure."""
    return graph.number_of_edges() - len(set(graph.edges()))


def _loaded_as_written(got: dict, graph: nx.MultiDiGraph) -> None:
    nodes, edges = _expected(graph)
    assert not got["dynamic"] and got["directed"]
    assert {n["id"]: n["label"] for n in got["nodes"]} == {node: data["label"] for node, data in nodes.items()}
    assert {n["id"]: n["attributes"]["node_type"] for n in got["nodes"]} == {
        node: data["node_type"] for node, data in nodes.items()
    }
    assert {e["id"]: (e["source"], e["target"], e["attributes"]["type"]) for e in got["edges"]} == {
        key: (u, v, data["type"]) for key, (u, v, data) in edges.items()
    }
    assert all(e["directed"] for e in got["edges"])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_gephi_loads_every_node_and_edge_of_the_gexf(gephi, written, case):
    """Gephi 0.10.1 opens the GEXF with no warning or error (GEXF 1.2 gets an INFO that 1.3 is newer),
    static, directed, every node with its name as label and every edge with its relationship type,
    also as Gephi's edge kind: an actor's two roles in one measure stay two edges."""
    graph, _ = written[case]
    got = gephi[case, "graph.gexf"]
    assert [level for level, _ in got["issues"]] == ["INFO"], got["issues"][:5]
    assert (got["node_count"], got["edge_count"]) == (graph.number_of_nodes(), graph.number_of_edges())
    _loaded_as_written(got, graph)
    assert all(e["kind"] == e["attributes"]["type"] for e in got["edges"])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_gephi_loads_every_node_and_edge_of_the_graphml(gephi, written, case):
    """The GraphML opens with no warning or error, each edge under its own id. GraphML has no edge kind:
    Gephi merges an edge that repeats another's source and target unless "Don't merge" is chosen (it
    says so in the import report), and then loads every edge."""
    graph, _ = written[case]
    merged, unmerged = gephi[case, "graph.graphml"], gephi[case, "no merge"]
    for got in (merged, unmerged):
        assert {level for level, _ in got["issues"]} <= {"INFO"}, got["issues"][:5]
        assert got["node_count"] == graph.number_of_nodes()
    assert merged["edge_count"] == graph.number_of_edges() - _parallel(graph)
    if _parallel(graph):
        assert ["INFO", "Parallel edges detected, remember to choose a merge strategy"] in merged["issues"]
    assert unmerged["edge_count"] == graph.number_of_edges()
    _loaded_as_written(unmerged, graph)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_gephi_opens_the_gexf_coloured_sized_and_laid_out_as_the_plan_view(gephi, written, case):
    """Every node in its colour; Gephi scales the layout and the sizes to its canvas, so positions are
    ours up to one scale and shift, and sizes keep their order."""
    graph, _ = written[case]
    looks = node_looks(graph)
    got = {n["id"]: n for n in gephi[case, "graph.gexf"]["nodes"]}
    assert {node: tuple(n["rgb"]) for node, n in got.items()} == {node: look.colour for node, look in looks.items()}
    left, right = min(looks, key=lambda n: looks[n].x), max(looks, key=lambda n: looks[n].x)
    scale = (got[right]["x"] - got[left]["x"]) / (looks[right].x - looks[left].x)
    for node, look in looks.items():
        assert got[node]["x"] - got[left]["x"] == pytest.approx((look.x - looks[left].x) * scale, abs=0.01)
        assert got[node]["y"] - got[left]["y"] == pytest.approx((look.y - looks[left].y) * scale, abs=0.01)
    by_size = sorted(looks, key=lambda n: looks[n].size)
    for smaller, larger in zip(by_size, by_size[1:]):
        if looks[smaller].size < looks[larger].size:
            assert got[smaller]["size"] < got[larger]["size"]


def test_gephi_draws_every_node_of_the_gexf_in_its_colour_with_its_label(written, tmp_path):
    """Gephi's Preview (the picture a Gephi user exports): a circle per node in the node's colour, a label
    per node (shortened to 28 characters as the README's screenshot is), a line per edge."""
    graph, folder = written["skarholmen"]
    svg = readers.gephi_preview(folder / "graph.gexf", tmp_path / "gephi.svg").read_text(encoding="utf-8")
    looks = node_looks(graph)
    circles = Counter(re.findall(r'<circle[^>]*fill="#([0-9a-f]{6})"', svg))
    assert circles == Counter("{:02x}{:02x}{:02x}".format(*look.colour) for look in looks.values())
    labels = [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    shown = file_graph(graph)
    expected = [shown.nodes[n]["label"] for n in shown.nodes]
    assert sorted(labels) == sorted(e if len(e) <= 28 + 3 else e[:28] + "..." for e in expected)  # Gephi's rule
    assert len(re.findall(r"<path[^>]* d=", svg)) == graph.number_of_edges()


@pytest.mark.parametrize("case", CASES)
def test_gephi_lite_s_gexf_parser_reads_every_node_and_edge(graphology, written, case):
    """graphology-gexf (what Gephi Lite and sigma.js open GEXF with) takes the file as it is, attributes
    typed, with the looks as x, y, size and color, and an edge's GEXF kind (its type) as ``kind``."""
    graph, _ = written[case]
    nodes, edges = _expected(graph)
    looks = node_looks(graph)
    got = graphology[case, "graph.gexf"]
    assert "error" not in got, got.get("error")
    assert (got["order"], got["size"]) == (graph.number_of_nodes(), graph.number_of_edges())
    for node in got["nodes"]:
        look = looks[node["key"]]
        assert node["attributes"] == {
            **nodes[node["key"]],
            "color": "rgba({},{},{},1.0)".format(*look.colour),
            "size": pytest.approx(look.size),
            "x": pytest.approx(look.x),
            "y": pytest.approx(look.y),
            "z": 0,
        }
    assert {e["key"]: (e["source"], e["target"], e["attributes"]) for e in got["edges"]} == {
        key: (u, v, {**data, "kind": data["type"]}) for key, (u, v, data) in edges.items()
    }


@pytest.mark.parametrize("case", CASES)
def test_graphology_loads_every_node_and_edge_of_the_graphology_json(graphology, written, case):
    graph, _ = written[case]
    nodes, edges = _expected(graph)
    looks = node_looks(graph)
    got = graphology[case, "graph.graphology.json"]
    assert "error" not in got, got.get("error")
    assert (got["order"], got["size"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert {n["key"]: n["attributes"] for n in got["nodes"]} == {
        node: {**data, "x": looks[node].x, "y": looks[node].y, "size": looks[node].size, "color": looks[node].hex}
        for node, data in nodes.items()
    }
    assert {e["key"]: (e["source"], e["target"], e["attributes"]) for e in got["edges"]} == edges


@pytest.mark.parametrize("case", CASES)
def test_igraph_reads_the_graphml_with_no_warning(written, case):
    import igraph

    graph, folder = written[case]
    nodes, edges = _expected(graph)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # igraph warns of a node attribute called id ("Could not add vertex ids")
        got = igraph.Graph.Read_GraphML(str(folder / "graph.graphml"))
    assert got.is_directed() and (got.vcount(), got.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert got.vs["id"] == list(nodes)  # igraph's own id attribute: the node ids
    assert got.vs["label"] == [data["label"] for data in nodes.values()]
    assert Counter(got.es["type"]) == Counter(data["type"] for _, _, data in edges.values())
    ids = got.vs["id"]
    assert [(ids[e.source], ids[e.target]) for e in got.es] == [(u, v) for u, v, _ in edges.values()]
    # igraph 1.0 reads an edge's id into es["id"] as a node's id: not ours to test


@pytest.mark.parametrize("case", CASES)
def test_networkx_reads_every_file_with_no_warning(written, case):
    graph, folder = written[case]
    shown = file_graph(graph)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        graphml = nx.read_graphml(folder / "graph.graphml", force_multigraph=True)
        gexf = nx.read_gexf(folder / "graph.gexf")
        linked = nx.node_link_graph(json.loads((folder / "graph.json").read_text("utf-8")), edges="links")
    for got in (graphml, linked):
        assert dict(got.nodes(data=True)) == dict(shown.nodes(data=True))
        assert list(got.edges(keys=True, data=True)) == list(shown.edges(keys=True, data=True))
    # networkx reads a GEXF file without parallel edges as a DiGraph: the edge id is in the data
    assert sorted((u, v, d["id"], d["type"]) for u, v, d in gexf.edges(data=True)) == sorted(
        (u, v, k, d["type"]) for u, v, k, d in shown.edges(keys=True, data=True)
    )
    assert {n: d["label"] for n, d in gexf.nodes(data=True)} == {n: d["label"] for n, d in shown.nodes(data=True)}
