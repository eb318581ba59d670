"""The streaming GraphML, GEXF and node-link JSON writers give what networkx's writers give.

Each file is read back with networkx's readers next to the file networkx's own
writer makes of the same graph (of the cleaned graph when text needs
cleaning), and the two graphs compared node by node, edge by edge (keys
included), attribute by attribute, value and type.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphmodel as gm
from benchmarks.synthetic import write_corpus
from graphmodel.present import graph_files
from graphmodel.present.exports import clean_graph, graph_json, write_gexf, write_graphml
from graphmodel.text import NOT_TEXT
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


def _compare(graph: nx.MultiDiGraph, tmp_path: Path, reference: nx.MultiDiGraph | None = None) -> None:
    reference = graph if reference is None else reference
    assert graph_files.write_graphml(graph, tmp_path / "new.graphml")  # streamed, not left to networkx
    nx.write_graphml_xml(reference.copy(), tmp_path / "old.graphml")
    new = nx.read_graphml(tmp_path / "new.graphml", force_multigraph=True)
    old = nx.read_graphml(tmp_path / "old.graphml", force_multigraph=True)
    assert _shape(new) == _shape(old)
    assert graph_files.write_gexf(graph, tmp_path / "new.gexf")
    nx.write_gexf(reference, tmp_path / "old.gexf")
    assert _shape(nx.read_gexf(tmp_path / "new.gexf")) == _shape(nx.read_gexf(tmp_path / "old.gexf"))
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
    graph = skarholmen()
    _compare(graph, tmp_path)
    assert (tmp_path / "new.graphml").read_bytes() == (tmp_path / "old.graphml").read_bytes()
    undated = [
        re.sub(rb'lastmodifieddate="[^"]*"', b"", (tmp_path / name).read_bytes()) for name in ("new.gexf", "old.gexf")
    ]
    assert undated[0] == undated[1]
    assert _declarations(tmp_path / "new.graphml") == _declarations(tmp_path / "old.graphml")
    assert _declarations(tmp_path / "new.gexf") == _declarations(tmp_path / "old.gexf")


@pytest.mark.slow
def test_synthetic_corpus_reads_back_as_networkx_writes_it(tmp_path):
    write_corpus(tmp_path / "plans", 20, 60)
    graph = gm.build_graph(gm.read_plans([tmp_path / "plans"]))
    _compare(graph, tmp_path)
    assert (tmp_path / "new.graphml").read_bytes() == (tmp_path / "old.graphml").read_bytes()
    assert _declarations(tmp_path / "new.gexf") == _declarations(tmp_path / "old.gexf")
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)


def test_awkward_values_read_back_as_networkx_writes_them(tmp_path):
    graph = awkward_graph()
    _compare(graph, tmp_path)
    assert _declarations(tmp_path / "new.graphml") == _declarations(tmp_path / "old.graphml")
    assert _declarations(tmp_path / "new.gexf") == _declarations(tmp_path / "old.gexf")


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
        json.dumps(nx.node_link_data(clean_graph(graph), edges="edges"), ensure_ascii=False, indent=1)
    )


@pytest.mark.parametrize("make", [skarholmen, awkward_graph, nx.MultiDiGraph])
def test_json_is_byte_identical_to_node_link_data(make):
    graph = make()
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)


def test_json_with_nested_values_and_graph_attributes():
    graph = nx.MultiDiGraph(name="x", meta={"a": [1, 2, {"b": None}]}, empty={})
    graph.add_node("a", tags=["x", "y"], none=None, nested={"k": 1.0}, **{"id": "replaced"})
    graph.add_node(3, empty_list=[])
    graph.add_edge("a", 3, key=(1, "t") and 5, weight=math.inf)
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)


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
        nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1
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
    assert json.loads(text) == json.loads(json.dumps(nx.node_link_data(clean_graph(graph), edges="edges")))


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
    assert graph_json(graph) == json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)
