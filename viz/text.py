"""Words and colours of the views, in Swedish (default) and English."""

from __future__ import annotations

from graphmodel.catalogue import KIND_NAMES, SEVERITY_NAMES, STATE_NAMES
from graphmodel.model import NOT_REAL_OWNER_KINDS

KIND_COLOURS = {  # actor kind -> (fill, border, font colour)
    "municipality": ("#1b5e20", "#0d3310", "#ffffff"),
    "municipal-unit": ("#43a047", "#1b5e20", "#ffffff"),
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
VAGUE_KINDS = NOT_REAL_OWNER_KINDS  # never a real owner: drawn dashed and grey

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

TEXT = {
    "sv": {
        "lang": "sv",
        "kinds": KIND_NAMES["sv"],
        "states": STATE_NAMES["sv"],
        "severity": SEVERITY_NAMES["sv"],
        "plan_title": "Plan: åtgärder och aktörer",
        "actors_title": "Samverkan mellan aktörer",
        "ego_title": "{actor}: åtgärder och samverkan",
        "responsible": "Ansvarig", "partner": "Medverkande", "part_of": "Ingår i",
        "responsible_col": "Ansvariga", "measures_col": "Åtgärder", "partner_col": "Bara medverkande",
        "ego_col": "Aktören", "others_col": "Andra aktörer på samma åtgärder",
        "ego_resp_band": "{actor} ansvarar ({count})", "ego_part_band": "{actor} medverkar ({count})",
        "load": "ansvarar {r} · medverkar {p}",
        "search": "Sök", "search_placeholder": "Sök aktör eller åtgärd …", "hits": "{n} träffar", "no_hits": "Inga träffar",
        "area": "Område", "level": "Nivå", "status": "Status", "kind": "Slag av aktör", "plan": "Plan",
        "all": "Alla", "none_value": "(inget)", "reset": "Visa allt", "fit": "Anpassa",
        "show_gaps": "Markera brister", "legend": "Förklaring", "table": "Samma innehåll som tabell",
        "measure": "Åtgärd", "responsible_h": "Ansvariga", "partners_h": "Medverkande", "source": "Källa",
        "gaps_h": "Brister", "actor": "Aktör", "responsible_count": "Ansvarar för", "partner_count": "Medverkar i",
        "collaborates": "Samverkar mest med", "shared": "Gemensamma åtgärder", "pair": "Aktörer",
        "role": "Roll", "via": "Via", "others": "Övriga aktörer",
        "row": "rad", "shared_measures": "{a} och {b}: {n} gemensamma åtgärder", "more": "… och {n} till",
        "actors_n": "{n} aktörer", "measures_n": "{n} åtgärder", "links_n": "{n} kopplingar",
        "pairs_n": "{n} samarbetande par",
        "rel_responsible": "ansvarar för", "rel_partner": "medverkar i", "rel_part_of": "ingår i",
        "legend_responsible": "Ansvarig (heldragen pil)", "legend_partner": "Medverkande (streckad)",
        "legend_part_of": "Ingår i (organisation)",
        "legend_vague": "Streckad kant: vag aktör, räknas aldrig som ansvarig",
        "legend_gap_high": "Röd kant: allvarlig brist", "legend_gap_medium": "Orange kant: brist",
        "legend_size": "Storlek: antal åtgärder aktören ansvarar för", "legend_width": "Linjetjocklek: antal gemensamma åtgärder",
        "plan_findings": "Brister som gäller hela planen",
        "help": "Klicka på en nod för att se dess grannar, hovra för detaljer, dra för att flytta, scrolla för att zooma.",
        "selected": "Vald", "nothing_selected": "Klicka på en aktör eller åtgärd.",
        "table_capped": "Tabellen visar de {shown} första av {total} raderna.",
        "show_table": "Visa tabellen ({n} rader; byggs när du öppnar den)",
        "generated": "Skapad av graphmodel",
        "status_text": "Status", "finding": "Brist",
    },
    "en": {
        "lang": "en",
        "kinds": KIND_NAMES["en"],
        "states": STATE_NAMES["en"],
        "severity": SEVERITY_NAMES["en"],
        "plan_title": "Plan: measures and actors",
        "actors_title": "Collaboration between actors",
        "ego_title": "{actor}: measures and collaboration",
        "responsible": "Responsible", "partner": "Partner", "part_of": "Part of",
        "responsible_col": "Responsible", "measures_col": "Measures", "partner_col": "Partners only",
        "ego_col": "The actor", "others_col": "Other actors on the same measures",
        "ego_resp_band": "{actor} is responsible ({count})", "ego_part_band": "{actor} takes part ({count})",
        "load": "responsible {r} · partner {p}",
        "search": "Search", "search_placeholder": "Search actor or measure …", "hits": "{n} matches", "no_hits": "No matches",
        "area": "Area", "level": "Level", "status": "Status", "kind": "Actor kind", "plan": "Plan",
        "all": "All", "none_value": "(none)", "reset": "Show all", "fit": "Fit",
        "show_gaps": "Highlight gaps", "legend": "Legend", "table": "The same content as a table",
        "measure": "Measure", "responsible_h": "Responsible", "partners_h": "Partners", "source": "Source",
        "gaps_h": "Gaps", "actor": "Actor", "responsible_count": "Responsible for", "partner_count": "Partner in",
        "collaborates": "Works most with", "shared": "Shared measures", "pair": "Actors",
        "role": "Role", "via": "Via", "others": "Other actors",
        "row": "row", "shared_measures": "{a} and {b}: {n} shared measures", "more": "… and {n} more",
        "actors_n": "{n} actors", "measures_n": "{n} measures", "links_n": "{n} links",
        "pairs_n": "{n} collaborating pairs",
        "rel_responsible": "is responsible for", "rel_partner": "takes part in", "rel_part_of": "is part of",
        "legend_responsible": "Responsible (solid arrow)", "legend_partner": "Partner (dashed)",
        "legend_part_of": "Part of (organisation)",
        "legend_vague": "Dashed border: vague actor, never counts as owner",
        "legend_gap_high": "Red border: serious gap", "legend_gap_medium": "Orange border: gap",
        "legend_size": "Size: number of measures the actor is responsible for",
        "legend_width": "Line width: number of shared measures",
        "plan_findings": "Gaps concerning the whole plan",
        "help": "Click a node to see its neighbours, hover for details, drag to move, scroll to zoom.",
        "selected": "Selected", "nothing_selected": "Click an actor or a measure.",
        "table_capped": "The table shows the first {shown} of {total} rows.",
        "show_table": "Show the table ({n} rows; built when you open it)",
        "generated": "Made by graphmodel",
        "status_text": "Status", "finding": "Gap",
    },
}


def text(lang: str) -> dict:
    """The words of one language (``sv`` or ``en``)."""
    if lang not in TEXT:
        raise ValueError(f"unknown language {lang!r}; choose sv or en")
    return TEXT[lang]
