package graphmodel.readers;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.EdgeMergeStrategy;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Loads each file given with the Gephi toolkit, as Gephi desktop's File > Open does (files after
 * --no-merge as with "Parallel edges: Don't merge" chosen in the import dialog), and prints
 * one JSON line per file: the import report's issues (level and message), the graph's counts and
 * mode, and every node and edge with its label, attributes and (nodes) colour, size and position.
 * tests/test_graph_readers.py compares that with the graph graphmodel wrote.
 */
public final class GephiReader {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);
        GraphController graphs = Lookup.getDefault().lookup(GraphController.class);
        EdgeMergeStrategy merge = null;
        for (String path : args) {
            if (path.equals("--no-merge")) {  // the import dialog's "Parallel edges: Don't merge"
                merge = EdgeMergeStrategy.NO_MERGE;
                continue;
            }
            projects.newProject();
            Workspace workspace = projects.getCurrentWorkspace();
            StringBuilder json = new StringBuilder("{\"file\":").append(quote(path));
            Container container = importer.importFile(new File(path));
            if (container == null) {
                out.println(json.append(",\"failed\":true}"));
                continue;
            }
            if (merge != null) {
                container.getLoader().setEdgesMergeStrategy(merge);
                container.getLoader().setAllowParallelEdge(true);
            }
            json.append(",\"merge\":").append(quote(String.valueOf(container.getUnloader().getEdgesMergeStrategy())));
            json.append(",\"issues\":[");
            Iterator<Issue> issues = container.getReport().getIssues(100000);
            String comma = "";
            while (issues.hasNext()) {
                Issue issue = issues.next();
                json.append(comma).append("[").append(quote(issue.getLevel().toString())).append(",")
                        .append(quote(issue.getMessage())).append("]");
                comma = ",";
            }
            json.append("]");
            importer.process(container, new DefaultProcessor(), workspace);
            GraphModel model = graphs.getGraphModel(workspace);
            Graph graph = model.getGraph();
            json.append(",\"directed\":").append(model.isDirected());
            json.append(",\"dynamic\":").append(model.isDynamic());
            json.append(",\"node_count\":").append(graph.getNodeCount());
            json.append(",\"edge_count\":").append(graph.getEdgeCount());
            json.append(",\"nodes\":[");
            comma = "";
            for (Node node : graph.getNodes()) {
                json.append(comma).append("{\"id\":").append(quote(String.valueOf(node.getId())))
                        .append(",\"label\":").append(quote(node.getLabel()))
                        .append(",\"x\":").append(node.x()).append(",\"y\":").append(node.y())
                        .append(",\"size\":").append(node.size())
                        .append(",\"rgb\":[").append(Math.round(node.r() * 255)).append(",")
                        .append(Math.round(node.g() * 255)).append(",").append(Math.round(node.b() * 255)).append("]")
                        .append(",\"attributes\":");
                attributes(json, node);
                json.append("}");
                comma = ",";
            }
            json.append("],\"edges\":[");
            comma = "";
            for (Edge edge : graph.getEdges()) {
                json.append(comma).append("{\"id\":").append(quote(String.valueOf(edge.getId())))
                        .append(",\"source\":").append(quote(String.valueOf(edge.getSource().getId())))
                        .append(",\"target\":").append(quote(String.valueOf(edge.getTarget().getId())))
                        .append(",\"directed\":").append(edge.isDirected())
                        .append(",\"kind\":").append(quote(String.valueOf(edge.getTypeLabel())))
                        .append(",\"attributes\":");
                attributes(json, edge);
                json.append("}");
                comma = ",";
            }
            out.println(json.append("]}"));
        }
        System.exit(0);
    }

    /** The element's own columns (not Gephi's properties such as id, label and weight), title to text. */
    private static void attributes(StringBuilder json, Element element) {
        json.append("{");
        String comma = "";
        for (Column column : element.getAttributeColumns()) {
            if (column.isProperty()) {
                continue;
            }
            Object value = element.getAttribute(column);
            json.append(comma).append(quote(column.getTitle())).append(":")
                    .append(value == null ? "null" : quote(String.valueOf(value)));
            comma = ",";
        }
        json.append("}");
    }

    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
