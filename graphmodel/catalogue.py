"""The words users read for the tool's own values, in Swedish (default) and English.

Actor kinds, measure states, finding severities and finding kinds are values in the data and the
JSON contract (``police``, ``ongoing``, ``high``, ``unassigned``); every page, sheet and view that
shows them to a person looks them up here, so that one language is shown at a time and the two
languages say the same. ``REPORT`` holds the words of report.html, ``SHEETS`` and ``HEADINGS`` those
of the workbooks (the CSV files keep their English contract names). Every dict has the same keys in
both languages.

>>> KIND_NAMES["sv"]["police"], STATE_NAMES["en"]["in-development"], SEVERITY_NAMES["sv"]["medium"]
('Polis', 'In development', 'medel')
>>> FINDING_TITLES["en"]["overdue"], SHEETS["sv"]["measures"], HEADINGS["sv"]["findings"]["severity"]
('Overdue measures', 'Åtgärder', 'allvarlighet')
"""

from __future__ import annotations

LANGUAGES = ("sv", "en")

KIND_NAMES = {
    "sv": {
        "municipality": "Kommun",
        "municipal-unit": "Förvaltning/enhet",
        "role": "Roll",
        "political-body": "Politik",
        "police": "Polis",
        "national-agency": "Myndighet",
        "region": "Region",
        "civil-society": "Civilsamhälle",
        "business": "Näringsliv",
        "collective": "Kollektiv (vag)",
        "placeholder": "Platshållare (vag)",
        "unknown": "Okänd aktör",
    },
    "en": {
        "municipality": "Municipality",
        "municipal-unit": "Administration/unit",
        "role": "Role",
        "political-body": "Political body",
        "police": "Police",
        "national-agency": "National agency",
        "region": "Region",
        "civil-society": "Civil society",
        "business": "Business",
        "collective": "Collective (vague)",
        "placeholder": "Placeholder (vague)",
        "unknown": "Unknown actor",
    },
}
STATE_NAMES = {
    "sv": {
        "ongoing": "Pågående",
        "planned": "Planerad",
        "in-development": "Under utveckling",
        "done": "Genomförd",
        "unknown": "Okänd status",
    },
    "en": {
        "ongoing": "Ongoing",
        "planned": "Planned",
        "in-development": "In development",
        "done": "Done",
        "unknown": "Unknown status",
    },
}
SCOPE_NAMES = {  # an actor's scope: one node across all plans, or one per organisation
    "sv": {"national": "hela landet", "organisation": "den egna organisationen"},
    "en": {"national": "national", "organisation": "own organisation"},
}
# What a cell became (the ledger's "became"), in the workbook's language: whole values, then the
# words a value starts with ("actor: Polisen (polisen)" -> "aktör: Polisen (polisen)"). A value
# neither covers (a reading rule's own account) is shown as written.
BECAME = {
    "sv": {
        "whole": {
            "measure text": "åtgärdens text",
            "measure id": "åtgärdens id",
            "source reference": "källhänvisning",
            "title or note": "titel eller anteckning",
            "kept as measure attribute": "sparad som uppgift om åtgärden",
            "in a row without a measure": "på en rad utan åtgärd",
            "status: unknown": "status: okänd",
            **{f"status: {state}": f"status: {name.lower()}" for state, name in STATE_NAMES["sv"].items()},
        },
        "starts": {
            "actor: ": "aktör: ",
            "area: ": "område: ",
            "level: ": "nivå: ",
            "title or note; organisation: ": "titel eller anteckning; organisation: ",
        },
        "within": {"; the plan's year: ": "; planens år: "},
    },
    "en": {"whole": {}, "starts": {}, "within": {}},
}
SEVERITY_NAMES = {
    "sv": {"high": "hög", "medium": "medel", "low": "låg", "info": "info"},
    "en": {"high": "high", "medium": "medium", "low": "low", "info": "info"},
}
FINDING_TITLES = {  # a heading per finding kind, in the order the report lists them
    "sv": {
        "unassigned": "Åtgärder utan ansvarig",
        "vague-owner": "Åtgärder med vaga ansvariga",
        "overloaded": "Överbelastade aktörer",
        "single-point-of-failure": "Sårbara punkter: ensamma ansvariga",
        "partner-without-ownership": "Medverkar men äger inget",
        "no-status": "Åtgärder utan tolkbar status",
        "overdue": "Försenade åtgärder",
        "plan-not-revised": "Planen behöver revideras",
        "duplicate-measure": "Dubbletter",
        "coverage": "Täckning per preventionsnivå",
    },
    "en": {
        "unassigned": "Measures without a responsible actor",
        "vague-owner": "Measures with vague owners",
        "overloaded": "Overloaded actors",
        "single-point-of-failure": "Single points of failure: sole owners",
        "partner-without-ownership": "Takes part but owns nothing",
        "no-status": "Measures without a readable status",
        "overdue": "Overdue measures",
        "plan-not-revised": "The plan needs revising",
        "duplicate-measure": "Duplicates",
        "coverage": "Coverage by prevention level",
    },
}
REPORT = {  # report.html; {placeholders} are filled in by the page
    "sv": {
        "plans_n": "{n} handlingsplaner",
        "subtitle": "Rapport från graphmodel, bedömd per {as_of}",
        "summary": "Sammanfattning",
        "findings": "Brister",
        "load_nav": "Aktörernas belastning",
        "coverage_nav": "Täckning",
        "network": "Nätverk",
        "card_measures": "Åtgärder",
        "card_owned": "Med ansvarig",
        "card_actors": "Aktörer",
        "card_high": "Brister (hög)",
        "card_findings": "Brister totalt",
        "plan": "Plan",
        "organisation": "Organisation",
        "year": "År",
        "measures": "Åtgärder",
        "source": "Källa",
        "source_file": "filen {file}",
        "to_review": (
            "Celler med problem: {problems}. Tolkningar att granska (celler lästa med en läsregel): "
            "{interpretations}. De listas i {file} och på bladet {sheet} i {workbook}."
        ),
        "no_findings": "Inga brister hittades.",
        "row": "rad {row}",
        "more": "… och {n} till",
        "load": "Aktörernas belastning",
        "load_note": (
            "Ansvarig och medverkande: antal åtgärder. Andel: ägda åtgärder av planens. "
            "Samverkar med: antal andra aktörer på samma åtgärder. Mellanhand: hur ofta aktören binder ihop andra "
            "(betweenness)."
        ),
        "actor": "Aktör",
        "kind": "Slag",
        "responsible": "Ansvarig",
        "partner": "Medverkande",
        "share": "Andel",
        "degree": "Samverkar med",
        "betweenness": "Mellanhand",
        "coverage": "Täckning per område, nivå och slag av aktör",
        "coverage_note": "Antal kopplingar mellan åtgärder och aktörer av varje slag.",
        "area": "Område",
        "level": "Nivå",
        "skip": "Hoppa till innehållet",
        "contents": "Innehåll",
    },
    "en": {
        "plans_n": "{n} action plans",
        "subtitle": "Report from graphmodel, assessed as of {as_of}",
        "summary": "Summary",
        "findings": "Gaps",
        "load_nav": "Actors' load",
        "coverage_nav": "Coverage",
        "network": "Network",
        "card_measures": "Measures",
        "card_owned": "With a responsible actor",
        "card_actors": "Actors",
        "card_high": "Gaps (high)",
        "card_findings": "Gaps in total",
        "plan": "Plan",
        "organisation": "Organisation",
        "year": "Year",
        "measures": "Measures",
        "source": "Source",
        "source_file": "the file {file}",
        "to_review": (
            "Cells with problems: {problems}. Interpretations to review (cells read by a reading rule): "
            "{interpretations}. They are listed in {file} and on the sheet {sheet} of {workbook}."
        ),
        "no_findings": "No gaps found.",
        "row": "row {row}",
        "more": "… and {n} more",
        "load": "Actors' load",
        "load_note": (
            "Responsible and partner: number of measures. Share: owned measures of the plan's. "
            "Works with: number of other actors on the same measures. Broker: how often the actor links others "
            "(betweenness)."
        ),
        "actor": "Actor",
        "kind": "Kind",
        "responsible": "Responsible",
        "partner": "Partner",
        "share": "Share",
        "degree": "Works with",
        "betweenness": "Broker",
        "coverage": "Coverage by area, level and kind of actor",
        "coverage_note": "Number of links between measures and actors of each kind.",
        "area": "Area",
        "level": "Level",
        "skip": "Skip to the content",
        "contents": "Contents",
    },
}
SHEETS = {  # workbook sheet names: at most 31 characters, none of : \ / ? * [ ]
    "sv": {
        "measures": "Åtgärder",
        "actors": "Aktörer",
        "ledger": "Att granska",
        "no-findings": "inga brister",
        "unassigned": "Utan ansvarig",
        "vague-owner": "Vaga ansvariga",
        "overloaded": "Överbelastade aktörer",
        "single-point-of-failure": "Ensamma ansvariga",
        "partner-without-ownership": "Medverkar men äger inget",
        "no-status": "Utan tolkbar status",
        "overdue": "Försenade",
        "plan-not-revised": "Planen behöver revideras",
        "duplicate-measure": "Dubbletter",
        "coverage": "Täckning per preventionsnivå",
    },
    "en": {
        "measures": "Measures",
        "actors": "Actors",
        "ledger": "To review",
        "no-findings": "no gaps",
        "unassigned": "No responsible actor",
        "vague-owner": "Vague owners",
        "overloaded": "Overloaded actors",
        "single-point-of-failure": "Sole owners",
        "partner-without-ownership": "Takes part, owns nothing",
        "no-status": "No readable status",
        "overdue": "Overdue",
        "plan-not-revised": "Plan needs revising",
        "duplicate-measure": "Duplicates",
        "coverage": "Coverage by prevention level",
    },
}
HEADINGS = {  # workbook header rows, by sheet and the column's contract name (the CSV heading)
    "sv": {
        "measures": {
            "id": "id",
            "area": "område",
            "level": "nivå",
            "measure": "åtgärd",
            "responsible": "ansvariga",
            "partners": "medverkande",
            "state": "status",
            "start": "start",
            "due": "klar senast",
            "status text": "status i planen",
            "source": "källa",
        },
        "actors": {
            "name": "namn",
            "kind": "slag",
            "responsible": "ansvarar för",
            "partner": "medverkar i",
            "scope": "räckvidd",
            "id": "id",
            "written as": "skrivs som",
        },
        "ledger": {
            "file": "fil",
            "row": "rad",
            "column": "kolumn",
            "text": "text",
            "part": "del",
            "became": "blev",
            "problem": "problem",
            "rule": "regel",
            "suggestions": "förslag",
        },
        "findings": {
            "severity": "allvarlighet",
            "plan": "plan",
            "message": "beskrivning",
            "measures": "åtgärder",
            "measure ids": "åtgärds-id",
            "actors": "aktörer",
        },
    },
    "en": {
        "measures": {
            "id": "id",
            "area": "area",
            "level": "level",
            "measure": "measure",
            "responsible": "responsible",
            "partners": "partners",
            "state": "state",
            "start": "start",
            "due": "due",
            "status text": "status text",
            "source": "source",
        },
        "actors": {
            "name": "name",
            "kind": "kind",
            "responsible": "responsible",
            "partner": "partner",
            "scope": "scope",
            "id": "id",
            "written as": "written as",
        },
        "ledger": {
            "file": "file",
            "row": "row",
            "column": "column",
            "text": "text",
            "part": "part",
            "became": "became",
            "problem": "problem",
            "rule": "rule",
            "suggestions": "suggestions",
        },
        "findings": {
            "severity": "severity",
            "plan": "plan",
            "message": "message",
            "measures": "measures",
            "measure ids": "measure ids",
            "actors": "actors",
        },
    },
}
