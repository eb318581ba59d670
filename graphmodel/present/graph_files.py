"""Stream the graph to GraphML, GEXF and node-link JSON, a few thousand elements at a time.

networkx builds an ElementTree of the whole graph (6-8 s per XML file at 300
plans) and node-link JSON through json's pure-Python indenting encoder. These
writers give files that readers read back as the same graph as networkx's
files (same key ids, attribute declarations, edge ids and GEXF quirks), in
linear time. Every string is made valid text with ``clean_text``: a chunk is
searched once and only a chunk holding what ``NOT_TEXT`` matches is written
again with its strings cleaned, so the common case costs one regex pass.

A graph these writers do not cover (attribute values other than str, int,
float and bool, defaults, GEXF's viz/spells/parents, a simple graph) makes
``write_graphml``/``write_gexf`` return False before writing: the caller then
writes with networkx.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, count, islice
from pathlib import Path

import networkx as nx

from .formats import NOT_TEXT, clean_data, clean_text, json_needs_cleaning

CHUNK = 2000

_XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_ATTR_SPECIAL = re.compile('[&<>"\r\n\t]')
_TEXT_SPECIAL = re.compile("[&<>]")
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_GEXF_NODE_FIELDS = ("id", "label", "pid", "start", "end")
_GEXF_EDGE_FIELDS = ("label", "weight", "type", "start", "end")
_GEXF_UNCOVERED = frozenset(("viz", "parents", "spells", "id", "key"))  # structures, ids and keys networkx remaps


def _same(text: str) -> str:
    return text


def _attr(text: str) -> str:
    """Text for an XML attribute value, escaped as ElementTree escapes it."""
    if _ATTR_SPECIAL.search(text) is None:
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;"))


def _text(text: str) -> str:
    """Text for XML character data, escaped as ElementTree escapes it."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chunks(items: Iterable, render: Callable[[object, Callable[[str], str]], str],
            dirty: Callable[[str], bool]) -> Iterator[str]:
    """``render`` of CHUNK items at a time; a chunk that ``dirty`` flags is rendered again with strings cleaned."""
    items = iter(items)
    while batch := list(islice(items, CHUNK)):
        text = "".join([render(item, _same) for item in batch])
        if dirty(text):
            text = "".join([render(item, clean_text) for item in batch])
        yield text


def _xml_dirty(text: str) -> bool:
    return NOT_TEXT.search(text) is not None


def _write(path: Path, chunks: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)


def _kinds(dicts: Iterable[dict], skip: Iterable[str] = (), last: Iterable[tuple] | None = None) -> dict | None:
    """(name, type) of every attribute in order of first appearance (``last``: a pair to add after each dict's),
    or None if one is not covered."""
    skip = set(skip)
    if last is None:
        seen = dict.fromkeys(chain.from_iterable(zip(data, map(type, data.values())) for data in dicts))
    else:
        seen = dict.fromkeys(chain.from_iterable(chain(zip(data, map(type, data.values())), (pair,))
                                                 for data, pair in zip(dicts, last)))
    if skip:
        seen = {kind: None for kind in seen if kind[0] not in skip}
    if any(type(name) is not str or kind not in _XML_TYPES or clean_text(name) != name for name, kind in seen):
        return None
    return seen


def _streamable(graph: nx.Graph) -> bool:
    return graph.is_multigraph() and not {"node_default", "edge_default"} & graph.graph.keys()


def _gexf_value(value: bool | int | float) -> str:
    """A number or truth value as networkx writes it in GEXF."""
    if type(value) is bool:
        return "true" if value else "false"
    text = str(value)
    return {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(text, text) if type(value) is float else text


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> bool:
    """GraphML as ``nx.write_graphml`` writes it (keys d0, d1 … in the same order), streamed; False if not covered."""
    if not _streamable(graph) or "id" in graph.graph:
        return False
    scopes = {}
    for scope, dicts in (("graph", [graph.graph]), ("node", (d for _, d in graph.nodes(data=True))),
                         ("edge", (d for _, _, d in graph.edges(data=True)))):
        kinds = _kinds(dicts)
        if kinds is None:
            return False
        scopes[scope] = kinds
    keys: dict = {}
    for scope, kinds in scopes.items():
        for name, kind in kinds:
            keys.setdefault((name, _XML_TYPES[kind], scope), f"d{len(keys)}")
    ids = {scope: {(name, kind): keys[name, _XML_TYPES[kind], scope] for name, kind in kinds}
           for scope, kinds in scopes.items()}
    node_ids = {node: _attr(clean_text(str(node))) for node in graph}

    prefixes = {scope: {kind: f'{"    " if scope == "graph" else "      "}<data key="{key}">'
                        for kind, key in kinds.items()} for scope, kinds in ids.items()}

    def data(prefix: dict, values: dict, clean: Callable[[str], str]) -> str:
        if clean is _same:
            return "".join([f"{prefix[name, str]}{_text(value)}</data>\n" if type(value) is str
                            else f"{prefix[name, type(value)]}{value}</data>\n" for name, value in values.items()])
        return "".join([f"{prefix[name, str]}{_text(clean(value))}</data>\n" if type(value) is str
                        else f"{prefix[name, type(value)]}{value}</data>\n" for name, value in values.items()])

    def node(item, clean):
        name, values = item
        if not values:
            return f'    <node id="{node_ids[name]}" />\n'
        return f'    <node id="{node_ids[name]}">\n{data(prefixes["node"], values, clean)}    </node>\n'

    def edge(item, clean):
        u, v, key, values = item
        head = f'    <edge source="{node_ids[u]}" target="{node_ids[v]}" id="{_attr(clean(str(key)))}"'
        if not values:
            return head + " />\n"
        return f'{head}>\n{data(prefixes["edge"], values, clean)}    </edge>\n'

    def document() -> Iterator[str]:
        yield _GRAPHML_HEAD + "".join(
            f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="{kind}" />\n'
            for (name, kind, scope), key in reversed(keys.items()))
        edgedefault = "directed" if graph.is_directed() else "undirected"
        yield f'  <graph edgedefault="{edgedefault}">\n'
        yield from _chunks([graph.graph], lambda values, clean: data(prefixes["graph"], values, clean),
                           _xml_dirty)
        yield from _chunks(graph.nodes(data=True), node, _xml_dirty)
        yield from _chunks(graph.edges(keys=True, data=True), edge, _xml_dirty)
        yield "  </graph>\n</graphml>\n"

    _write(path, document())
    return True


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> bool:
    """GEXF 1.2draft as ``nx.write_gexf`` writes it (same attribute ids, edge ids 0, 1 …, node fields such as
    label and start as XML attributes, the edge key as ``networkx_key``), streamed; False if not covered."""
    if not _streamable(graph) or not isinstance(graph.graph.get("name", ""), str):
        return False
    node_dicts = [d for _, d in graph.nodes(data=True)]
    edge_dicts = [d for _, _, d in graph.edges(data=True)]
    if any(_GEXF_UNCOVERED & d.keys() for d in edge_dicts) or any(
            {"viz", "parents", "spells"} & d.keys() for d in node_dicts):
        return False
    node_kinds = _kinds(node_dicts, _GEXF_NODE_FIELDS)
    edge_kinds = _kinds(edge_dicts, _GEXF_EDGE_FIELDS,
                        (("networkx_key", type(key)) for _, _, key in graph.edges(keys=True)))
    if node_kinds is None or edge_kinds is None:
        return False
    timeformat = None
    for values in (*node_dicts, *edge_dicts):
        for field in ("start", "end"):
            moment = values.get(field)
            if moment is None:
                continue
            if not isinstance(moment, (str, float, int)):
                return False
            timeformat = "date" if isinstance(moment, str) else "double" if isinstance(moment, float) else "long"
    mode = "dynamic" if timeformat or graph.graph.get("mode") == "dynamic" else "static"

    numbers = count()
    declared: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    for klass, kinds in (("node", node_kinds), ("edge", edge_kinds)):
        for name, kind in kinds:
            title = "networkx_key" if name == "key" else name
            if title not in declared[klass]:
                declared[klass][title] = (str(next(numbers)), _XML_TYPES[kind])
    attr_ids = {klass: {title: number for title, (number, _) in titles.items()}
                for klass, titles in declared.items()}
    gexf_ids = {node: _attr(clean_text(str(values.get("id", node)))) for node, values in graph.nodes(data=True)}

    prefixes = {klass: {title: f'          <attvalue for="{number}" value="' for title, number in titles.items()}
                for klass, titles in attr_ids.items()}
    for titles in prefixes.values():
        if "networkx_key" in titles and "key" not in titles:
            titles["key"] = titles["networkx_key"]

    def attvalues(prefix: dict, values: Iterable[tuple], clean: Callable[[str], str]) -> str:
        lines = [f'{prefix[name]}{_attr(clean(value)) if type(value) is str else _gexf_value(value)}" />\n'
                 for name, value in values]
        return "        <attvalues>\n" + "".join(lines) + "        </attvalues>\n" if lines else ""

    def fields(values: dict, names: tuple, clean: Callable[[str], str]) -> str:
        return "".join(f' {name}="{_attr(clean(str(values[name])))}"' for name in names if name in values)

    def node(item, clean):
        name, values = item
        label = _attr(clean(str(values.get("label", name))))
        rest = [(k, v) for k, v in values.items() if k not in _GEXF_NODE_FIELDS]
        head = f'      <node id="{gexf_ids[name]}" label="{label}"{fields(values, ("pid", "start", "end"), clean)}'
        return f"{head}>\n{attvalues(prefixes['node'], rest, clean)}      </node>\n" if rest else head + " />\n"

    def edge(item, clean):
        number, (u, v, key, values) = item
        rest = [(k, x) for k, x in values.items() if k not in _GEXF_EDGE_FIELDS]
        rest.append(("networkx_key", key))
        return (f'      <edge source="{gexf_ids[u]}" target="{gexf_ids[v]}" id="{number}"'
                f'{fields(values, _GEXF_EDGE_FIELDS, clean)}>\n'
                f'{attvalues(prefixes["edge"], rest, clean)}      </edge>\n')

    def document() -> Iterator[str]:
        name = _attr(clean_text(graph.graph.get("name", "")))
        yield ("<?xml version='1.0' encoding='utf-8'?>\n"
               '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
               ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"'
               ' version="1.2">\n'
               f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n'
               f"    <creator>NetworkX {nx.__version__}</creator>\n  </meta>\n")
        edgetype = "directed" if graph.is_directed() else "undirected"
        timed = f' timeformat="{timeformat}"' if timeformat else ""
        yield f'  <graph defaultedgetype="{edgetype}" mode="{mode}" name="{name}"{timed}>\n'
        for klass in ("edge", "node"):
            if declared[klass]:
                yield f'    <attributes mode="static" class="{klass}">\n' + "".join(
                    f'      <attribute id="{number}" title="{_attr(title)}" type="{kind}" />\n'
                    for title, (number, kind) in declared[klass].items()) + "    </attributes>\n"
        yield "    <nodes>\n"
        yield from _chunks(graph.nodes(data=True), node, _xml_dirty)
        yield "    </nodes>\n    <edges>\n"
        yield from _chunks(enumerate(graph.edges(keys=True, data=True)), edge, _xml_dirty)
        yield "    </edges>\n  </graph>\n</gexf>\n"

    _write(path, document())
    return True


_encode = json.encoder.encode_basestring  # the C encoder when there is one; ensure_ascii=False


def _json_float(value: float) -> str:
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_JSON_VALUE: dict[type, Callable[[object], str]] = {
    str: _encode, bool: lambda v: "true" if v else "false", int: int.__repr__, float: _json_float,
    type(None): lambda v: "null",
}


class _Heads(dict):
    """A name's line start in a node-link object, made once per name."""

    def __missing__(self, name: str) -> str:
        self[name] = head = f"   {_encode(name)}: "
        return head


_HEADS = _Heads()


def _json_object(values: dict) -> str:
    """``values`` as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it two levels deep."""
    try:
        if len(_HEADS) > 10_000:
            _HEADS.clear()
        return "  {\n" + ",\n".join([_HEADS[k] + _JSON_VALUE[type(v)](v) for k, v in values.items()]) + "\n  }"
    except (KeyError, TypeError):  # nested values or keys that are not strings: json's own encoder
        return "  " + json.dumps(values, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _json_list(items: Iterable, render: Callable[[object, Callable], dict]) -> Iterator[str]:
    """A list of objects, CHUNK at a time; a chunk that may hold text ``clean_text`` changes is made again from
    cleaned data (``clean_data``)."""
    items = iter(items)
    separator = "\n"
    while batch := list(islice(items, CHUNK)):
        text = ",\n".join([_json_object(render(item, _same)) for item in batch])
        if json_needs_cleaning(text):
            text = ",\n".join([_json_object(render(item, clean_data)) for item in batch])
        yield separator + text
        separator = ",\n"
    yield "\n ]" if separator == ",\n" else "]"


def graph_json_chunks(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Node-link JSON as ``json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)``
    writes it (byte for byte when no text needs cleaning), with strings cleaned where they need it."""
    multigraph = graph.is_multigraph()
    attributes = json.dumps(graph.graph, ensure_ascii=False, indent=1)
    if json_needs_cleaning(attributes):
        attributes = json.dumps(clean_data(graph.graph), ensure_ascii=False, indent=1)
    attributes = attributes.replace("\n", "\n ")
    yield (f'{{\n "directed": {"true" if graph.is_directed() else "false"},\n'
           f' "multigraph": {"true" if multigraph else "false"},\n "graph": {attributes},\n "nodes": [')
    yield from _json_list(graph.nodes(data=True), lambda item, clean: clean({**item[1], "id": item[0]}))
    yield ',\n "edges": ['
    if multigraph:
        yield from _json_list(graph.edges(keys=True, data=True), lambda item, clean: clean(
            {**item[3], "source": item[0], "target": item[1], "key": item[2]}))
    else:
        yield from _json_list(graph.edges(data=True), lambda item, clean: clean(
            {**item[2], "source": item[0], "target": item[1]}))
    yield "\n}"


def write_graph_json(graph: nx.MultiDiGraph, path: Path) -> Path:
    """``graph_json_chunks`` streamed to a UTF-8 file."""
    _write(path, graph_json_chunks(graph))
    return path
