"""The streaming graph writers: GraphML and node-link JSON as networkx writes them, GEXF as meant.

A GraphML file is read back with networkx next to the file networkx's own writer
makes of the same graph (of the cleaned graph when text needs cleaning), and the
two compared node by node, edge by edge (keys included), attribute by attribute,
value and type. A GEXF file is read back with networkx and compared with the
graph itself: networkx's GEXF writer puts a relationship type where GEXF wants a
direction, so it is no longer the reference (``graph_files.write_gexf``). The
files as other programs read them: tests/test_graph_readers.py.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphmodel as gm
from benchmarks.synthetic import write_corpus
from graphmodel.present import graph_files
from graphmodel.present.exports import GRAPH_FILES, clean_graph, graph_json, write_gexf, write_graph, write_graphml
from graphmodel.present.file_graph import file_graph, node_looks
from graphmodel.text import NOT_TEXT, clean_text
from tests.conftest import SKARHOLMEN

AWKWARD = [
    "quote \" and ' apostrophe",
    "a < b & c > d",
    "]]>",
    "CDATA <![CDATA[x]]>",
    "",
    " ",
    "Åsa Öberg ÄÖÅ",
    "emoji 🚀 and CJK 漢字",
    "tab\tnew\nline",
    "&amp; already",
    "--> <!-- comment",
]
CONTROLS = "\x00\x01\x0b\x0c\x1f\x7f\x85\x9f\ufffe\uffff\ud800\udfff"


def _value(value):
    return type(value).__name__, "nan" if isinstance(value, float) and math.isnan(value) else value


def _data(data: dict) -> dict:
    return {name: _value(value) for name, value in data.items()}


def _shape(graph: nx.Graph) -> tuple:
    """Everything a reader got: graph attributes, nodes and edges (keys included) with typed attributes."""
    nodes = {_value(node): _data(data) for node, data in graph.nodes(data=True)}
    edges = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    )
    edges = sorted(
        (repr(_value(u)), repr(_value(v)), repr(_value(k)), repr(sorted(_data(d).items()))) for u, v, k, d in edges
    )
    return type(graph).__name__, _data(graph.graph), list(nodes.items()), edges


def _gexf_expected(graph: nx.MultiDiGraph, looks: dict | None = None) -> tuple:
    """What networkx reads from ``graph_files.write_gexf(graph)``: nodes by their GEXF id with their
    attributes (``label`` always; a node's ``key`` titled ``networkx_key``, as networkx writes it; ``viz``
    from ``looks``), edges with their attributes and ``id`` (the key when keys are unique, else 0, 1 …)."""
    nodes = {}
    for node, values in graph.nodes(data=True):
        data = {("networkx_key" if name == "key" else name): value for name, value in values.items()}
        data["label"] = str(values.get("label", node))
        if looks is not None:
            look = looks[node]
            r, g, b = look.colour
            data["viz"] = {
                "color": {"r": r, "g": g, "b": b, "a": 1.0},
                "size": look.size,
                "position": {"x": look.x, "y": look.y, "z": 0.0},
            }
        nodes[str(values.get("id", node))] = data
    edges = list(graph.edges(keys=True, data=True))
    keyed = len({str(k) for _, _, k, _ in edges}) == len(edges)
    return nodes, [
        (str(u), str(v), str(k) if keyed else k, {**d, "id": str(k) if keyed else str(n)})
        for n, (u, v, k, d) in enumerate(edges)
    ]


def _gexf_read(path: Path) -> tuple:
    """Nodes and edges networkx reads from a GEXF file, in ``_gexf_expected``'s form (a key only when the
    file read as a multigraph: networkx makes a file without parallel edges a DiGraph)."""
    graph = nx.read_gexf(path)
    if graph.is_multigraph():
        edges = list(graph.edges(keys=True, data=True))
    else:
        edges = [(u, v, None, d) for u, v, d in graph.edges(data=True)]
    return dict(graph.nodes(data=True)), edges, graph.is_multigraph()


def _same_gexf(path: Path, graph: nx.MultiDiGraph, looks: dict | None = None) -> None:
    nodes, edges, multi = _gexf_read(path)
    expected_nodes, expected_edges = _gexf_expected(graph, looks)
    assert {_value(n): _data(d) for n, d in nodes.items()} == {_value(n): _data(d) for n, d in expected_nodes.items()}

    def shape(edge_list):
        return sorted(
            (u, v, repr(_value(k)) if multi else None, repr(sorted(_data(d).items()))) for u, v, k, d in edge_list
        )

    assert shape(edges) == shape(expected_edges)


def _compare(graph: nx.MultiDiGraph, tmp_path: Path, reference: nx.MultiDiGraph | None = None) -> None:
    reference = graph if reference is None else reference
    assert graph_files.write_graphml(graph, tmp_path / "new.graphml")  # streamed, not left to networkx
    nx.write_graphml_xml(reference.copy(), tmp_path / "old.graphml")
    new = nx.read_graphml(tmp_path / "new.graphml", force_multigraph=True)
    old = nx.read_graphml(tmp_path / "old.graphml", force_multigraph=True)
    assert _shape(new) == _shape(old)
    assert graph_files.write_gexf(graph, tmp_path / "new.gexf")
    _same_gexf(tmp_path / "new.gexf", reference)
    for name in ("new.graphml", "new.gexf"):
        assert not NOT_TEXT.search((tmp_path / name).read_text(encoding="utf-8"))


def _declarations(path: Path) -> list:
    """Key/attribute declarations of a written XML file, as (id, name/title, type, class) sets."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    found = set()
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "key":
            found.add((element.get("id"), element.get("attr.name"), element.get("attr.type"), element.get("for")))
        elif tag == "attribute":
            found.add((element.get("id"), element.get("title"), element.get("type"), None))
    return sorted(found)


def awkward_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="stad & <kommun>")
    for i, text in enumerate(AWKWARD):
        data = {"text": text, "row": i, "share": i / 3, "known": i % 2 == 0}
        if i % 3 == 0:
            data["only some"] = f"{text}!"
        if i == 4:
            data["label"] = 'etikett "4"'
        if i == 5:
            data.update(large=2**70, negative=-1.5e-300, inf=math.inf, nan=math.nan, start="2017-01-01")
        graph.add_node(f"n{i} {text}", **data)
    nodes = list(graph)
    for i, (a, b) in enumerate(zip(nodes, nodes[1:] + nodes[:1])):
        graph.add_edge(a, b, key="responsible", type="RESPONSIBLE", order=i, text=AWKWARD[i])
        graph.add_edge(a, b, key=f"partner <{i}>", type="PARTNER", weight=0.5 * i, empty="")
        graph.add_edge(a, b, key="0", flag=True)
    graph.add_node("lonely")
    graph.add_edge("lonely", "lonely", key="self", label="ögla")
    return graph


def skarholmen() -> nx.MultiDiGraph:
    return gm.build_graph(gm.read_plans([SKARHOLMEN]))


def test_skarholmen_reads_back_as_networkx_writes_it(tmp_path):
    graph = file_graph(skarholmen())
    _compare(graph, tmp_path)
    assert (tmp_path / "new.graphml").read_bytes() == (tmp_path / "old.graphml").read_bytes()
    assert _declarations(tmp_path / "new.graphml") == _declarations(tmp_path / "old.graphml")


@pytest.mark.slow
def test_synthetic_corpus_reads_back_as_networkx_writes_it(tmp_path):
    write_corpus(tmp_path / "plans", 20, 60)
    graph = file_graph(gm.build_graph(gm.read_plans([tmp_path / "plans"])))
    _compare(graph, tmp_path)
    assert (tmp_path / "new.graphml").read_bytes() == (tmp_path / "old.graphml").read_bytes()
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1)
    looks = node_looks(graph)
    assert graph_files.write_gexf(graph, tmp_path / "viz.gexf", looks)
    _same_gexf(tmp_path / "viz.gexf", graph, looks)


def test_awkward_values_read_back_as_networkx_writes_them(tmp_path):
    graph = awkward_graph()
    _compare(graph, tmp_path)
    assert _declarations(tmp_path / "new.graphml") == _declarations(tmp_path / "old.graphml")


def test_graphs_with_integer_keys_and_no_attributes(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b")
    graph.add_edge("a", "b")
    graph.add_edge("b", "a", 7)
    graph.add_node("c")
    _compare(graph, tmp_path)
    _compare(nx.MultiDiGraph(), tmp_path)


def test_text_no_xml_may_hold_is_cleaned_as_networkx_writes_the_cleaned_graph(tmp_path):
    graph = awkward_graph()
    first = next(iter(graph))
    graph.nodes[first]["text"] = f"Word{CONTROLS}Shift+Enter"
    graph.nodes[first]["label"] = f"etikett{CONTROLS}"
    u, v, key = next(iter(graph.edges(keys=True)))
    graph.edges[u, v, key]["text"] = f"kant{CONTROLS}"
    graph.add_edge(u, v, key=f"nyckel{CONTROLS}", type="PARTNER")
    nx.relabel_nodes(graph, {first: f"nod{CONTROLS}"}, copy=False)
    _compare(graph, tmp_path, reference=clean_graph(graph))
    text = graph_json(graph)
    assert not NOT_TEXT.search(text)
    assert json.loads(text) == json.loads(
        json.dumps(nx.node_link_data(clean_graph(graph), edges="links"), ensure_ascii=False, indent=1)
    )


@pytest.mark.parametrize("make", [skarholmen, awkward_graph, nx.MultiDiGraph])
def test_json_is_byte_identical_to_node_link_data(make):
    graph = make()
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1)


def test_json_with_nested_values_and_graph_attributes():
    graph = nx.MultiDiGraph(name="x", meta={"a": [1, 2, {"b": None}]}, empty={})
    graph.add_node("a", tags=["x", "y"], none=None, nested={"k": 1.0}, **{"id": "replaced"})
    graph.add_node(3, empty_list=[])
    graph.add_edge("a", 3, key=(1, "t") and 5, weight=math.inf)
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1)


def test_graphs_the_streaming_writers_do_not_cover_go_to_networkx(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("a", tags="x", viz={"size": 3.0})
    graph.add_edge("a", "a", when=None)
    assert not graph_files.write_graphml(graph, tmp_path / "g.graphml")
    assert not graph_files.write_gexf(graph, tmp_path / "g.gexf")
    assert not (tmp_path / "g.graphml").exists()
    simple = nx.DiGraph([("a", "b")])
    assert not graph_files.write_graphml(simple, tmp_path / "g.graphml")


def test_writers_stream_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(graph_files, "CHUNK", 3)
    graph = awkward_graph()
    _compare(graph, tmp_path)
    path = graph_files.write_graph_json(graph, tmp_path / "g.json")
    assert path.read_text(encoding="utf-8") == json.dumps(
        nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1
    )


def test_exports_use_the_streaming_writers_and_fall_back_to_networkx(tmp_path):
    graph = awkward_graph()
    write_graphml(graph, tmp_path / "g.graphml")
    write_gexf(graph, tmp_path / "g.gexf")
    assert "NetworkX" in (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert _shape(nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True))[2]
    odd = nx.MultiDiGraph()
    odd.add_node("a", viz={"size": 3.0}, text="x\x00")
    write_gexf(odd, tmp_path / "odd.gexf")
    odd.nodes["a"].pop("viz")
    write_graphml(nx.MultiDiGraph(odd, node_default={"text": ""}), tmp_path / "odd.graphml")
    assert nx.read_gexf(tmp_path / "odd.gexf").nodes["a"]["text"] == "x"
    assert nx.read_graphml(tmp_path / "odd.graphml").nodes["a"]["text"] == "x"


texts = st.text(st.characters(codec=None, blacklist_categories=()), max_size=12)
attributes = st.fixed_dictionaries(
    {},
    optional={  # GEXF declares an attribute with one type: one per name
        "text": texts,
        "row": st.integers(-(2**70), 2**70),
        "share": st.floats(allow_nan=False),
        "known": st.booleans(),
        "label": texts,
        "key": texts,
        "start": texts,
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    nodes=st.lists(attributes, min_size=1, max_size=6),
    names=st.lists(texts, min_size=6, max_size=6),
    keys=st.lists(texts, min_size=1, max_size=4),
)
def test_random_text_and_values_read_back_as_networkx_writes_the_cleaned_graph(tmp_path, nodes, names, keys):
    graph = nx.MultiDiGraph()
    for i, data in enumerate(nodes):
        graph.add_node(f"{i}:{names[i]}", **data)
    ids = list(graph)
    for i, key in enumerate(keys):
        graph.add_edge(ids[i % len(ids)], ids[-1], key=f"{i}:{key}", text=names[i % 6], order=i)
    _compare(graph, tmp_path, reference=clean_graph(graph))
    text = graph_json(graph)
    assert not NOT_TEXT.search(text)
    assert json.loads(text) == json.loads(json.dumps(nx.node_link_data(clean_graph(graph), edges="links")))


def test_json_with_braces_and_brackets_in_text_is_byte_identical(monkeypatch):
    """A chunk is encoded in one call only when its braces and brackets are its objects' own: text that
    holds them, or a nested value, sends the chunk object by object, with the same bytes."""
    monkeypatch.setattr(graph_files, "CHUNK", 2)
    graph = nx.MultiDiGraph()
    graph.add_node("a", text="},\n   {")
    graph.add_node("b{", text="[x]")
    graph.add_node("c", text="}")
    graph.add_node("d", n=1, f=1.5, t=True, none=None, inf=-math.inf)
    graph.add_node("e", nested=[{"k": "}, {"}])
    graph.add_edge("a", "b{", key="k}", note="a}, {b")
    graph.add_edge("c", "d", weight=math.nan)
    graph.add_edge("d", "e", key=2)
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1)


def test_the_files_show_a_node_by_its_name_and_its_type_in_node_type():
    shown = file_graph(skarholmen())
    types = {data["node_type"] for _, data in shown.nodes(data=True)}
    assert types == {"Plan", "Measure", "Actor"}
    police = next(data for _, data in shown.nodes(data=True) if data.get("name") == "Polisen")
    assert police["label"] == "Polisen" and police["kind"] == "police"
    plan = shown.nodes["plan:skarholmen-2017"]
    assert plan["label"] == plan["title"] and plan["plan"] == "skarholmen-2017"
    measure = next(data for _, data in shown.nodes(data=True) if data["node_type"] == "Measure")
    assert measure["label"] == measure["text"]
    assert not any("id" in data or "start" in data or "due" in data for _, data in shown.nodes(data=True))
    assert any("period_start" in data for _, data in shown.nodes(data=True))


def test_every_edge_of_the_files_has_its_own_id_and_keeps_its_type():
    graph = skarholmen()
    shown = file_graph(graph)
    keys = [key for _, _, key in shown.edges(keys=True)]
    assert keys == [f"e{n}" for n in range(graph.number_of_edges())]
    assert [(u, v, d) for u, v, d in shown.edges(data=True)] == [(u, v, d) for u, v, d in graph.edges(data=True)]
    assert {d["type"] for _, _, d in shown.edges(data=True)} == {"RESPONSIBLE_FOR", "PARTNER_IN", "IN_PLAN", "PART_OF"}


def test_the_looks_follow_the_plan_view():
    """Owners left of the measures, partner-only actors right, the plan beyond; actors coloured by kind
    and sized by the measures they own; measures top to bottom in plan order."""
    graph = skarholmen()
    looks = node_looks(graph)
    assert set(looks) == set(graph)
    owned = {u: 0 for u in graph}
    for u, _, key in graph.edges(keys=True):
        owned[u] += key == "RESPONSIBLE_FOR"
    measures = sorted(
        (n for n, d in graph.nodes(data=True) if d["label"] == "Measure"), key=lambda m: graph.nodes[m]["row"]
    )
    assert [looks[m].x for m in measures] == [0.0] * len(measures)
    ys = [looks[m].y for m in measures]
    assert ys == sorted(ys, reverse=True)  # y grows upwards in Gephi and sigma.js: the first measure on top
    for node, data in graph.nodes(data=True):
        if data["label"] == "Actor" and owned[node]:
            assert looks[node].x < 0 and looks[node].size > looks[measures[0]].size
    assert looks["plan:skarholmen-2017"].x > max(look.x for look in looks.values() if look.x < 1000)
    police = next(n for n, d in graph.nodes(data=True) if d.get("kind") == "police")
    assert looks[police].hex == "#0d47a1"  # the plan view's colour of the police
    assert max(owned.values()) > 1
    biggest = max(owned, key=owned.get)
    assert looks[biggest].size == max(looks[a].size for a in owned if graph.nodes[a]["label"] == "Actor")


def test_the_gexf_file_carries_the_looks(tmp_path):
    graph = file_graph(skarholmen())
    looks = node_looks(skarholmen())
    assert graph_files.write_gexf(graph, tmp_path / "g.gexf", looks)
    _same_gexf(tmp_path / "g.gexf", graph, looks)
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert ' type="' not in text.split("<edges>")[1]  # GEXF's type is a direction: left to defaultedgetype
    assert 'mode="static"' in text and "networkx_key" not in text


def test_graphology_json_is_graphology_s_own_serialisation(tmp_path):
    graph = file_graph(skarholmen())
    looks = node_looks(skarholmen())
    data = json.loads(graph_files.write_graphology_json(graph, tmp_path / "g.json", looks).read_text("utf-8"))
    assert data["options"] == {"type": "directed", "multi": True, "allowSelfLoops": True}
    assert data["attributes"] == {}
    assert [n["key"] for n in data["nodes"]] == list(graph)
    first = data["nodes"][0]
    look = looks[first["key"]]
    assert first["attributes"] == {
        **graph.nodes[first["key"]],
        "x": look.x,
        "y": look.y,
        "size": look.size,
        "color": look.hex,
    }
    assert [(e["key"], e["source"], e["target"], e["attributes"]) for e in data["edges"]] == [
        (k, u, v, d) for u, v, k, d in graph.edges(keys=True, data=True)
    ]


def test_graphology_json_of_awkward_text_is_clean_json(monkeypatch):
    monkeypatch.setattr(graph_files, "CHUNK", 2)
    graph = awkward_graph()
    graph.nodes["lonely"]["text"] = f"x{CONTROLS}"
    text = "".join(graph_files.graphology_chunks(graph))
    assert not NOT_TEXT.search(text)
    data = json.loads(text)
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    assert data["nodes"][-1]["attributes"]["text"] == clean_text(f"x{CONTROLS}")
    assert json.loads("".join(graph_files.graphology_chunks(nx.MultiDiGraph()))) == {
        "attributes": {},
        "options": {"type": "directed", "multi": True, "allowSelfLoops": True},
        "nodes": [],
        "edges": [],
    }


def test_the_graph_files_are_written_from_the_file_graph(tmp_path):
    graph = skarholmen()
    paths = write_graph(graph, tmp_path)
    assert (
        [p.name for p in paths]
        == list(GRAPH_FILES)
        == [
            "graph.graphml",
            "graph.gexf",
            "graph.json",
            "graph.graphology.json",
        ]
    )
    shown = file_graph(graph)
    back = nx.node_link_graph(json.loads((tmp_path / "graph.json").read_text("utf-8")), edges="links")
    assert _shape(back) == _shape(shown)
    assert (tmp_path / "graph.json").read_text("utf-8") == json.dumps(
        nx.node_link_data(shown, edges="links"), ensure_ascii=False, indent=1
    )
    graphml = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert _shape(graphml)[2:] == _shape(shown)[2:]  # nodes and edges; networkx adds empty defaults to the graph
    _same_gexf(tmp_path / "graph.gexf", shown, node_looks(graph))
