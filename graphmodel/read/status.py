"""Read a measure's "Pågående/planer" cell, written in free Swedish, into a Status.

States, strongest first (the first that matches wins):

* in-development: "Under utveckling", "Utvecklas", "Under framtagande",
  "Tas fram". A "klart <period>" after it still sets the due date.
* ongoing: "Pågående", "Pågår", "Pågående arbete", "Löpande",
  "Kontinuerligt", "Fortlöpande", "Årligen", "Återkommande".
* planned: a negated start or finish ("Ej påbörjat", "Inte klart"), or a
  future word: "Planerat", "Planeras", "Planerad", "Ska", "Kommer att",
  "Påbörjas", "Startar", "Start", "Genomföras".
* unknown but interpreted, before anything else: a cancelled measure
  ("Utgår", "Ska inte genomföras", "Ej aktuell", "Avbruten").
* unknown but interpreted: "Vilande", "Pausad", "Avvaktar" -- the cell was
  read; it says the measure is on hold, which is none of the other states.
* done: a past participle ("Genomfört", "Genomförd", "Avslutat",
  "Slutfört", "Färdigställt"), even with a period ("Ja, genomfört 2018");
  or a bare "Klart", "Klar", "Färdigt" without a period. "Klart hösten 2017"
  on its own is a deadline, so it is planned with that due date.
* planned: dates but no state word ("2018–2020", "fr.o.m. 2018",
  "Senast december 2018"): a plan's time line describes what is to happen.

Periods: years ("2017"), year ranges ("2017-2019", "2018–2020", "2017-19"),
seasons ("våren", "sommaren", "hösten", "vintern", "vt"/"vårterminen",
"ht"/"höstterminen", with a four-digit year or, after these words only, a
two-digit one: "VT19", "hösten -17"), halves ("första/andra halvåret 2018",
"H1 2018"), quarters ("Q3 2018", "kvartal 3 2018", "tredje kvartalet 2018"),
months ("december 2018", "dec 2018", "2018-05") and dates ("2018-06-30",
read as its month).

Each period's role comes from the nearest marker word before it: "från",
"fr.o.m.", "påbörjas", "startar", "start" make it a start; "klart",
"senast", "till", "t.o.m.", "till och med", "innan", "genomfört",
"avslutat" make it a due date; no marker ("Planerat under 2017") means the
measure happens within the period, so it is both start and due. A range
sets both. The earliest start and the latest due are kept.
"""

from __future__ import annotations

import re

from graphmodel.model import Status

_PERIOD = re.compile(
    r"""
      (?P<date_y>\d{4})-(?P<date_m>\d{2})-\d{2}(?!\d)
    | (?P<range_a>(?:19|20)\d{2})\s*-\s*(?P<range_b>(?:19|20)\d{2}|\d{2})(?![\d-])
    | \b(?P<season>vårterminen|vårtermin|våren|vår|vt|sommaren|sommar
          |höstterminen|hösttermin|hösten|höst|ht|vintern|vinter)
        \.?\s*[-']?\s*(?P<season_y>\d{4}|\d{2})(?!\d)
    | \b(?P<half>första|1:a|andra|2:a)\s+halvåret\s+(?:år\s+)?(?P<half_y>\d{4})
    | \bh(?P<h>[12])\s*(?P<h_y>\d{4})
    | \b(?:q|kvartal\s*)(?P<q>[1-4])\s*[,-]?\s*(?P<q_y>\d{4})
    | \b(?P<q_ord>första|andra|tredje|fjärde)\s+kvartalet\s+(?:år\s+)?(?P<q_ord_y>\d{4})
    | \b(?P<month>januari|februari|mars|april|maj|juni|juli|augusti|september
          |oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)
        \.?\s+(?P<month_y>\d{4})
    | \b(?P<year>(?:19|20)\d{2})(?!\d)
    """,
    re.VERBOSE,
)
_ROLE = re.compile(
    r"""\b(?:
      (?P<start>fr\.?\s?o\.?\s?m\b\.?|från|påbörja\w*|start\w*|börjar|inleds)
    | (?P<due>t\.?\s?o\.?\s?m\b\.?|till|senast|innan|före|klar\w*|färdig\w*
        |genomfört\w*|genomförd\w*|avslut\w*|slutför\w*)
    )""",
    re.VERBOSE,
)
_IN_DEVELOPMENT = re.compile(r"\b(?:under\s+utveckling|utvecklas|under\s+framtagande|tas\s+fram)\b")
_ONGOING = re.compile(r"\b(?:pågående|pågår|löpande|fortlöpande|kontinuerlig\w*|årligen|återkommande)\b")
_NOT_STARTED = re.compile(r"\b(?:ej|inte|icke)\s+(?:påbörja\w*|start\w*|klar\w*|genomför\w*|avslut\w*|slutför\w*)")
_PLANNED = re.compile(r"\b(?:planer\w*|ska|skall|kommer\s+att|påbörjas|startar|start|genomföras|inleds)\b")
_PAUSED = re.compile(r"\b(?:vilande|vilar|pausad|pausat|avvakta\w*)\b")
_CANCELLED = re.compile(
    r"\b(?:utgår|utgått|struken|stryks|avbrut\w*|ej\s+aktuell\w*|inte\s+aktuell\w*"
    r"|(?:ska|skall|kommer)\s+(?:inte|ej)\s+(?:att\s+)?(?:genomför\w*|göras))\b"
)
_DONE = re.compile(
    r"\b(?:genomfört|genomförd|genomförts|avslutat|avslutad|avslutats"
    r"|slutfört|slutförd|slutförts|färdigställ\w*)\b"
)
_READY = re.compile(r"\b(?:klart|klar|färdigt|färdig)\b")

_SEASONS = {"vår": "spring", "vt": "spring", "som": "summer", "hös": "autumn", "ht": "autumn", "vin": "winter"}
_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_ORDINALS = {"första": 1, "1:a": 1, "andra": 2, "2:a": 2, "tredje": 3, "fjärde": 4}


_YEARS = (1900, 2099)


def _two_digit_year(digits: str) -> str:
    """Widen "19" to "2019"; only called where a season word makes it a year."""
    return digits if len(digits) == 4 else f"20{digits}"


def _periods(match: re.Match[str]) -> tuple[str | None, str | None] | str | None:
    """One period string, or a (start, due) pair for a range; None if not a period.

    A year outside 1900-2099 ("Q1 0000") is no period: a plan's time line lies in
    that range, and the calendar has no year 0 to compare a due date with.
    """
    found = _period_of(match)
    years = found if isinstance(found, tuple) else (found,)
    return found if found is not None and all(_YEARS[0] <= int(y[:4]) <= _YEARS[1] for y in years) else None


def _period_of(match: re.Match[str]) -> tuple[str | None, str | None] | str | None:
    g = match.groupdict()
    if g["date_y"]:
        month = int(g["date_m"])
        return f"{g['date_y']}-{month:02d}" if 1 <= month <= 12 else None
    if g["range_a"]:
        first, second = g["range_a"], g["range_b"]
        if len(second) == 2:
            if int(second) > int(first[2:]):
                second = first[:2] + second
            elif 1 <= int(second) <= 12:
                return f"{first}-{second}"
            else:
                return first
        return (first, second)
    if g["season"]:
        key = g["season"][:2] if g["season"] in ("vt", "ht") else g["season"][:3]
        return f"{_two_digit_year(g['season_y'])}-{_SEASONS[key]}"
    if g["half"]:
        return f"{g['half_y']}-H{_ORDINALS[g['half']]}"
    if g["h"]:
        return f"{g['h_y']}-H{g['h']}"
    if g["q"]:
        return f"{g['q_y']}-Q{g['q']}"
    if g["q_ord"]:
        return f"{g['q_ord_y']}-Q{_ORDINALS[g['q_ord']]}"
    if g["month"]:
        return f"{g['month_y']}-{_MONTHS.index(g['month'][:3]) + 1:02d}"
    return g["year"]


def _dates(norm: str) -> tuple[list[str], list[str]]:
    """Start and due candidates, in the order they are written."""
    starts: list[str] = []
    dues: list[str] = []
    previous_end = 0
    for match in _PERIOD.finditer(norm):
        found = _periods(match)
        markers = list(_ROLE.finditer(norm, previous_end, match.start()))
        previous_end = match.end()
        if found is None:
            continue
        if isinstance(found, tuple):
            starts.append(found[0])
            dues.append(found[1])
        elif markers and markers[-1].group("start"):
            starts.append(found)
        elif markers and markers[-1].group("due"):
            dues.append(found)
        else:
            starts.append(found)
            dues.append(found)
    return starts, dues


def _state(norm: str, has_dates: bool) -> str | None:
    """The state the words say, strongest first; None if no state word."""
    if _IN_DEVELOPMENT.search(norm):
        return "in-development"
    if _ONGOING.search(norm):
        return "ongoing"
    if _NOT_STARTED.search(norm) or _PLANNED.search(norm):
        return "planned"
    if _PAUSED.search(norm):
        return "unknown"
    if _DONE.search(norm):
        return "done"
    if _READY.search(norm):
        return "planned" if has_dates else "done"
    return "planned" if has_dates else None


def parse_status(text: str) -> Status:
    """Parse a status cell; ``text`` is kept exactly as written."""
    if not text.strip():
        return Status(state="unknown", text=text, interpreted=True)
    norm = " ".join(text.lower().replace("\u2013", "-").replace("\u2014", "-").split())
    if _CANCELLED.search(norm):  # dropped from the plan: read, none of the states, and its dates are no deadline
        return Status(state="unknown", text=text, interpreted=True)
    starts, dues = _dates(norm)
    state = _state(norm, bool(starts or dues))
    return Status(
        state=state or "unknown",
        start=starts[0] if starts else None,
        due=dues[-1] if dues else None,
        text=text,
        interpreted=state is not None,
    )
