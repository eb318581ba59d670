"""The colours of actor kinds and measure states: one table for the views and the graph files.

The views (``viz``) draw with them; GEXF and graphology files (``present.file_graph``) colour their
nodes with them, so that a graph opened in Gephi or Gephi Lite looks like the plan view.
"""

from __future__ import annotations

KIND_COLOURS = {  # actor kind -> (fill, border, font colour); font on fill at least 4.5:1 (WCAG AA)
    "municipality": ("#1b5e20", "#0d3310", "#ffffff"),
    "municipal-unit": ("#43a047", "#1b5e20", "#0b1f0c"),  # dark text: white on this green is 3.3:1
    "role": ("#a5d6a7", "#2e7d32", "#10240f"),
    "political-body": ("#6a1b9a", "#3d0f59", "#ffffff"),
    "police": ("#0d47a1", "#062a60", "#ffffff"),
    "national-agency": ("#42a5f5", "#0d47a1", "#0b1e33"),
    "region": ("#d81b60", "#880e4f", "#ffffff"),
    "civil-society": ("#f9a825", "#a86b00", "#2b1d00"),
    "business": ("#8d6e63", "#4e342e", "#ffffff"),
    "collective": ("#d6d6d6", "#616161", "#303030"),
    "placeholder": ("#f2f2f2", "#8a8a8a", "#555555"),
    "unknown": ("#ffffff", "#c62828", "#303030"),
}

STATE_COLOURS = {  # measure state -> (fill, border)
    "ongoing": ("#dcedc8", "#558b2f"),
    "planned": ("#d6e9fb", "#1565c0"),
    "in-development": ("#fff1c1", "#b07d00"),
    "done": ("#e6e6e6", "#616161"),
    "unknown": ("#ffffff", "#8a8a8a"),
}
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#8a8a8a", "info": "#8a8a8a"}
RESPONSIBLE_COLOUR = "#263238"
PARTNER_COLOUR = "#5c7a99"
PART_OF_COLOUR = "#9e9e9e"
PLAN_COLOUR = "#37474f"
