"""From a cell to actor phrases: split free Swedish text the way a careful reader would.

A cell in Ansvarig or Övriga aktörer names several actors::

    >>> [p.name for p in split_actor_cell("HR avdelningen och samordnaren")]
    ['HR avdelningen', 'samordnaren']
    >>> [p.name for p in split_actor_cell("arbetsmarknads-, idrotts- och kulturnämnden")]
    ['arbetsmarknadsnämnden', 'idrottsnämnden', 'kulturnämnden']

Separators are commas, semicolons, "/", "&", line breaks, "och", "samt",
"tillsammans med" (and "i samverkan med" ...), and "genom" between two names
("Kommunstyrelsen genom kommunledningskontoret"). Parentheses are remarks on the
actor before them, lead-ins ("representanter från") and hedges ("i vissa
fall", "vid behov") are peeled off and kept. "och" inside a name is never a
separator: names the registry knows ("avdelningschef förskola och fritid"),
suspended compounds ("kultur- och fritidsförvaltningen"), a manager's areas
("avdelningschef X och Y") and a group word said of several kinds ("alla
nämnder och styrelser"). Names run together without separators
("Social resursnämnd Utbildningsnämnden") are split where the registry knows
every part, where a capitalised word follows a nämnd/förvaltning/tjänst (a
lone trailing word, "Socialtjänsten Skärholmen", is a place and stays), where
a capitalised "Övriga"/"Berörda" starts a placeholder, and between two names
kept whole ("avdelningschef X och Y avdelningschef Z och W"). A count or a
place around a name the registry knows is a remark: "två fältsekreterare" is
"fältsekreterare" (remark "två"), "skolorna i området" is "skolorna" (remark
"i området").

A role or unit of a body is one actor, its phrase naming the body as ``unit``:
"skolans kurator" (a genitive of a registry body before a registry role),
"Sjöängsskolans rektor" and "Hagabys säkerhetssamordnare" (a genitive of a body
the registry does not know, by its form: a capitalised name, a unit's ending, or
"stadens"; the binder reads the plan's own organisation so), "Rektors
ledningsgrupp" (a group of a role's), "Rektor Sjöängsskolan",
"säkerhetschefen på stadsledningskontoret", "Rektor för skolan" and "Ordförande
i socialnämnden" (a registry role before a unit), and each of "rektorerna för
grundskolan och gymnasiet" (a plural role for several areas; a registry role
named for an area, "förskolechef", is that role). The commas of such a list
never split it. A role at a unit carries over a list of units after it: "Rektor
på Sjöängsskolan och Ekbackeskolan" (or "/", ",") is the head of each.

A run-together split finds a name of several words only as the registry writes
it, word for word: "Rektor för skolan" never names Förskolan, nor "Polisen med
borgare" medborgare. A hedge between two names ("Socialtjänsten bl.a.
fältgruppen") parts them, and stays on the second.

Every reading beyond a direct registry match names its rules on the phrase
(``ActorPhrase.rules``, keys of ``READING_RULES``): run-together,
expanded-list, kept-whole, lead-in, count, place, plural, genitive,
role-at-unit, distributive. Hedges and remarks are no rules: they stay on the
phrase.

Pure: the registry is passed in; without one only the text's own signals count.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..registry import BODY_PLURALS, COUNT_WORDS, ENDINGS, group_of_kinds, normalise, without_place

if TYPE_CHECKING:
    from ..registry import Registry


@dataclass(frozen=True)
class ActorPhrase:
    """One actor as a reader sees it in a cell.

    ``text`` is the fragment as written (lead-in, hedge and remark included),
    ``name`` the reading to look up in the registry, ``rules`` the reading rules
    that made ``name`` out of ``text`` beyond a direct match (``READING_RULES``).
    ``unit``, when set, is the body or unit ``name`` is a role or unit *of*, to
    look up too ("skolans kurator": name "kurator", unit "skolans"): the actor
    is the role at that unit, one actor (a composite, see ``_Binder``).
    """

    text: str
    name: str
    remark: str | None = None
    hedge: str | None = None
    rules: tuple[str, ...] = ()
    unit: str | None = None


_MASK = "\x00{}\x00"
_MASKED = re.compile(r"\x00(\d+)\x00")
# The splitter reads folded text (fold_whitespace: every whitespace run is one character), so a
# single "\s" or "\s?" stands for a run. No pattern has a whitespace quantifier that could be
# tried from each position of a long run, which made a cell of 32,000 spaces take a minute.
_PAREN = re.compile(r"\s?\(([^()]*)\)")
# A list item preceded by another ("b-," in "a-, b-, c- och d") is never tried as a start:
# from there the match cannot succeed where it failed from the first item.
_SUSPENDED = re.compile(r"(?<!\w-,)(?<!\w-,\s)(?:\b\w++-\s*+,\s*+)*+\b\w++-\s++(?:och|eller|samt|&)\s++\w++")
_SUSPENDED_PART = re.compile(r"\b(\w++)-")
_MANAGER_AREAS = re.compile(
    r"\b\w*(?:chef|chefen|direktör|ansvarig|ansvariga)\s+(?:för\s+)?[a-zåäö][\w-]*\s+och\s+[a-zåäö][\w-]*"
)
_HARD_SEPARATOR = re.compile(
    r"\s?(?:\s(?:och|eller)/(?:och|eller)\s|[,;/\n&+]|\s(?:samt|tillsammans med|i samverkan med|i samarbete med|i samråd med|ihop med|liksom|genom)\s)\s*",
    re.IGNORECASE,
)
# "cheferna för förskola, skola och fritid": a plural role for each of several areas (the head is checked
# against the registry). Every word is matched possessively, so a failed try costs one pass over the list.
_DISTRIBUTIVE = re.compile(
    r"\b(\w++)\s(?:för|inom)\s([a-zåäö]\w*+(?:,\s[a-zåäö]\w*+)*+\s(?:och|samt)\s[a-zåäö]\w*+)(?![\w-])"
)
# No name of several words starts so: "för skolan" is never Förskolan (see _known_segments).
_PREPOSITIONS = frozenset("för med i på av till om vid hos från inom mot".split())
_NOT_AREAS = frozenset("och eller samt för inom i på av med till som de den det".split())
_DISTRIBUTIVE_AREA = re.compile(r",\s|\s(?:och|samt)\s")
_ADJACENT_MASKS = re.compile(r"(?<=\x00)\s+(?=\x00\d+\x00)")
_OCH = re.compile(r"\s(?:och|eller)\s", re.IGNORECASE)
# A joining word left at an edge joins nothing: "och Polisen", "Polisen genom" (a cell cut short)
_EDGE_CONJUNCTION = re.compile(r"^(?:och|eller|samt)\s+|\s(?:och|eller|samt|genom|via)$", re.IGNORECASE)
# "Socialtjänsten bl.a. fältgruppen", "Socialtjänsten, främst fältgruppen": a hedge between two names
_MID_HEDGES = ("bl.a.", "bland annat", "främst", "framför allt", "särskilt", "i synnerhet", "t.ex.", "till exempel")
_MID_HEDGE = re.compile(
    r"\s(?=(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s") for h in _MID_HEDGES) + r")\s)", re.IGNORECASE
)
_LEAD_IN = re.compile(
    r"^(?:representanter|representant|företrädare|deltagare|personal|medarbetare|stöd|kontaktpersoner|kontaktperson)"
    r"\s+(?:från|för|ur|inom|på|hos|vid)\s+|^(?:med stöd av|via|genom)\s+",
    re.IGNORECASE,
)
_HEDGES = (
    "i vissa fall",
    "vid behov även",
    "vid behov",
    "efter behov",
    "om behov finns",
    "i förekommande fall",
    "när det behövs",
    "i mån av möjlighet",
    "eventuellt",
    "ev.",
    "även",
    "bland annat",
    "bl.a.",
    "bl a",
    "till exempel",
    "t.ex.",
    "t ex",
    "exempelvis",
    "såsom",
    "framför allt",
    "främst",
    "särskilt",
    "i synnerhet",
    "med flera",
    "m.fl.",
    "m fl",
    "mfl",
    "etc.",
    "osv.",
)
_HEDGE = "|".join(re.escape(h.rstrip(".")) + r"\.?" for h in _HEDGES)
_HEDGE_START = re.compile(rf"^(?:{_HEDGE})(?:\s+|$)", re.IGNORECASE)
_HEDGE_END = re.compile(rf"(?:^|\s)(?:{_HEDGE})$", re.IGNORECASE)
_HEDGE_ONLY = re.compile(_HEDGE, re.IGNORECASE)
_HEDGE_WINDOW = max(map(len, _HEDGES)) + 2  # a space before the longest hedge and its period
_ABBREVIATION_END = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(h.rstrip(".")) for h in _HEDGES if h.endswith(".")) + ")$", re.IGNORECASE
)
_HEAD_SUFFIXES = (
    "förvaltningen",
    "förvaltning",
    "nämnden",
    "nämnd",
    "styrelsen",
    "styrelse",
    "kontoret",
    "kontor",
    "enheten",
    "enhet",
    "avdelningen",
    "avdelning",
    "verksamheten",
    "verksamhet",
    "omsorgen",
    "omsorg",
    "tjänsten",
    "tjänst",
    "chefen",
    "chef",
    "samordnaren",
    "samordnare",
    "gruppen",
    "grupp",
    "sektionen",
    "psykiatrin",
    "mottagningen",
    "gårdarna",
    "gården",
    "skolan",
    "skola",
    "polisen",
)
_BODY_END = re.compile(
    r"(?:nämnd|nämnden|nämnder|nämnderna|förvaltning|förvaltningen|förvaltningar|förvaltningarna|styrelse|styrelsen"
    r"|kontoret|enheten|avdelningen|tjänsten)$",
    re.IGNORECASE,
)
_PLACEHOLDER_START = re.compile(r"(?:Övriga|Berörda|Andra|Samtliga|Relevanta|Externa)")  # capitalised mid-name
# Kinds of actor a role can be at (written before a unit) or of (after a genitive body).
# "Rektor Sjöängsskolan", "Ordförande Socialnämnden", "Verksamhetschef BUP"; never "Samordnare Polisen"
_AT_UNIT_KINDS = frozenset({"municipal-unit", "political-body", "region"})
# "säkerhetschefen på stadsledningskontoret", "Rektor för skolan", "Ordförande i socialnämnden"
_AT_WORDS = frozenset({"på", "vid", "inom", "hos", "för", "i"})
# How the name of a unit ends ("Sjöängsskolan", "Fritidsgården Kupolen" is no such word): an unknown
# name so ending, after a role at a unit, is another unit of that role ("Rektor på A-skolan och B-skolan").
_UNIT_ENDS = (
    "skolan",
    "skola",
    "gården",
    "gård",
    "enheten",
    "förvaltningen",
    "avdelningen",
    "kontoret",
    "boendet",
    "mottagningen",
    "centret",
    "center",
    "huset",
    "nämnden",
)


def _unit_kind(name: str) -> str | None:
    """The kind of unit a name's words say ("skol" for "Sjöängsskolan" and "Vretby skola", "gård" for
    "Fritidsgården Kupolen"), or None."""
    for word in reversed(name.lower().split()[-3:]):
        ending = next((e for e in _UNIT_ENDS if word.endswith(e)), None)
        if ending is not None:
            return ending[:4]
    return None


# A body class in the genitive that names no body: "nämndens ordförande" is the chair (of the board in question).
_BODY_CLASSES = frozenset(
    "nämnden styrelsen enheten avdelningen verksamheten kontoret förvaltningen stadsdelsnämnden".split()
)
# What an organisation is called in its own plan, in the genitive without the "s": "stadens säkerhetssamordnare".
_ORGANISATION_WORDS = frozenset("staden stad kommunen kommun regionen region landstinget stadsdelen".split())
_NOT_BODY_KINDS = frozenset({"role", "collective", "placeholder"})  # "rektorns", "elevernas" name no body
_ROLE_KINDS = frozenset({"role", "municipal-unit", "collective"})  # what "skolans X" may be a part of the school
_MAX_COMPOSITE_WORDS = 8
_TRIM = " \t.,:;-–"
_MAX_RUN_TOGETHER_WORDS = 24
_LONGEST_ENDING = max(map(len, ENDINGS))  # the most Registry.lookup strips off a phrase


def split_actor_cell(cell: str, registry: Registry | None = None) -> list[ActorPhrase]:
    """The actor phrases a cell names, in reading order. Empty cell → []."""
    if not cell or not cell.strip():
        return []
    knows = registry.knows if registry is not None else _knows_nothing
    prefixes = _name_prefixes(registry)
    masks: list[str] = []
    groups: dict[int, tuple[str, list[tuple[str, str | None]]]] = {}  # mask -> (rule, its readings)
    whole: set[int] = set()  # masks kept whole although they hold an "och"

    def mask(match: re.Match | str) -> str:
        masks.append(match if isinstance(match, str) else match.group(0))
        return _MASK.format(len(masks) - 1)

    text = fold_whitespace(cell)
    text = _PAREN.sub(mask, text)
    if registry is not None and ("för " in text or "inom " in text):
        text = _DISTRIBUTIVE.sub(lambda m: _distributive(m, registry, masks, groups), text)
    text = _SUSPENDED.sub(lambda m: _suspended(m, knows, masks, groups, whole), text)
    lowered = text.lower()
    for word, name in _och_names(registry):
        if word in lowered:
            text = name.sub(mask, text)

    def manager(match: re.Match) -> str:
        whole.add(len(masks))
        return mask(match)

    text = _MANAGER_AREAS.sub(manager, text)
    text = _ADJACENT_MASKS.sub("\n", text)  # two names kept whole, side by side, are two actors

    phrases: list[ActorPhrase] = []
    plain = _plain_pieces(registry)
    separators = [m.group(0) for m in _HARD_SEPARATOR.finditer(text)] if registry is not None else []
    previous = ""
    for i, piece in enumerate(_HARD_SEPARATOR.split(text)):
        if "\x00" not in piece and piece in plain:
            read_before, joined_before = plain[piece]
            found, joined = list(read_before), list(joined_before)
        else:
            found, joined = [], []  # joined: the phrase follows an "och" of its piece
            for j, part in enumerate(_split_och(piece, masks, knows, whole)):
                read = _read_piece(part, masks, groups, whole, registry, prefixes)
                joined += [bool(j) and k == 0 for k in range(len(read))]
                found.extend(read)
            _carry(found, joined, 1, registry)  # "Enhetschef för IFO och fritid": the head of each
            if "\x00" not in piece:  # nothing masked: the piece reads the same in any cell
                plain[piece] = (tuple(found), tuple(joined))
        separator = separators[i - 1].strip() if i and separators else ""
        if separator == "/" and phrases and found:
            # the two as written, side by side: no more of either piece between them and the slash
            written = _unmask(previous, masks).endswith(phrases[-1].text) and _unmask(piece, masks).startswith(
                found[0].text
            )
            pair = _part_of_pair(phrases[-1], separators[i - 1], found[0], registry) if written else None
            if pair is not None:
                phrases[-1] = pair
                found, joined = found[1:], joined[1:]
        previous = piece
        if separator in ("/", ",", "&") and phrases and found:
            carried = _carried(phrases[-1], found[0], registry, area=False)
            if carried is not found[0]:  # "Rektor på A-skolan, B-skolan och C-skolan": on down the list
                found[0] = carried
                _carry(found, joined, 1, registry)
        phrases.extend(found)
    return phrases


def _carry(found: list[ActorPhrase], joined: list[bool], start: int, registry: Registry | None) -> None:
    """Carry a role at a unit over the phrases of one piece that follow an "och" (``joined``), in place."""
    for k in range(start, len(found)):
        if joined[k]:
            found[k] = _carried(found[k - 1], found[k], registry, area=True)


def _carried(previous: ActorPhrase, phrase: ActorPhrase, registry: Registry | None, area: bool) -> ActorPhrase:
    """ "Rektor på Sjöängsskolan och Ekbackeskolan" (or "/"): a unit listed after a role at a unit is
    that role's unit too, so the phrase becomes the role at it (the previous phrase's rules); else the phrase.

    A unit here is a name the registry does not know that ends like a unit of the same kind as the
    one before ("Ekbackeskolan" after "Sjöängsskolan"), or, joined by "och" (``area``), a registry unit
    written in small letters ("Enhetschef för IFO och fritid").
    A capitalised registry body ("Rektor Grundskolan, Socialtjänsten") stays an actor of its own.
    """
    if registry is None or "role-at-unit" not in previous.rules or previous.unit is None:
        return phrase
    if phrase.rules or phrase.unit is not None or not 0 < len(phrase.name.split()) <= 3:
        return phrase
    name = phrase.name
    entry = registry.named(name)
    if entry is None:
        kind = _unit_kind(name)
        if not name[:1].isupper() or kind is None or kind != _unit_kind(previous.unit):
            return phrase  # "Rektor på Sjöängsskolan och Kulturhuset": a school, then another body
    elif not (area and name[:1].islower() and entry.kind in _AT_UNIT_KINDS):
        return phrase
    return ActorPhrase(phrase.text, previous.name, phrase.remark, phrase.hedge, previous.rules, name)


def _part_of_pair(first: ActorPhrase, slash: str, second: ActorPhrase, registry: Registry | None) -> ActorPhrase | None:
    """ "Fryshuset/Exit": a body and a part of it, written with a slash, that together spell the part's
    registry name ("Exit Fryshuset") are the part (rule "merged"); else None. The part's registry parent
    is the other, so the graph still says whose part it is. The body's name must be a word of the
    part's name: "Skolan/Gymnasieskolan" and "Polisen/Gränspolisen" are two actors each.

    The caller has checked that the two stand side by side as written, from the pieces around the
    slash: the cell is never searched again per slash (a cell of thousands of slashes is read in
    linear time)."""
    if registry is None or first.unit or second.unit or first.rules or second.rules:
        return None
    one, other = registry.named(first.name), registry.named(second.name)
    if one is None or other is None:
        return None
    if other.parent == one.id:
        part, whole = (second, other), (first.name, *one.names)
    elif one.parent == other.id:
        part, whole = (first, one), (second.name, *other.names)
    else:
        return None
    if not any(_word_of(whole, name) for name in part[1].names):
        return None  # "Socialtjänsten/IFO" names two; "Fryshuset/Exit" spells Exit Fryshuset
    part = part[0]
    written = f"{first.text}{slash}{second.text}"
    remark = "; ".join(r for r in (first.remark, second.remark) if r) or None
    hedge = ", ".join(h for h in (first.hedge, second.hedge) if h) or None
    return ActorPhrase(written, part.name, remark, hedge, ("merged",))


def _word_of(names: tuple[str, ...], name: str) -> bool:
    """Whether one of ``names`` is a run of whole words of ``name`` ("Fryshuset" of "Exit Fryshuset",
    never "Polisen" of "Gränspolisen")."""
    words = [normalise(w) for w in _NAME_WORDS.split(name)]
    for own in names:
        size = len(_NAME_WORDS.split(own))
        key = normalise(own)
        if any("".join(words[i : i + size]) == key for i in range(len(words) - size + 1)):
            return True
    return False


_NAME_WORDS = re.compile(r"[\s\-]+")


def fold_whitespace(cell: str) -> str:
    """The cell with each line's whitespace folded to single spaces and blank lines dropped.

    Line breaks separate actors, so they stay (one each). Every whitespace run
    in what the splitter reads is then one character long, so no pattern can
    spend quadratic time trying a match from each position of a long run.
    """
    cell = cell.replace("\x00", "")  # a NUL names nothing, and the splitter marks kept-whole names with it
    lines = cell.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) == 1:
        return " ".join(cell.split())
    return "\n".join(folded for line in lines if (folded := " ".join(line.split())))


def _knows_nothing(_: str) -> bool:
    return False


class _Aids:
    """What reading phrases against one registry keeps: built once per registry, dropped with it."""

    def __init__(self, registry: Registry):
        self.registry = weakref.ref(registry)
        self.plain_pieces: dict[str, tuple[tuple[ActorPhrase, ...], tuple[bool, ...]]] = {}
        self._name_prefixes: frozenset[str] | None = None
        self._och_names: list[tuple[str, re.Pattern]] | None = None

    @property
    def name_prefixes(self) -> frozenset[str]:
        if self._name_prefixes is None:
            registry = self.registry()
            keys = {normalise(n) for entry in registry.entries.values() for n in entry.names}
            self._name_prefixes = frozenset(key[:i] for key in keys for i in range(len(key) + 1))
        return self._name_prefixes

    @property
    def och_names(self) -> list[tuple[str, re.Pattern]]:
        if self._och_names is None:
            names = sorted(set(self.registry().names_containing("och")), key=len, reverse=True)
            pattern = r"(?<!\w){}\w*"
            self._och_names = [
                (
                    max(name.lower().split(), key=len),
                    re.compile(pattern.format(r"\s*".join(map(re.escape, name.split()))), re.IGNORECASE),
                )
                for name in names
            ]
        return self._och_names


_AIDS: weakref.WeakKeyDictionary[Registry, _Aids] = weakref.WeakKeyDictionary()


def _aids(registry: Registry) -> _Aids:
    aids = _AIDS.get(registry)
    if aids is None:
        aids = _AIDS[registry] = _Aids(registry)
    return aids


def _plain_pieces(registry: Registry | None) -> dict[str, tuple[tuple[ActorPhrase, ...], tuple[bool, ...]]]:
    """The phrases of pieces already read (between separators, nothing masked), per registry, each with
    whether it follows an "och" of its piece.

    Cells differ in one actor more often than in all: "Polisen, Säpo vid behov"
    comes back with another name after it in every plan.
    """
    return {} if registry is None else _aids(registry).plain_pieces


def _name_prefixes(registry: Registry | None) -> frozenset[str]:
    """Every prefix of every registry name's key, per registry; empty without registry.

    A phrase the registry knows, less an ending, is a prefix of some name's key,
    so a run of words whose key fails that can stop growing (see _known_segments).
    """
    return frozenset() if registry is None else _aids(registry).name_prefixes


def _och_names(registry: Registry | None) -> list[tuple[str, re.Pattern]]:
    """(longest word, pattern) for registry names that contain "och", longest first, per registry.

    A name can only match a cell that contains its longest word, a cheap test
    that spares most cells the regexes.
    """
    return [] if registry is None else _aids(registry).och_names


def _suspended(match: re.Match, knows, masks: list[str], groups: dict, whole: set[int]) -> str:
    """Keep "kultur- och fritidsförvaltningen" whole; expand "a-, b- och cnämnden" to three.

    Two parts expand only when the registry knows each and not the whole: "barn- och
    utbildningsförvaltningen" is one body, never a "barnförvaltningen" that nobody wrote.
    """
    span = match.group(0)
    prefixes = _SUSPENDED_PART.findall(span)
    head = span.split()[-1]
    masks.append(span)
    index = len(masks) - 1
    if knows(span):
        return _MASK.format(index)
    whole.add(index)
    suffix = next((s for s in _HEAD_SUFFIXES if head.lower().endswith(s) and len(head) > len(s)), None)
    if suffix is None:
        return _MASK.format(index)
    expanded = list(dict.fromkeys([p + suffix for p in prefixes] + [head]))  # "kultur-, kultur- och kulturnämnden": one
    is_list = "," in span
    if is_list or all(knows(name) for name in expanded):
        groups[index] = ("expanded-list", [(name, None) for name in expanded])
        whole.discard(index)
    return _MASK.format(index)


def _distributive(match: re.Match, registry: Registry, masks: list[str], groups: dict) -> str:
    """ "cheferna för förskola, skola och fritid": the role of each area, one actor each; else the text.

    Only a plural the registry reads as a role or group ("cheferna", "rektorerna") distributes. Each
    area's actor is a registry role named for it ("förskolechef", "rektor för förskolan") when there is
    one, else the role at that area (a composite; the area looked up as a unit).
    """
    head, areas_text = match.group(1), match.group(2)
    entry = registry.named(head)
    if entry is None or entry.kind not in ("role", "collective") or not registry.plural_reading(head):
        return match.group(0)
    areas = _DISTRIBUTIVE_AREA.split(areas_text)
    if any(area in _NOT_AREAS for area in areas):
        return match.group(0)  # "rektorerna för och och": no areas
    readings: list[tuple[str, str | None]] = []
    for area in areas:
        own = _role_for_area(entry, area, registry)
        readings.append((own, None) if own is not None else (head, area))
    masks.append(match.group(0))
    groups[len(masks) - 1] = ("distributive", readings)
    return _MASK.format(len(masks) - 1)


def _role_for_area(entry, area: str, registry: Registry) -> str | None:
    """The name of a registry role for one area of a role: "chef" + "förskola" is "förskolechef", "rektor"
    + "förskolan" is "rektor för förskolan" (an alias of Förskolechef); None when the registry has none."""
    lowered = area.lower()
    stems = {lowered, lowered + "s"}
    for ending in ("an", "en", "et", "n", "a", "e"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            stems |= {lowered[: -len(ending)], lowered[: -len(ending)] + "e", lowered[: -len(ending)] + "s"}
    for name in entry.names:
        if " " in name:
            continue
        singular = name.lower()
        for candidate in (f"{singular} för {area}", *(stem + singular for stem in sorted(stems))):
            found = registry.named(candidate)
            if found is not None and found.kind == "role" and found.id != entry.id:
                return found.name
    return None


def _split_och(piece: str, masks: list[str], knows, whole: set[int]) -> list[str]:
    """Split on "och"/"eller" unless the piece as a whole is a known name, or one group of several
    kinds by its form ("Alla nämnder och styrelser", "berörda förvaltningar och bolag": the group word
    is said of each kind), kept whole (the rule "kept-whole")."""
    if knows(_unmask(piece, masks)):
        return [piece]
    parts = _OCH.split(piece)
    if len(parts) > 1 and "\x00" not in piece and group_of_kinds(piece) and not any(map(knows, parts[1:])):
        masks.append(piece)
        whole.add(len(masks) - 1)
        return [_MASK.format(len(masks) - 1)]
    return parts


def _unmask(text: str, masks: list[str]) -> str:
    while _MASKED.search(text):
        text = _MASKED.sub(lambda m: masks[int(m.group(1))], text)
    return text


def _strip(text: str) -> str:
    """Trim spaces and punctuation, but keep the period of a closing "m.fl." or "etc."."""
    stripped = text.strip(_TRIM)
    end = len(text) - len(text.lstrip(_TRIM)) + len(stripped)
    if text[end : end + 1] == "." and _ABBREVIATION_END.search(stripped):
        stripped += "."
    return stripped


def _read_piece(
    piece: str,
    masks: list[str],
    groups: dict,
    whole: set[int],
    registry: Registry | None,
    prefixes: frozenset[str],
) -> list[ActorPhrase]:
    written = _strip(_unmask(piece, masks))
    if not written:
        return []
    knows = registry.knows if registry is not None else _knows_nothing
    remarks = []

    def drop_remark(m: re.Match) -> str:
        original = masks[int(m.group(1))]
        if original.lstrip().startswith("("):
            remarks.append(original.strip()[1:-1].strip())
            return " "
        return m.group(0)

    body = _MASKED.sub(drop_remark, piece) if "\x00" in piece else piece
    body = _strip(_EDGE_CONJUNCTION.sub("", " ".join(body.split())))
    remark = "; ".join(r for r in remarks if r) or None

    name = " ".join(_unmask(body, masks).split())
    if knows(name):
        return [_plural(ActorPhrase(written, name, remark), registry)]
    if registry is not None and "\x00" not in body and (hedged := _around_hedge(written, body, remark, registry)):
        return hedged
    # A list read as one ("rektorerna för skola och fritid": each area's head) is read so before
    # any split of its words: the split would lose an area.
    listed = (group := _MASKED.fullmatch(body)) is not None and int(group.group(1)) in groups
    whole_name, known_parts = name, [name] if listed else _known_segments(name, knows, prefixes)
    if len(known_parts) > 1:
        composite = _composite(written, name, remark, None, (), registry)
        if composite is not None and (len(known_parts) == 2 or _of_unit(composite) and knows(composite.unit or name)):
            return [composite]  # "skolans kurator", "Rektor Grundskolan": one actor
        merged: list[str] = []  # "Polisen skolans kurator Socialtjänsten": two known names that are one actor
        for part in known_parts:
            pair = f"{merged[-1]} {part}" if merged else ""
            if pair and merged[-1] in known_parts and _of_unit(_composite(pair, pair, None, None, (), registry)):
                merged[-1] = pair
            else:
                merged.append(part)
        found = _phrases_of(written, merged, [], ("run-together",))
        for i, phrase in enumerate(found):
            read = _composite(phrase.text, phrase.name, phrase.remark, phrase.hedge, phrase.rules, registry)
            if _of_unit(read):
                found[i] = read
        return [_plural(p, registry) for p in found]
    rules: tuple[str, ...] = ()
    body, hedges = _peel(body, _HEDGE_START, _HEDGE_END)
    if not knows(_unmask(body, masks)):
        peeled = _strip(_LEAD_IN.sub("", body))
        if peeled != body:
            rules = ("lead-in",)
        body = peeled
        more_body, more = _peel(body, _HEDGE_START, _HEDGE_END)
        if more_body:
            body, hedges = more_body, hedges + more
    hedge = ", ".join(hedges) or None

    group = _MASKED.fullmatch(body)
    if group and int(group.group(1)) in groups:
        rule, readings = groups[int(group.group(1))]
        return [_plural(ActorPhrase(written, n, remark, hedge, (*rules, rule), unit), registry) for n, unit in readings]
    if group and int(group.group(1)) in whole:
        rules = (*rules, "kept-whole")
    elif "\x00" in body and any(int(m) in whole for m in _MASKED.findall(body)) and not knows(_unmask(body, masks)):
        rules = (*rules, "kept-whole")
    name = _strip(" ".join(_unmask(body, masks).split()))
    if not name:
        return [ActorPhrase(written, written, remark, hedge, rules)]
    if not knows(name):
        composite = _composite(written, name, remark, hedge, rules, registry)
        if composite is not None:
            return [_plural(composite, registry)]
    parts = _run_together(name, knows, prefixes if name != whole_name else frozenset())  # each name tried once
    if len(parts) == 1:
        name, remark, counted = _counted(name, remark, knows)
        return [_plural(ActorPhrase(written, name, remark, hedge, (*rules, *counted)), registry)]
    return [_plural(p, registry) for p in _phrases_of(written, parts, hedges, (*rules, "run-together"))]


def _around_hedge(written: str, body: str, remark: str | None, registry: Registry) -> list[ActorPhrase]:
    """ "Socialtjänsten bl.a. fältgruppen": two registry names with a hedge between them are two actors,
    the second hedged (rule "run-together"); else []. Only one hedge, and only between known names."""
    cuts = [m.start() for m in _MID_HEDGE.finditer(body)]
    if len(cuts) != 1:
        return []
    first, second = body[: cuts[0]].strip(), body[cuts[0] :].strip()
    rest, hedges = _peel(second, _HEDGE_START, _HEDGE_END)
    if not hedges or not registry.knows(first) or not registry.knows(rest):
        return []
    at = written.find(second)
    if at < 0 or not written.startswith(first):
        return []
    before = written[:at].strip()  # "BUP (Sjöängsskolan)": a remark written after the first name is its own
    first_remark = remark if remark and remark in before else None
    return [
        _plural(ActorPhrase(before, first, first_remark, None, ("run-together",)), registry),
        _plural(
            ActorPhrase(written[at:], rest, None if first_remark else remark, ", ".join(hedges), ("run-together",)),
            registry,
        ),
    ]


def _of_unit(phrase: ActorPhrase | None) -> bool:
    """Whether a phrase was read as a role or unit of a body (genitive, role at unit)."""
    return phrase is not None and ("genitive" in phrase.rules or "role-at-unit" in phrase.rules)


def _plural(phrase: ActorPhrase, registry: Registry | None) -> ActorPhrase:
    """The phrase with the rule "plural" when the registry finds its actor only as a plural ("rektorerna")."""
    if registry is None or "plural" in phrase.rules or not registry.plural_reading(phrase.name):
        return phrase
    return ActorPhrase(phrase.text, phrase.name, phrase.remark, phrase.hedge, (*phrase.rules, "plural"), phrase.unit)


def _composite(
    written: str, name: str, remark: str | None, hedge: str | None, rules: tuple[str, ...], registry: Registry | None
) -> ActorPhrase | None:
    """One actor for a role or unit of a body: "skolans kurator" (genitive), "Rektor Sjöängsskolan" or
    "säkerhetschefen på stadsledningskontoret" (role at unit); None when ``name`` is neither.

    Conservative: the genitive's body must be a registry name with a genitive "s" ("skolans",
    "BUP:s"), or a group of bodies by its form ("nämndernas"), and the rest a registry role, unit or
    group ("Kvinnors hus", "Stadsmissionens second hand" stay whole); the genitive of a body class
    that names no body ("nämndens ordförande") is the role alone; see ``_genitive`` for the genitive of
    an unknown body or of a role. Before a unit the role must be a registry role (kind role; a group,
    "cheferna", after a preposition) and the unit a capitalised name (or a registry unit: after "på",
    "vid", "inom", "hos", "för", "i", or in small letters right after the role) that is no registry
    role, group or slot.
    """
    if registry is None:
        return None
    words = name.split()
    if len(words) < 2 or len(words) > _MAX_COMPOSITE_WORDS:
        return None
    for genitive in (k for k in range(1, len(words)) if words[k - 1].lower().endswith("s")):
        found = _genitive(written, words, genitive, remark, hedge, rules, registry)
        if found is not None:
            return found  # else a later genitive: "Västerhamns stads säkerhetssamordnare"
    for k in range(1, min(3, len(words) - 1) + 1):
        after = words[k].lower() in _AT_WORDS and k + 1 < len(words)
        if _PLACEHOLDER_START.fullmatch(words[k]):
            continue
        if not (after or words[k][:1].isupper()):  # "Enhetschefer barn och unga": a registry unit in small letters
            named = registry.named(" ".join(words[k:]))
            if named is None or named.kind not in _AT_UNIT_KINDS:
                continue
        role_text = " ".join(words[:k])
        role = registry.named(role_text)
        if role is None or not (role.kind == "role" or after and role.kind == "collective"):
            continue  # "cheferna för skola": a group of roles at a unit too
        unit_text = " ".join(words[k + 1 :] if after else words[k:])
        if _HEDGE_ONLY.fullmatch(unit_text):
            return None
        unit = registry.lookup(unit_text)
        if unit is not None and unit.kind not in _AT_UNIT_KINDS:
            return None  # "Samordnare Polisen", "Rektor Övriga": two actors, read as before
        if unit is None and not unit_text[:1].isupper():
            return None  # "rektor på plats": no unit named
        return ActorPhrase(written, role_text, remark, hedge, (*rules, "role-at-unit"), unit_text)
    return None


def _genitive(
    written: str,
    words: list[str],
    k: int,
    remark: str | None,
    hedge: str | None,
    rules: tuple[str, ...],
    registry: Registry,
) -> ActorPhrase | None:
    """The reading of a genitive that ends at word ``k``: a phrase with the rule "genitive", a phrase
    without it when "X:s Y" is one name as written (Y no registry role), or None when it is no genitive.

    The phrase's ``unit`` is the body without its genitive ending ("skolan" of "skolans"). Y may be a
    part the registry puts under the body ("Regionens psykiatri", "Polisens NOA"); the genitive of a
    registry role before a group or unit is one actor of that role's ("Rektors ledningsgrupp"); an
    owner the registry does not know is read by ``_of_unknown_owner``.
    """
    owner = " ".join(words[:k])
    bare = owner[:-2] if owner.endswith((":s", ":S")) else owner[:-1]
    role_text = " ".join(words[k:])
    body = registry.named(owner)
    if body is None:
        if registry.named(bare) is None and bare.lower() in _BODY_CLASSES:  # "nämndens ordförande"
            role = registry.named(role_text)
            if role is not None and role.kind in _ROLE_KINDS:
                return _plural(ActorPhrase(written, role_text, remark, hedge, (*rules, "genitive")), registry)
            return None
        formed = registry.by_form(bare) if k == 1 else None  # "nämndernas": a group of bodies by its form
        if formed is None or formed.kind != "collective" or not bare.lower().endswith(BODY_PLURALS):
            return _of_unknown_owner(written, owner, bare, role_text, remark, hedge, rules, registry)
        body, unit = formed, bare
    elif registry.named(bare) is not body:
        return None  # "Socialtjänstens" is the genitive of a name; "Polis" is no genitive
    elif body.kind == "role":  # "Rektors ledningsgrupp": a group or unit of the role's, one actor
        role = registry.named(role_text)
        if role is None or role.kind not in ("municipal-unit", "collective") or role.id == body.id:
            return None
        return _plural(ActorPhrase(written, role_text, remark, hedge, (*rules, "genitive"), bare), registry)
    elif body.kind in _NOT_BODY_KINDS:
        return None  # "elevernas" names no body
    else:
        unit = bare
    role = registry.named(role_text)
    if role is None or role.id == body.id or not (role.kind in _ROLE_KINDS or body.id in registry.ancestors(role.id)):
        return ActorPhrase(written, " ".join(words), remark, hedge, rules)  # "X:s Y", Y unknown: one name as written
    return _plural(ActorPhrase(written, role_text, remark, hedge, (*rules, "genitive"), unit), registry)


def _of_unknown_owner(
    written: str,
    owner: str,
    bare: str,
    role_text: str,
    remark: str | None,
    hedge: str | None,
    rules: tuple[str, ...],
    registry: Registry,
) -> ActorPhrase | None:
    """ "Sjöängsskolans rektor", "Hagabys säkerhetssamordnare", "stadens säkerhetssamordnare": a registry
    role of a body the registry does not know, read as the role at that body (rule "genitive", unit the
    body without its "s"), as "Rektor Sjöängsskolan" is; else None.

    Only an owner that names a body by its form: a capitalised name ("Hagabys", "Västerhamns stads") or
    a word that ends like a unit ("sjöängsskolans"), or a word for a municipality, city or region
    ("stadens", "regionens"), which the plan's binder reads as its own organisation when it is. "Kvinnors
    hus" has no role after the genitive, and stays a name.
    """
    role = registry.named(role_text)
    if role is None or role.kind != "role" or len(bare) < 2:
        return None
    folded = bare.lower()
    if not (owner[:1].isupper() or folded.endswith(_UNIT_ENDS) or folded in _ORGANISATION_WORDS):
        return None
    if registry.named(bare) is not None or _PLACEHOLDER_START.fullmatch(bare.split()[0]):
        return None  # a registry name in the genitive is read above; "Övrigas" is no body
    return _plural(ActorPhrase(written, role_text, remark, hedge, (*rules, "genitive"), bare), registry)


def _phrases_of(written: str, parts: list[str], hedges: list[str], rules: tuple[str, ...] = ()) -> list[ActorPhrase]:
    """Phrases for names run together: each takes the stretch of ``written`` up to the next name,
    so a lead-in or hedge before the first, and a remark or hedge after a name, stay with it."""
    starts, position = [], 0
    for part in parts:
        first = part.split()[0]
        found = written.find(first, position)
        while found > 0 and written[found - 1].isalnum():  # only a word that starts there
            found = written.find(first, found + 1)
        if found < 0:  # cannot place the names in the text: every part its own text
            return [ActorPhrase(p, p, rules=rules) for p in parts]
        starts.append(found)
        position = found + len(part)  # the part takes at least as many characters in the text
    bounds = [0, *starts[1:], len(written)]
    phrases = []
    for i, part in enumerate(parts):
        text = _strip(written[bounds[i] : bounds[i + 1]])
        remark = "; ".join(r.strip() for r in _PAREN.findall(text)) or None
        hedge = ", ".join(h for h in hedges if h.lower() in text.lower()) or None
        phrases.append(ActorPhrase(text, part, remark, hedge, rules))
    return phrases


def _peel(body: str, start: re.Pattern, end: re.Pattern) -> tuple[str, list[str]]:
    """Remove hedges at either end of a piece; return the rest and the hedges found."""
    found = []
    for pattern, window in ((start, len(body)), (end, _HEDGE_WINDOW)):
        # A hedge at the end is looked for in the last few characters only: the body's
        # spaces are folded, so no match is longer, and each hedge peeled costs no full scan.
        while (m := pattern.search(body, max(len(body) - window, 0))) and m.group(0).strip() != body.strip():
            found.append(m.group(0).strip())
            body = _strip(body[: m.start()] + body[m.end() :])
    return body, found


def _known_segments(name: str, knows, prefixes: frozenset[str]) -> list[str]:
    """The fewest registry names that, one after another, make up ``name``; else ``[name]``.

    A bare hedge is no name here: "Fryshuset m.fl." is Fryshuset, hedged. Only
    runs of words that can still be a registry name (``prefixes``) are looked up.
    A name of several written words is one only as the registry writes it, word for
    word (``Registry.knows_as_written``), and never starts with a preposition: "Rektor
    för skolan" names no Förskolan, "Polisen med borgare" no medborgare.
    """
    registry = getattr(knows, "__self__", None)  # ``knows`` is Registry.knows, or knows nothing
    written_so = registry.knows_as_written if registry is not None else knows
    words = name.split()
    n = len(words)
    if n < 2 or n > _MAX_RUN_TOGETHER_WORDS or not prefixes:
        return [name]
    keys = [normalise(word) for word in words]
    reach = []  # reach[j]: words[j:i] may be a name only for i <= reach[j]
    for j in range(n):
        key, i = "", j
        while i < n:
            key += keys[i]
            if key[: max(len(key) - _LONGEST_ENDING, 0)] not in prefixes:
                break
            i += 1
        reach.append(i)
    best: list[list[str] | None] = [[]] + [None] * n
    for i in range(1, n + 1):
        for j in range(i):
            if i > reach[j] or best[j] is None or (best[i] is not None and len(best[j]) + 1 >= len(best[i])):
                continue
            segment = " ".join(words[j:i])
            if i - j > 1 and (keys[j] in _PREPOSITIONS or not written_so(segment)):
                continue  # "för skolan" is no Förskolan, "med borgare" no medborgare
            if knows(segment) and not _HEDGE_ONLY.fullmatch(segment):
                best[i] = best[j] + [segment]
    return best[n] or [name]


def _run_together(name: str, knows, prefixes: frozenset[str]) -> list[str]:
    """Split names written one after another without separators, or keep ``name`` whole."""
    if knows(name):
        return [name]
    known_parts = _known_segments(name, knows, prefixes)
    if len(known_parts) > 1:
        return known_parts
    words = name.split()
    n = len(words)
    parts, start = [], 0
    for i in range(1, n):
        if not words[i][:1].isupper():
            continue
        after_body = _BODY_END.search(words[i - 1]) and not _is_place(words[i:])
        if after_body or _PLACEHOLDER_START.fullmatch(words[i]):
            parts.append(" ".join(words[start:i]))
            start = i
    parts.append(" ".join(words[start:]))
    return parts


def _is_place(rest: list[str]) -> bool:
    """A lone capitalised word after a body ("Socialtjänsten Skärholmen") names a place, not an actor."""
    if len(rest) != 1:
        return False
    word = rest[0].lower()
    return not rest[0].isupper() and not _BODY_END.search(word) and not any(word.endswith(s) for s in _HEAD_SUFFIXES)


def _counted(name: str, remark: str | None, knows) -> tuple[str, str | None, tuple[str, ...]]:
    """A role or body the registry knows, counted ("två fältsekreterare") or placed ("skolorna i
    området"): its name, the count or place added to the remark, and the rules that fired ("count",
    "place"); else ``name``, ``remark`` and no rule.

    The count is no part of who acts, so "två fältsekreterare" and "fältassistenterna" are one node.
    """
    if knows(name):
        return name, remark, ()
    core, kept = without_place(name.split())
    rules = ("place",) if kept else ()
    if len(core) > 1 and (core[0].isdigit() or core[0].lower() in COUNT_WORDS):
        core, kept, rules = core[1:], [core[0], *kept], ("count", *rules)
    if not kept or not knows(" ".join(core)):
        return name, remark, ()
    return " ".join(core), "; ".join(r for r in (remark, *kept) if r), rules
