"""Stream the graph to GraphML, GEXF, node-link JSON and graphology JSON, a few thousand elements at a time.

networkx builds an ElementTree of the whole graph (6-8 s per XML file at 300
plans) and node-link JSON through json's pure-Python indenting encoder. These
writers stream in linear time. GraphML and node-link JSON are what networkx
writes (the same key ids, attribute declarations and edge ids: byte for byte
when no text needs cleaning); GEXF is what networkx writes but for what Gephi
and graphology refuse in networkx's GEXF (``write_gexf`` says what), with the
nodes' colours, sizes and positions. Every string is made valid text with
``clean_text``: a chunk is searched once and only a chunk holding what
``NOT_TEXT`` matches is written again with its strings cleaned, so the common
case costs one regex pass.

A graph these writers do not cover (attribute values other than str, int,
float and bool, defaults, GEXF's viz/spells/parents, a simple graph) makes
``write_graphml``/``write_gexf`` return False before writing: the caller then
writes with networkx. The graph files are written from ``file_graph.file_graph``
(``exports.write_graph_files``), which these writers always cover.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, count, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from ..text import NOT_TEXT, clean_data, clean_text, json_needs_cleaning
from .file_graph import Look

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
# GEXF's own fields of an edge; ``type`` is its direction, so a relationship type is written as an attribute.
_GEXF_EDGE_FIELDS = ("label", "weight", "start", "end")
_GEXF_UNCOVERED = frozenset(("viz", "parents", "spells", "id", "key"))  # structures, ids and keys networkx remaps


def _same(text: str) -> str:
    return text


def _attr(text: str) -> str:
    """Text for an XML attribute value, escaped as ElementTree escapes it."""
    if _ATTR_SPECIAL.search(text) is None:
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


def _text(text: str) -> str:
    """Text for XML character data, escaped as ElementTree escapes it."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Escaped(dict):
    """Strings cleaned with ``clean`` and escaped with ``escape``, each string once.

    A plan graph repeats the same few types, labels and kinds thousands of
    times; a dict lookup is several times as fast as a regex search per value.
    """

    def __init__(self, escape: Callable[[str], str], clean: Callable[[str], str]):
        super().__init__()
        self.escape = escape if clean is _same else lambda text: escape(clean(text))

    def __missing__(self, text: str) -> str:
        self[text] = escaped = self.escape(text)
        return escaped


def _xml_chunks(items: Iterable, render: Callable[[list, Callable[[str], str]], str]) -> Iterator[str]:
    """``render`` of CHUNK items at a time; a chunk holding what ``NOT_TEXT`` matches is rendered again with
    strings cleaned."""
    items = iter(items)
    while batch := list(islice(items, CHUNK)):
        text = render(batch, _same)
        if NOT_TEXT.search(text) is not None:
            text = render(batch, clean_text)
        yield text


def _write(path: Path, chunks: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)


def _edges(graph: nx.MultiGraph) -> Iterator[tuple]:
    """(u, v, key, data) of every edge in networkx's order; a directed graph's read from its adjacency dicts,
    without the edge view's generator."""
    if not graph.is_directed():
        return iter(graph.edges(keys=True, data=True))
    return (
        (u, v, key, values)
        for u, neighbours in graph._adj.items()
        for v, keyed in neighbours.items()
        for key, values in keyed.items()
    )


def _pairs(dicts: list[dict]) -> Iterator[tuple]:
    """(name, type) of every attribute of every dict in turn, made by C iterators (no Python frame per dict)."""
    return chain.from_iterable(map(zip, dicts, map(map, repeat(type), map(dict.values, dicts))))


def _seen(dicts: list[dict], after: dict[int, tuple] | None = None) -> dict:
    """(name, type) of every attribute in order of first appearance; ``after`` maps an index to a pair that
    follows that dict's pairs."""
    pieces, start = [], 0
    for index, pair in sorted((after or {}).items()):
        pieces += (_pairs(dicts[start : index + 1]), (pair,))
        start = index + 1
    pieces.append(_pairs(dicts[start:]))
    return dict.fromkeys(chain.from_iterable(pieces))


def _kinds(seen: dict, skip: Iterable[str] = ()) -> dict | None:
    """The (name, type) pairs of ``_seen`` whose name is not in ``skip``, or None if one is not covered."""
    skip = set(skip)
    if skip:
        seen = {kind: None for kind in seen if kind[0] not in skip}
    if any(type(name) is not str or kind not in _XML_TYPES or clean_text(name) != name for name, kind in seen):
        return None
    return seen


def _streamable(graph: nx.Graph) -> bool:
    return graph.is_multigraph() and not {"node_default", "edge_default"} & graph.graph.keys()


_GEXF_FLOAT_WORDS = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}


def _gexf_float(value: float) -> str:
    text = float.__repr__(value)
    return _GEXF_FLOAT_WORDS.get(text, text)


# A number or truth value as networkx writes it in GEXF, by its exact type (``_kinds`` admits only these).
_GEXF_VALUE: dict[type, Callable[[object], str]] = {
    bool: lambda value: "true" if value else "false",
    int: int.__repr__,
    float: _gexf_float,
}


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> bool:
    """GraphML as ``nx.write_graphml_xml`` (networkx without lxml) writes it (keys d0, d1 … in the same order), streamed; False if not covered."""
    if not _streamable(graph) or "id" in graph.graph:
        return False
    edges = list(_edges(graph))
    scopes = {}
    for scope, dicts in (
        ("graph", [graph.graph]),
        ("node", list(graph._node.values())),
        ("edge", list(map(itemgetter(3), edges))),
    ):
        kinds = _kinds(_seen(dicts))
        if kinds is None:
            return False
        scopes[scope] = kinds
    keys: dict = {}
    for scope, kinds in scopes.items():
        for name, kind in kinds:
            keys.setdefault((name, _XML_TYPES[kind], scope), f"d{len(keys)}")
    ids = {
        scope: {(name, kind): keys[name, _XML_TYPES[kind], scope] for name, kind in kinds}
        for scope, kinds in scopes.items()
    }
    node_ids = {node: _attr(clean_text(str(node))) for node in graph}

    # A <data> line's start by (name, type), and for text values by name alone: no tuple per value.
    prefixes = {
        scope: {kind: f'{"    " if scope == "graph" else "      "}<data key="{key}">' for kind, key in kinds.items()}
        for scope, kinds in ids.items()
    }
    text_prefixes = {
        scope: {name: prefix for (name, kind), prefix in kinds.items() if kind is str}
        for scope, kinds in prefixes.items()
    }

    def data(scope: str, values: dict, text: _Escaped) -> list[str]:
        prefix, text_prefix = prefixes[scope], text_prefixes[scope]
        return [
            f"{text_prefix[name]}{text[value]}</data>\n"
            if type(value) is str
            else f"{prefix[name, type(value)]}{value}</data>\n"
            for name, value in values.items()
        ]

    def graph_data(batch, clean):
        return "".join(data("graph", batch[0], _Escaped(_text, clean)))

    def nodes(batch, clean):
        text = _Escaped(_text, clean)
        lines = []
        for name, values in batch:
            if values:
                lines.append(f'    <node id="{node_ids[name]}">\n')
                lines += data("node", values, text)
                lines.append("    </node>\n")
            else:
                lines.append(f'    <node id="{node_ids[name]}" />\n')
        return "".join(lines)

    def render_edges(batch, clean):
        text, attr = _Escaped(_text, clean), _Escaped(_attr, clean)
        lines = []
        for u, v, key, values in batch:
            head = f'    <edge source="{node_ids[u]}" target="{node_ids[v]}" id="{attr[str(key)]}"'
            if values:
                lines.append(head + ">\n")
                lines += data("edge", values, text)
                lines.append("    </edge>\n")
            else:
                lines.append(head + " />\n")
        return "".join(lines)

    def document() -> Iterator[str]:
        yield _GRAPHML_HEAD + "".join(
            f'  <key id="{key}" for="{scope}" attr.name="{_attr(name)}" attr.type="{kind}" />\n'
            for (name, kind, scope), key in reversed(keys.items())
        )
        edgedefault = "directed" if graph.is_directed() else "undirected"
        yield f'  <graph edgedefault="{edgedefault}">\n'
        yield from _xml_chunks([graph.graph], graph_data)
        yield from _xml_chunks(graph._node.items(), nodes)
        yield from _xml_chunks(edges, render_edges)
        yield "  </graph>\n</graphml>\n"

    _write(path, document())
    return True


def write_gexf(graph: nx.MultiDiGraph, path: Path, looks: Mapping[Any, Look] | None = None) -> bool:
    """GEXF 1.2 that Gephi, Gephi Lite (graphology-gexf) and networkx read, streamed; False if not covered.

    Written as ``nx.write_gexf`` writes it (the same attribute ids and types, node fields such as
    label and start as XML attributes), but for what makes it a GEXF file Gephi and graphology
    refuse or misread:

    * an edge's ``type`` is an attribute (``attvalue``): GEXF's own ``type`` is the edge's
      direction (directed, undirected, mutual), and networkx wrote a relationship type there.
      A text ``type`` is also the edge's ``kind`` (GEXF 1.3's, which Gephi reads in 1.2 files
      too): Gephi keeps an actor's RESPONSIBLE_FOR and PARTNER_IN edges to one measure apart
      instead of merging them as parallel edges;
    * an edge's id is its key when no two edges share one (the graph files' ``e0``, ``e1`` …), and
      no ``networkx_key`` attribute is written then; otherwise ids 0, 1 … and the key as
      ``networkx_key``, as networkx does;
    * ``looks`` (``file_graph.node_looks``) gives each node ``viz:color``, ``viz:size`` and
      ``viz:position``, as networkx writes a node's ``viz`` attribute.
    """
    if not _streamable(graph) or not isinstance(graph.graph.get("name", ""), str):
        return False
    node_dicts = list(graph._node.values())
    edges = list(_edges(graph))
    edge_dicts = list(map(itemgetter(3), edges))
    keys_as_ids = list(map(str, map(itemgetter(2), edges)))
    keyed = len(set(keys_as_ids)) == len(keys_as_ids)  # every edge's key is its id: no networkx_key
    node_seen = _seen(node_dicts)
    edge_seen = _seen(edge_dicts)
    if not keyed:  # networkx declares an edge's key after its other attributes: after the first edge of each type
        first_of_type = {kind: index for index, kind in reversed(list(enumerate(map(type, map(itemgetter(2), edges)))))}
        edge_seen = _seen(edge_dicts, {index: ("networkx_key", kind) for kind, index in first_of_type.items()})
    node_names = {name for name, _ in node_seen}
    edge_names = {name for name, _ in edge_seen}
    if _GEXF_UNCOVERED & edge_names or {"viz", "parents", "spells"} & node_names:
        return False
    if looks is not None and not all(node in looks for node in graph._node):
        return False
    node_kinds = _kinds(node_seen, _GEXF_NODE_FIELDS)
    edge_kinds = _kinds(edge_seen, _GEXF_EDGE_FIELDS)
    if node_kinds is None or edge_kinds is None:
        return False
    timeformat = None
    dated = {"start", "end"} & (node_names | edge_names)
    for values in (*node_dicts, *edge_dicts) if dated else ():
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
    attr_ids = {klass: {title: number for title, (number, _) in titles.items()} for klass, titles in declared.items()}
    gexf_ids = {node: _attr(clean_text(str(values.get("id", node)))) for node, values in graph.nodes(data=True)}

    prefixes = {
        klass: {title: f'          <attvalue for="{number}" value="' for title, number in titles.items()}
        for klass, titles in attr_ids.items()
    }
    for titles in prefixes.values():
        if "networkx_key" in titles and "key" not in titles:
            titles["key"] = titles["networkx_key"]

    node_fields, edge_fields = frozenset(_GEXF_NODE_FIELDS), frozenset(_GEXF_EDGE_FIELDS)
    # The fields some node or edge has (plan graphs: none), so that most elements look for none.
    node_field_names = [name for name in ("pid", "start", "end") if name in node_names]
    edge_field_names = [name for name in _GEXF_EDGE_FIELDS if name in edge_names]

    def fields(values: dict, names: list, attr: _Escaped) -> str:
        return "".join([f' {name}="{attr[str(values[name])]}"' for name in names if name in values]) if names else ""

    def viz(node) -> str:
        look = looks[node]  # type: ignore[index]
        r, g, b = look.colour
        return (
            f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
            f'        <viz:size value="{look.size!r}" />\n'
            f'        <viz:position x="{look.x!r}" y="{look.y!r}" z="0.0" />\n'
        )

    def nodes(batch, clean):
        attr, prefix = _Escaped(_attr, clean), prefixes["node"]
        lines = []
        for name, values in batch:
            lines.append(
                f'      <node id="{gexf_ids[name]}" label="{attr[str(values.get("label", name))]}"'
                f"{fields(values, node_field_names, attr)}"
            )
            rest = [
                f'{prefix[k]}{attr[v] if type(v) is str else _GEXF_VALUE[type(v)](v)}" />\n'
                for k, v in values.items()
                if k not in node_fields
            ]
            if rest or looks is not None:
                lines.append(">\n")
                if rest:
                    lines.append("        <attvalues>\n")
                    lines += rest
                    lines.append("        </attvalues>\n")
                if looks is not None:
                    lines.append(viz(name))
                lines.append("      </node>\n")
            else:
                lines.append(" />\n")
        return "".join(lines)

    def render_edges(batch, clean):
        attr, prefix = _Escaped(_attr, clean), prefixes["edge"]
        lines = []
        for number, (u, v, key, values) in batch:
            kind = values.get("type")
            lines.append(
                f'      <edge source="{gexf_ids[u]}" target="{gexf_ids[v]}"'
                f' id="{attr[keys_as_ids[number]] if keyed else number}"{fields(values, edge_field_names, attr)}'
                + (f' kind="{attr[kind]}"' if type(kind) is str else "")
            )
            rest = [
                f'{prefix[k]}{attr[x] if type(x) is str else _GEXF_VALUE[type(x)](x)}" />\n'
                for k, x in values.items()
                if k not in edge_fields
            ]
            if not keyed:
                rest.append(
                    f'{prefix["networkx_key"]}{attr[key] if type(key) is str else _GEXF_VALUE[type(key)](key)}" />\n'
                )
            if rest:
                lines.append(">\n        <attvalues>\n")
                lines += rest
                lines.append("        </attvalues>\n      </edge>\n")
            else:
                lines.append(" />\n")
        return "".join(lines)

    def document() -> Iterator[str]:
        name = _attr(clean_text(graph.graph.get("name", "")))
        yield (
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<gexf xmlns="http://www.gexf.net/1.2draft"'
            + (' xmlns:viz="http://www.gexf.net/1.2draft/viz"' if looks is not None else "")
            + ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"'
            ' version="1.2">\n'
            f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n'
            f"    <creator>graphmodel (NetworkX {nx.__version__})</creator>\n  </meta>\n"
        )
        edgetype = "directed" if graph.is_directed() else "undirected"
        timed = f' timeformat="{timeformat}"' if timeformat else ""
        yield f'  <graph defaultedgetype="{edgetype}" mode="{mode}" name="{name}"{timed}>\n'
        for klass in ("edge", "node"):
            if declared[klass]:
                yield (
                    f'    <attributes mode="static" class="{klass}">\n'
                    + "".join(
                        f'      <attribute id="{number}" title="{_attr(title)}" type="{kind}" />\n'
                        for title, (number, kind) in declared[klass].items()
                    )
                    + "    </attributes>\n"
                )
        yield "    <nodes>\n"
        yield from _xml_chunks(graph._node.items(), nodes)
        yield "    </nodes>\n    <edges>\n"
        yield from _xml_chunks(enumerate(edges), render_edges)
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
    str: _encode,
    bool: lambda v: "true" if v else "false",
    int: int.__repr__,
    float: _json_float,
    type(None): lambda v: "null",
}


class _Heads(dict):
    """A name's line start in a node-link object, made once per name."""

    def __missing__(self, name: str) -> str:
        self[name] = head = f"   {_encode(name)}: "
        return head


_HEADS = _Heads()


# json's C encoder, writing members and list items on lines of their own: for a list of objects without
# nested objects or lists, the text of the indenting encoder two levels deep, up to the indentation of
# the objects' braces.
_encode_flat = json.JSONEncoder(ensure_ascii=False, separators=(",\n   ", ": ")).encode


def _json_object(values: dict) -> str:
    """``values`` as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes it two levels deep."""
    try:
        if len(_HEADS) > 10_000:
            _HEADS.clear()
        return "  {\n" + ",\n".join([_HEADS[k] + _JSON_VALUE[type(v)](v) for k, v in values.items()]) + "\n  }"
    except (KeyError, TypeError):  # nested values or keys that are not strings: json's own encoder
        return "  " + json.dumps(values, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _json_objects(objects: list[dict]) -> str:
    """``_json_object`` of each object, joined by ",\n": by one call of the C encoder when no object is empty
    and the text holds no brace or bracket but theirs (no nested values, none in strings), else one by one."""
    encoded = _encode_flat(objects)
    if encoded.count("{") == len(objects) and encoded.count("[") == 1 and all(objects):
        # Only an object's end can precede "},\n   {": strings hold no brace to follow it.
        return "  {\n   " + encoded[2:-2].replace("},\n   {", "\n  },\n  {\n   ") + "\n  }"
    return ",\n".join([_json_object(values) for values in objects])


def _json_list(objects: Iterable[dict]) -> Iterator[str]:
    """A list of objects, CHUNK at a time; a chunk that may hold text ``clean_text`` changes is made again from
    cleaned data (``clean_data``)."""
    objects = iter(objects)
    separator = "\n"
    while batch := list(islice(objects, CHUNK)):
        text = _json_objects(batch)
        if json_needs_cleaning(text):
            text = _json_objects([clean_data(values) for values in batch])
        yield separator + text
        separator = ",\n"
    yield "\n ]" if separator == ",\n" else "]"


def graph_json_chunks(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Node-link JSON as ``json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, indent=1)``
    writes it (byte for byte when no text needs cleaning), with strings cleaned where they need it.

    ``links`` is what D3 and ``nx.node_link_graph`` read by default."""
    multigraph = graph.is_multigraph()
    attributes = json.dumps(graph.graph, ensure_ascii=False, indent=1)
    if json_needs_cleaning(attributes):
        attributes = json.dumps(clean_data(graph.graph), ensure_ascii=False, indent=1)
    attributes = attributes.replace("\n", "\n ")
    yield (
        f'{{\n "directed": {"true" if graph.is_directed() else "false"},\n'
        f' "multigraph": {"true" if multigraph else "false"},\n "graph": {attributes},\n "nodes": ['
    )
    yield from _json_list({**values, "id": node} for node, values in graph._node.items())
    yield ',\n "links": ['
    if multigraph:
        yield from _json_list({**values, "source": u, "target": v, "key": key} for u, v, key, values in _edges(graph))
    else:
        yield from _json_list({**values, "source": u, "target": v} for u, v, values in graph.edges(data=True))
    yield "\n}"


def write_graph_json(graph: nx.MultiDiGraph, path: Path) -> Path:
    """``graph_json_chunks`` streamed to a UTF-8 file."""
    _write(path, graph_json_chunks(graph))
    return path


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _compact_list(items: Iterable) -> Iterator[str]:
    """A JSON list, compact, one item a line (for grep and diff), CHUNK items at a time; a chunk that may
    hold text ``clean_text`` changes is encoded again from cleaned data."""
    items = iter(items)
    separator = "[\n"
    while batch := list(islice(items, CHUNK)):
        text = ",\n".join(map(_compact, batch))
        if json_needs_cleaning(text):
            text = ",\n".join(map(_compact, clean_data(batch)))  # type: ignore[call-overload]
        yield separator + text
        separator = ",\n"
    yield "[]" if separator == "[\n" else "\n]"


def graphology_chunks(graph: nx.MultiDiGraph, looks: Mapping[Any, Look] | None = None) -> Iterator[str]:
    """The graph as graphology serialises it (``graph.export()``, what ``Graph.from`` and Gephi Lite load):
    ``{"attributes", "options", "nodes": [{"key", "attributes"}], "edges": [{"key", "source", "target",
    "attributes"}]}``. A node's ``looks`` are its ``x``, ``y``, ``size`` and ``color`` attributes, which
    sigma.js and Gephi Lite draw with. Edge keys are the graph's keys (``e0``, ``e1`` … in the files)."""
    options = {"type": "directed" if graph.is_directed() else "undirected", "multi": graph.is_multigraph()}
    head = {"attributes": graph.graph, "options": {**options, "allowSelfLoops": True}}
    text = _compact(head)
    if json_needs_cleaning(text):
        text = _compact(clean_data(head))
    yield text[:-1] + ',\n"nodes":'

    def node_items() -> Iterator[dict]:
        for node, values in graph._node.items():
            if looks is None:
                yield {"key": node, "attributes": values}
            else:
                look = looks[node]
                yield {
                    "key": node,
                    "attributes": {**values, "x": look.x, "y": look.y, "size": look.size, "color": look.hex},
                }

    yield from _compact_list(node_items())
    yield ',\n"edges":'
    yield from _compact_list(
        {"key": key, "source": u, "target": v, "attributes": values} for u, v, key, values in _edges(graph)
    )
    yield "}\n"


def write_graphology_json(graph: nx.MultiDiGraph, path: Path, looks: Mapping[Any, Look] | None = None) -> Path:
    """``graphology_chunks`` streamed to a UTF-8 file."""
    _write(path, graphology_chunks(graph, looks))
    return path
