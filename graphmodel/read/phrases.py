"""From a cell to actor phrases: split free Swedish text the way a careful reader would.

A cell in Ansvarig or Övriga aktörer names several actors::

    >>> [p.name for p in split_actor_cell("HR avdelningen och samordnaren")]
    ['HR avdelningen', 'samordnaren']
    >>> [p.name for p in split_actor_cell("arbetsmarknads-, idrotts- och kulturnämnden")]
    ['arbetsmarknadsnämnden', 'idrottsnämnden', 'kulturnämnden']

Separators are commas, semicolons, "/", "&", line breaks, "och", "samt",
"tillsammans med" (and "i samverkan med" ...). Parentheses are remarks on the
actor before them, lead-ins ("representanter från") and hedges ("i vissa
fall", "vid behov") are peeled off and kept. "och" inside a name is never a
separator: names the registry knows ("avdelningschef förskola och fritid"),
suspended compounds ("kultur- och fritidsförvaltningen") and a manager's
areas ("avdelningschef X och Y"). Names run together without separators
("Social resursnämnd Utbildningsnämnden") are split where the registry knows
every part, where a capitalised word follows a nämnd/förvaltning/tjänst (a
lone trailing word, "Socialtjänsten Skärholmen", is a place and stays), where
a capitalised "Övriga"/"Berörda" starts a placeholder, and between two names
kept whole ("avdelningschef X och Y avdelningschef Z och W"). A count or a
place around a name the registry knows is a remark: "två fältsekreterare" is
"fältsekreterare" (remark "två"), "skolorna i området" is "skolorna" (remark
"i området").

Pure: the registry is passed in; without one only the text's own signals count.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..registry import COUNT_WORDS, ENDINGS, normalise, without_place

if TYPE_CHECKING:
    from ..registry import Registry


@dataclass(frozen=True)
class ActorPhrase:
    """One actor as a reader sees it in a cell.

    ``text`` is the fragment as written (lead-in, hedge and remark included),
    ``name`` the reading to look up in the registry, ``rules`` the reading rules
    that made ``name`` out of ``text`` beyond a direct match (``READING_RULES``).
    """

    text: str
    name: str
    remark: str | None = None
    hedge: str | None = None
    rules: tuple[str, ...] = ()


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
    r"\s?(?:\s(?:och|eller)/(?:och|eller)\s|[,;/\n&+]|\s(?:samt|tillsammans med|i samverkan med|i samarbete med|i samråd med|ihop med|liksom)\s)\s*",
    re.IGNORECASE,
)
_ADJACENT_MASKS = re.compile(r"(?<=\x00)\s+(?=\x00\d+\x00)")
_OCH = re.compile(r"\s(?:och|eller)\s", re.IGNORECASE)
_EDGE_CONJUNCTION = re.compile(r"^(?:och|eller|samt)\s+|\s(?:och|eller|samt)$", re.IGNORECASE)
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
    groups: dict[int, list[str]] = {}

    def mask(match: re.Match | str) -> str:
        masks.append(match if isinstance(match, str) else match.group(0))
        return _MASK.format(len(masks) - 1)

    text = fold_whitespace(cell)
    text = _PAREN.sub(mask, text)
    text = _SUSPENDED.sub(lambda m: _suspended(m, knows, masks, groups), text)
    lowered = text.lower()
    for word, name in _och_names(registry):
        if word in lowered:
            text = name.sub(mask, text)
    text = _MANAGER_AREAS.sub(mask, text)
    text = _ADJACENT_MASKS.sub("\n", text)  # two names kept whole, side by side, are two actors

    phrases: list[ActorPhrase] = []
    plain = _plain_pieces(registry)
    for piece in _HARD_SEPARATOR.split(text):
        if "\x00" not in piece and piece in plain:
            phrases.extend(plain[piece])
            continue
        found = [
            phrase
            for part in _split_och(piece, masks, knows)
            for phrase in _read_piece(part, masks, groups, knows, prefixes)
        ]
        if "\x00" not in piece:  # nothing masked: the piece reads the same in any cell
            plain[piece] = tuple(found)
        phrases.extend(found)
    return phrases


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
        self.plain_pieces: dict[str, tuple[ActorPhrase, ...]] = {}
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


def _plain_pieces(registry: Registry | None) -> dict[str, tuple[ActorPhrase, ...]]:
    """The phrases of pieces already read (between separators, nothing masked), per registry.

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


def _suspended(match: re.Match, knows, masks: list[str], groups: dict[int, list[str]]) -> str:
    """Keep "kultur- och fritidsförvaltningen" whole; expand "a-, b- och cnämnden" to three."""
    span = match.group(0)
    prefixes = _SUSPENDED_PART.findall(span)
    head = span.split()[-1]
    masks.append(span)
    index = len(masks) - 1
    if knows(span):
        return _MASK.format(index)
    suffix = next((s for s in _HEAD_SUFFIXES if head.lower().endswith(s) and len(head) > len(s)), None)
    if suffix is None:
        return _MASK.format(index)
    expanded = [p + suffix for p in prefixes] + [head]
    is_list = "," in span
    if is_list or all(knows(name) for name in expanded):
        groups[index] = expanded
    return _MASK.format(index)


def _split_och(piece: str, masks: list[str], knows) -> list[str]:
    """Split on "och"/"eller" unless the piece as a whole is a known name."""
    if knows(_unmask(piece, masks)):
        return [piece]
    return _OCH.split(piece)


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
    piece: str, masks: list[str], groups: dict[int, list[str]], knows, prefixes: frozenset[str]
) -> list[ActorPhrase]:
    written = _strip(_unmask(piece, masks))
    if not written:
        return []
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
        return [ActorPhrase(written, name, remark)]
    whole, known_parts = name, _known_segments(name, knows, prefixes)
    if len(known_parts) > 1:
        return _phrases_of(written, known_parts, [])
    body, hedges = _peel(body, _HEDGE_START, _HEDGE_END)
    if not knows(_unmask(body, masks)):
        body = _strip(_LEAD_IN.sub("", body))
        more_body, more = _peel(body, _HEDGE_START, _HEDGE_END)
        if more_body:
            body, hedges = more_body, hedges + more
    hedge = ", ".join(hedges) or None

    group = _MASKED.fullmatch(body)
    if group and int(group.group(1)) in groups:
        return [ActorPhrase(written, n, remark, hedge) for n in groups[int(group.group(1))]]
    name = _strip(" ".join(_unmask(body, masks).split()))
    if not name:
        return [ActorPhrase(written, written, remark, hedge)]
    parts = _run_together(name, knows, prefixes if name != whole else frozenset())  # each name tried once
    if len(parts) == 1:
        name, remark = _counted(name, remark, knows)
        return [ActorPhrase(written, name, remark, hedge)]
    return _phrases_of(written, parts, hedges)


def _phrases_of(written: str, parts: list[str], hedges: list[str]) -> list[ActorPhrase]:
    """Phrases for names run together: each takes the stretch of ``written`` up to the next name,
    so a lead-in or hedge before the first, and a remark or hedge after a name, stay with it."""
    starts, position = [], 0
    for part in parts:
        first = part.split()[0]
        found = written.find(first, position)
        while found > 0 and written[found - 1].isalnum():  # only a word that starts there
            found = written.find(first, found + 1)
        if found < 0:  # cannot place the names in the text: every part its own text
            return [ActorPhrase(p, p) for p in parts]
        starts.append(found)
        position = found + len(part)  # the part takes at least as many characters in the text
    bounds = [0, *starts[1:], len(written)]
    phrases = []
    for i, part in enumerate(parts):
        text = _strip(written[bounds[i] : bounds[i + 1]])
        remark = "; ".join(r.strip() for r in _PAREN.findall(text)) or None
        hedge = ", ".join(h for h in hedges if h.lower() in text.lower()) or None
        phrases.append(ActorPhrase(text, part, remark, hedge))
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
    """
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


def _counted(name: str, remark: str | None, knows) -> tuple[str, str | None]:
    """A role or body the registry knows, counted ("två fältsekreterare") or placed ("skolorna i
    området"): its name, and the count or place added to the remark; else ``name`` and ``remark``.

    The count is no part of who acts, so "två fältsekreterare" and "fältassistenterna" are one node.
    """
    if knows(name):
        return name, remark
    core, kept = without_place(name.split())
    if len(core) > 1 and (core[0].isdigit() or core[0].lower() in COUNT_WORDS):
        core, kept = core[1:], [core[0], *kept]
    if not kept or not knows(" ".join(core)):
        return name, remark
    return " ".join(core), "; ".join(r for r in (remark, *kept) if r)
