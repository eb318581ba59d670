"""Read a measure's "Pågående/planer" cell, written in free Swedish, into a Status.

States, strongest first (the first that matches wins):

* in-development: "Under utveckling", "Utvecklas", "Under framtagande",
  "Tas fram". A "klart <period>" after it still sets the due date.
* ongoing: "Pågående", "Pågår", "Pågående arbete".
* ongoing and recurring: the measure is done again and again, so it has no
  deadline: "Löpande", "Fortlöpande", "Kontinuerligt", "Återkommande",
  "Årligen", "Årlig", "Regelbundet", "Dagligen", "Månadsvis" (and
  "veckovis", "kvartalsvis", "terminsvis", "halvårsvis"), "varje/varannan
  termin, läsår, år, halvår, kvartal, månad, vecka, dag" or season ("Varje
  höst"), "en gång per termin", "två gånger om året", "2 ggr/år", "1 gång i månaden". "Vid
  behov" counts too: a measure used when needed is in place, standing
  ready, and there is no date by which it is late. A recurring measure
  keeps its start ("Löpande 2018", "Årligen sedan 2016", "Varje år
  2018-2020" start 2018; a month or season without a year, "Varje år i
  december", says when in each year it runs and is no start) but never a
  due date: a year written with it says when it runs, not when it must be
  finished, and it is never overdue.
* ongoing, started: a past participle of starting, not negated or wished
  for ("Påbörjat 2018", "Påbörjad hösten 2018", "Påbörjades", "Startade
  2017", "Har startat", "Inleddes HT 2018", "Igång sedan 2016", "Sedan
  2016"); its period is its start. "Ej påbörjat", "Ännu inte påbörjat" and
  "Ska vara påbörjat 2019" are not started (planned). A started measure
  that also says it was finished ("Påbörjat 2017, genomfört 2019") is done,
  one put on hold ("Påbörjat men pausat") is unknown.
* planned: a negated start or finish ("Ej påbörjat", "Inte klart"), or a
  future word: "Planerat", "Planeras", "Planerad", "Ska", "Kommer att",
  "Påbörjas", "Startar", "Start", "Genomföras".
* unknown but interpreted, before anything else: a cancelled measure
  ("Utgår", "Ska inte genomföras", "Ej aktuell", "Avbruten").
* unknown but interpreted: "Vilande", "Pausad", "Avvaktar" -- the cell was
  read; it says the measure is on hold, which is none of the other states.
* done: a past participle ("Genomfört", "Genomförd", "Genomfördes",
  "Avslutat", "Avslutades", "Slutfört", "Färdigställt", "Antogs",
  "Beslutades", "Fastställd"), a present "är klar/klart/färdigt", even with
  a period
  ("Ja, genomfört 2018", "Slutfört våren 2019": due then); or a bare
  "Klart", "Klar", "Färdigt" without a period. "Klart hösten 2017" on its
  own is a deadline, so it is planned with that due date.
* planned: dates but no state word ("2018–2020", "fr.o.m. 2018",
  "Senast december 2018", "HT 2018", "v. 12 2019"): a plan's time line
  describes what is to happen. A month or week without a year ("maj-juni",
  "v12") is such a time line too, when the plan's year is not known to
  date it: planned, interpreted, without dates.
* a period after a word of follow-up ("Pågår, utvärderas 2023", "revideras
  2024", "följs upp HT 2023", "ses över 2022") says when the measure is looked
  at, not when it starts or is due: it gives no date. "Utvärderas 2023"
  alone says no state: unknown, for a person to review.

Periods: years ("2017"), year ranges ("2017-2019", "2018–2020", "2017-19"),
seasons ("våren", "sommaren", "hösten", "vintern", "vt"/"vårterminen",
"ht"/"höstterminen", with a four-digit year or, after these words only, a
two-digit one: "VT19", "HT18", "hösten -17", "ht -18"; a school term is
its season: ht is autumn, vt spring), halves ("första/andra halvåret
2018", "H1 2018"), quarters ("Q3 2018", "kvartal 3 2018", "tredje
kvartalet 2018"), months ("december 2018", "dec 2018", "2018-05"), dates
("2018-06-30", read as its month), a season in its definite form or a
school term without a year ("till hösten", "HT"), month ranges ("jan–mars 2019",
"januari-mars 2019": start 2019-01, due 2019-03; "december–januari 2019"
starts in December 2018) and weeks ("v. 12 2019", "vecka 12, 2019",
"v12", "v. 10-14 2019", "2019 v. 12"). A week is read as the month of its Thursday: ISO
8601 counts a week to the year of its Thursday, so "Vecka 1 2020" (Monday
30 December 2019) is 2020-01, and a week that does not exist ("v. 53
2019", "vecka 0") is no period. A month range, a full month name alone
("Mars", "Klart maj"), a season without a year or a week without a year takes the year given to
``parse_status`` (the plan's); without one it gives no date. An
abbreviated month alone is no period ("Jan Svensson" is a name).

Each period's role comes from the nearest marker word before it: "från",
"fr.o.m.", "påbörjas", "startar", "start", "uppstart", "börjar", "inleds", "sedan",
"igång" make it a start; "klart", "senast", "till", "t.o.m.", "till och
med", "innan", "genomfört", "avslutat", "antogs", "beslutades" make it a due date; no marker
("Planerat under 2017") means the measure happens within the period, so it
is both start and due. A range sets both. The earliest start and the
latest due are kept.
"""

from __future__ import annotations

import re
from datetime import date

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
    | \b(?P<span_a>januari|februari|mars|april|maj|juni|juli|augusti|september
          |oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)
        \.?\s*-\s*
        (?P<span_b>januari|februari|mars|april|maj|juni|juli|augusti|september
          |oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)
        \b\.?(?:\s+(?P<span_y>\d{4})(?!\d))?
    | \b(?P<month>januari|februari|mars|april|maj|juni|juli|augusti|september
          |oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)
        \.?\s+(?P<month_y>\d{4})
    | \b(?P<bare_month>januari|februari|mars|april|maj|juni|juli|augusti|september
          |oktober|november|december)\b
    | \b(?P<year_week_y>(?:19|20)\d{2})\s*,?\s*(?:v\.?|vecka|veckan)\s*(?P<year_week>\d{1,2})(?![\d-])
    | \b(?:v\.?|vecka|veckan)\s*(?P<week>\d{1,2})(?!\d)
        (?:\s*-\s*(?P<week_b>\d{1,2})(?![\d-]))?
        (?:\s*(?:,\s*)?(?:år\s+)?(?P<week_y>(?:19|20)\d{2})(?!\d))?
    | \b(?P<year>(?:19|20)\d{2})(?!\d)
    | \b(?P<bare_season>vårterminen|våren|sommaren|höstterminen|hösten|vintern|ht|vt)\b
    """,
    re.VERBOSE,
)
# A follow-up of the measure, whose period is not the measure's own ("Pågår, utvärderas 2023").
# Verbs only: "Årlig uppföljning 2018" is a measure that is a follow-up, run from 2018.
_FOLLOW_UP = re.compile(r"\b(?:utvärderas|följs upp|revideras|ses över|omprövas|stäms av)\b")
_ROLE = re.compile(
    r"""\b(?:
      (?P<start>fr\.?\s?o\.?\s?m\b\.?|från|påbörja\w*|start\w*|uppstart\w*|börja\w*|inle\w*|sedan|igång)
    | (?P<due>t\.?\s?o\.?\s?m\b\.?|till|senast|innan|före|klar\w*|färdig\w*
        |genomfört\w*|genomförd\w*|avslut\w*|slutför\w*|antogs|antagen|antaget|antagits
        |beslutades|beslutad|beslutat|fastställdes|fastställd|fastställt)
    )""",
    re.VERBOSE,
)
_IN_DEVELOPMENT = re.compile(r"\b(?:under\s+utveckling|utvecklas|under\s+framtagande|tas\s+fram)\b")
_ONGOING = re.compile(r"\b(?:pågående|pågår)\b")
_RECURRENCE_UNIT = (
    r"(?:termin|terminen|läsår|läsåret|år|året|halvår|halvåret|kvartal|kvartalet|månad|månaden|vecka|veckan|dag|dagen"
    r"|vår|våren|vårtermin|vårterminen|sommar|sommaren|höst|hösten|hösttermin|höstterminen|vinter|vintern)\b"
)
_RECURRING = re.compile(
    r"\b(?:löpande|fortlöpande|kontinuerlig\w*|återkommande|årligen|årlig|årliga|årligt|dagligen|regelbundet"
    r"|veckovis|månadsvis|kvartalsvis|terminsvis|halvårsvis|vid\s+behov)\b"
    rf"|\b(?:varje|varannan|vartannat)\s+{_RECURRENCE_UNIT}"
    rf"|\b(?:gång|gånger|ggr)\.?\s*(?:/\s*|per\s+|om\s+|i\s+){_RECURRENCE_UNIT}"
)
_STARTED = re.compile(
    r"(?<!ej )(?<!inte )(?<!icke )(?<!ännu )(?<!än )(?<!vara )(?<!ha )(?<!bli )(?<!komma )(?<!kommer )"
    r"\b(?:påbörjat|påbörjad|påbörjade|påbörjades|påbörjats|startat|startad|startade|startades|startats"
    r"|inlett|inletts|inledd|inledde|inleddes|började|igång|sedan\s+(?:19|20)\d{2})\b"
)
_NOT_STARTED = re.compile(
    r"\b(?:ej|inte|icke)\s+(?:påbörja\w*|start\w*|klar\w*|genomför\w*|avslut\w*|slutför\w*|beslut\w*|anta\w*)"
)
# A negation after the verb: "Beslutades ej", "Påbörjades inte" -- not done, not started.
_NEGATED_AFTER = re.compile(
    r"\b(?:beslutades|antogs|genomfördes|avslutades|slutfördes|fastställdes|påbörjades|startade|inleddes)"
    r"\s+(?:ej|inte|icke)\b"
)
_PLANNED = re.compile(r"\b(?:planer\w*|ska|skall|kommer\s+att|påbörjas|startar|start|genomföras|genomförs|inleds)\b")
_PAUSED = re.compile(r"\b(?:vilande|vilar|pausad|pausat|avvakta\w*)\b")
_CANCELLED = re.compile(
    r"\b(?:utgår|utgått|struken|stryks|avbrut\w*|ej\s+aktuell\w*|inte\s+aktuell\w*"
    r"|(?:ska|skall|kommer)\s+(?:inte|ej)\s+(?:att\s+)?(?:genomför\w*|göras))\b"
)
_DONE = re.compile(
    r"\b(?:genomfört|genomförd|genomförts|genomfördes|avslutat|avslutad|avslutats|avslutades"
    r"|slutfört|slutförd|slutförts|slutfördes|färdigställ\w*"
    r"|antogs|antagen|antaget|antagits|beslutades|beslutad|beslutat|fastställdes|fastställd|fastställt"
    r"|är\s+(?:nu\s+)?(?:klar|klart|färdig|färdigt))\b"
)
_READY = re.compile(r"\b(?:klart|klar|färdigt|färdig)\b")

_SEASONS = {"vår": "spring", "vt": "spring", "som": "summer", "hös": "autumn", "ht": "autumn", "vin": "winter"}
_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_ORDINALS = {"första": 1, "1:a": 1, "andra": 2, "2:a": 2, "tredje": 3, "fjärde": 4}


_YEARS = (1900, 2099)


def _two_digit_year(digits: str) -> str:
    """Widen "19" to "2019"; only called where a season word makes it a year."""
    return digits if len(digits) == 4 else f"20{digits}"


def _periods(match: re.Match[str], year: int | None) -> tuple[str | None, str | None] | str | None:
    """One period string, or a (start, due) pair for a range; None if not a period.

    A year outside 1900-2099 ("Q1 0000") is no period: a plan's time line lies in
    that range, and the calendar has no year 0 to compare a due date with.
    """
    found = _period_of(match, year)
    years = found if isinstance(found, tuple) else (found,)
    return found if found is not None and all(_YEARS[0] <= int(y[:4]) <= _YEARS[1] for y in years if y) else None


def _yearless(match: re.Match[str]) -> bool:
    """A month or week written without a year ("maj-juni", "v12"): a time, but no date to place it."""
    g = match.groupdict()
    return bool(
        (g["span_a"] and not g["span_y"]) or g["bare_month"] or g["bare_season"] or (g["week"] and not g["week_y"])
    )


def _month(name: str) -> int:
    return _MONTHS.index(name[:3]) + 1


def _week_month(year: str, week: str) -> str | None:
    """The month holding ISO week ``week`` of ``year``, by its Thursday (the day ISO 8601 dates a week by)."""
    try:
        return f"{year}-{date.fromisocalendar(int(year), int(week), 4).month:02d}"
    except ValueError:  # week 0, or week 53 of a year with 52
        return None


def _period_of(match: re.Match[str], year: int | None) -> tuple[str | None, str | None] | str | None:
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
        return f"{g['month_y']}-{_month(g['month']):02d}"
    if g["year"]:
        return g["year"]
    if g["year_week"]:
        return _week_month(g["year_week_y"], g["year_week"])
    written = g["span_y"] or g["week_y"]
    in_year = int(written) if written else year
    if in_year is None:
        return None
    if g["span_a"]:
        first, last = _month(g["span_a"]), _month(g["span_b"])
        # "december-januari 2019" runs over the new year: the year written is the last month's
        return (f"{in_year - (first > last)}-{first:02d}", f"{in_year}-{last:02d}")
    if g["bare_month"]:
        return f"{in_year}-{_month(g['bare_month']):02d}"
    if g["bare_season"]:
        key = g["bare_season"][:2] if g["bare_season"] in ("vt", "ht") else g["bare_season"][:3]
        return f"{in_year}-{_SEASONS[key]}"
    first_week = _week_month(str(in_year), g["week"])
    last_week = _week_month(str(in_year), g["week_b"]) if g["week_b"] else first_week
    if first_week is None or last_week is None or (g["week_b"] and int(g["week_b"]) < int(g["week"])):
        return None
    return (first_week, last_week)


def _dates(norm: str, year: int | None) -> tuple[list[str], list[str], bool, set[str]]:
    """Start and due candidates, in the order they are written, whether a time had no year, and the
    periods dated by the plan's year (a month or season written without one)."""
    starts: list[str] = []
    dues: list[str] = []
    implied: set[str] = set()
    yearless = False
    previous_end = 0
    for match in _PERIOD.finditer(norm):
        found = _periods(match, year)
        markers = list(_ROLE.finditer(norm, previous_end, match.start()))
        follow_up = _FOLLOW_UP.search(norm, previous_end, match.start())
        previous_end = match.end()
        if follow_up and not (markers and markers[-1].start() > follow_up.start()):
            continue  # when it is evaluated or revised, not when it runs
        if found is None:
            yearless = yearless or (year is None and _yearless(match))
            continue
        if _yearless(match):
            implied.update(found if isinstance(found, tuple) else (found,))
        if isinstance(found, tuple) and found[0] == found[1]:
            found = found[0]  # one week, or a range within one month: a single period, its role from the marker
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
    return starts, dues, yearless, implied


def _state(norm: str, has_dates: bool) -> str | None:
    """The state the words say, strongest first; None if no state word."""
    if _IN_DEVELOPMENT.search(norm):
        return "in-development"
    if _ONGOING.search(norm) or _RECURRING.search(norm):
        return "ongoing"
    if _NEGATED_AFTER.search(norm):
        return "planned"
    if _STARTED.search(norm):
        if _PAUSED.search(norm):
            return "unknown"
        return "done" if _DONE.search(norm) and not _NOT_STARTED.search(norm) else "ongoing"
    if _NOT_STARTED.search(norm) or _PLANNED.search(norm):
        return "planned"
    if _PAUSED.search(norm):
        return "unknown"
    if _DONE.search(norm):
        return "done"
    if _READY.search(norm):
        return "planned" if has_dates else "done"
    return "planned" if has_dates else None


def parse_status(text: str, year: int | None = None) -> Status:
    """Parse a status cell; ``text`` is kept exactly as written.

    ``year`` is the plan's year, if known: it dates a month or week written
    without one ("maj-juni", "v12"). Without it such a time is read but gives
    no date.
    """
    if year is not None and not _YEARS[0] <= year <= _YEARS[1]:
        year = None
    if not text.strip():
        return Status(state="unknown", text=text, interpreted=True)
    norm = " ".join(text.lower().replace("\u2013", "-").replace("\u2014", "-").split())
    if _CANCELLED.search(norm):  # dropped from the plan: read, none of the states, and its dates are no deadline
        return Status(state="unknown", text=text, interpreted=True)
    starts, dues, yearless, implied = _dates(norm, year)
    state = _state(norm, bool(starts or dues or yearless))
    if state == "ongoing" and _RECURRING.search(norm):
        dues = []  # a recurring measure has no deadline: a year with it is when it runs, never overdue
        # "Varje år i december": the month says when in each year it runs, not that it starts in the plan's year
        starts = [start for start in starts if start not in implied]
    return Status(
        state=state or "unknown",
        start=starts[0] if starts else None,
        due=dues[-1] if dues else None,
        text=text,
        interpreted=state is not None,
    )
