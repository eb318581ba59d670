"""From a table of rows to a Plan: measures with resolved actors, statuses and a ledger.

``parse_plan`` is pure: it takes a ``Table`` (``graphmodel.read.tables``),
the plan's metadata and the registry. ``read_plan`` does the file I/O around
it. Every non-empty cell is written into ``Plan.ledger`` with what it became,
so nothing is lost silently: unknown actors and unreadable statuses are kept
and flagged there.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import unicodedata
from pathlib import Path

from ..errors import IngestError, IngestFailed
from ..memory import gc_paused
from ..model import NATIONAL, ORGANISATION, Actor, ActorRef, Interpretation, Measure, Plan, PlanInfo, Source
from ..registry import OWN_ORGANISATION, Registry, RegistryEntry, normalise, variants
from .phrases import ActorPhrase, split_actor_cell
from .plan_metadata import metadata_path, read_plan_info
from .status import parse_status
from .tables import DEFAULT_LIMITS, Limits, Table, continues_above, read_table

__all__ = ["organisation_in_title", "parse_plan", "read_plan", "read_plan_info", "slug", "year_in_title"]

ACTOR_COLUMNS = ("responsible", "partners")
_MUNICIPALITY = re.compile(r"\b(kommun|stad|region)\b", re.IGNORECASE)


_NOT_ID = re.compile(r"[^a-z0-9]+")
_ACCENTS = re.compile("[\u0300-\u036f]+")  # the combining marks that Latin letters decompose into


def slug(text: str) -> str:
    """ASCII kebab-case id part: ``"Skärholmens stadsdelsförvaltning"`` → ``"skarholmens-stadsdelsforvaltning"``.

    Latin letters lose only their accents. Where folding to ASCII loses a letter
    or digit ("Полиция", "警察", "Großstadt"), or leaves nothing, a short hash of
    the name is added, so that names in any script keep ids of their own::

        >>> slug("Полиция"), slug("Polis 警察")
        ('x-c42d7219', 'polis-72d9a468')
    """
    if text.isascii():
        return _NOT_ID.sub("-", text.lower()).strip("-") or _hashed("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    folded = _NOT_ID.sub("-", decomposed.encode("ascii", "ignore").decode().lower()).strip("-")
    if folded and _ACCENTS.sub("", decomposed).isascii():  # "Skärholmen": only accents were lost
        return folded
    kept = sum(c.isalnum() for c in folded)
    if kept and kept == sum(unicodedata.category(c)[0] in "LN" for c in decomposed):
        return folded
    return _hashed(folded, text)


def _hashed(folded: str, text: str) -> str:
    """``folded`` with a hash of the name's letters and digits (case-folded, as ids fold case), or of
    the whole name when it has none ("🚓")."""
    nfc = unicodedata.normalize("NFC", text)
    key = "".join(c for c in nfc.casefold() if unicodedata.category(c)[0] in "LN") or nfc
    return f"{folded or 'x'}-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def read_plan(
    path: str | os.PathLike,
    registry: Registry,
    sheet: str | None = None,
    limits: Limits | None = None,
    organisation: str | None = None,
) -> Plan:
    """Read one plan file (CSV or XLSX) into a Plan; ``limits`` bound what the table reader accepts.

    ``organisation`` names the plan's organisation when its ``.plan.toml`` does not (``--organisation``).
    """
    with gc_paused():
        limits = limits or DEFAULT_LIMITS
        info = read_plan_info(path, organisation)
        return parse_plan(read_table(path, sheet=sheet, limits=limits), info, registry, limits)


def parse_plan(table: Table, info: PlanInfo, registry: Registry, limits: Limits = DEFAULT_LIMITS) -> Plan:
    """Interpret a table's rows as measures of the plan ``info`` describes.

    A row without measure text that holds partners or a status (``tables.continues_above``) is a cell
    wrapped in Excel or Word: it joins the measure above, flagged ``continuation-row`` for review; so does a
    row of measure text only that goes on from the measure above (``_continues``: the text above ends in
    "med" or a comma). One that only may (``_may_continue``) is flagged ``possible-continuation`` and kept
    as a measure of its own. A row of a short title only ("1. Förebyggande arbete", ``_heading``) is the area
    or level of the rows below it. An organisation only named after the file is taken from a title row
    above the table when one names it (``organisation_in_title``), else flagged ``organisation-unknown``;
    a plan's year not given in its metadata is taken from a title row (``year_in_title``).

    Raises IngestFailed when a cell names more actors than ``limits.actors_per_cell``.
    """
    path, sheet = table.path, table.sheet
    title_organisation = None
    if not _organisation_named(info):
        title_organisation = organisation_in_title(table.preamble)
        if title_organisation is not None:
            info = dataclasses.replace(info, organisation_name=title_organisation[1])
    title_year = None
    if info.year is None:
        title_year = year_in_title(table.preamble)
        if title_year is not None:
            info = dataclasses.replace(info, year=title_year[1])
    binder = _Binder(registry, info)
    plan = Plan(info=binder.info, actors=binder.actors)
    seen_ids: dict[str, int] = {}
    extra_cells: dict[int, list[tuple[str, str]]] = {}
    for number, header, value in table.extra_cells:
        extra_cells.setdefault(number, []).append((header, value))
    area = level = None
    headers, ledger = table.headers, plan.ledger
    for number, text in table.preamble:
        became = "title or note"
        if title_organisation is not None and number == title_organisation[0]:
            became = f"title or note; organisation: {title_organisation[1]}"
        if title_year is not None and number == title_year[0]:
            became += f"; the plan's year: {title_year[1]}"
        ledger.append(Interpretation(Source(path, number, sheet), "(above the table)", text, became))
    if not _organisation_named(info):
        ledger.append(
            Interpretation(
                Source(path, 1, sheet),
                "(organisation)",
                info.organisation_name,
                f"organisation unknown: named after the file ({info.organisation_name!r}); name it with "
                'organisation = "…" in the plan\'s .plan.toml, or with --organisation NAME',
                "organisation-unknown",
            )
        )
    for number, header, text, became, problem in table.notes:  # what the table reader did to a cell
        ledger.append(Interpretation(Source(path, number, sheet), header, text, became, problem))
    if table.preamble and info.file and info.title == Path(info.file).stem:  # no .plan.toml: the sheet's title
        plan.info = binder.info = dataclasses.replace(binder.info, title=table.preamble[0][1])
    read_cell, measures, plan_id = binder.read_cell, plan.measures, plan.info.id
    most_actors, errors = limits.actors_per_cell, []
    numbered = _measures_numbered(table)
    above: tuple[int, str] | None = None  # the measure a next row may continue: (its row, its status text)
    continued: _Continued | None = None  # the rows continuing it, so far
    for row in table.rows:
        cells, number = row.cells, row.number
        reference = cells.get("source")
        source = Source(path, number, sheet, reference or None)
        if above is not None and continues_above(cells):
            if continued is None:
                continued = _Continued(plan, *above)
            continued.add(row, extra_cells.get(number, ()), headers, read_cell)
            continue
        if continued is not None:
            continued.finish(headers, limits, errors)
            continued = None
        written = cells["measure"]
        text = " ".join(written.split())
        alone = bool(text) and _only_measure_text(cells, number in extra_cells)  # once per row: it costs
        if above is not None and alone and _continues(measures[-1].text, text):
            measures[-1] = dataclasses.replace(measures[-1], text=f"{measures[-1].text} {text}")
            ledger.append(
                Interpretation(
                    source,
                    headers["measure"],
                    written,
                    f"joined to the measure on row {above[0]}: its text goes on from there",
                    "continuation-row",
                    rule="continuation",
                )
            )
            continue
        heading = _heading(text, numbered) if alone else None
        if heading is None and text and number in table.headed and _only_measure_text({**cells, "area": ""}, False):
            heading = _heading(text, numbered)  # a heading row first in a Word table under a heading of its own
            if heading is not None and number not in extra_cells:
                area, level = cells["area"], None
                ledger.append(Interpretation(source, headers["area"], area, f"area: {area}"))
            else:
                heading = None
        if heading is not None:  # "1. Förebyggande arbete" alone on its row: the area (or level) of what follows
            kind, name = heading
            if kind == "area":
                named, level = area_and_level(name)
                area = named or area
            else:
                level = name
            ledger.append(
                Interpretation(source, headers["measure"], written, f"{kind} heading: {name}", rule="area-heading")
            )
            above = None
            continue
        if cells.get("area"):
            named, level = area_and_level(cells["area"])
            area = named or area
            said = f"area: {area}" + (f", level: {level}" if level else "")
            ledger.append(Interpretation(source, headers["area"], cells["area"], said))
        if cells.get("level"):
            level = level_heading(cells["level"]) or cells["level"]  # "Universell" is the "Universellt" of headings
            ledger.append(Interpretation(source, headers["level"], cells["level"], f"level: {level}"))
        if reference:
            ledger.append(Interpretation(source, headers["source"], reference, "source reference"))
        if not text:  # a heading row ("Förebyggande" alone): its area and level carry down
            above = None
            for header, value in [
                *((headers["id"], cells["id"]) for _ in [1] if cells.get("id")),
                *extra_cells.get(number, ()),
            ]:
                ledger.append(Interpretation(source, header, value, "in a row without a measure", "no-measure-in-row"))
            continue
        if above is not None and alone and _may_continue(text):
            ledger.append(
                Interpretation(
                    source,
                    headers["measure"],
                    written,
                    f"measure text; it may continue the measure on row {above[0]}, which ends mid-sentence",
                    "possible-continuation",
                    rule="continuation",
                )
            )
        else:
            ledger.append(Interpretation(source, headers["measure"], written, "measure text"))
        status_text = cells.get("status", "")
        status = _status(status_text, plan.info.year)
        if status_text:
            ledger.append(
                Interpretation(source, headers["status"], status_text, f"status: {status.state}")
                if status.interpreted
                else Interpretation(source, headers["status"], status_text, "status: unknown", "status-not-understood")
            )
        roles = []
        for column in ACTOR_COLUMNS:
            cell = cells.get(column, "")
            refs, notes = read_cell(cell)
            roles.append(refs)
            if len(refs) > most_actors:
                errors.append(_too_many_actors(path, number, headers[column], cell, len(refs), limits))
            for became, problem, suggestions, part, rule in notes:
                ledger.append(Interpretation(source, headers[column], cell, became, problem, suggestions, part, rule))
        if binder.boards_by_context:  # "nämndens ordförande": the board the row names, when it names one
            for i, (column, refs) in enumerate(zip(ACTOR_COLUMNS, roles)):
                for old_ref, new_ref in binder.in_row(refs, roles):
                    roles[i] = tuple(new_ref if ref is old_ref else ref for ref in roles[i])
                    ledger.append(
                        Interpretation(
                            source,
                            headers[column],
                            cells[column],
                            f"genitive read in its row: {old_ref.text} → {new_ref.name} ({new_ref.id}), "
                            "the board this row names",
                            part=old_ref.text,
                            rule="genitive",
                        )
                    )
        responsible, partners = roles
        if cells.get("id"):
            ledger.append(Interpretation(source, headers["id"], cells["id"], "measure id"))
        extras = ()
        if number in extra_cells:
            extras = _unique_headers(extra_cells[number])
            for header, value in extras:
                ledger.append(Interpretation(source, header, value, "kept as measure attribute", "unrecognised-column"))
        measures.append(
            Measure(
                _measure_id(plan_id, cells.get("id"), area, level, text, seen_ids),
                plan_id,
                text,
                area,
                level,
                status,
                source,
                responsible,
                partners,
                extras,
            )
        )
        above = (number, status_text)
    if continued is not None:
        continued.finish(headers, limits, errors)
    if errors:
        raise IngestFailed(errors)
    if table.places:
        _place(plan, table.places, table.pages)
    return plan


def _place(plan: Plan, places: dict[int, str], pages: dict[int, int]) -> None:
    """Say where each row is when its number alone does not: a Word document's "table 2, row 7", a PDF's page."""
    placed: dict[Source, Source] = {}

    def at(source: Source) -> Source:
        if source not in placed:
            placed[source] = dataclasses.replace(source, place=places.get(source.row), page=pages.get(source.row))
        return placed[source]

    plan.measures[:] = [dataclasses.replace(m, source=at(m.source)) for m in plan.measures]
    plan.ledger[:] = [dataclasses.replace(i, source=at(i.source)) for i in plan.ledger]


class _Continued:
    """The rows that continue one measure (cells wrapped in Excel or Word), gathered and joined once.

    Its actors add to the measure's, its status to the status text (read as a whole when the run of rows
    ends), its unknown columns' cells to the measure's attributes. Every cell is noted as
    ``continuation-row``; the actors it names are noted as in any row. Gathering first and joining once
    keeps a file of 100,000 such rows linear.
    """

    def __init__(self, plan: Plan, first_row: int, status_text: str):
        measure = plan.measures[-1]
        self.plan, self.first_row, self.measure = plan, first_row, measure
        self.joined = f"joined to the measure on row {first_row}"
        self.roles = {
            "responsible": {ref.id: ref for ref in measure.responsible},
            "partners": {ref.id: ref for ref in measure.partners},
        }
        self.last_cell: dict[str, tuple[int, str]] = {}
        self.status_parts = [status_text] if status_text else []
        self.status_notes: list[Interpretation] = []
        self.extras: dict[str, list[str]] = {header: [value] for header, value in measure.extra}

    def add(self, row, extra, headers: dict[str, str], read_cell) -> None:
        cells, number, ledger, joined = row.cells, row.number, self.plan.ledger, self.joined
        source = Source(self.measure.source.file, number, self.measure.source.sheet)
        for column in ACTOR_COLUMNS:
            cell = cells.get(column, "")
            if not cell:
                continue
            refs, notes = read_cell(cell)
            ledger.append(
                Interpretation(
                    source, headers[column], cell, f"{joined} ({column})", "continuation-row", rule="continuation"
                )
            )
            for became, problem, suggestions, part, rule in notes:
                ledger.append(Interpretation(source, headers[column], cell, became, problem, suggestions, part, rule))
            merged = self.roles[column]
            for ref in refs:
                merged.setdefault(ref.id, ref)
            self.last_cell[column] = (number, cell)
        added = cells.get("status", "")
        if added:
            self.status_parts.append(added)
            note = Interpretation(source, headers["status"], added, joined, "continuation-row", rule="continuation")
            self.status_notes.append(note)
            ledger.append(note)
        for header, value in extra:
            ledger.append(
                Interpretation(source, header, value, f"{joined}'s {header!r}", "continuation-row", rule="continuation")
            )
            self.extras.setdefault(header, []).append(value)

    def finish(self, headers: dict[str, str], limits: Limits, errors: list) -> None:
        """Replace the measure by the joined one; note the status read as a whole."""
        measure, status = self.measure, self.measure.status
        if self.status_notes:
            text = " ".join(self.status_parts)
            status = _status(text, self.plan.info.year)
            state = status.state if status.interpreted else "unknown"
            shown = text if len(text) <= 120 else text[:119] + "…"
            became = f"{self.joined}'s status, read as a whole ({shown!r}): status: {state}"
            for note in self.status_notes:
                note.became = became
            if not status.interpreted:
                last = self.status_notes[-1]
                self.plan.ledger.append(
                    Interpretation(last.source, last.column, last.text, became, "status-not-understood")
                )
        for column, merged in self.roles.items():
            if len(merged) > limits.actors_per_cell and column in self.last_cell:
                number, cell = self.last_cell[column]
                errors.append(_too_many_actors(measure.source.file, number, headers[column], cell, len(merged), limits))
        self.plan.measures[-1] = dataclasses.replace(
            measure,
            status=status,
            responsible=tuple(self.roles["responsible"].values()),
            partners=tuple(self.roles["partners"].values()),
            extra=tuple((header, " ".join(values)) for header, values in self.extras.items()),
        )


_ENDS_SENTENCE = re.compile(r"[.!?:…][\"'”’)\]]*$")
# A measure text that ends in a comma, a conjunction or a preposition has not ended: the next row goes on.
# Case-sensitive: a roman "I" ("steg I") is no preposition.
_ENDS_MID = re.compile(
    r"(?:,|\b(?:och|samt|eller|men|att|som|med|för|av|i|till|på|om|mot|från|inom|vid|hos|mellan|kring|genom|under"
    r"|efter|utan|både|bland|via|Och|Samt|Eller))$"
)


def _only_measure_text(cells: dict[str, str], has_extra: bool) -> bool:
    return not has_extra and not any(value for column, value in cells.items() if column != "measure")


def _continues(previous: str, text: str) -> bool:
    """Whether a row holding only measure text goes on from the measure above (a cell wrapped in Excel or Word).

    It does when the text above has not ended: it ends in a comma, a conjunction or a preposition
    ("… i samverkan med" / "Exit Fryshuset och Kriminalvården."), or it has no final . ! ? : and
    this text starts with a small letter ("… mellan skola, socialtjänst," / "fritid och polis").
    """
    previous = previous.rstrip()
    return bool(_ENDS_MID.search(previous)) or (not _ENDS_SENTENCE.search(previous) and text[:1].islower())


def _may_continue(text: str) -> bool:
    """Whether a row holding only measure text, which does not clearly go on from the measure above, still
    may: it starts with a small letter though the text above ended a sentence ("Informera föräldrar." /
    "lägga ut materialet på webben"). It is kept as a measure, flagged for review.
    """
    return text[:1].islower()


# A heading on a row of its own in the measure column: a numbered title ("1. Förebyggande arbete",
# "II) Lägesbild") or an area or level name alone ("Lägesbild", "Selektiv prevention").
_NUMBERED = re.compile(r"^(?:(?P<digits>\d{1,2})|(?P<roman>[IVX]{1,4})|(?P<letter>[A-H]))[.)]\s+(?P<title>\S.*)$")
_MAX_HEADING_WORDS = 5
_AREA_NAMES = frozenset(
    "organisation lägesbild förebyggande förhindrande utbildning uppföljning kompetensutveckling samverkan".split()
)
_AREA_TAILS = frozenset(("", "arbete", "arbetet", "insatser", "åtgärder", "och samverkan", "och lägesbild"))
_LEVEL_NAMES = {
    "universell": "Universellt",
    "universellt": "Universellt",
    "generell": "Universellt",
    "generellt": "Universellt",
    "selektiv": "Selektivt",
    "selektivt": "Selektivt",
    "specifik": "Selektivt",
    "indikerad": "Indikerat",
    "indikerat": "Indikerat",
    "individinriktad": "Indikerat",
}
_LEVEL_TAILS = frozenset(("", "nivå", "nivån", "prevention", "förebyggande", "förebyggande arbete", "insatser"))


def level_heading(title: str) -> str | None:
    """The prevention level a heading names ("Selektiv prevention" is "Selektivt"), or None.

    >>> level_heading("Universell nivå"), level_heading("Förebyggande arbete")
    ('Universellt', None)
    """
    first, _, tail = " ".join(title.casefold().split()).partition(" ")
    return _LEVEL_NAMES[first] if first in _LEVEL_NAMES and tail in _LEVEL_TAILS else None


_AREA_LEVEL_SEPARATOR = re.compile(r"\s+[–—-]\s+|\s*[:,/]\s+|\s+\(")


def area_and_level(text: str) -> tuple[str | None, str | None]:
    """An area heading that names a level too ("Förebyggande – selektiv nivå") as (area, level), a level
    alone ("Selektivt förebyggande") as (None, level): the area above goes on; any other text is the area.

    >>> area_and_level("Förebyggande – universell nivå"), area_and_level("Förhindrande")
    (('Förebyggande', 'Universellt'), ('Förhindrande', None))
    >>> area_and_level("Selektivt förebyggande")
    (None, 'Selektivt')
    """
    alone = level_heading(text.strip().rstrip(":"))
    if alone is not None:
        return None, alone
    parts = _AREA_LEVEL_SEPARATOR.split(text.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        level = level_heading(parts[1].strip().rstrip(")").strip())
        if level is not None:
            return parts[0].strip(), level
    return text, None


def _numbering(match: re.Match[str]) -> str:
    return next(style for style in ("digits", "roman", "letter") if match.group(style))


def _measures_numbered(table: Table) -> frozenset[str]:
    """The numbering styles ("digits", "roman", "letter") of the plan's measures ("1. Utse en samordnare"
    with an owner): a text alone on its row numbered so is a measure without owner, not a heading
    ("I. Främjande insatser" over "1. Utse …" is one)."""
    styles = set()
    for row in table.rows:
        match = _NUMBERED.match(row.cells.get("measure", "").lstrip())
        if match and any(value for column, value in row.cells.items() if column not in ("measure", "source")):
            styles.add(_numbering(match))
    return frozenset(styles)


def _heading(text: str, numbered: frozenset[str]) -> tuple[str, str] | None:
    """("area" or "level", its name) when a row holding only measure text is a heading, else None.

    A numbered title of at most five words without a full stop is a heading unless the plan numbers its
    measures the same way; an area or level name alone (with "arbete", "prevention" …) is one anyway.
    """
    if _ENDS_SENTENCE.search(text):
        return None
    match = _NUMBERED.match(text)
    title = match.group("title") if match else text
    if len(title.split()) > _MAX_HEADING_WORDS:
        return None
    level = level_heading(title)
    if level is not None:
        return "level", level
    first, _, tail = title.casefold().partition(" ")
    if first in _AREA_NAMES and tail in _AREA_TAILS:
        return "area", title
    if match and _numbering(match) not in numbered:
        return "area", title
    return None


# An organisation in a plan's title: one or two capitalised words before kommun, stad, förvaltning...
# ("Södermalms stadsdelsförvaltning", "Upplands Väsby kommun"), "Region Stockholm", or a compound
# förvaltning ("Socialförvaltningen"). Words of the title itself are not part of the name.
_NAME = r"[A-ZÅÄÖÉ][\w\-]*"
_ORGANISATION = re.compile(
    rf"(?<![\w\-])(?:(?P<name>(?:{_NAME}\s+){{1,2}}"
    r"(?i:kommun|stad|stadsdelsförvaltning(?:en)?|stadsdelsnämnd(?:en)?|förvaltning(?:en)?))(?![\w\-])"
    rf"|(?P<region>Region\s+{_NAME})"
    rf"|(?P<compound>{_NAME}(?:förvaltning|nämnd)(?:en)?(?:\s+i\s+{_NAME})?)(?![\w\-]))"
)
_TITLE_WORDS = re.compile(r"^(?:handlingsplan|åtgärdsplan|plan|lokal|lägesbild|program)\w*\s+", re.IGNORECASE)


def organisation_in_title(preamble) -> tuple[int, str] | None:
    """The first organisation a title row above the table names, as (row, name), or None.

    >>> organisation_in_title([(1, "Handlingsplan mot våldsbejakande extremism, Södermalms stadsdelsförvaltning 2017")])
    (1, 'Södermalms stadsdelsförvaltning')
    >>> organisation_in_title([(1, "Handlingsplan 2019")]) is None
    True
    """
    for number, text in preamble:
        for match in _ORGANISATION.finditer(text):
            name = match.group()
            while _TITLE_WORDS.match(name):
                name = _TITLE_WORDS.sub("", name, count=1)
            if name.split()[0].casefold() in _ORGANISATION_WORDS:  # "Stad" alone, "Kommun" alone
                continue
            return number, " ".join(name.split())
    return None


_ORGANISATION_WORDS = {"kommun", "stad", "stadsdelsförvaltning", "stadsdelsnämnd", "förvaltning"}

_TITLE_YEAR = re.compile(r"(?<![\d-])(?:19|20)\d{2}(?!\d)")
# Years that say when the plan was decided or filed, or name a statute: not its period.
_NOT_A_PLAN_YEAR = re.compile(
    r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b|\b\d{4}\s*[/:]\s*\d+"
    r"|\b(?:dnr|diarienummer|sfs|antagen|antogs|beslutad|beslutades|fastställd|reviderad)\b[^,;.]*",
    re.IGNORECASE,
)


def year_in_title(preamble) -> tuple[int, int] | None:
    """The year the plan starts as a title row above the table names it, as (row, year), or None.

    The first year of the first row that names one, rows that say "plan" first; a date, a case or
    statute number and what follows "antagen", "beslutad", "dnr" are not the plan's period:

    >>> year_in_title([(1, "Handlingsplan mot våldsbejakande extremism 2020–2022, Västerdals kommun")])
    (1, 2020)
    >>> year_in_title([(1, "Handlingsplan"), (2, "Beslutad av kommunfullmäktige 2019-03-12")]) is None
    True
    """
    rows = sorted(preamble, key=lambda row: "plan" not in row[1].casefold())  # "Handlingsplan …" first
    for number, text in rows:
        found = _TITLE_YEAR.search(_NOT_A_PLAN_YEAR.sub(" ", text))
        if found:
            return number, int(found.group())
    return None


def _organisation_named(info: PlanInfo) -> bool:
    """Whether the plan's metadata names its organisation (no .plan.toml and no --organisation: the file's name)."""
    return not (info.file and not info.organisation and info.organisation_name == Path(info.file).stem)


def _too_many_actors(path: str, row: int, header: str, cell: str, count: int, limits: Limits) -> IngestError:
    return IngestError(
        path,
        "too-many-actors",
        f"the cell names {count:,} actors, over the limit of {limits.actors_per_cell:,} for one cell: every two "
        "actors of a measure are paired in the collaboration analyses, so the work grows with the square. Check "
        f"that the cell holds one measure's actors, or raise the limit with {limits.flag('actors_per_cell', count)}.",
        row,
        header,
        cell[:200],
    )


def _unique_headers(cells) -> tuple[tuple[str, str], ...]:
    """Unknown columns as (header, text), a repeated header numbered ("Kommentar (2)") so no text is lost."""
    seen: dict[str, int] = {}
    unique = []
    for header, value in cells:
        seen[header] = seen.get(header, 0) + 1
        unique.append((header if seen[header] == 1 else f"{header} ({seen[header]})", value))
    return tuple(unique)


_status = functools.lru_cache(maxsize=65536)(parse_status)  # statuses repeat across rows and plans


_UNIT_RULES = ("genitive", "role-at-unit", "distributive")  # the rules that read a role with its unit


@functools.lru_cache(maxsize=8)
def _registry_ids(registry: Registry) -> dict[str, RegistryEntry]:
    """The registry's entries by case-folded id: a plan's own id may not be any of them in any case."""
    return {entry_id.casefold(): entry for entry_id, entry in registry.entries.items()}


@functools.lru_cache(maxsize=65536)
def _split(cell: str, registry: Registry) -> tuple:
    """Cells repeat across plans ("Polisen", "Socialtjänsten"): split each distinct text once."""
    return tuple(split_actor_cell(cell, registry))


def _measure_id(plan_id: str, explicit: str | None, area, level, text: str, seen: dict[str, int]) -> str:
    """Stable id: the explicit id, or a hash of area, level and text (numbered when repeated).

    ``text`` comes with its spaces folded to single spaces, as ``parse_plan`` passes it.

    Editing or inserting another row never changes a measure's id.
    """
    if explicit:
        base = f"{plan_id}#{slug(explicit)}"  # "1a" and "1A" are two rows, and stay two measures
    else:
        key = "|".join((area or "", level or "", text.casefold()))
        base = f"{plan_id}#{hashlib.sha1(key.encode()).hexdigest()[:8]}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


_MAX_BODY_AND_PART_WORDS = 6
# National actors that act in many places: "Arbetsförmedlingen i Malmö" is Arbetsförmedlingen, the place a
# remark ("Polisen i Lycksele": its local branch, ``_Binder._local_branch``).
_AUTHORITIES = frozenset(("police", "national-agency", "region"))
# A genitive of a board class names no board by itself ("nämndens ordförande"): its row may.
_BOARD_CLASSES = {"nämndens": "nämnd", "styrelsens": "styrelse"}
# A unit's name by its ending ("sjöängsskolan"): an unknown owner so named is a unit, even in small letters.
_UNIT_LIKE = re.compile(r"\w*(?:skolan|skola|gården|gård|enheten|förvaltningen|avdelningen|kontoret|boendet)$").match


class _Binder:
    """Turns registry entries into the plan's actors: national ones shared, the rest per organisation."""

    def __init__(self, registry: Registry, info: PlanInfo):
        self.registry = registry
        self.actors: dict[str, Actor] = {}
        self._resolved: dict = {}
        self._cells: dict[str, tuple] = {}
        self._by_form: dict[str, str] = {}  # actor id -> the rule that made a vague phrase a collective or placeholder
        self._units: dict[ActorPhrase, tuple[str, Actor]] = {}  # a role of a unit: (rule, the unit's actor)
        # a role of "nämnden" or "styrelsen", no board named in its cell: the phrase as written -> the role
        self.boards_by_context: dict[str, RegistryEntry] = {}
        self._organisation_words: frozenset[str] | None = None
        self._rules: dict[ActorPhrase, tuple[str, ...]] = {}  # a phrase's rules as the binder read it, if not its own
        self.org = self._organisation(info)
        self.info = dataclasses.replace(info, organisation=self.org.id, organisation_name=self.org.name)

    def _organisation(self, info: PlanInfo) -> Actor:
        """The plan's organisation: a national registry actor it names, or an actor of its own.

        A plan's metadata never redefines an actor the registry defines, for every
        plan in the run shares it: an id of its own that is a registry id is an error.
        """
        parent = None
        if info.organisation_parent:
            parent = self._named(info, "organisation_parent", info.organisation_parent)
        entry = self.registry.lookup(info.organisation_name)
        if entry is not None and entry.scope == NATIONAL:
            if info.organisation and info.organisation != entry.id:
                self._refuse(
                    info,
                    "organisation_id",
                    info.organisation,
                    f"the organisation {info.organisation_name!r} is the registry's actor {entry.id!r}; "
                    f"write organisation_id = {entry.id!r} or leave it out",
                )
            return self.bind(entry, None)
        if info.organisation:
            org_id, key, value = info.organisation, "organisation_id", info.organisation
            taken = _registry_ids(self.registry).get(org_id.casefold())  # ids are named in any case
        else:
            org_id, key, value = slug(info.organisation_name), "organisation", info.organisation_name
            taken = _registry_ids(self.registry).get(org_id.casefold())
            taken = taken if taken is not None and taken.scope == NATIONAL else None
        if taken is not None:
            self._refuse(
                info,
                key,
                value,
                f"the organisation's id {org_id!r} is the id of the registry's actor "
                f"{taken.name!r}; give the organisation an organisation_id of its own",
            )
        if parent is not None and parent.id == org_id:
            self._refuse(
                info,
                "organisation_parent",
                info.organisation_parent,
                "names the organisation itself; name the organisation it is part of, or leave it empty",
            )
        kind = "municipality" if _MUNICIPALITY.search(info.organisation_name) and parent is None else "municipal-unit"
        org = Actor(org_id, info.organisation_name, kind, NATIONAL, parent=parent.id if parent else None)
        self.actors[org.id] = org
        return org

    def _named(self, info: PlanInfo, key: str, name: str) -> Actor:
        entry = self.registry.lookup(name)
        if entry is not None and entry.scope == NATIONAL:
            return self.bind(entry, None)
        actor = Actor(slug(name), name, "municipality" if _MUNICIPALITY.search(name) else "municipal-unit", NATIONAL)
        taken = _registry_ids(self.registry).get(actor.id.casefold())
        if taken is not None and taken.scope == NATIONAL:
            self._refuse(
                info,
                key,
                name,
                f"gets the id {actor.id!r}, which is the registry's actor {taken.name!r}; "
                f"write that actor's name, or another name",
            )
        self.actors.setdefault(actor.id, actor)
        return actor

    @staticmethod
    def _refuse(info: PlanInfo, key: str, value: str, message: str):
        side = metadata_path(info.file) if info.file else None
        where = str(side) if side is not None and side.is_file() else info.file or "<plan>"
        raise IngestFailed(
            [
                IngestError(
                    where, "metadata-takes-registry-actor", f"{key} {value!r}: {message}", column=key, value=value
                )
            ]
        )

    def bind(self, entry: RegistryEntry, org: Actor | None) -> Actor:
        """The actor node for a registry entry in this plan's organisation (parents bound too).

        Walks up the parent chain without recursion: a registry may nest thousands deep.
        """
        pending = []  # entries not bound yet, the child first
        above = None  # the bound actor the topmost pending entry is part of
        while True:
            if entry.id == OWN_ORGANISATION:
                above = org
                break
            actor_id = entry.id if entry.scope == NATIONAL else f"{org.id}/{entry.id}"
            if actor_id in self.actors:
                above = self.actors[actor_id]
                break
            pending.append((entry, actor_id))
            if not entry.parent:
                break
            entry = self.registry[entry.parent]
        for entry, actor_id in reversed(pending):
            owner = None if entry.scope == NATIONAL else org.id
            above = self.actors[actor_id] = Actor(
                actor_id, entry.name, entry.kind, entry.scope, above.id if above else None, owner, entry.aliases
            )
        return above

    def read_cell(self, cell: str) -> tuple[tuple[ActorRef, ...], tuple[tuple, ...]]:
        """A cell's actors (each once, first mention first) and a ledger note per phrase:
        (became, problem, suggestions, the phrase as written when the cell names several, the rules).

        The rules are the phrase's reading rules (``ActorPhrase.rules``) joined with ", ", with
        "vague-by-form", "merged" or "place" added where the binder read so. A role read with its unit
        says what it became ("genitive: skolans kurator → Kurator (Skolan) (org/kurator@skolan), part
        of Skolan"); a unit the registry does not know gets an ``unknown-actor`` note of its own.

        A plan repeats the same few cells ("Socialtjänsten", "Polisen") on many
        rows, so each distinct cell is read once per plan.
        """
        known = self._cells.get(cell)
        if known is not None:
            return known
        refs: dict[str, ActorRef] = {}
        notes = []
        phrases = _split(cell, self.registry)
        several = len(phrases) > 1
        for phrase in phrases:
            ref = self.resolve(phrase)
            part = phrase.text if several else None
            rules = ", ".join(self._rules.get(phrase, phrase.rules)) or None
            if ref.id in refs:  # two parts of one cell are one actor: never merged without a word
                first = refs[ref.id].text
                notes.append(
                    (f"actor: {ref.name} ({ref.id}), as is {first!r} in this cell", "parts-merged", (), part, "merged")
                )
                continue
            refs[ref.id] = ref
            unit = self._units.get(phrase)
            if unit is not None:
                notes.extend(self._unit_notes(phrase, ref, unit, part, rules))
            elif ref.unknown:
                suggestions = self.actors[ref.id].suggestions
                notes.append((f"unknown actor: {ref.name}", "unknown-actor", suggestions, part, rules))
            elif ref.id in self._by_form:
                rules = ", ".join(filter(None, (rules, "vague-by-form")))
                notes.append((f"{self._by_form[ref.id]} → {ref.name} ({ref.id})", None, (), part, rules))
            else:
                notes.append((f"actor: {ref.name} ({ref.id})", None, (), part, rules))
        if cell.strip() and not notes:  # "-" or "/": written, but names nobody
            notes.append(("no actor named", "no-actor-in-cell", (), None, None))
        known = self._cells[cell] = (tuple(refs.values()), tuple(notes))
        return known

    def _unit_notes(self, phrase: ActorPhrase, ref: ActorRef, unit: tuple[str, Actor], part, rules) -> list[tuple]:
        """The ledger notes of a role read with its unit: what the rule made of it ("genitive: skolans
        kurator → Kurator (Skolan) (org/kurator@skolan), part of Skolan"), and an unknown unit's problem."""
        rule, body = unit
        became = f"{rule}: {phrase.text} → {ref.name} ({ref.id})"
        if self.actors[ref.id].parent == body.id and body.id != self.org.id:
            became += f", part of {body.name}"
        notes = [(became, None, (), part, rules)]
        if body.unknown:
            notes.append(
                (f"unknown actor: {body.name} (the unit of {ref.name})", "unknown-actor", body.suggestions, part, rules)
            )
        return notes

    def resolve(self, phrase) -> ActorRef:
        ref = self._resolved.get(phrase)
        if ref is None:
            ref = self._resolved[phrase] = self._resolve(phrase)
        return ref

    def in_row(self, refs: tuple[ActorRef, ...], row: list[tuple[ActorRef, ...]]) -> list[tuple[ActorRef, ActorRef]]:
        """(as read in its cell, as read in its row) for each ref of ``refs`` that is a role of a board class
        ("nämndens ordförande") when the row names exactly one board of that class, "nämnd" or "styrelse",
        other than the plan's organisation (Ansvarig "Kultur- och fritidsnämnden"): then it is that board's
        role, a composite actor."""
        changed = []
        for ref in refs:
            role = self.boards_by_context.get(ref.text)
            if role is None:
                continue
            kind = _BOARD_CLASSES[ref.text.split()[0].casefold()]  # a "nämnd" for "nämndens"
            boards = {
                other.id
                for cell in row
                for other in cell
                if other.kind == "political-body" and other.id != self.org.id and kind in other.name.casefold()
            }
            if len(boards) == 1:
                actor = self._composite(role, self.actors[boards.pop()])
                changed.append((ref, dataclasses.replace(ref, id=actor.id, name=actor.name, kind=actor.kind)))
        return changed

    def _composite(self, role: RegistryEntry, body: Actor, written: str | None = None) -> Actor:
        """The composite actor of ``role`` at ``body``: id ``<org>/<role id>@<body id>``, part of the body.

        At a national body ("Länsstyrelsens samordnare", "Polisens kontaktperson") it is national too, one
        node in every plan: id ``<role id>@<body id>``, no organisation. ``written``, when given, is the
        role as written, which names the composite instead of the registry's role (its id is then the
        written role's slug): a municipality's role found by a generic alias ("samordnare" of
        Preventionssamordnare) is not what another body's "samordnare" is.
        """
        role_id, role_name = (slug(written), written) if written else (role.id, role.name)
        national = body.scope == NATIONAL and body.id != self.org.id and not body.unknown
        actor_id = f"{role_id}@{body.id.rsplit('/', 1)[-1]}"
        actor_id = actor_id if national else f"{self.org.id}/{actor_id}"
        actor = self.actors.get(actor_id)
        if actor is None:
            actor = self.actors[actor_id] = Actor(
                actor_id,
                f"{role_name} ({body.name})",
                role.kind,
                NATIONAL if national else ORGANISATION,
                body.id,
                None if national else self.org.id,
            )
        return actor

    def _resolve(self, phrase) -> ActorRef:
        entry = self.registry.lookup(phrase.name)
        if (
            entry is not None
            and phrase.unit is None
            and "genitive" in phrase.rules
            and phrase.text.split()[0].casefold() in _BOARD_CLASSES
        ):
            self.boards_by_context[phrase.text] = entry
        place = None
        if entry is not None and phrase.unit is not None and entry.id in self.registry:
            actor, place = self._role_of_unit(phrase, entry)
        elif entry is not None:
            actor = self.bind(entry, self.org)
            if entry.id not in self.registry:  # made for the phrase by its form (Registry.by_form)
                self._by_form[actor.id] = entry.note
        elif phrase.unit is None and (placed := self._at_own_place(phrase.name)) is not None:
            entry, place = placed
            actor = self.bind(entry, self.org)
        elif phrase.unit is None and (part := self._part_after_body(phrase.name)) is not None:
            entry, place = part
            actor = self.bind(entry, self.org)
            self._rules[phrase] = (*phrase.rules, "body-and-part")
        else:
            actor = self._unknown(phrase.name if phrase.unit is None else phrase.text)
        remark = phrase.remark
        if place is not None:  # the plan's own place is a remark, and the reading says so
            remark = "; ".join(r for r in (phrase.remark, place) if r)
            kept = self._rules.get(phrase, phrase.rules)
            self._rules[phrase] = (*(r for r in kept if r != "role-at-unit"), "place")
        return ActorRef(actor.id, actor.name, phrase.text, actor.kind, actor.unknown, remark, phrase.hedge)

    def _local_branch(self, authority: RegistryEntry) -> RegistryEntry:
        """The authority's local branch where the registry has one: its only organisation-scoped part of
        the same kind ("Polisen i Lycksele" is the local police area, Lokalpolisområdet); else itself."""
        branches = [
            entry
            for entry in self.registry.entries.values()
            if entry.parent == authority.id and entry.scope == ORGANISATION and entry.kind == authority.kind
        ]
        return branches[0] if len(branches) == 1 else authority

    def _part_after_body(self, name: str) -> tuple[RegistryEntry, str | None] | None:
        """(the part, a place after it or None) for a body written before a part of its own, the part
        perhaps followed by a place: "Polisen LPO Landskrona" is the local police area (Landskrona a
        remark), "Fryshuset Exit" is Exit; else None. The body says whose part it is, as "Polisens NOA"
        does."""
        words = name.split()
        if len(words) < 2 or len(words) > _MAX_BODY_AND_PART_WORDS:
            return None
        for k in (1, 2):
            body = self.registry.named(" ".join(words[:k])) if k < len(words) else None
            if body is None or body.id == OWN_ORGANISATION:
                continue
            rest = words[k:]
            for part_words, place in ((rest, None), (rest[:-1], rest[-1])):
                if not part_words or (place is not None and not place[:1].isupper()):
                    continue
                part = self.registry.named(" ".join(part_words))
                if part is not None and part.id != body.id and body.id in self.registry.ancestors(part.id):
                    return part, place
        return None

    def _at_own_place(self, name: str) -> tuple[RegistryEntry, str] | None:
        """(the registry entry, the place) for a name followed by the plan's own place
        ("Lokalpolisområde Hagaby" in Hagaby kommun's plan), or a national authority followed by
        "i" and a place ("Arbetsförmedlingen i Malmö": where it acts; "Polisen i Lycksele": its local
        branch there, Lokalpolisområdet, ``_local_branch``); else
        None. The place is a remark. A local body "i" a place ("Föräldranätverket i Vretby") is a
        name of its own, kept whole."""
        words = name.split()
        if len(words) > 2 and words[-2] == "i" and words[-1][:1].isupper() and not words[-1].isupper():
            entry = self.registry.named(" ".join(words[:-2]))
            if entry is not None and entry.scope == NATIONAL and entry.kind in _AUTHORITIES:
                return self._local_branch(entry), " ".join(words[-2:])
        if len(words) < 2 or not words[-1][:1].isupper() or not self._names_organisation(words[-1]):
            return None
        entry = self.registry.named(" ".join(words[:-1]))
        if entry is None or entry.id == OWN_ORGANISATION:
            return None
        return entry, words[-1]

    def _unknown(self, name: str) -> Actor:
        """The unknown actor named ``name`` as written, with the registry's closest names."""
        actor_id = f"{self.org.id}/unknown-{slug(name)}"
        actor = self.actors.get(actor_id)
        if actor is None:
            actor = self.actors[actor_id] = Actor(
                actor_id, name, "unknown", ORGANISATION, None, self.org.id, (), True, tuple(self.registry.suggest(name))
            )
        return actor

    def _names_organisation(self, text: str) -> bool:
        """Whether a body in the genitive is the plan's organisation by its name's words: "Regionens" in
        Region Gävleborg's plan, "stadens" in Västerhamns stad's, "Hagabys" in Hagaby kommun's."""
        words = self._organisation_words
        if words is None:
            keys = (normalise(w) for w in self.org.name.split())
            words = self._organisation_words = frozenset(v for key in keys if key for v in variants(key))
        # every word of it: "Västerhamns stad" in Västerhamns stad's plan, never "Hagaby skola" in Hagaby kommun's
        keys = [key for key in map(normalise, text.split()) if key]
        return bool(keys) and all(variants(key) & words for key in keys)

    def _role_of_unit(self, phrase: ActorPhrase, role: RegistryEntry) -> tuple[Actor, str | None]:
        """The actor of a role or unit of a body ("skolans kurator", "Rektor Sjöängsskolan", each of
        "rektorerna för grundskolan och gymnasiet"): one actor, part of that body.

        The registry's role itself when the body is the plan's own organisation ("kommunens
        kurator") or already above the role in the registry ("socialtjänstens fältgrupp"); else a
        composite actor, organisation-scoped, of the role's kind: id ``<org>/<role id>@<body id>``
        (``@unknown-<slug>`` for a body the registry does not know, which is then an unknown actor of
        its own), name ``"<role's name> (<body's name, or as written>)"``, parent the body. A "unit" that
        is the plan's own place ("Samordnare Skärholmen" in Skärholmen's plan) is the role at that place:
        (the role, the place).
        """
        rule = next((r for r in phrase.rules if r in _UNIT_RULES), "role-at-unit")
        entry = self.registry.lookup(phrase.unit)  # a group of bodies by its form too: "nämndernas ordförande"
        if entry is None and self._names_organisation(phrase.unit):
            if rule == "role-at-unit":  # "Samordnare Skärholmen" in Skärholmen's plan: the role there
                return self.bind(role, self.org), phrase.unit
            return self.bind(role, self.org), None  # "Hagabys", "stadens", "Västerhamns stads" in its own plan
        if entry is None and rule == "genitive" and not phrase.unit[:1].isupper() and not _UNIT_LIKE(phrase.unit):
            return self._unknown(f"{phrase.unit}s {phrase.name}"), None  # "stadens samordnare" in a kommun's plan
        body = self.bind(entry, self.org) if entry is not None else self._unknown(phrase.unit)
        self._units[phrase] = (rule, body)
        own = entry is not None and (entry.id == OWN_ORGANISATION or body.id == self.org.id)
        own = own or rule == "genitive" and self._names_organisation(phrase.unit)  # "Regionens" in a region's plan
        if own or (entry is not None and entry.id in self.registry and entry.id in self.registry.ancestors(role.id)):
            return self.bind(role, self.org), None
        return self._composite(role, body, self._written_role(phrase, role, body)), None

    def _written_role(self, phrase: ActorPhrase, role: RegistryEntry, body: Actor) -> str | None:
        """The role as written when it names the composite: at another organisation's national body, a role
        of the plan's own organisation found by an alias that is no form of its name ("Länsstyrelsens
        samordnare" is no Preventionssamordnare); else None (the registry's role names it)."""
        if body.scope != NATIONAL or body.id == self.org.id or role.scope == NATIONAL:
            return None
        if OWN_ORGANISATION not in (role.id, *self.registry.ancestors(role.id)):
            return None  # a role the registry puts under another body ("Kontaktperson" of any body)
        forms = variants(normalise(phrase.name))
        if forms & variants(normalise(role.name)):
            return None  # "Polisens kontaktpersoner": a form of the role's own name
        # the alias it is a form of, so "samordnarna" and "samordnare" are one node
        return next((name for name in role.aliases if forms & variants(normalise(name))), phrase.name)
