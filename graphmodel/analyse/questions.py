"""The coordinator's questions: who depends on whom, who owns what, who works with whom.

Each question is one function taking the graph first and returning plain
rows; each has a Cypher twin in ``cypher/queries/`` that must give the
same rows. Actors are named by canonical name, any alias, any spelling the
plans used, or id, case-insensitively; subunits (PART_OF) count as the
actor unless ``subunits=False``.

>>> import graphmodel as gm
>>> graph = gm.build_graph(gm.read_plans([gm.EXAMPLE_PLAN]))
>>> [m["text"][:24] for m in measures_depending_on(graph, "Polisen")][:2]
['Samordning av involverad', 'Uppdatering enligt samve']
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import AmbiguousActorError, UnknownActorError
from ..model import ACTOR, MEASURE, PART_OF, PARTNER_IN, RESPONSIBLE_FOR
from ..registry import fold, fold_keys, normalise
from .listing import measure_row

if TYPE_CHECKING:
    from ..build import PlanGraph
    from ..registry import Registry
    from .listing import JsonRow

ROLE_OF = {RESPONSIBLE_FOR: "responsible", PARTNER_IN: "partner"}


def actor_names(graph: PlanGraph, actor_id: str) -> list[str]:
    """Every name an actor goes by: canonical, registry aliases, and how plans wrote it."""
    node = graph.nodes[actor_id]
    names = [node["name"], *[a for a in node.get("aliases", "").split("|") if a]]
    for _, _, edge in graph.out_edges(actor_id, data=True):
        if edge.get("text") and edge["text"] not in names:
            names.append(edge["text"])
    return names


def find_actors(graph: PlanGraph, name: str) -> list[str]:
    """Ids of the actors ``name`` designates (several when organisations each have one).

    Raises UnknownActorError with the closest names when nothing matches.
    """
    key = normalise(name)
    found = []
    for node, data in graph.nodes(data=True):
        if data["label"] != ACTOR:
            continue
        if node == name or any(normalise(n) == key for n in actor_names(graph, node)):
            found.append(node)
    if not found:
        raise UnknownActorError(name, _closest_actor_names(graph, name))
    return sorted(found)


def resolve_actor(graph: PlanGraph, name: str) -> str:
    """The name to ask the questions with, for a name as a person types it: without å, ä, ö, say.

    A name the questions know (``find_actors``) is returned as it is: exact names always win. Else the
    name is folded (``graphmodel.registry.fold``: case, spaces, accents; "ae" for ä, "oe" for ö too) and
    compared with every actor's names folded alike: when they designate one actor (or actors of one
    name, in several organisations) the name as written in the plans or the registry is returned.
    Raises AmbiguousActorError naming the candidates when the fold fits actors of different names
    ("Hagaby" and "Hägaby" for "Hågaby"), and UnknownActorError with the closest names when nothing fits.

    The questions themselves (``measures_depending_on`` ...) take names exactly, as their Cypher
    twins in ``cypher/queries/`` do; the command line resolves the name first, and so can a notebook:

    >>> import graphmodel as gm
    >>> graph = gm.build_graph(gm.read_plans([gm.EXAMPLE_PLAN]))
    >>> resolve_actor(graph, "skarholmens stadsdelsforvaltning")
    'Skärholmens stadsdelsförvaltning'
    """
    try:
        find_actors(graph, name)
        return name
    except UnknownActorError:
        pass
    key = fold(name)
    spellings: dict[str, str] = {}  # normalised spelling -> the spelling shown (the canonical name when it is one)
    actors: set[str] = set()
    if key:
        for node, data in graph.nodes(data=True):
            if data["label"] != ACTOR:
                continue
            for spelling in actor_names(graph, node):
                if key in fold_keys(spelling):
                    spellings.setdefault(normalise(spelling), spelling)
                    actors.add(node)
    if not actors:
        raise UnknownActorError(name, _closest_actor_names(graph, name))
    for spelling in sorted(spellings.values(), key=lambda s: (s not in _canonical(graph, actors), s)):
        if set(find_actors(graph, spelling)) == actors:
            return spelling
    names = sorted({graph.nodes[a]["name"] for a in actors}, key=lambda n: (n.casefold(), n))
    raise AmbiguousActorError(name, names if len(names) > 1 else sorted(spellings.values()))


def _canonical(graph: PlanGraph, actors: set[str]) -> set[str]:
    return {graph.nodes[a]["name"] for a in actors}


def _closest_actor_names(graph: PlanGraph, name: str) -> list[str]:
    return closest_names(name, [d["name"] for _, d in graph.nodes(data=True) if d["label"] == ACTOR])


def closest_names(name: str, names: Iterable[str]) -> list[str]:
    """The (at most three) actor names closest to ``name``, as "No such actor" suggests them: the same
    for a graph and for a Neo4j store holding the same actors. Compared without case and accents, so
    that a typo in a name typed without å, ä, ö still finds it.

    >>> closest_names("Polisn", ["Socialtjänsten", "Polisen"])
    ['Polisen']
    >>> closest_names("socialtjanstn", ["Socialtjänsten", "Polisen"])
    ['Socialtjänsten']
    """
    from rapidfuzz import fuzz, process

    choices = sorted(set(names))
    return [
        match
        for match, _, _ in process.extract(
            name, choices, scorer=fuzz.WRatio, processor=_unaccented, limit=3, score_cutoff=60
        )
    ]


def _unaccented(text: str) -> str:
    """Case-folded text without accents, spaces kept: what the fuzzy comparison of names sees."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def with_subunits(graph: PlanGraph, actor_ids: list[str], subunits: bool = True) -> dict[str, int]:
    """Each actor and (optionally) every unit below it (PART_OF), with its depth below the actors named."""
    depth = {a: 0 for a in actor_ids}
    if not subunits:
        return depth
    frontier = deque(actor_ids)
    while frontier:
        parent = frontier.popleft()
        for child, _, rel in graph.in_edges(parent, keys=True):
            if rel == PART_OF and child not in depth:
                depth[child] = depth[parent] + 1
                frontier.append(child)
    return depth


def measures_depending_on(
    graph: PlanGraph, actor: str, subunits: bool = True, mentions: bool = False, registry: Registry | None = None
) -> list[JsonRow]:
    """Measures where the actor (or a unit of it) is responsible or partner.

    Each row is a measure of the JSON contract plus ``role`` (responsible,
    partner, or mention: the measure's text names the actor) and ``via``
    (the actor or subunit that matched, by name). A measure appears once,
    with its strongest role (responsible before partner before mention);
    when several units hold it, ``via`` is the nearest, then the smallest id.
    With a ``registry``, mentions also find units the plans never named as
    actors ("lokalpolisområde Skärholmen" in a measure's text counts for Polisen).
    """
    actors = with_subunits(graph, find_actors(graph, actor), subunits)
    best: dict[str, tuple[int, int, str]] = {}  # measure -> (role rank, depth, actor id): the smallest wins
    for actor_id, depth in actors.items():
        for _, measure_id, rel in graph.out_edges(actor_id, keys=True):
            if rel in ROLE_OF:
                candidate = (0 if rel == RESPONSIBLE_FOR else 1, depth, actor_id)
                if measure_id not in best or candidate < best[measure_id]:
                    best[measure_id] = candidate
    hits = {
        m: (rank, "responsible" if rank == 0 else "partner", graph.nodes[a]["name"]) for m, (rank, _, a) in best.items()
    }
    if mentions:
        for measure_id, via in _mentions(graph, actors, registry).items():
            hits.setdefault(measure_id, (2, "mention", via))
    return _rows(graph, hits)


def responsible_for(graph: PlanGraph, actor: str, subunits: bool = True) -> list[JsonRow]:
    """Measures the actor (or a unit of it) owns."""
    return [row for row in measures_depending_on(graph, actor, subunits) if row["role"] == "responsible"]


def _rows(graph: PlanGraph, hits: dict[str, tuple[int, str, str]]) -> list[JsonRow]:
    rows: list[JsonRow] = []
    for measure_id in sorted(hits, key=lambda m: (graph.nodes[m]["plan"], graph.nodes[m]["row"], m)):
        _, role, via = hits[measure_id]
        rows.append({**measure_row(graph, measure_id), "role": role, "via": via})
    return rows


def _mentions(graph: PlanGraph, actors: dict[str, int], registry: Registry | None) -> dict[str, str]:
    """Measures whose text names one of the actors: whole words, an ending allowed."""
    named = [(name, graph.nodes[a]["name"]) for a in actors for name in actor_names(graph, a)]
    if registry is not None:
        named += _registry_descendant_names(registry, actors)
    patterns: list[tuple[re.Pattern[str], str]] = []
    for name, via in sorted(named, key=lambda pair: -len(pair[0])):  # the most specific name says "via"
        if len(name) >= 4 or (len(name) >= 2 and name.isupper()):
            words = r"[\s-]+".join(re.escape(w) for w in name.split())
            flags = 0 if name.isupper() else re.IGNORECASE
            patterns.append((re.compile(rf"(?<!\w){words}(?:en|et|n|s|ens)?(?!\w)", flags), via))
    found: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data["label"] == MEASURE:
            for pattern, via in patterns:
                if pattern.search(data["text"]):
                    found[node] = via
                    break
    return found


def _registry_descendant_names(registry: Registry, actors: dict[str, int]) -> list[tuple[str, str]]:
    """Names of registry entries below a national actor (its units in any organisation).

    Each entry's answer is remembered, so a deep hierarchy is walked once, not once per entry.
    """
    below: dict[str, bool] = {}  # entry id -> one of its ancestors is among the actors
    names: list[tuple[str, str]] = []
    for entry in registry.entries.values():
        chain: list[str] = []
        current, answer = entry.id, False
        while current not in below:
            chain.append(current)
            parent = registry.entries[current].parent
            if not parent:
                break
            if parent in actors:
                answer = True
                break
            current = parent
        else:
            answer = below[current]
        below.update(dict.fromkeys(chain, answer))
        if answer:
            names += [(n, entry.name) for n in entry.names]
    return names


def works_with(graph: PlanGraph, actor: str, subunits: bool = False) -> list[JsonRow]:
    """Actors that share measures with the actor, most shared first, with the measures as evidence."""
    own = with_subunits(graph, find_actors(graph, actor), subunits)
    shared: dict[str, set[str]] = defaultdict(set)
    for actor_id in own:
        for _, measure_id, rel in graph.out_edges(actor_id, keys=True):
            if rel not in ROLE_OF:
                continue
            for other, _, other_rel in graph.in_edges(measure_id, keys=True):
                if other_rel in ROLE_OF and other not in own:
                    shared[other].add(measure_id)
    rows = [
        {
            "id": other,
            "name": graph.nodes[other]["name"],
            "kind": graph.nodes[other]["kind"],
            "shared_count": len(ms),
            "measures": [{"id": m, "text": graph.nodes[m]["text"]} for m in sorted(ms)],
        }
        for other, ms in shared.items()
    ]
    rows.sort(key=lambda r: (-r["shared_count"], r["name"].casefold(), r["id"]))
    return rows


def overview(graph: PlanGraph) -> list[JsonRow]:
    """Per plan, area and prevention level: how many measures, owned, and with partners."""
    cells: dict[tuple[str, str, str], JsonRow] = {}
    for node, data in graph.nodes(data=True):
        if data["label"] != MEASURE:
            continue
        key = (data["plan"], data.get("area") or "", data.get("level") or "")
        cell = cells.setdefault(
            key,
            {
                "plan": key[0],
                "area": key[1] or None,
                "level": key[2] or None,
                "measures": 0,
                "with_owner": 0,
                "with_partners": 0,
                "first_row": data["row"],
            },
        )
        rels = {rel for _, _, rel in graph.in_edges(node, keys=True)}
        cell["measures"] += 1
        cell["with_owner"] += RESPONSIBLE_FOR in rels
        cell["with_partners"] += PARTNER_IN in rels
        cell["first_row"] = min(cell["first_row"], data["row"])
    rows = sorted(cells.values(), key=lambda c: (c["plan"], c["first_row"]))
    for row in rows:
        del row["first_row"]
    return rows
