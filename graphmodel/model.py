"""The domain model: what a plan, a measure, an actor and a status are.

Pure data, no I/O. Readers (``graphmodel.read``) produce these objects,
``graphmodel.build`` turns them into one networkx graph, analyses and writers
read that graph. The names of node kinds and relationship types below are
also the Neo4j labels and relationship types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Node labels (``kind`` attribute of a node in the networkx graph).
PLAN = "Plan"
MEASURE = "Measure"
ACTOR = "Actor"

# Relationship types (``type`` attribute of an edge; also the edge key).
RESPONSIBLE_FOR = "RESPONSIBLE_FOR"  # Actor -> Measure
PARTNER_IN = "PARTNER_IN"  # Actor -> Measure
IN_PLAN = "IN_PLAN"  # Measure -> Plan
PART_OF = "PART_OF"  # Actor -> Actor (child -> parent)

# Actor kinds. Placeholders and collectives are kept in the graph but never
# count as a real owner of a measure.
ACTOR_KINDS = (
    "municipality",  # a kommun / stad as a whole
    "municipal-unit",  # förvaltning, avdelning, enhet, verksamhet
    "role",  # a person's function: preventionssamordnare, rektor
    "political-body",  # nämnd, styrelse, fullmäktige, politiker
    "police",  # Polisen and its units
    "national-agency",  # Säpo, Kriminalvården, MSB, Skolverket ...
    "region",  # regional health care: BUP, vårdcentral
    "civil-society",  # NGOs, associations, faith communities
    "business",  # companies, landlords
    "collective",  # groups of people: medarbetare, berörda chefer
    "placeholder",  # others as needed: Övriga efter behov
    "unknown",  # not in the registry: kept as written, reported
)
NOT_REAL_OWNER_KINDS = frozenset({"collective", "placeholder"})

# Actor scopes: a national actor is one node across all plans; an
# organisation-scoped actor (a role or unit of the plan's organisation) is one
# node per organisation.
NATIONAL = "national"
ORGANISATION = "organisation"

# Status states.
STATES = ("ongoing", "planned", "in-development", "done", "unknown")


@dataclass(frozen=True, slots=True)
class Status:
    """A measure's status as parsed from its Pågående/planer cell.

    ``start`` and ``due`` are period strings: ``"2017"``, or a year with a
    part: ``"2017-spring"``, ``"2017-summer"``, ``"2017-autumn"``,
    ``"2017-winter"``, ``"2017-H1"``, ``"2017-H2"``, ``"2017-Q3"``,
    ``"2017-05"`` (month). ``text`` is the cell exactly as written.
    """

    state: str = "unknown"
    start: str | None = None
    due: str | None = None
    text: str = ""
    interpreted: bool = True  # False when non-empty text could not be read


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One actor named in a measure's cell, as written and as resolved."""

    id: str
    name: str  # canonical name
    text: str  # as written in the cell (the fragment that named it)
    kind: str
    unknown: bool = False
    remark: str | None = None  # a parenthetical remark: "Säkerhetschef (samordnare)"
    hedge: str | None = None  # "i vissa fall", "vid behov"


@dataclass(frozen=True, slots=True)
class Actor:
    """A node of kind Actor: a registry actor bound to a scope, or an unknown."""

    id: str
    name: str
    kind: str
    scope: str
    parent: str | None = None
    organisation: str | None = None  # owning organisation's actor id (scoped actors)
    aliases: tuple[str, ...] = ()
    unknown: bool = False
    suggestions: tuple[str, ...] = ()  # closest registry names, for unknowns


@dataclass(frozen=True, slots=True)
class Source:
    """Where a measure came from, counted as a person sees the file."""

    file: str
    row: int  # 1-based row number in the file (header is row 1 in a CSV)
    sheet: str | None = None
    reference: str | None = None  # the plan's own reference, e.g. "s. 2, block 3"
    place: str | None = None  # where a person finds the row when its number does not say: "table 2, row 7" (Word)
    page: int | None = None  # the page of a PDF the row is on (its first page, when it runs over a page break)

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.sheet:
            where += f" [{self.sheet}]"
        where += f", row {self.row}"
        said = "; ".join(filter(None, (self.place, self.reference)))
        if said:
            where += f" ({said})"
        return where


@dataclass(frozen=True, slots=True)
class Measure:
    """One row of a plan: an Åtgärd with its owners, partners and status."""

    id: str
    plan: str  # plan id
    text: str
    area: str | None
    level: str | None
    status: Status
    source: Source
    responsible: tuple[ActorRef, ...] = ()
    partners: tuple[ActorRef, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # (header, text) of cells in columns graphmodel does not know


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """Plan metadata: from a side file ``<plan>.plan.toml`` or derived from the file name."""

    id: str
    title: str
    organisation: str  # organisation actor id
    organisation_name: str
    year: int | None = None
    source: str | None = None
    file: str | None = None
    organisation_parent: str | None = None  # name of the organisation's parent, e.g. "Stockholms stad"


@dataclass(slots=True)
class Interpretation:
    """What one non-empty input cell became: the nothing-lost ledger.

    A cell naming several actors has one entry per actor. Each holds the same
    ``text`` object (the cell is stored once, however many actors it names) and
    its own ``part``: the phrase that named the actor, as written.
    """

    source: Source
    column: str
    text: str  # the whole cell, as written
    became: str  # "measure text", "area", "actor: Polisen", "status: ongoing", ...
    problem: str | None = None  # "unknown-actor", "status-not-understood", ...
    suggestions: tuple[str, ...] = ()
    part: str | None = None  # the phrase of a cell naming several actors; None: about the whole cell
    rule: str | None = None  # the reading rule(s) that fired, when the reading is more than a direct match


@dataclass
class Plan:
    """A parsed plan: its metadata, measures, the actors they name and the ledger."""

    info: PlanInfo
    measures: list[Measure] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    ledger: list[Interpretation] = field(default_factory=list)
