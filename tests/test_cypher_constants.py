"""Constants the Cypher library copies from Python: the copies must say what Python says.

A Cypher file cannot import ``graphmodel.model``, so labels, relationship
types, the kinds that are never a real owner, state names and the gap
thresholds are written out in cypher/. Making them parameters would offer a
user ``--param`` knobs for what are definitions, not settings, so this test is
the guard instead: it reads every .cypher file (string literals and quoted
names masked out of the syntax, then looked at one by one) and fails when a
copy differs from Python. Names are folded once, in Python
(``graphmodel.registry.normalise``): no Cypher folds a name, and a folded
parameter is only compared with the ``*_normalised`` properties Python wrote.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from graphmodel import model
from graphmodel.analyse.gaps import GapSettings
from graphmodel.store import cypher

STATEMENTS = [s for kind in cypher.KINDS for s in cypher.library()[kind].values()]
LABELS = {model.PLAN, model.MEASURE, model.ACTOR}
RELATIONSHIP_TYPES = {model.RESPONSIBLE_FOR, model.PARTNER_IN, model.IN_PLAN, model.PART_OF}
NOT_REAL_OWNERS = sorted(model.NOT_REAL_OWNER_KINDS)

# Query parameter -> the GapSettings field whose default it copies.
THRESHOLDS = {
    ("overloaded", "minCount"): "overload_count",
    ("overloaded", "minShare"): "overload_share",
    ("partner-without-ownership", "partnerMin"): "partner_min",
}

_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_QUOTED_NAME = re.compile(r"`[^`]*`")
_COMMENT = re.compile(r"//[^\n]*")
_LITERAL = r"'#(\d+)'"
_LIST = rf"\[\s*{_LITERAL}(?:\s*,\s*{_LITERAL})*\s*\]"


@dataclasses.dataclass(frozen=True)
class Masked:
    """A statement's body with each string literal replaced by ``'#i'`` and each `quoted name` by ``_``."""

    name: str
    text: str
    literals: tuple[str, ...]

    def literal(self, token: str) -> str:
        return self.literals[int(token)]

    def lists(self, pattern: str = "") -> list[list[str]]:
        """The list literals made only of strings (after ``pattern``, when one is given)."""
        found = re.finditer(pattern + rf"({_LIST})", self.text)
        return [[self.literal(i) for i in re.findall(_LITERAL, m[1])] for m in found]


def _mask(statement: cypher.Statement) -> Masked:
    literals: list[str] = []

    def keep(match: re.Match[str]) -> str:
        literals.append(match[0][1:-1])
        return f"'#{len(literals) - 1}'"

    body = _QUOTED_NAME.sub("_", _STRING.sub(keep, statement.body))
    return Masked(statement.name, _COMMENT.sub("", body), tuple(literals))


MASKED = [_mask(s) for s in STATEMENTS]


def _ids(masked: list[Masked]) -> list[str]:
    return [m.name for m in masked]


def labels_of(m: Masked) -> set[str]:
    in_patterns = re.findall(r"\(\s*[A-Za-z_]?\w*\s*((?::\s*[A-Za-z_]\w*\s*)+)", m.text)
    names = {n for group in in_patterns for n in re.findall(r":\s*([A-Za-z_]\w*)", group)}
    outside_brackets = re.sub(r"\[[^\]]*\]", "[]", m.text)  # [r:TYPE] is not a label
    return names | set(re.findall(r"\b[a-z_]\w*:([A-Z]\w*)\b", outside_brackets))  # WHERE n:Actor


def relationship_types_of(m: Masked) -> set[str]:
    groups = re.findall(r"\[\s*[A-Za-z_]?\w*\s*:\s*([A-Za-z_]\w*(?:\s*\|\s*:?\s*[A-Za-z_]\w*)*)", m.text)
    types = {t.strip(" :") for group in groups for t in group.split("|")}
    return types | {s for s in m.literals if re.fullmatch(r"[A-Z][A-Z_]+", s)}  # CASE type(r) WHEN '...'


def compared_with(m: Masked, prop: str) -> list[str]:
    """String literals compared with ``x.<prop>`` by =, <>, IN, on either side."""
    after = rf"\.{prop}\b\s*(?:=|<>|IN)\s*"
    single = [m.literal(i) for i in re.findall(after + _LITERAL, m.text)]
    before = [m.literal(i) for i in re.findall(rf"{_LITERAL}\s*(?:=|<>)\s*\w+\.{prop}\b", m.text)]
    return single + before + [s for listed in m.lists(after) for s in listed]


@pytest.mark.parametrize("m", MASKED, ids=_ids(MASKED))
def test_labels_and_relationship_types_are_the_models(m):
    assert labels_of(m) <= LABELS, f"{m.name}: labels not in graphmodel.model: {labels_of(m) - LABELS}"
    unknown = relationship_types_of(m) - RELATIONSHIP_TYPES
    assert not unknown, f"{m.name}: relationship types not in graphmodel.model: {unknown}"


def test_the_library_uses_every_label_and_relationship_type():
    """The other direction: a type renamed in Python but not in cypher/ fails here, not only per file."""
    assert set().union(*map(labels_of, MASKED)) == LABELS
    assert set().union(*map(relationship_types_of, MASKED)) == RELATIONSHIP_TYPES


@pytest.mark.parametrize("m", MASKED, ids=_ids(MASKED))
def test_lists_of_kinds_are_the_kinds_that_never_own(m):
    kind_lists = [listed for listed in m.lists() if set(listed) & set(model.ACTOR_KINDS)]
    kind_lists += m.lists(r"\.kind\s+IN\s*")
    for listed in kind_lists:
        assert listed == NOT_REAL_OWNERS, (
            f"{m.name}: {listed} is not sorted(graphmodel.model.NOT_REAL_OWNER_KINDS) = {NOT_REAL_OWNERS}"
        )
    unknown = set(compared_with(m, "kind")) - set(model.ACTOR_KINDS)
    assert not unknown, f"{m.name}: compares .kind with {unknown}, not in graphmodel.model.ACTOR_KINDS"


def test_the_not_real_owner_lists_are_found():
    """Guards the reading: the five gap queries that skip placeholders and collectives do hold the list."""
    holding = {m.name for m in MASKED if NOT_REAL_OWNERS in m.lists(r"\.kind\s+IN\s*")}
    assert {"overloaded", "partner-without-ownership", "sole-owners", "vague-owner", "what-if"} <= holding


@pytest.mark.parametrize("m", MASKED, ids=_ids(MASKED))
def test_states_compared_are_the_models(m):
    unknown = set(compared_with(m, "state")) - set(model.STATES)
    assert not unknown, f"{m.name}: compares .state with {unknown}, not in graphmodel.model.STATES"


def test_the_done_state_comparisons_are_found():
    assert {"overdue", "plan-not-revised"} <= {m.name for m in MASKED if "done" in compared_with(m, "state")}


def folded_comparisons(m: Masked) -> list[str]:
    """The parameters compared with a ``*_normalised`` property (``$p IN x.names_normalised``, ``x.text_normalised = $p``)."""
    normalised = r"\w+\.\w*_normalised\b"
    return re.findall(rf"\$(\w+)\s+IN\s+{normalised}", m.text) + re.findall(
        rf"{normalised}\s*(?:=|<>)\s*\$(\w+)|\$(\w+)\s*(?:=|<>)\s*{normalised}", m.text
    )


@pytest.mark.parametrize(("statement", "m"), list(zip(STATEMENTS, MASKED)), ids=_ids(MASKED))
def test_names_are_folded_in_python_only(statement, m):
    folding = re.findall(r"\b(toLower|toUpper|lower|upper|apoc\.text\.\w+)\s*\(", m.text, re.IGNORECASE)
    assert not folding, f"{m.name}: folds text in Cypher ({folding}); fold it with graphmodel.registry.normalise"
    folded = {p.name for p in statement.params if p.derived_from}
    for p in statement.params:
        if p.derived_from:
            assert statement.param(p.derived_from), f"{m.name}: ${p.name} is folded from an undeclared parameter"
    compared = [p for found in folded_comparisons(m) for p in (found if isinstance(found, tuple) else (found,)) if p]
    assert set(compared) <= folded, (
        f"{m.name}: {set(compared) - folded} compared with normalised names, not = normalise(...)"
    )
    for param in folded:
        uses = len(re.findall(rf"\${param}\b", m.text))
        assert uses == compared.count(param), f"{m.name}: ${param} is used other than against a *_normalised property"
    raw = re.findall(r"\w+\.(?:name|names|text)\s*(?:=|<>|IN|CONTAINS|STARTS WITH|ENDS WITH)\s*\$\w+", m.text)
    assert not raw, f"{m.name}: compares a name as written with a parameter ({raw}); compare the normalised property"


def test_the_folded_comparisons_are_found():
    assert {"depends-on", "responsible-for", "what-if", "works-with"} <= {
        m.name for m in MASKED if "actorKey" in str(folded_comparisons(m))
    }


@pytest.mark.parametrize(("query", "param"), sorted(THRESHOLDS))
def test_thresholds_default_to_the_gap_settings(query, param):
    statement = cypher.query(query)
    declared = statement.param(param)
    assert declared is not None and declared.default is not None, f"{query} declares no ${param} with a default"
    expected = getattr(GapSettings(), THRESHOLDS[query, param])
    assert declared.parse(declared.default) == expected, (
        f"{query}: ${param} defaults to {declared.default}, GapSettings().{THRESHOLDS[query, param]} is {expected}"
    )
