"""The evidence corpus (issue 11): every example plan is read as its hand-written expectation says.

Each ``data/plans/examples/<plan>.expected.toml`` was written by hand BEFORE graphmodel was run on
``<plan>.csv`` (or ``.xlsx``): one ``[[measure]]`` per row that starts a measure, with the actors of
its Ansvarig and partner cells, its status, and the rows that continue it. This test compares every
measure with it, by the measure's source row, and fails with one line per mismatching cell (plan,
row, column, cell text, expected, got), all of a plan's at once: that list is the test's output.

Expected actors are written so (see ``data/plans/examples/README.md``):

* ``"Name"``: a registry actor: ``registry.named(Name)`` must be an entry (else the expectation is
  wrong, and says so); the actor is that entry bound to the plan (a national id, or
  ``<organisation id>/<entry id>``; the registry's own-organisation entry is the organisation).
* ``"?Name"``: an unknown actor of that name (case and spacing folded).
* ``"~phrase"``: a collective or placeholder whose name, or the text that named it, is the phrase, or
  which is the registry's collective or placeholder the phrase names ("~trossamfunden": Trossamfund).
* ``"Role @ Body"``: a role or unit of a body: an actor whose id contains the role's registry id and
  whose parent is the Body's actor (Body written in the same notation), or has it higher up its
  registry chain (the registry's Skolkurator, under Elevhälsan under Skolan, is "Kurator @ Skola").

A measure's ``known_limit = { partners = "why" }`` names a column the tool cannot read right yet: that
column must still differ from the expectation (when it no longer does, the test says to remove the
limit), so a limit is said once, in the expectation, and never hides a change.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import graphmodel as gm
from graphmodel.errors import IngestFailed
from graphmodel.model import NATIONAL, NOT_REAL_OWNER_KINDS
from graphmodel.read.tables import canonical_column
from graphmodel.registry import OWN_ORGANISATION

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "plans" / "examples"
EXPECTATIONS = sorted(EXAMPLES.glob("*.expected.toml"))
PLAN_SUFFIXES = (".csv", ".xlsx", ".xlsm")
COLUMNS = (("responsible", "responsible"), ("partners", "partners"))


def _stem(expected: Path) -> str:
    return expected.name.removesuffix(".expected.toml")


def _plan_file(expected: Path) -> Path:
    for suffix in PLAN_SUFFIXES:
        candidate = expected.with_name(_stem(expected) + suffix)
        if candidate.is_file():
            return candidate
    raise AssertionError(f"{expected.name}: no plan file {_stem(expected)}{{{','.join(PLAN_SUFFIXES)}}} beside it")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_the_corpus_is_there():
    """The corpus has plans to compare (a glob that finds nothing would pass silently)."""
    assert len(EXPECTATIONS) >= 4, EXPECTATIONS


class _Expected:
    """Turns an expected actor string into a test on the plan's actors."""

    def __init__(self, plan, registry):
        self.plan, self.registry = plan, registry

    def entry_id(self, name: str) -> tuple[str | None, str | None]:
        """(the actor id a registry name binds to in this plan, None) or (None, why the expectation is wrong)."""
        entry = self.registry.named(name)
        if entry is None:
            return None, f"expected actor {name!r} is no registry name (a wrong expectation, or the registry lacks it)"
        if entry.id == OWN_ORGANISATION:
            return self.plan.info.organisation, None
        return (entry.id if entry.scope == NATIONAL else f"{self.plan.info.organisation}/{entry.id}"), None

    def body_ids(self, body: str) -> tuple[set[str], str | None]:
        """The ids of the plan's actors a Body of "Role @ Body" may be."""
        actors = self.plan.actors.values()
        if body.startswith("?"):
            return {a.id for a in actors if a.unknown and _fold(a.name) == _fold(body[1:])}, None
        if body.startswith("~"):
            return {a.id for a in actors if a.kind in NOT_REAL_OWNER_KINDS and _fold(a.name) == _fold(body[1:])}, None
        actor_id, problem = self.entry_id(body)
        return ({actor_id} if actor_id else set()), problem

    def ancestors(self, actor_id: str) -> list[str]:
        chain, seen = [], {actor_id}
        parent = self.plan.actors[actor_id].parent if actor_id in self.plan.actors else None
        while parent and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.plan.actors[parent].parent if parent in self.plan.actors else None
        return chain

    def matcher(self, expected: str):
        """(a test of an ActorRef, the id it must have or None, the problem of the expectation or None)."""
        if " @ " in expected:
            role, body = (part.strip() for part in expected.split(" @ ", 1))
            role_entry = self.registry.named(role)
            if role_entry is None:
                return None, None, f"role {role!r} of {expected!r} is no registry name"
            bodies, problem = self.body_ids(body)
            if problem:
                return None, None, f"body of {expected!r}: {problem}"
            return (
                lambda ref: role_entry.id in ref.id and bool(bodies & set(self.ancestors(ref.id))),
                None,
                None,
            )
        if expected.startswith("?"):
            name = _fold(expected[1:])
            return (lambda ref: ref.unknown and _fold(ref.name) == name), None, None
        if expected.startswith("~"):
            phrase = _fold(expected[1:])
            same = self.entry_id(expected[1:])[0] if self.registry.named(expected[1:]) else None
            return (
                (
                    lambda ref: (
                        ref.kind in NOT_REAL_OWNER_KINDS
                        and (phrase in (_fold(ref.name), _fold(ref.text)) or ref.id == same)
                    )
                ),
                None,
                None,
            )
        actor_id, problem = self.entry_id(expected)
        if problem:
            return None, None, problem
        return (lambda ref: ref.id == actor_id), actor_id, None


def _show(ref, plan) -> str:
    """An actor as read: ?unknown, ~vague, name [id] (with its parent when it has one)."""
    actor = plan.actors.get(ref.id)
    if ref.unknown:
        return f"?{ref.name}"
    mark = "~" if ref.kind in NOT_REAL_OWNER_KINDS else ""
    parent = f", parent {actor.parent}" if actor is not None and actor.parent else ""
    return f"{mark}{ref.name} [{ref.id}{parent}]"


def _status_text(state, start, due) -> str:
    return f"{state}" + (f" start={start}" if start else "") + (f" due={due}" if due else "")


def _cells(plan, rows: list[int], column: str) -> str:
    """The text of a measure's cells of one canonical column, from the ledger (its continuation rows too)."""
    texts: list[str] = []
    for item in plan.ledger:
        if item.source.row in rows and canonical_column(item.column) == column and item.text not in texts:
            texts.append(item.text)
    return " + ".join(texts)


def _compare_actors(expect: _Expected, refs, wanted: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(expected strings not found, refs read but not expected, problems of the expectation)."""
    left = list(refs)
    missing, problems, ids = [], [], {}
    for expected in wanted:
        test, actor_id, problem = expect.matcher(expected)
        if problem:
            problems.append(problem)
            continue
        if actor_id is not None:
            if actor_id in ids:
                problems.append(
                    f"{ids[actor_id]!r} and {expected!r} are one registry actor ({actor_id}): the registry merges "
                    "two actors the cell names"
                )
            ids[actor_id] = expected
        found = next((ref for ref in left if test(ref)), None)
        if found is None:
            missing.append(expected)
        else:
            left.remove(found)
    return missing, left, problems


def mismatches(plan, expectation: dict, registry) -> list[str]:
    """Every cell of the plan read otherwise than the expectation says, one line each."""
    name = Path(plan.info.file or plan.info.id).name
    lines: list[str] = []
    expect = _Expected(plan, registry)
    if "organisation" in expectation and _fold(plan.info.organisation_name) != _fold(expectation["organisation"]):
        lines.append(
            f"{name}: organisation: expected {expectation['organisation']!r}, got {plan.info.organisation_name!r}"
        )
    got = {measure.source.row: measure for measure in plan.measures}
    expected = {item["row"]: item for item in expectation.get("measure", [])}
    continuing = {row: item["row"] for item in expected.values() for row in item.get("continued_by", [])}
    for row in sorted(set(got) | set(expected)):
        where = f"{name} row {row}"
        if row not in expected:
            measure = got[row]
            if row in continuing:
                lines.append(
                    f"{where} continuation: {measure.text!r}: expected it to continue the measure on row "
                    f"{continuing[row]}, got a measure of its own"
                )
            else:
                lines.append(f"{where} measure: {measure.text!r}: expected no measure here, got one")
            continue
        item = expected[row]
        if row not in got:
            notes = "; ".join(sorted({i.became for i in plan.ledger if i.source.row == row})) or "nothing"
            lines.append(f"{where} measure: expected a measure starting here, got {notes}")
            continue
        measure = got[row]
        rows = [row, *item.get("continued_by", [])]
        for column, attribute in COLUMNS:
            refs = getattr(measure, attribute)
            wanted = item.get(column, [])
            missing, extra, problems = _compare_actors(expect, refs, wanted)
            limit = item.get("known_limit", {}).get(column)
            if limit is not None:  # a reading the tool cannot make yet, said so: it must still fail, or go
                if not (missing or extra or problems):
                    lines.append(f"{where} {column}: the known limit {limit!r} is read right now: remove it")
                continue
            if missing or extra or problems:
                detail = "; ".join(
                    filter(
                        None,
                        (
                            f"missing {missing}" if missing else "",
                            f"extra {[_show(ref, plan) for ref in extra]}" if extra else "",
                            f"EXPECTATION PROBLEM: {' / '.join(problems)}" if problems else "",
                        ),
                    )
                )
                lines.append(
                    f"{where} {column}: {_cells(plan, rows, column)!r}: expected {wanted}, got "
                    f"{[_show(ref, plan) for ref in refs]} ({detail})"
                )
        status = measure.status
        if "status" in item:
            want = (item["status"], item.get("start"), item.get("due"))
        else:
            want = ("unknown", None, None)  # an empty status cell
        have = (status.state, status.start, status.due)
        if want != have or ("status" not in item and status.text):
            lines.append(
                f"{where} status: {status.text!r}: expected {_status_text(*want)}, got {_status_text(*have)}"
                + ("" if status.interpreted else " (not understood)")
            )
        for continued in item.get("continued_by", []):
            if continued in got:
                continue  # reported as a measure of its own above
            joined = [i for i in plan.ledger if i.source.row == continued and f"on row {row}" in i.became]
            if not joined:
                notes = "; ".join(sorted({i.became for i in plan.ledger if i.source.row == continued})) or "nothing"
                lines.append(
                    f"{name} row {continued} continuation: expected it to continue the measure on row {row}, got {notes}"
                )
    return lines


@pytest.mark.parametrize("expected_file", EXPECTATIONS, ids=_stem)
def test_example_plan_reads_as_expected(expected_file, registry):
    """Every measure of the plan, by its source row, has the expected actors, status and continuation rows."""
    expectation = tomllib.loads(expected_file.read_text(encoding="utf-8"))
    plan_file = _plan_file(expected_file)
    try:
        (plan,) = gm.read_plans([plan_file], registry)
    except IngestFailed as failed:  # a plan that cannot be read at all is one mismatch too
        pytest.fail(f"{plan_file.name} could not be read:\n{failed}", pytrace=False)
    lines = mismatches(plan, expectation, registry)
    if lines:
        pytest.fail(
            f"{plan_file.name}: {len(lines)} cell(s) read otherwise than {expected_file.name} expects:\n"
            + "\n".join(lines),
            pytrace=False,
        )
