"""One self-contained HTML page per view: our own template, vis-network inlined, plan text always escaped.

- vis-network's ``vis-network.min.js`` is read from the installed pyvis
  package (``pyvis/templates/lib/vis-9.1.2/``) and inlined; nothing is loaded
  from elsewhere, and the Content-Security-Policy forbids it (scripts are
  allowed by their sha256 hash only).
- Markup (headings, legend, filter options, tables) goes through
  ``html.escape``. The node and edge data are JSON in a
  ``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028
  and U+2029 escaped, so no plan text can close the tag. Tooltips are DOM
  elements built with ``textContent`` (nodes) or plain strings, which
  vis-network shows with ``innerText`` (edges): never HTML.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path

import orjson

from graphmodel.memory import gc_paused
from graphmodel.text import Plural, clean_data, clean_text, json_needs_cleaning

from .text import PART_OF_COLOUR, PARTNER_COLOUR, RESPONSIBLE_COLOUR, SEVERITY_COLOURS, text
from .views import View

VIS_VERSION = "9.1.2"


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network library as shipped inside the installed pyvis package."""
    import pyvis

    path = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


def escape(text: str) -> str:
    """Text as HTML: markup escaped, and no character an HTML parser calls an error (``clean_text``)."""
    return html_escape(clean_text(text))


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no '<', '>', '&', U+2028 or U+2029 left raw,
    and no string holding what ``clean_text`` removes."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if json_needs_cleaning(encoded):
        encoded = json.dumps(clean_data(data), ensure_ascii=False, separators=(",", ":"))
    return (
        encoded.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


STYLE = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1d2630;background:#f6f7f9}
a{color:#0b57d0}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;z-index:10;background:#fff;color:#0b57d0;padding:.4rem .8rem;border-radius:4px;font-weight:600}
.skip:focus{top:.5rem}
main:focus{outline:none}
header{background:#1f3a5f;color:#fff;padding:.8rem 1.4rem}
header h1{margin:0;font-size:1.35rem} header p{margin:.2rem 0 0;color:#e3e9f1;font-size:.95rem}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;padding:.6rem 1.4rem;background:#fff;border-bottom:1px solid #dde2e8}
.toolbar label{display:flex;flex-direction:column;font-size:.78rem;color:#4a5563;gap:.15rem}
.toolbar input:focus-visible,.toolbar select:focus-visible,.toolbar button:focus-visible{outline:3px solid #0b57d0;outline-offset:1px}
.toolbar input[type=search]{width:16rem}
.toolbar input,.toolbar select,.toolbar button{font:inherit;font-size:.9rem;padding:.25rem .4rem;border:1px solid #b8c1cc;border-radius:4px;background:#fff;max-width:16rem}
.toolbar button{cursor:pointer;background:#eef2f6}
.toolbar label.check{flex-direction:row;align-items:center;font-size:.9rem;color:#1d2630}
#hits{font-size:.85rem;color:#4a5563;min-width:6rem}
.layout{display:flex;gap:0;align-items:stretch}
#network:focus-within{outline:3px solid #0b57d0;outline-offset:-3px}
#network{flex:1 1 auto;height:76vh;min-height:420px;background:#fff;border-right:1px solid #dde2e8;position:relative}
.side{flex:0 0 320px;max-height:76vh;overflow:auto;padding:.6rem .9rem;background:#fbfcfd;font-size:.88rem}
.side h2{font-size:.95rem;margin:.6rem 0 .3rem}
.legend{list-style:none;padding:0;margin:0} .legend li{display:flex;align-items:center;gap:.5rem;margin:.18rem 0}
.sw{display:inline-block;width:1.6rem;height:.95rem;border:2px solid;border-radius:7px;flex:0 0 auto}
.sw.measure{border-radius:2px} .sw.dashed{border-style:dashed}
.ln{display:inline-block;width:1.6rem;height:0;border-top:3px solid;flex:0 0 auto}
.ln.partner{border-top-style:dashed} .ln.part_of{border-top-style:dotted}
.sw.gap-high{border-width:5px;background:#fff} .sw.gap-medium{border-width:2px;background:#fff}
#selected .name{font-weight:600;font-size:.95rem} #selected ul{padding-left:1.1rem;margin:.3rem 0}
#selected p{margin:.25rem 0}
.muted{color:#5c6776} .help{font-size:.8rem;color:#5c6776}
#selected:focus{outline:none} #selected:focus-visible{outline:3px solid #0b57d0}
#selected button{font:inherit;font-size:.85rem;margin-top:.4rem;padding:.2rem .5rem;border:1px solid #b8c1cc;border-radius:4px;background:#eef2f6;cursor:pointer}
section.tables{padding:.6rem 1.4rem 2rem}
section.tables h2{font-size:1.05rem;margin:1rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.86rem;background:#fff}
th,td{text-align:left;padding:.3rem .45rem;border-bottom:1px solid #e6e9ee;vertical-align:top}
th{background:#f0f3f7;position:sticky;top:0} td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.hit td{background:#fff6cc}
tr[data-n]{cursor:pointer} tr[data-n]:hover td{background:#f3f6fa} tr[data-n].hit:hover td{background:#ffefa3}
tr[data-n]:focus-visible{outline:3px solid #0b57d0;outline-offset:-3px}
.vis-tooltip{position:absolute;visibility:hidden;max-width:26rem;padding:.45rem .6rem;background:#fffef5;border:1px solid #8a8f98;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.2);font-size:.85rem;color:#1d2630;white-space:pre-wrap;z-index:5;pointer-events:none}
.tip-head{font-weight:600;margin-bottom:.2rem} .tip-gap{color:#b42318}
ul.findings{padding-left:1.1rem;margin:.2rem 0} footer{padding:0 1.4rem 1rem}
"""

APP_JS = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("view-data").textContent);
  var T = DATA.text, SEV = DATA.severity, STYLES = DATA.styles, ESTYLES = DATA.estyles;
  function fill(template, values) {  // "{a} och {b}" -> text; never a regexp replacement pattern
    if (Array.isArray(template)) template = template[values.n === 1 ? 0 : 1];  // [singular, plural]
    return template.replace(/\{(\w+)\}/g, function (all, k) { return k in values ? String(values[k]) : all; });
  }
  // Compact rows -> one record per node / edge (the page's own data; vis gets only what it draws).
  // node row: [label, x, y, style, key, type, search (null = label), tip lines, filters, gap (0 = none), size (0 = style's)]
  // A number in place of a string is an index into DATA.strings (strings that recur are written once).
  var STR = DATA.strings;
  function str(x) { return typeof x === "number" ? STR[x] : x; }
  var META = DATA.nodes.map(function (r, i) {
    var f = {};
    Object.keys(r[8]).forEach(function (name) { f[name] = r[8][name].map(str); });
    return {id: i, label: r[0], x: r[1], y: r[2], s: r[3], key: r[4], type: r[5], search: r[6] === null ? r[0] : str(r[6]),
            tip: r[7].map(str), f: f, g: r[9] || null, size: r[10]};
  });
  // edge row: [from, to, style, width, title string or [measure indexes] (built on hover)]
  var EMETA = DATA.edges.map(function (r, i) { return {id: i, from: r[0], to: r[1], s: r[2], width: r[3], t: r[4]}; });
  function tipElement(lines) {  // plain text only: textContent, never innerHTML
    var box = document.createElement("div");
    lines.forEach(function (line, i) {
      var el = document.createElement("div");
      el.textContent = line;
      if (i === 0) el.className = "tip-head";
      else if (line.indexOf("\u26a0") === 0) el.className = "tip-gap";
      box.appendChild(el);
    });
    return box;
  }
  function edgeTitle(e) {  // a string: vis-network shows it with innerText
    if (typeof e.t === "string") return e.t;
    var lines = [fill(T.shared_measures, {a: META[e.from].tip[0], b: META[e.to].tip[0], n: e.t.length})];
    e.t.slice(0, DATA.listed).forEach(function (m) { lines.push("\u2022 " + DATA.measures[m]); });
    if (e.t.length > DATA.listed) lines.push(fill(T.more, {n: e.t.length - DATA.listed}));
    return lines.join("\n");
  }
  function gapStyle(n, on) {
    var st = STYLES[n.s];
    if (on && n.g) return {id: n.id, label: "\u26a0 " + n.label, borderWidth: n.g === "high" ? 6 : 3,
      color: {background: st.color.background, border: SEV[n.g]}};
    return {id: n.id, label: n.label, borderWidth: st.borderWidth, color: st.color};
  }
  var showGaps = document.getElementById("gaps");
  var groups = {};
  STYLES.forEach(function (st, i) { groups["s" + i] = st; });
  var nodes = new vis.DataSet(META.map(function (n) {
    var item = {id: n.id, label: n.label, x: n.x, y: n.y, group: "s" + n.s, key: n.key, type: n.type};
    if (n.size) item.size = n.size;
    if (n.g && showGaps && showGaps.checked) Object.assign(item, gapStyle(n, true));
    return item;
  }));
  var edges = new vis.DataSet(EMETA.map(function (e) {
    return Object.assign({id: e.id, from: e.from, to: e.to, width: e.width}, ESTYLES[e.s]);
  }));
  var container = document.getElementById("network");
  var options = {
    physics: {enabled: false},
    layout: {improvedLayout: false, randomSeed: 1},
    groups: groups,
    interaction: {hover: !DATA.big, tooltipDelay: 120, hideEdgesOnDrag: DATA.big, hideEdgesOnZoom: DATA.big,
                  multiselect: true, navigationButtons: false, keyboard: {enabled: true, bindToWindow: false}},
    nodes: {font: {face: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"}, margin: 8,
            scaling: {min: 6, max: 40, label: DATA.big ? {enabled: true, min: 8, max: 22, drawThreshold: 7} : {enabled: false}}},
    edges: {smooth: DATA.kind === "actors" ? false : {enabled: true, type: "cubicBezier", forceDirection: "horizontal", roundness: 0.45},
            selectionWidth: 1.5, hoverWidth: 0.5,
            color: {color: "#7d8b99", highlight: "#0d47a1", opacity: DATA.big ? 0.55 : 0.8}}
  };
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  window.__view = {network: network, nodes: nodes, edges: edges, data: DATA, meta: META, drawn: false};
  if (DATA.headers.length) network.moveTo({position: {x: network.getViewPosition().x, y: network.getViewPosition().y - 25},
                                             scale: network.getScale() * 0.95, animation: false});
  network.once("afterDrawing", function () {
    window.__view.drawn = true;
    window.__view.drawnAt = performance.now();
  });
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    DATA.bands.forEach(function (b) {
      ctx.fillStyle = "rgba(31,58,95,0.06)";
      ctx.strokeStyle = "rgba(31,58,95,0.25)";
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.rect(b.x - b.width / 2, b.y0, b.width, b.y1 - b.y0);
      ctx.fill(); ctx.stroke();
      ctx.fillStyle = "#1f3a5f";
      ctx.font = "600 14px system-ui, Segoe UI, Arial, sans-serif";
      ctx.textAlign = "left"; ctx.textBaseline = "top";
      ctx.fillText(b.label, b.x - b.width / 2 + 6, b.y0 + 5);
    });
    DATA.headers.forEach(function (h) {
      ctx.fillStyle = "#1d2630";
      ctx.font = "700 18px system-ui, Segoe UI, Arial, sans-serif";
      ctx.textAlign = "center"; ctx.textBaseline = "bottom";
      ctx.fillText(h.label, h.x, h.y);
    });
    ctx.restore();
  });

  // ---- tooltips, built when the pointer first reaches a node or edge ----
  // vis-network 9.1.2 shows, tooltipDelay ms after a mouse move, the title of the item under the
  // pointer: node.options.title or edge.title (what Node/Edge.getTitle return). This handler runs
  // first (capture phase) and sets that title on vis's own object, so the data sets are untouched
  // and nothing is redrawn. Node tooltips are elements built with textContent; edge tooltips are
  // strings, which vis shows with innerText.
  container.addEventListener("mousemove", function (ev) {
    var box = container.getBoundingClientRect();
    var at = {x: ev.clientX - box.left, y: ev.clientY - box.top};
    var id = network.getNodeAt(at);
    if (id !== undefined) {
      var node = network.body.nodes[id];
      if (node && node.options.title === undefined) node.options.title = tipElement(META[id].tip);
      return;
    }
    var eid = network.getEdgeAt(at);
    var edge = eid === undefined ? null : network.body.edges[eid];
    if (edge && edge.title === undefined) edge.title = edgeTitle(EMETA[eid]);
  }, true);

  // ---- neighbourhood highlight ----
  var adjacency = {};
  EMETA.forEach(function (e) {
    (adjacency[e.from] = adjacency[e.from] || []).push(e.to);
    (adjacency[e.to] = adjacency[e.to] || []).push(e.from);
  });
  function edgeColour(e, opacity) {
    return Object.assign({color: "#7d8b99", highlight: "#0d47a1"}, ESTYLES[e.s].color,
                         {opacity: opacity === undefined ? (ESTYLES[e.s].color ? 1 : (DATA.big ? 0.55 : 0.8)) : opacity});
  }
  var dimmed = false;
  function highlight(ids) {
    var keep = {};
    ids.forEach(function (id) { keep[id] = true; (adjacency[id] || []).forEach(function (o) { keep[o] = true; }); });
    var sel = {}; ids.forEach(function (id) { sel[id] = true; });
    nodes.update(META.map(function (n) { return {id: n.id, opacity: keep[n.id] ? 1 : 0.15}; }));
    edges.update(EMETA.map(function (e) { return {id: e.id, color: edgeColour(e, sel[e.from] || sel[e.to] ? 1 : 0.07)}; }));
    dimmed = true;
  }
  function clearHighlight() {
    if (!dimmed) return;
    nodes.update(META.map(function (n) { return {id: n.id, opacity: 1}; }));
    edges.update(EMETA.map(function (e) { return {id: e.id, color: edgeColour(e)}; }));
    dimmed = false;
  }
  var panel = document.getElementById("selected");
  function showSelected(ids) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    if (!ids.length) { var p = document.createElement("p"); p.className = "muted"; p.textContent = T.nothing_selected; panel.appendChild(p); return; }
    ids.slice(0, 5).forEach(function (id) {
      var n = META[id]; if (!n) return;
      var head = document.createElement("p"); head.className = "name"; head.textContent = n.tip[0]; panel.appendChild(head);
      n.tip.slice(1).forEach(function (line) { var p = document.createElement("p"); p.textContent = line; if (line.indexOf("\u26a0") === 0) p.className = "tip-gap"; panel.appendChild(p); });
      var near = (adjacency[id] || []).map(function (o) { return META[o]; }).filter(Boolean);
      if (near.length) {
        var ul = document.createElement("ul");
        near.slice(0, 40).forEach(function (o) { var li = document.createElement("li"); li.textContent = o.tip[0]; ul.appendChild(li); });
        if (near.length > 40) { var li = document.createElement("li"); li.textContent = "\u2026 " + (near.length - 40); ul.appendChild(li); }
        panel.appendChild(ul);
      }
    });
  }
  // ---- the table is the network's text equivalent: a row opens its nodes' details (mouse or keyboard) ----
  var fromRow = null;
  function openRow(tr) {
    var ids = tr.getAttribute("data-n").split(" ").map(Number);
    network.selectNodes(ids);
    select(ids);
    fromRow = tr;
    var back = document.createElement("button");
    back.type = "button"; back.textContent = T.back_to_table;
    back.addEventListener("click", function () { if (fromRow) fromRow.focus(); });
    panel.appendChild(back);
    panel.focus({preventScroll: true});
    panel.scrollIntoView({block: "nearest"});
    if (ids.length === 1) network.focus(ids[0], {scale: Math.max(network.getScale(), 0.9), animation: false});
    else network.fit({nodes: ids, animation: false});
  }
  var tablesSection = document.querySelector("section.tables");
  if (tablesSection) {
    tablesSection.addEventListener("click", function (ev) {
      var tr = ev.target.closest && ev.target.closest("tr[data-n]");
      if (tr) openRow(tr);
    });
    tablesSection.addEventListener("keydown", function (ev) {
      var tr = ev.target;
      if (!tr.matches || !tr.matches("tr[data-n]")) return;
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openRow(tr); }
    });
  }
  var marked = [];
  function markRows(ids) {
    marked = ids;
    var want = {}; ids.forEach(function (id) { want[id] = true; });
    document.querySelectorAll("tr[data-n]").forEach(function (tr) {
      var hit = tr.getAttribute("data-n").split(" ").some(function (x) { return want[x]; });
      tr.classList.toggle("hit", ids.length > 0 && hit);
    });
  }
  function select(ids) {
    if (ids.length) { highlight(ids); } else { clearHighlight(); }
    showSelected(ids); markRows(ids);
  }
  network.on("click", function (params) { select(params.nodes); });

  // ---- search (by label and names, never by id) ----
  var search = document.getElementById("search"), hits = document.getElementById("hits");
  function fold(s) { return (s || "").toLocaleLowerCase(DATA.lang); }
  var visible = null;  // null: no filter yet, everything shown
  function runSearch() {
    var q = fold(search.value.trim());
    if (!q) { hits.textContent = ""; network.unselectAll(); select([]); return []; }
    var found = META.filter(function (n) {
      return (!visible || visible[n.id]) && (fold(n.search).indexOf(q) >= 0 || fold(n.label).indexOf(q) >= 0);
    }).map(function (n) { return n.id; });
    hits.textContent = found.length ? fill(T.hits, {n: found.length}) : T.no_hits;
    network.selectNodes(found);
    select(found);
    if (found.length === 1) network.focus(found[0], {scale: Math.max(network.getScale(), 0.9), animation: false});
    else if (found.length) network.fit({nodes: found, animation: false});
    return found;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); runSearch(); } });

  // ---- filters ----
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var MEASURE_FILTERS = {area: 1, level: 1, state: 1, plan: 1};
  function passes(n, active) {
    return active.every(function (a) { return !(a.name in n.f) || n.f[a.name].indexOf(a.value) >= 0; });
  }
  function filterRows() {
    document.querySelectorAll("tr[data-n]").forEach(function (tr) {
      tr.hidden = !!visible && !tr.getAttribute("data-n").split(" ").every(function (x) { return visible[x]; });
    });
  }
  function applyFilters() {
    var active = selects.filter(function (s) { return s.value !== "*"; })
                        .map(function (s) { return {name: s.getAttribute("data-filter"), value: s.value}; });
    visible = {};
    META.forEach(function (n) { visible[n.id] = passes(n, active); });
    if (DATA.kind !== "actors") {
      var measureFilter = active.some(function (a) { return MEASURE_FILTERS[a.name]; });
      var kindFilter = active.some(function (a) { return a.name === "kind"; });
      var own = {}; META.forEach(function (n) { own[n.id] = visible[n.id]; });
      META.forEach(function (n) {
        if (!own[n.id]) return;
        var near = (adjacency[n.id] || []).filter(function (o) { return META[o].type !== n.type; });
        if (n.type === "actor" && measureFilter) visible[n.id] = near.some(function (o) { return own[o]; });
        if (n.type === "measure" && kindFilter) visible[n.id] = near.some(function (o) { return own[o]; });
      });
    }
    nodes.update(META.map(function (n) { return {id: n.id, hidden: !visible[n.id]}; }));
    filterRows();
    var shown = META.filter(function (n) { return visible[n.id]; }).map(function (n) { return n.id; });
    if (shown.length) network.fit({nodes: shown, animation: false});
    if (search.value.trim()) runSearch();
    return shown.length;
  }
  selects.forEach(function (s) { s.addEventListener("change", applyFilters); });
  if (showGaps) showGaps.addEventListener("change", function () {
    nodes.update(META.filter(function (n) { return n.g; }).map(function (n) { return gapStyle(n, showGaps.checked); }));
  });
  document.getElementById("reset").addEventListener("click", function () {
    selects.forEach(function (s) { s.value = "*"; });
    search.value = ""; hits.textContent = "";
    applyFilters(); network.unselectAll(); select([]); network.fit({animation: false});
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({animation: false}); });

  // ---- big views: the table is built (with textContent) when it is first opened ----
  var lazy = document.getElementById("lazy-tables");
  function buildTables() {
    if (!lazy || lazy.getAttribute("data-built")) return;
    lazy.setAttribute("data-built", "1");
    DATA.tables.forEach(function (t) {
      var h = document.createElement("h2"); h.textContent = t.caption; lazy.appendChild(h);
      if (t.note) { var p = document.createElement("p"); p.className = "muted"; p.textContent = t.note; lazy.appendChild(p); }
      var table = document.createElement("table"), head = document.createElement("tr");
      t.headings.forEach(function (x) { var th = document.createElement("th"); th.scope = "col"; th.textContent = x; head.appendChild(th); });
      var thead = document.createElement("thead"); thead.appendChild(head); table.appendChild(thead);
      var body = document.createElement("tbody");
      t.rows.forEach(function (row, i) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-n", t.nodes[i].join(" "));
        tr.tabIndex = 0;
        row.forEach(function (v, j) {
          var td = document.createElement("td"); td.textContent = v;
          if (t.numeric.indexOf(j) >= 0) td.className = "num";
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      table.appendChild(body); lazy.appendChild(table);
    });
    filterRows(); markRows(marked);
  }
  if (lazy) lazy.parentNode.addEventListener("toggle", function () { if (lazy.parentNode.open) buildTables(); });
  window.__view.search = function (q) { search.value = q; return runSearch(); };
  window.__view.filter = function (name, value) {
    selects.forEach(function (s) { if (s.getAttribute("data-filter") === name) s.value = value; });
    return applyFilters();
  };
  window.__view.buildTables = buildTables;
  showSelected([]);
})();
"""


def _legend(view: View) -> str:
    items = []
    for item in view.legend:
        label = escape(item["label"])
        if item["type"] in ("actor", "measure"):
            cls = "sw measure" if item["type"] == "measure" else "sw"
            if item["dashed"]:
                cls += " dashed"
            colour = f"k{len(items)}"
            items.append((f'<li><span class="{cls} {colour}"></span>{label}</li>', colour, item))
        elif item["type"] == "edge":
            rel = {"RESPONSIBLE_FOR": "responsible", "PARTNER_IN": "partner", "PART_OF": "part_of"}.get(
                item["rel"], "collab"
            )
            items.append((f'<li><span class="ln {rel}"></span>{label}</li>', None, item))
        elif item["type"] == "gap":
            items.append((f'<li><span class="sw gap-{escape(item["severity"])}"></span>{label}</li>', None, item))
        else:
            items.append((f'<li class="muted">{label}</li>', None, item))
    css = []
    for _, colour, item in items:
        if colour:
            css.append(f".{colour}{{background:{item['fill']};border-color:{item['border']}}}")
    css += [
        f".ln.responsible{{border-color:{RESPONSIBLE_COLOUR}}}",
        f".ln.partner{{border-color:{PARTNER_COLOUR}}}",
        f".ln.part_of{{border-color:{PART_OF_COLOUR}}}",
        ".ln.collab{border-color:#7d8b99;border-top-width:6px}",
        f".sw.gap-high{{border-color:{SEVERITY_COLOURS['high']}}}",
        f".sw.gap-medium{{border-color:{SEVERITY_COLOURS['medium']}}}",
    ]
    return '<ul class="legend">' + "".join(i[0] for i in items) + "</ul>", "".join(css)


def _filters(view: View, t: dict) -> str:
    names = {"area": t["area"], "level": t["level"], "state": t["status"], "kind": t["kind"], "plan": t["plan"]}
    parts = []
    for name, options in view.filters.items():
        if len(options) < 2 and name != "kind":
            continue
        opts = f'<option value="*">{escape(t["all"])}</option>' + "".join(
            f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in options
        )
        parts.append(f'<label>{escape(names[name])}<select data-filter="{escape(name)}">{opts}</select></label>')
    return "".join(parts)


def _tables(view: View, t: dict) -> str:
    parts = [
        f'<section class="tables" id="tabell" aria-labelledby="tabell-h" tabindex="-1"><h2 id="tabell-h">{escape(t["table"])}</h2>'
    ]
    if view.big:  # thousands of rows: built by the page from the data when the reader opens them
        rows = sum(min(len(table.rows), TABLE_ROWS_SHOWN) for table in view.tables)
        parts.append(
            f"<details><summary>{escape(t['show_table'].format(n=rows))}</summary>"
            '<div id="lazy-tables"></div></details></section>'
        )
        return "".join(parts)
    for table in view.tables:
        parts.append(f"<h2>{escape(table.caption)}</h2>")
        if len(table.rows) > TABLE_ROWS_SHOWN:
            parts.append(
                f'<p class="muted">{escape(t["table_capped"].format(shown=TABLE_ROWS_SHOWN, total=len(table.rows)))}</p>'
            )
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headings)
        body = []
        for row, row_nodes in list(zip(table.rows, table.row_nodes))[:TABLE_ROWS_SHOWN]:
            cells = "".join(
                f'<td class="num">{escape(v)}</td>' if i in table.numeric else f"<td>{escape(v)}</td>"
                for i, v in enumerate(row)
            )
            body.append(f'<tr data-n="{" ".join(str(int(n)) for n in row_nodes)}" tabindex="0">{cells}</tr>')
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


TABLE_ROWS_SHOWN = 3000


def _canvas_height(view: View) -> str:
    """Tall layered drawings get a tall canvas (the page scrolls), so the first paint is readable."""
    if view.big or not view.nodes:
        return ""
    ys = [n["y"] for n in view.nodes] + [b["y0"] for b in view.bands] + [b["y1"] for b in view.bands]
    ys += [h["y"] - 30 for h in view.headers]
    xs = [n["x"] for n in view.nodes]
    extent_y = max(ys) - min(ys) + 120
    extent_x = max(xs) - min(xs) + 300
    height = int(min(max(560, extent_y * min(1.0, 1100 / extent_x)), 1500))
    return f"#network,.side{{height:{height}px;max-height:none}}"


NODE_FIELDS = frozenset(
    ("id", "key", "label", "x", "y", "size", "search", "tip", "f", "g", "type")
)  # the rest is style
EDGE_FIELDS = frozenset(("id", "from", "to", "width", "title", "shared", "weight", "rel"))


def _intern(table: list, index: dict, value: dict) -> int:
    key = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)  # a key only: a tenth of json.dumps' time
    if key not in index:
        index[key] = len(table)
        table.append(value)
    return index[key]


def page_data(view: View) -> dict:
    """The page's data, compact: node and edge rows, their styles once each (vis ``groups``), no tooltips.

    Tooltips are built in the page when the pointer first reaches an item (the
    actor view's edge tooltips from measure indexes), so a 300-plan page is a
    few MB and vis-network gets small option objects.
    """
    t = text(view.lang)
    styles: list[dict] = []
    seen: dict[str, int] = {}
    # strings that recur (actor kinds, filter values, aliases, tooltip lines) are written once
    uses = Counter(
        value
        for n in view.nodes
        for value in [*n["tip"], n.get("search", ""), *(v for values in n["f"].values() for v in values)]
    )
    strings = [value for value, count in uses.items() if count > 1 and len(value) > 2]
    number = {value: i for i, value in enumerate(strings)}
    short = number.get  # short(value, value): its number if it recurs, else itself

    nodes = []
    for i, n in enumerate(view.nodes):
        assert n["id"] == i, "vis node ids are the index in View.nodes"
        style = _intern(styles, seen, {k: v for k, v in n.items() if k not in NODE_FIELDS})
        nodes.append(
            [
                n["label"],
                n["x"],
                n["y"],
                style,
                n["key"],
                n["type"],
                None if n.get("search", n["label"]) == n["label"] else short(n["search"], n["search"]),
                [short(line, line) for line in n["tip"]],
                {name: [short(v, v) for v in values] for name, values in n["f"].items()},
                n.get("g") or 0,
                n.get("size") or 0,
            ]
        )
    estyles: list[dict] = []
    eseen: dict[str, int] = {}
    edges = []
    for i, e in enumerate(view.edges):
        assert e["id"] == i
        style = _intern(estyles, eseen, {k: v for k, v in e.items() if k not in EDGE_FIELDS})
        edges.append(
            [e["from"], e["to"], style, e.get("width", 1), e["shared"] if "shared" in e else e.get("title", "")]
        )
    data = {
        "kind": view.kind,
        "lang": view.lang,
        "big": view.big,
        "strings": strings,
        "styles": styles,
        "nodes": nodes,
        "estyles": estyles,
        "edges": edges,
        "measures": view.measure_texts,
        "listed": 8,
        "bands": view.bands,
        "headers": view.headers,
        "severity": SEVERITY_COLOURS,
        "text": {
            k: [t[k].one, t[k].other] if isinstance(t[k], Plural) else t[k]
            for k in ("hits", "no_hits", "nothing_selected", "shared_measures", "more", "back_to_table")
        },
        "tables": None,
    }
    if view.big:
        data["tables"] = [
            {
                "caption": table.caption,
                "headings": table.headings,
                "numeric": sorted(table.numeric),
                "note": (
                    t["table_capped"].format(shown=TABLE_ROWS_SHOWN, total=len(table.rows))
                    if len(table.rows) > TABLE_ROWS_SHOWN
                    else ""
                ),
                "rows": table.rows[:TABLE_ROWS_SHOWN],
                "nodes": [[int(x) for x in r] for r in table.row_nodes[:TABLE_ROWS_SHOWN]],
            }
            for table in view.tables
        ]
    return data


@gc_paused()
def render(view: View) -> str:
    """The whole page as a string."""
    t = text(view.lang)
    data = page_data(view)
    library = vis_network_js()
    csp = (
        "default-src 'none'; script-src "
        + _hash(library)
        + " "
        + _hash(APP_JS)
        + "; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )
    legend, legend_css = _legend(view)
    legend_css += _canvas_height(view)
    gaps = any("g" in n for n in view.nodes)
    findings = ""
    if view.plan_findings:
        findings = (
            f'<h2>{escape(t["plan_findings"])}</h2><ul class="findings">'
            + "".join(f"<li>{escape(m)}</li>" for m in view.plan_findings)
            + "</ul>"
        )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(view.lang)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(view.title)}</title><style>{STYLE}{legend_css}</style></head><body>",
        f'<a class="skip" href="#main">{escape(t["skip"])}</a>',
        f'<a class="skip" href="#tabell">{escape(t["skip_table"])}</a>',
        f"<header><h1>{escape(view.title)}</h1><p>{escape(view.subtitle)}</p></header>",
        '<main id="main" tabindex="-1">',
        '<div class="toolbar" role="search">',
        f'<label>{escape(t["search"])}<input type="search" id="search" placeholder="{escape(t["search_placeholder"])}" '
        f'autocomplete="off"></label><span id="hits" aria-live="polite"></span>',
        _filters(view, t),
        (
            f'<label class="check"><input type="checkbox" id="gaps" checked> {escape(t["show_gaps"])}</label>'
            if gaps
            else ""
        ),
        f'<button type="button" id="fit">{escape(t["fit"])}</button>',
        f'<button type="button" id="reset">{escape(t["reset"])}</button>',
        "</div>",
        '<div class="layout">',
        f'<div id="network" role="region" aria-label="{escape(t["network_label"])}" aria-describedby="network-note"></div>',
        f'<section class="side" aria-label="{escape(t["side"])}">',
        f'<p class="help">{escape(t["help"])}</p>',
        f'<p class="help" id="network-note">{escape(t["network_note"])} <a href="#tabell">{escape(t["skip_table"])}</a></p>',
        f'<h2 id="selected-h">{escape(t["selected"])}</h2>'
        '<div id="selected" tabindex="-1" role="region" aria-labelledby="selected-h" aria-live="polite"></div>',
        f"<h2>{escape(t['legend'])}</h2>{legend}",
        findings,
        "</section></div>",
        _tables(view, t),
        "</main>",
        f'<footer class="help">{escape(t["generated"])} · vis-network {VIS_VERSION}</footer>',
        f'<script type="application/json" id="view-data">{script_json(data)}</script>',
        f"<script>{library}</script>",
        f"<script>{APP_JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts)


def write(view: View, path: str | Path, inputs=()) -> Path:
    """Write the page as UTF-8 (whatever the platform's default) and return its path.

    Written to a temporary name and renamed into place (``graphmodel.outputs``):
    never over one of ``inputs``, never through a symbolic link, never half a page.
    """
    from graphmodel.outputs import write_file

    html = render(view)
    written, _ = write_file(path, lambda temporary: temporary.write_text(html, encoding="utf-8", newline="\n"), inputs)
    return written
