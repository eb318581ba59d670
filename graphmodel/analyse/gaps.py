"""Gap analysis: what in a plan has nobody really owning it, who carries too much, what is out of date.

``find_gaps(graph)`` returns a list of findings, each ``{kind, severity,
plan, measures, actors, message, evidence}``; ``message`` is one plain
sentence in Swedish (``lang="en"`` for English). The kinds and their
defaults are described in README.md, "Gap analysis". Pure: graph in, rows out.

Every kind is judged within one plan, and its findings name that plan: a
plan's findings are the same whether other plans are read alongside or not
(issue 11: Polisen, partner without ownership in Skärholmen, must stay one
when another municipality's plan where Polisen owns a measure is read too).
Findings over all plans together have ``plan`` None and say across how many
plans; they come in addition to the per-plan findings, never instead of them.
So far one kind has them: ``overloaded`` (an actor owning a large share of
the city's measures though of no single plan's).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import networkx as nx

from ..memory import gc_paused
from ..model import NOT_REAL_OWNER_KINDS, PARTNER_IN, RESPONSIBLE_FOR
from ..periods import period_bounds as _period_bounds
from ..text import Plural
from .metrics import collaboration_network, collaborators, cut_points, measure_actors, measure_roles
from .questions import find_actors

if TYPE_CHECKING:
    from ..build import NodeData, PlanGraph
    from .listing import JsonRow
    from .metrics import MeasureActors

KINDS = (
    "unassigned",
    "vague-owner",
    "overloaded",
    "single-point-of-failure",
    "partner-without-ownership",
    "no-status",
    "overdue",
    "plan-not-revised",
    "duplicate-measure",
    "coverage",
)
LEVELS = ("Universellt", "Selektivt", "Indikerat")
MUNICIPAL_KINDS = frozenset({"municipality", "municipal-unit", "role", "political-body", "collective", "placeholder"})


@dataclass(frozen=True)
class GapSettings:
    """Thresholds; the defaults and why are in README.md ("Gap analysis")."""

    as_of: dt.date = field(default_factory=dt.date.today)
    overload_count: int = 5  # an actor owning at least this many measures ...
    overload_share: float = 0.25  # ... and at least this share of its plan's measures is overloaded
    partner_min: int = 2  # partner in at least this many measures, owner of none
    duplicate_similarity: float = 90.0  # rapidfuzz ratio of normalised texts, 0-100
    lang: str = "sv"


MESSAGES: dict[str, dict[str, str | Plural]] = {
    "sv": {
        "unassigned": "Åtgärden ”{text}” har ingen ansvarig.",
        "vague-owner": "Åtgärden ”{text}” har bara vaga ansvariga ({actors}): ingen namngiven enhet eller person äger den.",
        "overloaded": "{actor} ansvarar för {count} av {total} åtgärder ({share} %) {scope}.",
        "overloaded-plan": "i planen",
        "overloaded-all": "i de {plans} planerna tillsammans",
        "single-point-of-failure": Plural(
            "Om {actor} faller bort står {count} åtgärd utan egentlig ansvarig.",
            "Om {actor} faller bort står {count} åtgärder utan egentlig ansvarig.",
        ),
        "partner-without-ownership": Plural(
            "{actor} medverkar i {count} åtgärd men ansvarar inte för någon.",
            "{actor} medverkar i {count} åtgärder men ansvarar inte för någon.",
        ),
        "no-status": "Åtgärden ”{text}” saknar status.",
        "status-not-understood": "Statusen ”{status}” för åtgärden ”{text}” gick inte att tolka.",
        "overdue": "Åtgärden ”{text}” skulle vara klar {due} men är inte markerad som genomförd.",
        "plan-not-revised": Plural(
            "Planens enda daterade åtgärd ligger före {as_of} ({latest}): planen behöver revideras.",
            "Alla {count} daterade åtgärder i planen ligger före {as_of} (den senaste {latest}): planen behöver revideras.",
        ),
        "duplicate-measure": "Samma åtgärd står på {count} ställen: ”{text}”{owners}.",
        "duplicate-owners": ", med olika ansvariga",
        "coverage-empty": "Preventionsnivån {level} har inga åtgärder.",
        "coverage-municipal": "På preventionsnivån {level} medverkar inga aktörer utanför den egna organisationen.",
    },
    "en": {
        "unassigned": "The measure “{text}” has no responsible actor.",
        "vague-owner": "The measure “{text}” has only vague owners ({actors}): no named unit or person owns it.",
        "overloaded": "{actor} is responsible for {count} of {total} measures ({share} %) {scope}.",
        "overloaded-plan": "in the plan",
        "overloaded-all": "in the {plans} plans together",
        "single-point-of-failure": Plural(
            "If {actor} drops out, {count} measure is left without a real owner.",
            "If {actor} drops out, {count} measures are left without a real owner.",
        ),
        "partner-without-ownership": Plural(
            "{actor} takes part in {count} measure but is responsible for none.",
            "{actor} takes part in {count} measures but is responsible for none.",
        ),
        "no-status": "The measure “{text}” has no status.",
        "status-not-understood": "The status “{status}” of the measure “{text}” could not be interpreted.",
        "overdue": "The measure “{text}” was due {due} but is not marked as done.",
        "plan-not-revised": Plural(
            "The plan's only dated measure is before {as_of} ({latest}): the plan needs revising.",
            "All {count} dated measures of the plan are before {as_of} (the latest {latest}): the plan needs revising.",
        ),
        "duplicate-measure": "The same measure appears in {count} places: “{text}”{owners}.",
        "duplicate-owners": ", with different owners",
        "coverage-empty": "The prevention level {level} has no measures.",
        "coverage-municipal": "At the prevention level {level}, no actor outside the organisation takes part.",
    },
}

period_bounds = functools.lru_cache(maxsize=4096)(_period_bounds)  # few distinct periods, many measures

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


class _Measure:
    """One measure as the checks read it, looked up once: at 3,000 plans every dict lookup by id
    reaches into memory the CPU cache no longer holds, so checks pass these along instead."""

    __slots__ = ("id", "data", "owners", "partners", "real", "rank", "ref")

    def __init__(self, measure_id: str, data: NodeData, owners: list[str], partners: list[str], real: list[str]):
        self.id, self.data, self.owners, self.partners, self.real = measure_id, data, owners, partners, real
        self.rank = 0  # position by plan, then row
        self.ref: JsonRow | None = None  # as findings name it, made once


class _Context:
    """What every check needs, computed once."""

    def __init__(self, graph: PlanGraph, settings: GapSettings):
        self.graph = graph
        self.settings = settings
        self.text = MESSAGES[settings.lang]
        # Plain dict lookups: the NodeView is slow in hot loops. (types-networkx types a NodeDataView
        # as a set of nodes, though it iterates (node, data) pairs.)
        self.node: dict[str, NodeData] = dict(graph.nodes(data=True))  # type: ignore[arg-type]
        self.measures: list[_Measure] = []  # in the graph's order
        vague: dict[str, bool] = {}  # actor -> placeholder or collective, looked up once per actor
        rows_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for measure_id, data, owners, partners in measure_roles(graph):
            for actor in owners:
                if actor not in vague:
                    vague[actor] = self.node[actor]["kind"] in NOT_REAL_OWNER_KINDS
            rows_of[data["plan"]].append((data["row"], len(self.measures)))
            self.measures.append(_Measure(measure_id, data, owners, partners, [a for a in owners if not vague[a]]))
        self.measures_of: dict[str, list[_Measure]] = {}  # by plan id, each in file order
        for plan in sorted(rows_of):
            self.measures_of[plan] = [self.measures[i] for _, i in sorted(rows_of[plan])]
        for rank, measure in enumerate(m for in_plan in self.measures_of.values() for m in in_plan):
            measure.rank = rank

    def name(self, actor: str) -> str:
        name: str = self.node[actor]["name"]
        return name

    @staticmethod
    def ref(measure: _Measure) -> JsonRow:
        """The measure as findings name it; one dict per measure, shared by the findings naming it."""
        if measure.ref is None:
            data = measure.data
            measure.ref = {"id": measure.id, "text": data["text"], "row": data["row"], "file": data["file"]}
        return measure.ref

    @staticmethod
    def in_file_order(measures: list[_Measure]) -> list[_Measure]:
        """``measures`` sorted by plan, then row."""
        return sorted(measures, key=_RANK)

    def finding(
        self,
        kind: str,
        severity: str,
        plan: str | None,
        measures: list[_Measure],
        actors: list[str],
        message: str,
        **evidence: Any,
    ) -> JsonRow:
        return {
            "kind": kind,
            "severity": severity,
            "plan": plan,
            "measures": [self.ref(m) for m in measures],
            "actors": [self.name(a) for a in actors],
            "actor_ids": actors,
            "message": message,
            "evidence": evidence,
        }


_RANK = operator.attrgetter("rank")


def find_gaps(graph: PlanGraph, settings: GapSettings | None = None) -> list[JsonRow]:
    """Every finding of every kind, most severe first, then by plan and file order."""
    findings: list[JsonRow] = []
    with gc_paused():  # thousands of findings and lookup tables, all kept: nothing for the collector
        ctx = _Context(graph, settings or GapSettings())
        # Plan by plan, every check that looks at one plan: its measures are read while still in the
        # CPU's cache, which at 3,000 plans made these checks a sixth faster than one check at a time.
        for plan, measures in ctx.measures_of.items():
            for check in (_unassigned_and_vague, _status, _duplicates, _coverage):
                findings.extend(check(ctx, plan, measures))
        # These group every plan's measures by actor in one pass over all measures, still judging each
        # plan on its own (``_overloaded`` adds its across-plans findings).
        for graph_check in (_overloaded, _single_points_of_failure, _partners_without_ownership):
            findings.extend(graph_check(ctx))
        findings.sort(
            key=lambda f: (
                SEVERITY_ORDER[f["severity"]],
                KINDS.index(f["kind"]),
                f["plan"] or "",
                f["measures"][0]["row"] if f["measures"] else 0,
            )
        )
    return findings


def _unassigned_and_vague(ctx: _Context, plan: str, measures: list[_Measure]) -> list[JsonRow]:
    found = []
    for measure in measures:
        owners = measure.owners
        text = measure.data["text"]
        if not owners:
            found.append(
                ctx.finding("unassigned", "high", plan, [measure], [], ctx.text["unassigned"].format(text=text))
            )
        elif not measure.real:
            names = ", ".join(ctx.name(a) for a in owners)
            found.append(
                ctx.finding(
                    "vague-owner",
                    "medium",
                    plan,
                    [measure],
                    owners,
                    ctx.text["vague-owner"].format(text=text, actors=names),
                    owner_kinds=[ctx.node[a]["kind"] for a in owners],
                )
            )
    return found


def _overloaded(ctx: _Context) -> list[JsonRow]:
    s = ctx.settings
    owned: dict[str, dict[str, list[_Measure]]] = defaultdict(lambda: defaultdict(list))
    for plan, measures in ctx.measures_of.items():
        for measure in measures:
            for actor in measure.real:
                owned[actor][plan].append(measure)
    found = []

    def judge(actor: str, plan: str | None, measures: list[_Measure], total: int, scope: str, **evidence: Any) -> None:
        share = len(measures) / total
        if len(measures) >= s.overload_count and share >= s.overload_share:
            message = ctx.text["overloaded"].format(
                actor=ctx.name(actor), count=len(measures), total=total, share=round(100 * share), scope=scope
            )
            found.append(
                ctx.finding(
                    "overloaded",
                    "medium",
                    plan,
                    measures,
                    [actor],
                    message,
                    count=len(measures),
                    total=total,
                    share=round(share, 4),
                    **evidence,
                )
            )

    total_all = sum(len(m) for m in ctx.measures_of.values())
    for actor, by_plan in owned.items():
        for plan, measures in by_plan.items():
            judge(actor, plan, measures, len(ctx.measures_of[plan]), str(ctx.text["overloaded-plan"]))
        if len(by_plan) > 1:
            every = [m for ms in by_plan.values() for m in ms]
            scope = ctx.text["overloaded-all"].format(plans=len(ctx.measures_of))
            judge(actor, None, every, total_all, scope, plans=sorted(by_plan))
    return found


def _sole_owned(ctx: _Context, actor_ids: set[str]) -> list[_Measure]:
    """Measures that lose their last real owner if all of ``actor_ids`` drop out."""
    lost = [m for m in ctx.measures if m.real and all(a in actor_ids for a in m.real)]
    return ctx.in_file_order(lost)


def _single_points_of_failure(ctx: _Context) -> list[JsonRow]:
    """Per plan: each real actor that is the only real owner of some of the plan's measures. Severe
    when it is so for three or more, or when it is a cut point of the plan's own collaboration
    network (the plan's actors who share measures): other plans neither add nor hide one."""
    sole: dict[str, dict[str, list[_Measure]]] = defaultdict(lambda: defaultdict(list))  # plan -> actor -> measures
    named: dict[str, list[list[str]]] = defaultdict(list)  # plan -> each measure's actors
    for measure in ctx.measures:  # the graph's order, grouped by plan in one pass
        plan = measure.data["plan"]
        named[plan].append(measure.owners + measure.partners)
        if len(measure.real) == 1:
            sole[plan][measure.real[0]].append(measure)
    found = []
    for plan, by_actor in sole.items():
        # Who shares measures with whom in this plan is all that matters here.
        cut = cut_points(collaborators(named[plan]))
        for actor, measures in by_actor.items():
            measures = ctx.in_file_order(measures)
            severity = "high" if len(measures) >= 3 or actor in cut else "low"
            found.append(
                ctx.finding(
                    "single-point-of-failure",
                    severity,
                    plan,
                    measures,
                    [actor],
                    ctx.text["single-point-of-failure"].format(actor=ctx.name(actor), count=len(measures)),
                    count=len(measures),
                    articulation_point=actor in cut,
                )
            )
    return found


def _partners_without_ownership(ctx: _Context) -> list[JsonRow]:
    """Per plan: each real actor that takes part in at least ``partner_min`` of the plan's measures
    and owns none of them. What it owns in another plan does not count: the gap is in this plan."""
    partner_in: dict[str, dict[str, list[_Measure]]] = defaultdict(lambda: defaultdict(list))  # plan -> actor
    owners: dict[str, set[str]] = defaultdict(set)  # plan -> every owner, vague ones too
    for measure in ctx.measures:  # the graph's order, grouped by plan in one pass
        plan = measure.data["plan"]
        owners[plan].update(measure.owners)
        for actor in measure.partners:
            partner_in[plan][actor].append(measure)
    found = []
    for plan, by_actor in partner_in.items():
        owners_here = owners[plan]
        for actor, measures in by_actor.items():
            vague = ctx.node[actor]["kind"] in NOT_REAL_OWNER_KINDS
            if actor in owners_here or vague or len(measures) < ctx.settings.partner_min:
                continue
            measures = ctx.in_file_order(measures)
            found.append(
                ctx.finding(
                    "partner-without-ownership",
                    "low",
                    plan,
                    measures,
                    [actor],
                    ctx.text["partner-without-ownership"].format(actor=ctx.name(actor), count=len(measures)),
                    count=len(measures),
                )
            )
    return found


def _latest_day(data: NodeData) -> dt.date | None:
    """The last day a measure's dates reach: its due period, else its start period."""
    period = data.get("due") or data.get("start")
    return period_bounds(period)[1] if period else None


def _status(ctx: _Context, plan: str, measures: list[_Measure]) -> list[JsonRow]:
    found = []
    as_of = ctx.settings.as_of
    dated, overdue = [], []
    for measure in measures:
        data = measure.data
        if not data.get("status_text"):
            found.append(
                ctx.finding("no-status", "low", plan, [measure], [], ctx.text["no-status"].format(text=data["text"]))
            )
        elif not data.get("status_interpreted", True):
            found.append(
                ctx.finding(
                    "no-status",
                    "low",
                    plan,
                    [measure],
                    [],
                    ctx.text["status-not-understood"].format(text=data["text"], status=data["status_text"]),
                    status_text=data["status_text"],
                )
            )
        latest = _latest_day(data)
        if latest is not None:
            dated.append((measure, latest))
        due = data.get("due")
        if due and data["state"] != "done" and period_bounds(due)[1] < as_of:
            overdue.append(measure)
    if dated and all(day < as_of for _, day in dated):
        latest = max(day for _, day in dated)
        found.append(
            ctx.finding(
                "plan-not-revised",
                "high",
                plan,
                [m for m, _ in dated],
                [],
                ctx.text["plan-not-revised"].format(
                    count=len(dated), as_of=as_of.isoformat(), latest=latest.isoformat()
                ),
                as_of=as_of.isoformat(),
                latest=latest.isoformat(),
                overdue=len(overdue),
            )
        )
    else:
        for measure in overdue:
            data = measure.data
            found.append(
                ctx.finding(
                    "overdue",
                    "medium",
                    plan,
                    [measure],
                    measure.owners,
                    ctx.text["overdue"].format(text=data["text"], due=data["due"]),
                    due=data["due"],
                    state=data["state"],
                    as_of=as_of.isoformat(),
                )
            )
    return found


def _duplicates(ctx: _Context, plan: str, measures: list[_Measure]) -> list[JsonRow]:
    from rapidfuzz import fuzz, process

    found = []
    texts = [" ".join(m.data["text"].casefold().split()).rstrip(".") for m in measures]
    seen: set[int] = set()
    for i in range(len(texts) - 1):
        if i in seen:
            continue
        # One extract per text, not one cdist per plan: cdist would import numpy, which costs more.
        later = process.extract(
            texts[i], texts[i + 1 :], scorer=fuzz.ratio, score_cutoff=ctx.settings.duplicate_similarity, limit=None
        )
        if not later:
            continue
        group = [i] + sorted(i + 1 + j for _, _, j in later)
        seen.update(group)
        same = [measures[j] for j in group]
        owner_sets = {tuple(sorted(m.owners)) for m in same}
        owners = sorted({a for m in same for a in m.owners})
        found.append(
            ctx.finding(
                "duplicate-measure",
                "medium" if len(owner_sets) > 1 else "low",
                plan,
                same,
                owners,
                ctx.text["duplicate-measure"].format(
                    count=len(same),
                    text=same[0].data["text"],
                    owners=ctx.text["duplicate-owners"] if len(owner_sets) > 1 else "",
                ),
                different_owners=len(owner_sets) > 1,
            )
        )
    return found


def coverage_table(graph: PlanGraph, roles: MeasureActors | None = None) -> list[JsonRow]:
    """Per plan, area and level: how many measures and how many actor links of each actor kind."""
    roles = roles if roles is not None else measure_actors(graph)
    # Plain dict lookups: the NodeView is slow in hot loops. (A NodeDataView iterates (node, data) pairs.)
    node: dict[str, NodeData] = dict(graph.nodes(data=True))  # type: ignore[arg-type]
    measures_of: dict[str, list[tuple[NodeData, list[str], list[str]]]] = defaultdict(list)
    for measure, by_role in roles.items():
        data = node[measure]
        measures_of[data["plan"]].append((data, by_role[RESPONSIBLE_FOR], by_role[PARTNER_IN]))
    return [row for plan in sorted(measures_of) for row in _coverage_rows(node, measures_of[plan])]


def _coverage_rows(
    node: dict[str, NodeData], measures: Iterable[tuple[NodeData, list[str], list[str]]]
) -> list[JsonRow]:
    """``coverage_table``'s rows for one plan's measures, each as (attributes, owners, partners),
    by the row each area and level starts on."""
    cells: dict[tuple[str, str], JsonRow] = {}
    for data, owners, partners in measures:
        key = (data.get("area") or "", data.get("level") or "")
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = {
                "plan": data["plan"],
                "area": key[0] or None,
                "level": key[1] or None,
                "measures": 0,
                "kinds": defaultdict(int),
                "row": data["row"],
            }
        cell["measures"] += 1
        if data["row"] < cell["row"]:
            cell["row"] = data["row"]
        kinds = cell["kinds"]
        for actor in owners:
            kinds[node[actor]["kind"]] += 1
        for actor in partners:
            if actor not in owners:  # an owner also named a partner counts once
                kinds[node[actor]["kind"]] += 1
    rows = sorted(cells.values(), key=lambda c: c["row"])
    return [{**{k: v for k, v in c.items() if k != "row"}, "kinds": dict(sorted(c["kinds"].items()))} for c in rows]


def _coverage(ctx: _Context, plan: str, measures: list[_Measure]) -> list[JsonRow]:
    rows = _coverage_rows(ctx.node, ((m.data, m.owners, m.partners) for m in measures))
    if not any(r["level"] in LEVELS for r in rows):
        return []  # a plan that does not use prevention levels is not judged on them
    found = []
    for level in LEVELS:
        at_level = [r for r in rows if r["level"] == level]
        if not at_level:
            found.append(
                ctx.finding(
                    "coverage", "medium", plan, [], [], ctx.text["coverage-empty"].format(level=level), level=level
                )
            )
            continue
        kinds = {k for r in at_level for k in r["kinds"]}
        if not kinds - MUNICIPAL_KINDS:
            found.append(
                ctx.finding(
                    "coverage",
                    "low",
                    plan,
                    [m for m in measures if m.data.get("level") == level],
                    [],
                    ctx.text["coverage-municipal"].format(level=level),
                    level=level,
                    actor_kinds=sorted(kinds),
                )
            )
    return found


def what_if(graph: PlanGraph, actor: str) -> JsonRow:
    """What falls if an actor drops out: measures left without a real owner, collaborations cut."""
    ids = find_actors(graph, actor)
    ctx = _Context(graph, GapSettings())
    gone = set(ids)
    lost = _sole_owned(ctx, gone)
    network = collaboration_network(graph)
    cut = set(nx.articulation_points(network))
    remaining = network.subgraph(n for n in network if n not in gone)
    neighbours = sorted({n for a in ids for n in network.neighbors(a)} - gone)
    groups: dict[int, list[str]] = defaultdict(list)
    component_of: dict[str, int] = {}
    for index, component in enumerate(nx.connected_components(remaining)):
        for node in component:
            component_of[node] = index
    for n in neighbours:
        groups[component_of[n]].append(n)
    separated = [sorted(graph.nodes[n]["name"] for n in g) for g in groups.values()] if len(groups) > 1 else []
    # types-networkx types bridges() as yielding nodes; it yields edges, (u, v).
    edges = cast("Iterator[tuple[str, str]]", nx.bridges(network))
    bridges = sorted(graph.nodes[b if a in gone else a]["name"] for a, b in edges if a in gone or b in gone)
    return {
        "actor": [graph.nodes[a]["name"] for a in ids],
        "actor_ids": ids,
        "measures_losing_owner": [ctx.ref(m) | {"owners": [ctx.name(o) for o in m.owners]} for m in lost],
        "articulation_point": any(a in cut for a in ids),
        "separated_groups": separated,
        "only_connected_through_it": bridges,
        "collaborations": [
            {
                "name": graph.nodes[n]["name"],
                "shared": sum(network[a][n]["weight"] for a in ids if network.has_edge(a, n)),
            }
            for n in neighbours
        ],
    }
