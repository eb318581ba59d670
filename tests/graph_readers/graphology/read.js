// Reads each file given with graphology, as Gephi Lite and sigma.js do, and prints one JSON line per
// file: every node and edge with its attributes, or the error graphology gave.
//   *.gexf: graphology-gexf's parser into a MultiDirectedGraph (Gephi Lite's "Open" of a GEXF file);
//   *.json: graphology's own serialisation, through Graph.from (what graph.export() writes).
// tests/test_graph_readers.py compares that with the graph graphmodel wrote.
"use strict";
const fs = require("fs");
const { MultiDirectedGraph } = require("graphology");
const gexf = require("graphology-gexf");

for (const file of process.argv.slice(2)) {
  let result;
  try {
    const text = fs.readFileSync(file, "utf8");
    const graph = file.endsWith(".gexf")
      ? gexf.parse(MultiDirectedGraph, text)
      : MultiDirectedGraph.from(JSON.parse(text));
    result = {
      file,
      type: graph.type,
      multi: graph.multi,
      order: graph.order,
      size: graph.size,
      nodes: graph.mapNodes((key, attributes) => ({ key, attributes })),
      edges: graph.mapEdges((key, attributes, source, target) => ({ key, source, target, attributes })),
    };
  } catch (error) {
    result = { file, error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}
