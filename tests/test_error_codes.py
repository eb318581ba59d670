"""The catalogue of error codes (graphmodel/error_codes.py) against the source and the README.

The source is read, not run: an ``ast`` walk over graphmodel/ and viz/ finds
every code literal, in the three ways codes are written there:

* a reading error: a string passed as ``code`` to ``IngestError``, or to a
  helper that takes a ``code`` and builds the IngestError (``_fail(path, code, ...)``);
* a ledger problem: a string passed as ``problem`` to ``Interpretation``, or the
  second item of a note tuple ``(became, problem, ...)`` whose first is text;
* a comparison with a code (``error.code == "..."``, ``r["problem"] in (...)``).

A code the source raises and the catalogue lacks fails, and so does a
catalogued code nothing raises; the README's table is the catalogue's table.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from graphmodel import error_codes
from graphmodel.errors import IngestError
from graphmodel.model import Interpretation
from tests.conftest import ROOT

SOURCE_DIRS = (ROOT / "graphmodel", ROOT / "viz")
CATALOGUE = ROOT / "graphmodel" / "error_codes.py"
README = ROOT / "README.md"
BEGIN, END = "<!-- error-codes:begin -->", "<!-- error-codes:end -->"
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")

CODE_AT = [f.name for f in dataclasses.fields(IngestError)].index("code")
PROBLEM_AT = [f.name for f in dataclasses.fields(Interpretation)].index("problem")


def _sources() -> list[tuple[Path, ast.Module]]:
    files = sorted(p for d in SOURCE_DIRS for p in d.rglob("*.py") if p != CATALOGUE)
    return [(p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for p in files]


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _strings(node: ast.expr | None) -> list[str]:
    """The string constants an argument can be: itself, either side of ``a if c else b``, items of a tuple."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for item in node.elts for s in _strings(item)]
    return []


def _argument(call: ast.Call, name: str, position: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    plain = [a for a in call.args if not isinstance(a, ast.Starred)]
    return plain[position] if position < len(plain) and len(plain) == len(call.args) else None


def _error_helpers(trees: list[tuple[Path, ast.Module]]) -> dict[str, int]:
    """Functions that take a ``code`` and build an IngestError with it, with the code's position in a call."""
    helpers = {"IngestError": CODE_AT}
    for _, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            names = [a.arg for a in node.args.posonlyargs + node.args.args]
            builds = any(isinstance(n, ast.Call) and _name(n.func) == "IngestError" for n in ast.walk(node))
            if "code" in names and builds:
                bound = 1 if names and names[0] in ("self", "cls") else 0
                helpers[node.name] = names.index("code") - bound
    return helpers


def _note_problem(note: ast.Tuple) -> list[str]:
    """The problem of a ledger note appended as ``(became, problem, ...)``: became is text, problem a code."""
    if len(note.elts) < 2:
        return []
    became, problem = note.elts[0], note.elts[1]
    if not (isinstance(became, ast.JoinedStr) or (isinstance(became, ast.Constant) and isinstance(became.value, str))):
        return []
    return [s for s in _strings(problem) if KEBAB.match(s)] if isinstance(problem, ast.Constant) else []


def _is_code_subject(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in ("code", "problem")
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value in ("code", "problem")
    return False


@dataclasses.dataclass
class Uses:
    """Where each code is written in the source, by how it is used (code -> ['file:line', ...])."""

    errors: dict[str, list[str]]
    problems: dict[str, list[str]]
    compared: dict[str, list[str]]


def source_uses() -> Uses:
    trees = _sources()
    helpers = _error_helpers(trees)
    uses = Uses({}, {}, {})

    def note(into: dict[str, list[str]], codes: list[str], path: Path, node: ast.AST) -> None:
        for code in codes:
            into.setdefault(code, []).append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")

    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                if name in helpers:
                    note(uses.errors, _strings(_argument(node, "code", helpers[name])), path, node)
                elif name == "Interpretation":
                    note(uses.problems, _strings(_argument(node, "problem", PROBLEM_AT)), path, node)
                elif name == "append" and len(node.args) == 1 and isinstance(node.args[0], ast.Tuple):
                    note(uses.problems, _note_problem(node.args[0]), path, node)
            elif isinstance(node, ast.Compare) and _is_code_subject(node.left):
                note(uses.compared, [s for side in node.comparators for s in _strings(side)], path, node)
    return uses


@pytest.fixture(scope="module")
def uses() -> Uses:
    return source_uses()


def _where(found: dict[str, list[str]], codes: set[str]) -> str:
    return "; ".join(f"{c} ({', '.join(found[c][:3])})" for c in sorted(codes))


def test_the_walk_finds_codes_of_every_shape(uses):
    """Guards the walk itself: a code of each shape, from each kind of site, is found."""
    assert {"missing-measure-column", "no-plan-files", "metadata-takes-registry-actor"} <= set(uses.errors)
    assert {"file-not-found", "too-many-actors", "bad-plan-metadata"} <= set(uses.errors)  # via _fail helpers
    assert {"status-not-understood", "unrecognised-column", "no-measure-in-row"} <= set(uses.problems)
    assert {"unknown-actor", "no-actor-in-cell", "control-characters"} <= set(uses.problems)  # note tuples
    assert "duplicate-column" in uses.compared


def test_every_code_the_source_writes_is_in_the_catalogue(uses):
    missing = (set(uses.errors) | set(uses.problems)) - set(error_codes.BY_CODE)
    assert not missing, (
        f"codes used in the source but not in graphmodel/error_codes.py: {_where({**uses.errors, **uses.problems}, missing)}"
    )


def test_every_catalogued_code_is_written_by_the_source(uses):
    unused = set(error_codes.BY_CODE) - set(uses.errors) - set(uses.problems)
    assert not unused, f"codes in graphmodel/error_codes.py that no source raises or lists: {sorted(unused)}"


def test_each_code_has_the_kind_the_source_gives_it(uses):
    wrong = [
        f"{code} is raised as an IngestError but catalogued as {error_codes.BY_CODE[code].kind}"
        for code in uses.errors
        if code in error_codes.BY_CODE and error_codes.BY_CODE[code].kind != error_codes.ERROR
    ] + [
        f"{code} is a ledger problem but catalogued as {error_codes.BY_CODE[code].kind}"
        for code in uses.problems
        if code in error_codes.BY_CODE and error_codes.BY_CODE[code].kind != error_codes.PROBLEM
    ]
    assert not wrong, "; ".join(wrong)
    assert not set(uses.errors) & set(uses.problems), "a code is both a reading error and a ledger problem"


def test_codes_compared_in_the_source_are_catalogued(uses):
    unknown = set(uses.compared) - set(error_codes.BY_CODE)
    assert not unknown, f"the source compares with codes the catalogue lacks: {_where(uses.compared, unknown)}"


def test_catalogue_entries_fit_one_table_row():
    codes = [c.code for c in error_codes.CODES]
    assert len(codes) == len(set(codes)), "a code is catalogued twice"
    for c in error_codes.CODES:
        assert KEBAB.match(c.code), c.code
        assert c.kind in (error_codes.ERROR, error_codes.PROBLEM), c
        for text in (c.meaning, c.fix):
            assert text.strip() and "|" not in text and "\n" not in text, c


def _readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1 and text.count(END) == 1, f"README.md needs one {BEGIN} and one {END}"
    section = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_readme_table_is_the_catalogues_table():
    assert _readme_section() == error_codes.markdown_table(), (
        "README.md's table of error codes differs from graphmodel/error_codes.py; paste "
        "`python -c 'from graphmodel.error_codes import markdown_table; print(markdown_table())'` "
        f"between {BEGIN} and {END}"
    )


# --- Reading rules (issue 11): the catalogue READING_RULES against the reader and the README ----------------

READER = ROOT / "graphmodel" / "read"
RULES_BEGIN, RULES_END = "<!-- reading-rules:begin -->", "<!-- reading-rules:end -->"
RULE_WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")  # "merged", "vague-by-form"; not ", " of a join


def _holds_rules(node: ast.expr) -> bool:
    """A name or attribute that holds reading rules: ``rule``, ``rules``, ``phrase.rules``, ``_UNIT_RULES``."""
    name = _name(node)
    return name is not None and name.lower().rstrip("s").endswith("rule")


def _rule_words(node: ast.AST | None) -> list[str]:
    """Every rule-shaped string constant in an expression: ``(*rules, "plural")``, ``next(..., "role-at-unit")``,
    ``", ".join(filter(None, (rules, "vague-by-form")))``."""
    if node is None:
        return []
    return [
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and RULE_WORD.match(n.value)
    ]


def _is_note(node: ast.expr) -> bool:
    """A ledger note ``(became, problem, suggestions, part, rule)``: five items, the first text."""
    if not (isinstance(node, ast.Tuple) and len(node.elts) == 5):
        return False
    became = node.elts[0]
    return isinstance(became, ast.JoinedStr) or (isinstance(became, ast.Constant) and isinstance(became.value, str))


def _rule_parameters(trees: list[tuple[Path, ast.Module]]) -> dict[str, list[tuple[str, int]]]:
    """Callables that take rules, with the parameter's name and position: the dataclasses' fields
    (``Interpretation.rule``, ``ActorPhrase.rules``) and every function with a ``rule``/``rules`` parameter."""
    from graphmodel.read.phrases import ActorPhrase

    takes: dict[str, list[tuple[str, int]]] = {}
    for cls in (Interpretation, ActorPhrase):
        names = [f.name for f in dataclasses.fields(cls)]
        takes[cls.__name__] = [(n, names.index(n)) for n in names if n in ("rule", "rules")]
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                bound = 1 if names and names[0] in ("self", "cls") else 0
                found = [(n, i - bound) for i, n in enumerate(names) if n in ("rule", "rules")]
                found += [(a.arg, -1) for a in node.args.kwonlyargs if a.arg in ("rule", "rules")]
                if found:
                    takes.setdefault(node.name, []).extend(found)
    return takes


def rules_the_reader_sets() -> dict[str, list[str]]:
    """Rule -> where the reader writes it ('file:line'): passed as a rule to a callable that takes rules, the
    fifth item of a ledger note ``(became, problem, suggestions, part, rule)``, assigned to or compared with a
    name that holds rules."""
    trees = [(p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for p in sorted(READER.rglob("*.py"))]
    takes = _rule_parameters(trees)
    found: dict[str, list[str]] = {}

    def note(words: list[str], path: Path, node: ast.AST) -> None:
        for word in words:
            found.setdefault(word, []).append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}")

    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for name, position in takes.get(_name(node.func) or "", []):
                    keyword = next((k.value for k in node.keywords if k.arg == name), None)
                    note(_rule_words(_argument(node, name, position) if position >= 0 else keyword), path, node)
                if _name(node.func) == "append" and len(node.args) == 1 and _is_note(node.args[0]):
                    note(_rule_words(node.args[0].elts[4]), path, node)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                        pairs = zip(target.elts, node.value.elts)
                    else:
                        pairs = [(target, node.value)]
                    for one, value in pairs:
                        if _holds_rules(one):
                            note(_rule_words(value), path, node)
            elif isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(_holds_rules(side) for side in sides):
                    note([w for side in sides if not _holds_rules(side) for w in _rule_words(side)], path, node)
    return found


@pytest.fixture(scope="module")
def rules_set() -> dict[str, list[str]]:
    return rules_the_reader_sets()


def test_the_walk_finds_the_rules_the_reader_sets_today(rules_set):
    """Guards the walk: the rules of the ledger's own sites (a continuation row, parts merged, a vague form)."""
    assert {"continuation", "merged", "vague-by-form"} <= set(rules_set)


def test_every_rule_the_reader_sets_is_a_reading_rule(rules_set):
    unknown = set(rules_set) - set(error_codes.READING_RULES)
    assert not unknown, (
        f"reading rules the reader sets but READING_RULES in graphmodel/error_codes.py lacks: {_where(rules_set, unknown)}"
    )


def test_reading_rules_fit_one_table_row():
    for rule, meaning in error_codes.READING_RULES.items():
        assert RULE_WORD.match(rule), rule
        assert meaning.strip() and "|" not in meaning and "\n" not in meaning, rule
    assert not set(error_codes.READING_RULES) & set(error_codes.BY_CODE), "a rule is also a problem code"


def test_readme_table_of_reading_rules_is_the_catalogues_table():
    text = README.read_text(encoding="utf-8")
    assert text.count(RULES_BEGIN) == 1 and text.count(RULES_END) == 1, (
        f"README.md needs one {RULES_BEGIN} and one {RULES_END}"
    )
    section = text[text.index(RULES_BEGIN) + len(RULES_BEGIN) : text.index(RULES_END)]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == error_codes.reading_rules_table(), (
        "README.md's table of reading rules differs from READING_RULES in graphmodel/error_codes.py; paste "
        "`python -c 'from graphmodel.error_codes import reading_rules_table; print(reading_rules_table())'` "
        f"between {RULES_BEGIN} and {RULES_END}"
    )
