package graphmodel.readers;

import java.awt.Color;
import java.awt.Font;
import java.io.File;
import org.gephi.io.exporter.api.ExportController;
import org.gephi.io.exporter.preview.SVGExporter;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.preview.api.PreviewController;
import org.gephi.preview.api.PreviewModel;
import org.gephi.preview.api.PreviewProperty;
import org.gephi.preview.types.EdgeColor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Opens a GEXF file with the Gephi toolkit as Gephi desktop's File > Open does and exports the
 * Preview as SVG, with the colours, sizes and positions the file gives (no layout is run): what a
 * Gephi user sees after opening graph.gexf and pressing Refresh in the Preview tab, labels on.
 * Usage: GephiPreview IN.gexf OUT.svg [LABEL_FONT_SIZE, in the drawing's units; default 60]
 */
public final class GephiPreview {
    public static void main(String[] args) throws Exception {
        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        projects.newProject();
        Workspace workspace = projects.getCurrentWorkspace();
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);
        Container container = importer.importFile(new File(args[0]));
        if (container == null) {
            System.err.println("Gephi could not open " + args[0]);
            System.exit(1);
        }
        importer.process(container, new DefaultProcessor(), workspace);

        PreviewModel model = Lookup.getDefault().lookup(PreviewController.class).getModel(workspace);
        model.getProperties().putValue(PreviewProperty.SHOW_NODE_LABELS, Boolean.TRUE);
        model.getProperties().putValue(PreviewProperty.NODE_LABEL_PROPORTIONAL_SIZE, Boolean.FALSE);
        model.getProperties().putValue(PreviewProperty.NODE_LABEL_FONT, new Font(Font.SANS_SERIF, Font.PLAIN, args.length > 2 ? Integer.parseInt(args[2]) : 60));
        model.getProperties().putValue(PreviewProperty.NODE_LABEL_MAX_CHAR, 28);
        model.getProperties().putValue(PreviewProperty.NODE_LABEL_SHORTEN, Boolean.TRUE);
        model.getProperties().putValue(PreviewProperty.EDGE_CURVED, Boolean.FALSE);
        model.getProperties().putValue(PreviewProperty.EDGE_COLOR, new EdgeColor(EdgeColor.Mode.SOURCE));
        model.getProperties().putValue(PreviewProperty.EDGE_OPACITY, 80f);
        model.getProperties().putValue(PreviewProperty.BACKGROUND_COLOR, Color.WHITE);

        // The SVG exporter draws with Batik: the PNG exporter needs a display, which a server has not.
        ExportController exports = Lookup.getDefault().lookup(ExportController.class);
        SVGExporter svg = (SVGExporter) exports.getExporter("svg");
        svg.setWorkspace(workspace);
        exports.exportFile(new File(args[1]), svg);
        System.exit(0);
    }
}
