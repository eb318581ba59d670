"""Property tests from table to plan: the splitter, the status parser, the `.plan.toml` reader, parse_plan.

Whatever the text: no exception but IngestFailed with located errors; every
non-empty actor cell gives actors or a ledger note; every status a state and
periods the calendar knows. Each example has a deadline, so a return of
super-linear splitting fails here. FUZZ_EXAMPLES sets the number of examples
per test (default 60: the file takes about 15 s on two busy cores).
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel.errors import IngestFailed
from graphmodel.model import STATES, PlanInfo
from graphmodel.periods import is_overdue, period_bounds
from graphmodel.read.phrases import fold_whitespace, split_actor_cell
from graphmodel.read.plan_metadata import PLAN_METADATA, read_plan_info
from graphmodel.read.plans import parse_plan, slug
from graphmodel.read.registry_file import read_registry
from graphmodel.read.status import parse_status
from graphmodel.read.tables import Limits, parse_csv_text

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
CODE = re.compile(r"[a-z]+(-[a-z]+)*")
REGISTRY = read_registry()

# What actor cells are made of: names, separators, words the splitter reads, and what breaks regexes.
pieces = st.sampled_from(
    [
        "Polisen",
        "Säpo",
        "Socialtjänsten",
        "HR- avdelningen",
        "avdelningschef förskola och fritid",
        "kultur-",
        "fritidsförvaltningen",
        "arbetsmarknads-",
        "nämnden",
        "Övriga",
        "berörda",
        "representanter från",
        "vid behov",
        "i vissa fall",
        "m.fl.",
        "t.ex.",
        "och",
        "samt",
        "eller",
        "tillsammans med",
        "och/eller",
        ",",
        ";",
        "/",
        "&",
        "+",
        "-",
        "–",
        "(",
        ")",
        "(samordnare)",
        ".",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\x00",
        "\x0b",
        "\x85",
        "\u2028",
        "\u00a0",
        "\u3000",
        "Полиция",
        "警察",
        "🚓",
        "e\u0301",
        "ß",
        "ﬁ",
        "İ",
        "\x000\x00",
        "\ufeff",
    ]
)
cell_text = (
    st.lists(st.one_of(pieces, st.text(max_size=10)), max_size=16).map(" ".join)
    | st.lists(st.one_of(pieces, st.text(max_size=6)), max_size=16).map("".join)
    | st.text()
    | st.builds(lambda unit, n: unit * n, pieces | st.text(min_size=1, max_size=3), st.integers(0, 4000))
)
status_words = st.sampled_from(
    [
        "Pågående",
        "Planerat",
        "Klart",
        "klart hösten",
        "Under utveckling",
        "Utgår",
        "Ej påbörjat",
        "från",
        "till",
        "fr.o.m.",
        "t.o.m.",
        "senast",
        "2017",
        "2018-2020",
        "2017-19",
        "VT19",
        "ht -17",
        "Q3",
        "kvartal 2",
        "H1",
        "första halvåret",
        "december",
        "2018-06-30",
        "0000",
        "9999",
        "1850",
        "-",
        "–",
        "'",
        ".",
        " ",
        "\n",
        "\x00",
    ]
)
status_text = (
    st.lists(st.one_of(status_words, st.text(max_size=6)), max_size=12).map(" ".join)
    | st.text()
    | st.builds(lambda unit, n: unit * n, status_words, st.integers(0, 3000))
)


def located(failed: IngestFailed) -> None:
    assert failed.errors
    for error in failed.errors:
        assert error.path and CODE.fullmatch(error.code) and error.message, error


def letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text) if c.isalnum())


def base_letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum())


# --- the splitter ---------------------------------------------------------------------------


@FUZZ
@given(cell=cell_text, with_registry=st.booleans())
def test_any_actor_cell_splits_into_phrases_found_in_the_cell(cell, with_registry):
    phrases = split_actor_cell(cell, REGISTRY if with_registry else None)
    folded = fold_whitespace(cell)
    for phrase in phrases:
        assert phrase.name and phrase.text and phrase.text in folded + ".", (cell, phrase)
    if not letters(cell):
        return
    # A cell with letters or digits names someone, unless it holds only separators, hedges and remarks.
    assert phrases or not letters(re.sub(r"(?i)\b(och|samt|eller|tillsammans med)\b", "", folded))


@FUZZ
@given(name=st.text(min_size=1), other=st.text(min_size=1))
def test_names_with_different_letters_get_different_ids(name, other):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug(name))
    if base_letters(name) != base_letters(other):  # accents and case may fold away, letters may not
        assert slug(name) != slug(other)


# --- the status parser ----------------------------------------------------------------------


@FUZZ
@given(text=status_text)
def test_any_status_has_a_state_and_periods_the_calendar_knows(text):
    status = parse_status(text)
    assert status.state in STATES and status.text == text
    for period in (status.start, status.due):
        if period is not None:
            first, last = period_bounds(period)
            assert first <= last
    is_overdue(status, date(2030, 1, 1))


# --- the .plan.toml reader ------------------------------------------------------------------

toml_keys = st.sampled_from([key.name for key in PLAN_METADATA]) | st.text(min_size=1, max_size=12)
toml_values = st.recursive(
    st.one_of(
        st.text(max_size=30),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.dates(),
        st.datetimes(),
        st.times(),
        st.just("²"),
        st.just(2017),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return (
            '"'
            + "".join(
                c
                if c.isprintable() and c not in '"\\'
                else f"\\u{ord(c):04x}"
                if ord(c) < 0x10000
                else f"\\U{ord(c):08x}"
                for c in value
            )
            + '"'
        )
    if isinstance(value, float):
        return repr(value) if "e" in repr(value) or "." in repr(value) else repr(value) + ".0"
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


@FUZZ
@given(document=st.dictionaries(toml_keys, toml_values, max_size=6))
def test_any_toml_side_file_gives_metadata_or_located_errors(tmp_path, document):
    plan = tmp_path / "plan.csv"
    text = "".join(f"{toml_value(key)} = {toml_value(value)}\n" for key, value in document.items())
    (tmp_path / "plan.plan.toml").write_text(text, encoding="utf-8")
    try:
        info = read_plan_info(plan)
    except IngestFailed as failed:
        located(failed)
        return
    assert set(document) <= {key.name for key in PLAN_METADATA}
    assert info.year is None or type(info.year) is int
    assert all(isinstance(v, str) for v in (info.id, info.title, info.organisation, info.organisation_name))


@FUZZ
@given(
    data=st.binary(max_size=2_000)
    | st.builds(lambda b, n: b * n, st.binary(min_size=1, max_size=4), st.integers(0, 30_000))
)
def test_any_bytes_as_a_side_file_give_metadata_or_located_errors(tmp_path, data):
    (tmp_path / "plan.plan.toml").write_bytes(data)
    try:
        read_plan_info(tmp_path / "plan.csv")
    except IngestFailed as failed:
        located(failed)


# --- parse_plan on random tables ------------------------------------------------------------

INFO = PlanInfo("p", "Plan", "", "Testkommun", file="p.csv")
rows = st.lists(
    st.tuples(st.text(max_size=20) | st.just("Samverka"), cell_text, cell_text, status_text), min_size=1, max_size=6
)


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@FUZZ
@given(rows=rows)
def test_every_non_empty_actor_cell_of_a_plan_is_accounted_for(rows):
    text = "Åtgärd;Ansvarig;Övriga aktörer;Status\n" + "".join(
        ";".join(csv_cell(c) for c in row) + "\n" for row in rows
    )
    try:
        table = parse_csv_text(text, "p.csv", Limits(cell_length=100_000))
        plan = parse_plan(table, INFO, REGISTRY)
    except IngestFailed as failed:
        located(failed)
        return
    for row in table.rows:
        for column in ("responsible", "partners"):
            cell = row.cells.get(column, "")
            if cell.strip():
                noted = [e for e in plan.ledger if e.source.row == row.number and e.column == table.headers[column]]
                assert noted and all(e.text is cell or e.text == cell for e in noted), (row, column)
