"""The actor registry: who the actors are, and how a phrase finds its actor.

Pure: the registry is built from entries (``graphmodel.read.registry_file``
reads them from CSV). Matching forgives what Swedish plans vary in: case,
spaces versus hyphens ("HR- avdelningen", "HR avdelningen"), and the ending
of the last word (definite, indefinite, plural and genitive forms:
"Polis"/"Polisen", "Stadsdelsförvaltningens", "Fritidsgårdarna"). It never
guesses beyond that: a phrase that matches nothing, or matches two actors,
is unknown, and ``suggest`` offers the closest names. A plural of a body
class ("förvaltningarna", "stadsdelsnämnderna") never finds one body by losing
its ending.

One exception, by the phrase's form and not its words: a phrase no entry
names that is a group or a slot ("alla skolor", "myndigheter", "respektive
förvaltning", "de som berörs") is looked up as an entry made for it, a
``collective`` or ``placeholder`` whose note names the rule that fired
(``vague_by_form``). It never counts as a real owner, and it is no unknown
actor: the plan's ledger lists it as an actor without a problem code
(``graphmodel check --all`` shows it; its id says "…-by-form-…"). ``knows``
counts registry names only, so such a phrase never changes how a cell splits.

>>> reg = Registry([RegistryEntry("polisen", "Polisen", "police", "national")])
>>> reg.lookup("polis").id
'polisen'
>>> reg.lookup("Polisn") is None
True
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import RegistryError
from .model import ACTOR_KINDS, NATIONAL, ORGANISATION

# The plan's own organisation, as a registry entry that organisation-scoped
# entries can name as their parent.
OWN_ORGANISATION = "organisation"

# Endings a Swedish noun phrase's last word takes; longest first so that
# "-erna" is tried before "-na".
ENDINGS = (
    "ernas",
    "arnas",
    "ornas",
    "erna",
    "arna",
    "orna",
    "ens",
    "ets",
    "ers",
    "er",
    "en",
    "et",
    "na",
    "ns",
    "n",
    "s",
)
# A plural of a body class ("förvaltningarna", "stadsdelsnämnderna") names a group of bodies: it
# never finds one body by losing its ending, as "förvaltningarna" found the plan's own "förvaltning".
BODY_PLURALS = tuple(
    stem + ending + genitive
    for stem, endings in (
        ("förvaltning", ("ar", "arna")),
        ("avdelning", ("ar", "arna")),
        ("nämnd", ("er", "erna")),
        ("enhet", ("er", "erna")),
        ("kommun", ("er", "erna")),
        ("styrelse", ("r", "rna")),
        ("stadsdel", ("ar", "arna")),
        ("kontor", ("en",)),
    )
    for ending in endings
    for genitive in ("", "s")
)
_ENDINGS_BY_LAST_LETTER = {last: tuple(e for e in ENDINGS if e[-1] == last) for last in {e[-1] for e in ENDINGS}}
# A plural ending and the ends its singular may have instead: "rektorerna" is "rektor", "skolorna"
# "skola", "fältsekreterarna" "fältsekreterare", "gårdarna" "gård".
_SINGULAR_TAILS = {
    "ernas": ("", "e"),
    "arnas": ("", "e", "are"),
    "ornas": ("a", "e"),
    "erna": ("", "e"),
    "arna": ("", "e", "are"),
    "orna": ("a", "e"),
    "er": ("", "e"),
    "ar": ("", "e"),
    "or": ("a", "e"),
}
_PLURAL_ENDINGS = tuple(_SINGULAR_TAILS)
_VOWELS = set("aeiouyåäöé")
_MIN_STEM = 3
_NOT_ALNUM = re.compile(r"[^0-9a-zåäöéü]+")
# Latin letters, accented or not, and the symbols and marks beside them: no other script's letters.
_LATIN = re.compile("[\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]*")


def normalise(text: str) -> str:
    """Case-, space- and hyphen-free key of a phrase: ``"HR- avdelningen"`` → ``"hravdelningen"``."""
    text = unicodedata.normalize("NFC", text).casefold()
    return _NOT_ALNUM.sub("", text)


# The letters a name typed on a keyboard without å, ä, ö is written with: German style (ä as "ae") or
# Danish style (å as "aa"); and the Nordic letters that Unicode does not decompose.
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "æ": "ae", "ø": "oe", "œ": "oe"})
_UNDECOMPOSED = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "ı": "i"})


def fold(text: str) -> str:
    """The key of a phrase typed without diacritics: ``normalise`` with å, ä → a, ö → o, é → e, ü → u.

    Every letter loses its accents (``"Socialtjänsten"`` → ``"socialtjansten"``, ``"España"`` →
    ``"espana"``); case, spaces, hyphens and punctuation go as in ``normalise``; letters of other
    scripts stay (``"Рассвет"`` and ``"Восход"`` keep apart). A key, not a name: ``"Hägaby"`` and
    ``"Hagaby"`` fold alike, which is for the caller to notice.
    """
    return _letters(unicodedata.normalize("NFC", text).casefold().translate(_UNDECOMPOSED))


def fold_keys(name: str) -> frozenset[str]:
    """The keys a name is found by when typed without diacritics: ``fold`` and with ä as "ae", ö as "oe", å as "aa".

    >>> sorted(fold_keys("Skärholmens stadsdelsförvaltning"))
    ['skaerholmensstadsdelsfoervaltning', 'skarholmensstadsdelsforvaltning']
    """
    spelt_out = _letters(unicodedata.normalize("NFC", name).casefold().translate(_SPELT_OUT).translate(_UNDECOMPOSED))
    return frozenset({fold(name), spelt_out}) - {""}


def _letters(text: str) -> str:
    """The letters and digits of a case-folded text, without their accents (compatibility decomposition)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum() and not unicodedata.combining(c))


_NAME_WORD = re.compile(r"[\s\-‐‑–]+")  # a name's words are parted by spaces and hyphens


def _cuts(words: list[str]) -> frozenset[int]:
    """Where the words part in the key of the phrase they make (``normalise``): "för skolan" → {3}."""
    cuts, position = set(), 0
    for word in words[:-1]:
        position += len(normalise(word))
        cuts.add(position)
    return frozenset(cuts)


def _foreign_key(text: str) -> str | None:
    """A phrase's letters and digits, case-folded, when some are of a script other than Latin; else None.

    ``normalise`` keeps Swedish letters only, so "Föreningen Рассвет" and
    "Föreningen Восход" would both look up as "Föreningen": such phrases match
    only a name with the same letters.
    """
    if _LATIN.fullmatch(text):
        return None
    letters = [c for c in unicodedata.normalize("NFC", text).casefold() if c.isalnum()]
    if all(c.isascii() or "LATIN" in unicodedata.name(c, "LATIN") for c in letters):
        return None
    return "".join(letters)


def variants(key: str) -> set[str]:
    """The key and its stems with one Swedish ending removed."""
    found = {key}
    for ending in _ENDINGS_BY_LAST_LETTER.get(key[-1:], ()):
        stem = key[: -len(ending)]
        if key.endswith(ending) and len(stem) >= _MIN_STEM:
            # A lone definite "-n" follows a vowel ("skolan"): "Polisn" is a typo, not a form.
            if ending in ("n", "ns") and stem[-1] not in _VOWELS:
                continue
            found.add(stem)
    if key.endswith("are") and len(key) > _MIN_STEM + 3:
        # "-are" nouns drop the "e" before "-na": "fältsekreterare", "fältsekreterarna".
        found.add(key[:-1])
    return found


# -- Vague by form (issue 11) ---------------------------------------------------------------------

COUNT_WORDS = frozenset("en ett två tre fyra fem sex sju åtta nio tio elva tolv".split())
_PLACE_WORDS = frozenset(
    "området områdena stadsdelen stadsdelsområdet bostadsområdet närområdet kommunen kommunerna staden länet regionen"
    " stadsdelarna".split()
)
# Words that make a phrase a slot, filled by whoever it turns out to be ("respektive förvaltning") ...
_PLACEHOLDER_WORDS = frozenset(
    "respektive ansvarig ansvariga utsedd utsedda vederbörande lämplig lämpliga berörd aktuell annan någon".split()
)
_PLACEHOLDER_PRONOUNS = ("de som", "den som", "dem som", "de det berör", "den det berör", "vem som")
# ... or a group of actors, none of them named ("alla skolor").
_GROUP_WORDS = frozenset(
    "alla samtliga varje var några berörda aktuella olika flera andra övriga relevanta diverse externa".split()
)
_SINGULAR_GROUP_WORDS = frozenset({"varje", "var"})  # "varje skola": every one of a group
_PLURAL_ENDS = ("er", "ar", "or", "na", "are")
# A kind of actor in the plural names no actor ("myndigheter", "organisationer", "nämnderna").
_GENERIC_PLURALS = (
    BODY_PLURALS
    + tuple(
        stem + ending
        for stem in ("myndighet", "verksamhet", "organisation", "instans", "funktion", "region", "aktör", "part")
        for ending in ("er", "erna", "ers", "ernas")
    )
    + tuple("förening" + ending for ending in ("ar", "arna", "ars", "arnas"))
)


_EACH_WORDS = frozenset("respektive varje båda alla samtliga".split())


def without_place(words: list[str]) -> tuple[list[str], list[str]]:
    """The words less a closing place, and that place as one item (or none): "skolorna i området",
    "Socialtjänsten i respektive kommun", "Rektor för respektive skola" (each of the plan's bodies)."""
    if len(words) > 2 and words[-2].lower() in ("i", "inom", "på") and words[-1].lower() in _PLACE_WORDS:
        return words[:-2], [" ".join(words[-2:])]
    if len(words) > 3 and words[-3].lower() in ("i", "inom", "på", "vid", "för") and words[-2].lower() in _EACH_WORDS:
        return words[:-3], [" ".join(words[-3:])]
    return words, []


def group_of_kinds(text: str) -> bool:
    """Whether a phrase is one group of several kinds by its form: a group word said of each kind
    joined by "och"/"eller" ("Alla nämnder och styrelser", "berörda förvaltningar och bolag"), a
    plural before the first "och", and no capitalised word after the first."""
    words = text.split()
    folded = [w.lower() for w in words]
    if len(words) < 4 or folded[0] not in _GROUP_WORDS or folded[0] in _SINGULAR_GROUP_WORDS:
        return False
    if any(w[:1].isupper() for w in words[1:]):
        return False
    joins = [i for i, w in enumerate(folded) if w in ("och", "eller")]
    return bool(joins) and joins[0] >= 2 and folded[joins[0] - 1].endswith(_PLURAL_ENDS) and joins[-1] < len(words) - 1


def vague_by_form(name: str) -> tuple[str, str] | None:
    """(kind, rule) when a phrase names a group or a slot by its form alone; else None.

    "alla skolor", "aktuella verksamheter", "myndigheter", "nämnderna" are a
    ``collective`` (a group, none of it named); "respektive förvaltning",
    "ansvarig enhet", "de som berörs" a ``placeholder`` (whoever the slot turns
    out to be). Neither is a real owner of a measure (``NOT_REAL_OWNER_KINDS``).
    ``rule`` says what fired. A name that only starts so stays a name: after a
    group word the last word must be a plural ("Alla kvinnors hus" is a name),
    and a capitalised word after the first makes a proper name.

    >>> vague_by_form("respektive förvaltning"), vague_by_form("förvaltningarna")
    (('placeholder', 'respektive …'), ('collective', 'plural …förvaltningarna'))
    >>> vague_by_form("Alla kvinnors hus") is None
    True
    """
    written = name.split()
    folded = " ".join(written).lower()
    if not folded:
        return None
    for pronoun in _PLACEHOLDER_PRONOUNS:
        if folded == pronoun or folded.startswith(pronoun + " "):
            return "placeholder", pronoun + " …"
    words, _ = without_place(folded.split())
    if any(word[:1].isupper() for word in written[1 : len(words)]):
        return None
    first, last = words[0], words[-1]
    if first in _PLACEHOLDER_WORDS and len(words) > 1:
        return "placeholder", first + " …"
    if group_of_kinds(folded):  # "alla nämnder och styrelser", "berörda förvaltningar och bolag"
        return "collective", first + " …"
    if first in _GROUP_WORDS:
        if first in _SINGULAR_GROUP_WORDS:  # "varje skola", but a lone "var" is no actor
            return ("collective", first + " …") if len(words) > 1 else None
        if len(words) == 1 or last in _GROUP_WORDS or last.endswith(_PLURAL_ENDS):
            return "collective", first + " …"
        return None
    if len(words) > 1 and (first.isdigit() or first in COUNT_WORDS):
        words = words[1:]
    generic = next((ending for ending in _GENERIC_PLURALS if last.endswith(ending)), None)
    if generic is None:
        return None
    return "collective", "plural …" + (last if len(words) == 1 else generic)


def _by_form_id(kind: str, name: str) -> str:
    """An id for a phrase classified by form: its kind and its words in ASCII ("collective-by-form-alla-skolor")."""
    ascii_name = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    return "-".join([kind, "by", "form", *_NOT_ALNUM.sub(" ", ascii_name).split()])


@dataclass(frozen=True)
class RegistryEntry:
    """One row of the registry: an actor or an actor template.

    ``scope`` is ``national`` (one node everywhere) or ``organisation`` (one
    node per organisation that writes a plan: its coordinator, its HR unit).
    """

    id: str
    name: str
    kind: str
    scope: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Registry:
    """Entries by id, with forgiving lookup by name or alias."""

    def __init__(self, entries: Iterable[RegistryEntry]):
        self.entries: dict[str, RegistryEntry] = {}
        for entry in entries:
            self.entries[entry.id] = entry  # later files override earlier ones
        self._check()
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._loose: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            for name in entry.names:
                key = normalise(name)
                if not key:
                    continue
                self._exact[key].add(entry.id)
                for variant in variants(key):
                    self._loose[variant].add(entry.id)
        self._cache: dict[str, RegistryEntry | None] = {}  # by normalised key
        self._as_written: dict[str, RegistryEntry | None] = {}
        self._choices: list[str] | None = None
        self._suggestions: dict[tuple[str, int], list[str]] = {}
        self._foreign: dict[str, RegistryEntry | None] | None = None
        self._formed: dict[str, RegistryEntry | None] = {}
        self._keys_of: dict[str, frozenset[str]] = {}
        self._word_for_word: dict[str, bool] = {}

    def _check(self) -> None:
        problems = []
        for entry in self.entries.values():
            if entry.kind not in ACTOR_KINDS or entry.kind == "unknown":
                problems.append(f"{entry.id}: kind {entry.kind!r} is not one of {', '.join(ACTOR_KINDS[:-1])}")
            if entry.scope not in (NATIONAL, ORGANISATION):
                problems.append(f"{entry.id}: scope {entry.scope!r} must be 'national' or 'organisation'")
            if entry.parent and entry.parent not in self.entries:
                problems.append(f"{entry.id}: parent {entry.parent!r} is not an id in the registry")
            if entry.scope == NATIONAL and entry.parent and self.entries.get(entry.parent, entry).scope == ORGANISATION:
                problems.append(
                    f"{entry.id}: a national actor cannot have the organisation-scoped parent {entry.parent!r}"
                )
        problems += self._parent_loops()
        if problems:
            raise RegistryError("Actor registry is inconsistent:\n  " + "\n  ".join(problems))

    def _parent_loops(self) -> list[str]:
        """Each loop of parents once, from the member met first; linear in the number of entries.

        Every entry has one parent, so walking up from each entry not yet seen, and
        never walking past an entry seen before, visits each entry once.
        """
        loops: list[str] = []
        walked: dict[str, int] = {}  # walked: entry id -> number of the walk that reached it
        for walk, start in enumerate(self.entries):
            path: list[str] = []
            node: str | None = start
            while node in self.entries and node not in walked:
                walked[node] = walk
                path.append(node)
                node = self.entries[node].parent
            if node in walked and walked[node] == walk:  # back on this walk's own path
                loop = path[path.index(node) :]
                loops.append(f"{loop[0]}: the parent chain loops: {' → '.join([*loop, loop[0]])}")
        return loops

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self.entries

    def __getitem__(self, entry_id: str) -> RegistryEntry:
        return self.entries[entry_id]

    def lookup(self, text: str) -> RegistryEntry | None:
        """The entry a phrase names; for a phrase no entry names that is vague by its form, an entry
        made for it (``by_form``); else None (it names none, or two).

        So "alla skolor" is read as a collective, never an unknown actor, wherever a plan names it.
        """
        found = self.named(text)
        return found if found is not None else self.by_form(text)

    def by_form(self, text: str) -> RegistryEntry | None:
        """An entry for a phrase that is a collective or placeholder by its form (``vague_by_form``), or None.

        It is no entry of the registry: its id ("collective-by-form-alla-skolor") is made from the
        phrase, its name is the phrase as written, and its note says which rule fired.
        """
        try:
            return self._formed[text]
        except KeyError:
            pass
        form = vague_by_form(text) if self.named(text) is None else None
        entry = None
        if form is not None:
            kind, rule = form
            name = " ".join(text.split())
            entry = RegistryEntry(_by_form_id(kind, name), name, kind, ORGANISATION, note=f"{kind} by form: {rule}")
        self._formed[text] = entry
        return entry

    def named(self, text: str) -> RegistryEntry | None:
        """The registry entry a phrase names, or None when it names none or is ambiguous."""
        try:
            return self._as_written[text]  # the same few phrases come back in every plan
        except KeyError:
            pass
        foreign = _foreign_key(text)
        if foreign is not None:
            found = self._as_written[text] = self._foreign_names().get(foreign)
            return found
        key = normalise(text)
        if key not in self._cache:
            self._cache[key] = self._find(key)
        found = self._as_written[text] = self._cache[key]
        return found

    def _find(self, key: str) -> RegistryEntry | None:
        if not key:
            return None
        if key.endswith(BODY_PLURALS):  # only a name written so (an alias "fackförvaltningar") is that name
            ids = self._exact.get(key) or self._exact.get(key.removesuffix("s"))
            return self.entries[next(iter(ids))] if ids and len(ids) == 1 else None
        # Least change first: the phrase as written, then with the shortest
        # ending removed, then both sides stemmed.
        forms = variants(key)
        for variant in sorted(forms, key=len, reverse=True):
            ids = self._exact.get(variant)
            if ids:
                return self.entries[next(iter(ids))] if len(ids) == 1 else None
        ids = set()
        for variant in forms:
            ids |= self._loose.get(variant, set())
        return self.entries[ids.pop()] if len(ids) == 1 else None

    def _foreign_names(self) -> dict[str, RegistryEntry | None]:
        """Entries by the letters of their names that are written in another script (None: two entries)."""
        if self._foreign is None:
            self._foreign = {}
            for entry in self.entries.values():
                for name in entry.names:
                    key = _foreign_key(name)
                    if key is not None:
                        self._foreign[key] = entry if self._foreign.get(key, entry) is entry else None
        return self._foreign

    def plural_reading(self, text: str) -> bool:
        """True if the phrase finds its entry only as a plural of one of its names: "rektorerna",
        "kuratorer", "skolorna", "fältsekreterarna" (issue 11: a plural read as the role is shown).

        The entry's own name written so ("Fältassistenter") is no plural reading, nor is a singular that
        merely ends like one ("Rektor"). An alias that is a plural ("rektorerna") is one.
        """
        entry = self.named(text)
        if entry is None:
            return False
        key = normalise(text)
        names = self._name_keys(entry)
        for ending in _PLURAL_ENDINGS:
            stem = key[: -len(ending)]
            if key.endswith(ending) and len(stem) >= _MIN_STEM and key != normalise(entry.name):
                if any(stem + tail in names for tail in _SINGULAR_TAILS[ending]):
                    return True
        return False

    def _name_keys(self, entry: RegistryEntry) -> frozenset[str]:
        keys = self._keys_of.get(entry.id)
        if keys is None:
            keys = self._keys_of[entry.id] = frozenset(normalise(n) for n in entry.names)
        return keys

    def knows(self, text: str) -> bool:
        """True if the phrase names exactly one registry actor (a phrase vague by form names none)."""
        return self.named(text) is not None

    def knows_as_written(self, text: str) -> bool:
        """True if the phrase names exactly one registry actor and breaks no word of its name: every
        space the phrase is written with is a space or hyphen of one of the actor's names.

        Looking up ignores spaces, so "för skolan" finds Förskolan and "med borgare" medborgare; no
        reader sees those names in them. "HR avdelningen" is HR-avdelningen, "Barn- och
        ungdomspsykiatrin" that name; "HRavdelningen" (words run together) is HR-avdelningen too.
        """
        entry = self.named(text)
        if entry is None:
            return False
        words = text.split()
        if len(words) < 2 or _foreign_key(text) is not None:
            return True
        found = self._word_for_word.get(text)
        if found is None:
            cuts = _cuts(words)
            key = normalise(text)
            found = self._word_for_word[text] = any(
                cuts <= _cuts(_NAME_WORD.split(name)) and normalise(name)[: max(cuts)] == key[: max(cuts)]
                for name in entry.names
            )
        return found

    def names_containing(self, word: str) -> list[str]:
        """Every name or alias containing ``word`` as a word (e.g. names with "och")."""
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        return [n for e in self.entries.values() for n in e.names if pattern.search(n)]

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Canonical names closest to ``text``, best first (for unknown actors)."""
        key = (text.casefold(), limit)
        if key not in self._suggestions:
            self._suggestions[key] = self._closest(text.casefold(), limit)
        return list(self._suggestions[key])

    def _closest(self, query: str, limit: int) -> list[str]:
        from rapidfuzz import fuzz, process

        if self._choices is None:
            pairs = [(n.casefold(), e.name) for e in self.entries.values() for n in e.names if e.id != OWN_ORGANISATION]
            self._choices = sorted((folded for folded, _ in pairs), key=len)
            self._lengths = [len(c) for c in self._choices]
            self._owner = dict(pairs)
            self._order = {folded: i for i, (folded, _) in enumerate(pairs)}  # registry order breaks ties
        # fuzz.ratio is at most 200 × shorter / (both lengths), so only names from 7/13 to 13/7 of the
        # query's length can reach 70; scoring only those makes a suggestion several times cheaper.
        low = bisect.bisect_left(self._lengths, -(-7 * len(query) // 13))
        high = bisect.bisect_right(self._lengths, 13 * len(query) // 7)
        hits = process.extract(query, self._choices[low:high], scorer=fuzz.ratio, score_cutoff=70, limit=None)
        hits.sort(key=lambda hit: (-hit[1], self._order[hit[0]]))
        names: list[str] = []
        for choice, _score, _ in hits[: limit * 4]:
            if self._owner[choice] not in names:
                names.append(self._owner[choice])
        return names[:limit]

    def merged(self, other: Registry) -> Registry:
        """A registry with ``other``'s entries added, replacing same-id entries."""
        return Registry([*self.entries.values(), *other.entries.values()])

    def ancestors(self, entry_id: str) -> list[str]:
        """Parent ids from the entry up to the root (the organisation entry included)."""
        chain, seen = [], {entry_id}
        parent = self.entries[entry_id].parent
        while parent and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.entries[parent].parent
        return chain
