"""Interactive network views of the plan graph: offline, self-contained HTML files."""
