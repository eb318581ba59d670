"""The words users read for the tool's own values, in Swedish (default) and English.

Actor kinds, measure states and finding severities are values in the data and the JSON contract
(``police``, ``ongoing``, ``high``); every page, sheet and view that shows them to a person looks
them up here, so that one language is shown at a time and the two languages say the same.

>>> KIND_NAMES["sv"]["police"], STATE_NAMES["en"]["in-development"], SEVERITY_NAMES["sv"]["medium"]
('Polis', 'In development', 'medel')
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
SEVERITY_NAMES = {
    "sv": {"high": "hög", "medium": "medel", "low": "låg", "info": "info"},
    "en": {"high": "high", "medium": "medium", "low": "low", "info": "info"},
}
