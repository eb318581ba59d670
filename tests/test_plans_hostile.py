"""Issue 9, part C: inputs that used to hang, crash or quietly corrupt the way from table to plan.

Each test is a reproduction from the issue. Timing tests compare growth (ten times the input
must not take thirty times as long), with a generous absolute floor and an alarm, so that a
busy machine does not make them flaky and a regression to quadratic time fails quickly.
"""

from __future__ import annotations

import csv
import re

import pytest

import graphmodel.read.phrases as phrases
import graphmodel.read.status as status
import graphmodel.registry as registry_module
from graphmodel.errors import IngestError, IngestFailed, RegistryError
from graphmodel.model import PlanInfo
from graphmodel.read.phrases import split_actor_cell
from graphmodel.read.plans import parse_plan, read_plan, slug
from graphmodel.read.registry_file import read_registry
from graphmodel.read.tables import Limits, parse_csv_text
from graphmodel.registry import Registry, RegistryEntry
from tests.bounded import grows_linearly, within

INFO = PlanInfo("p", "Plan", "", "Testkommun", file="p.csv")


def table(rows: list[dict[str, str]]):
    """A plan table from rows of cells (header → text), through the real CSV reader."""
    headers = list(dict.fromkeys(h for row in rows for h in row))
    lines = [";".join(headers)] + [
        ";".join('"' + row.get(h, "").replace('"', '""') + '"' for h in headers) for row in rows
    ]
    return parse_csv_text("\n".join(lines) + "\n", "p.csv")


@pytest.fixture(scope="module")
def registry():
    return read_registry()


# --- 1. the splitter on runs of whitespace and separators ---------------------------------

REPEATED = [
    " ",
    "\t",
    "\n",
    " \n\t ",
    "\u00a0",
    ", ",
    ", , , ,",
    "och ",
    "och och och ",
    "/ / /",
    "(((((",
    ")",
    "()",
    "(a) ",
    "- - -",
    "a- ",
    "a-, ",
    "a-,",
    "vid behov ",
    "i vissa fall ",
    "m.fl. ",
    "representanter från ",
    "Socialtjänsten ",
    "Övriga ",
    "chef a och b ",
    "\x00",
    "\x000\x00",
]


@pytest.mark.parametrize("unit", REPEATED)
@pytest.mark.parametrize("with_registry", [False, True])
def test_a_run_of_spaces_or_separators_in_an_actor_cell_is_read_in_linear_time(unit, with_registry, registry):
    reg = registry if with_registry else None
    grows_linearly(
        lambda n: "Polisen" + unit * max(1, n // len(unit)) + "Säpo",
        lambda cell: split_actor_cell(cell, reg),
        1_000,
        what=repr(unit),
    )


@pytest.mark.parametrize("space", [" ", "\t", "\u3000"])
def test_a_cell_of_fifty_thousand_spaces_between_two_names_is_two_actors_at_once(space, registry):
    with within(10):
        found = split_actor_cell("Polisen," + space * 50_000 + "Säpo", registry)
    assert [p.name for p in found] == ["Polisen", "Säpo"]


def test_line_breaks_still_separate_actors_after_whitespace_is_folded(registry):
    assert [p.name for p in split_actor_cell("Polisen \r\n\r\n  Säpo\rFryshuset", registry)] == [
        "Polisen",
        "Säpo",
        "Fryshuset",
    ]


def test_a_nul_and_digits_in_a_cell_do_not_crash_the_splitter(registry):
    assert [p.name for p in split_actor_cell("Polisen \x000\x00 Säpo, \x0012\x00", registry)] == [
        "Polisen 0 Säpo",
        "12",
    ]


PATTERN_MODULES = (phrases, status, registry_module)
UNITS = [
    " ",
    "\t",
    "\n",
    ", ",
    "a",
    "a-",
    "a- ",
    "a-,",
    "a-, ",
    "-",
    "(",
    "\x00",
    "\x000",
    "0",
    "2017 ",
    "och ",
    "chef ",
    "vt ",
    "kvartal ",
    ".",
    " .",
    "m.fl. ",
    "ej ",
    "fr.o.m ",
    "i vissa fall ",
    "vid behov ",
]


def module_patterns():
    return [
        pytest.param(value, id=f"{module.__name__.rsplit('.', 1)[-1]}.{name}")
        for module in PATTERN_MODULES
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    ]


@pytest.mark.parametrize("pattern", module_patterns())
def test_no_pattern_of_the_reading_path_backtracks_badly_on_a_repeated_unit(pattern):
    for unit in UNITS:
        for work in (pattern.search, lambda s: pattern.sub("x", s)):  # findall scans as sub does
            grows_linearly(
                lambda n, unit=unit: unit * max(1, n // len(unit)), work, 2_000, slack=0.1, what=f"{unit!r} {work}"
            )


# --- 2. the registry's parent chain -----------------------------------------------------------


def unit_chain(depth: int, parent_of_first: str | None = None) -> list[RegistryEntry]:
    """u0 ← u1 ← ... ← u{depth-1}: each unit part of the one before it."""
    return [
        RegistryEntry(f"u{i}", f"Enhet nummer {i}", "municipal-unit", "national", f"u{i - 1}" if i else parent_of_first)
        for i in range(depth)
    ]


def test_a_registry_two_thousand_parents_deep_is_checked_at_once_and_its_deepest_unit_binds():
    with within(10):
        registry = Registry(unit_chain(2_000))
        assert registry.ancestors("u1999")[-1] == "u0" and len(registry.ancestors("u1999")) == 1_999
        plan = parse_plan(table([{"Åtgärd": "Samverka", "Ansvarig": "Enhet nummer 1999"}]), INFO, registry)
    assert plan.measures[0].responsible[0].id == "u1999"
    assert plan.actors["u1"].parent == "u0" and plan.actors["u1999"].parent == "u1998"


def test_a_loop_at_the_end_of_a_long_parent_chain_is_one_clear_error_naming_the_loop():
    entries = unit_chain(2_000) + [
        RegistryEntry("a", "Alfa", "municipal-unit", "national", "c"),
        RegistryEntry("b", "Beta", "municipal-unit", "national", "a"),
        RegistryEntry("c", "Gamma", "municipal-unit", "national", "b"),
    ]
    entries[0] = RegistryEntry("u0", "Enhet nummer 0", "municipal-unit", "national", "a")
    with within(10), pytest.raises(RegistryError) as raised:
        Registry(entries)
    assert str(raised.value) == "Actor registry is inconsistent:\n  a: the parent chain loops: a → c → b → a"


def test_a_loop_of_two_thousand_is_reported_once():
    with within(10), pytest.raises(RegistryError) as raised:
        Registry(unit_chain(2_000, parent_of_first="u1999"))
    assert str(raised.value).count("the parent chain loops") == 1
    assert "u0: the parent chain loops: u0 → u1999 → u1998" in str(raised.value)


# --- 3. registry files ------------------------------------------------------------------------

REGISTRY_HEADER = b"id;name;kind;scope;parent;aliases;note\n"


def registry_error(tmp_path, data: bytes) -> IngestError:
    path = tmp_path / "mine.csv"
    path.write_bytes(data)
    with within(10), pytest.raises(IngestFailed) as raised:
        read_registry([path])
    assert len(raised.value.errors) == 1
    error = raised.value.errors[0]
    assert error.path == str(path)
    return error


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_a_registry_byte_that_is_neither_utf8_nor_cp1252_is_a_located_error(tmp_path, byte):
    error = registry_error(
        tmp_path,
        REGISTRY_HEADER
        + b"ett;Ett;municipal-unit;organisation;;;\n"
        + b"tva;T"
        + bytes([byte])
        + b"a;municipal-unit;organisation;;;\n",
    )
    assert (error.code, error.row) == ("undecodable-bytes", 3)
    assert f"byte 0x{byte:02X} (line 3) is neither UTF-8 nor Windows-1252" in error.message
    assert "CSV UTF-8" in error.message


def test_a_registry_mixing_utf8_and_cp1252_is_an_error_naming_both_lines(tmp_path):
    error = registry_error(
        tmp_path,
        REGISTRY_HEADER
        + "ett;Förskolan;municipal-unit;organisation;;;\n".encode()
        + "tva;Fritidsgården;municipal-unit;organisation;;;\n".encode("cp1252"),
    )
    assert (error.code, error.row) == ("mixed-encodings", 3)
    assert "line 2 is UTF-8 but line 3 is not" in error.message


def test_a_cp1252_registry_is_still_read(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(REGISTRY_HEADER + "tva;Fritidsgården;municipal-unit;organisation;;Gården;\n".encode("cp1252"))
    assert read_registry([path], builtin=False).lookup("gården").name == "Fritidsgården"


def test_a_huge_aliases_field_is_an_error_naming_the_row(tmp_path):
    error = registry_error(
        tmp_path, REGISTRY_HEADER + b"ett;Ett;municipal-unit;organisation;;" + b"a" * 300_000 + b";\n"
    )
    assert (error.code, error.row) == ("registry-unreadable-row", 2)


def test_an_alias_longer_than_a_name_can_be_is_an_error_naming_row_and_column(tmp_path):
    error = registry_error(
        tmp_path, REGISTRY_HEADER + b"ett;Ett;municipal-unit;organisation;;Ettan|" + b"a" * 5_000 + b";\n"
    )
    assert (error.code, error.row, error.column) == ("registry-value-too-long", 2, "aliases")
    assert "is 5000 characters; an id, name or alias may have at most 200" in error.message


def test_ten_thousand_aliases_are_an_error_naming_the_row(tmp_path):
    aliases = "|".join(f"alias{i}" for i in range(10_000)).encode()
    error = registry_error(tmp_path, REGISTRY_HEADER + b"ett;Ett;municipal-unit;organisation;;" + aliases + b";\n")
    assert (error.code, error.row, error.column) == ("registry-too-many-aliases", 2, "aliases")
    assert error.message.startswith("10000 aliases; an actor may have at most 100")


# --- 6. ids for names in any script ---------------------------------------------------------


@pytest.mark.parametrize(
    "first, second",
    [
        ("Полиция", "警察"),
        ("Полиция", "Милиция"),
        ("Αστυνομία", "Δήμος"),
        ("الشرطة", "البلدية"),
        ("警察", "消防"),
        ("🚓", "🚒"),
        ("Föreningen Рассвет", "Föreningen Восход"),
        ("Großstadt", "Grosstadt"),
        ("\u0301", "\u0300"),
    ],
)
def test_two_unknown_actors_in_non_latin_scripts_keep_two_ids(first, second, registry):
    plan = parse_plan(table([{"Åtgärd": "Samverka", "Ansvarig": f"{first}, {second}"}]), INFO, registry)
    ids = [ref.id for ref in plan.measures[0].responsible]
    assert len(set(ids)) == 2 and all(re.fullmatch(r"[a-z0-9/-]+", i) for i in ids), ids


def test_an_id_from_a_non_latin_name_is_stable_and_folds_case_like_a_latin_one():
    assert slug("Полиция") == slug("ПОЛИЦИЯ") == slug("полиция") == "x-c42d7219"
    assert slug("Polis 警察") == "polis-72d9a468"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Skärholmens stadsdelsförvaltning", "skarholmens-stadsdelsforvaltning"),
        ("HR- avdelningen", "hr-avdelningen"),
        ("Stockholms stad", "stockholms-stad"),
        ("Café Ünal", "cafe-unal"),
        ("e\u0301", "e"),
        ("skarholmen-2017", "skarholmen-2017"),
    ],
)
def test_latin_names_keep_the_ids_they_had(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("stem", ["план-2019", "計画"])
def test_plan_files_with_non_latin_names_get_plan_ids_of_their_own(tmp_path, stem, registry):
    ids = set()
    for name in (stem, stem + "б"):
        path = tmp_path / f"{name}.csv"
        path.write_text("Åtgärd;Ansvarig\nSamverka;Polisen\n", encoding="utf-8")
        ids.add(read_plan(path, registry).info.id)
    assert len(ids) == 2 and "x" not in ids


# --- 7. the ledger stores a cell once -------------------------------------------------------


@pytest.mark.slow
def test_a_cell_naming_nine_thousand_actors_is_stored_once_and_read_in_linear_time(registry):
    def cell(n):
        return ", ".join(f"Föreningen nummer {i}" for i in range(n))

    def read(text):
        limits = Limits(cell_length=1_000_000, actors_per_cell=10_000)
        return parse_plan(
            parse_csv_text(f'Åtgärd;Övriga aktörer\nSamverka;"{text}"\n', "p.csv", limits), INFO, registry, limits
        )

    grows_linearly(cell, read, 300, slack=1.0, what="9,000 actors")
    plan = read(cell(9_000))
    entries = [e for e in plan.ledger if e.column == "Övriga aktörer"]
    assert len(entries) == 9_000 == len(plan.measures[0].partners)
    assert len({id(e.text) for e in entries}) == 1
    assert [e.part for e in entries[:2]] == ["Föreningen nummer 0", "Föreningen nummer 1"]


def test_a_cell_naming_one_actor_has_no_part(registry):
    plan = parse_plan(
        table([{"Åtgärd": "Samverka", "Ansvarig": "Polisen", "Övriga aktörer": "Polisen och Säpo"}]), INFO, registry
    )
    parts = {(e.column, e.text, e.part) for e in plan.ledger if e.became.startswith("actor")}
    assert parts == {
        ("Ansvarig", "Polisen", None),
        ("Övriga aktörer", "Polisen och Säpo", "Polisen"),
        ("Övriga aktörer", "Polisen och Säpo", "Säpo"),
    }


# --- 8, 9. what the table reader did, and its limits ----------------------------------------


def test_what_the_table_reader_did_to_a_cell_is_in_the_ledger(registry):
    plan = parse_plan(parse_csv_text("Åtgärd;Ansvarig\nSamverka;Polisen\x0bSäpo\n", "p.csv"), INFO, registry)
    notes = [(e.source.row, e.column, e.text, e.problem) for e in plan.ledger if "Word line breaks" in e.became]
    assert notes == [(2, "Ansvarig", "Polisen\nSäpo", None)]


def test_read_plan_passes_its_limits_to_the_table_reader(tmp_path, registry):
    path = tmp_path / "p.csv"
    path.write_text("Åtgärd;Ansvarig\n" + "".join(f"Samverka {i};Polisen\n" for i in range(20)), encoding="utf-8")
    assert len(read_plan(path, registry).measures) == 20
    with pytest.raises(IngestFailed) as raised:
        read_plan(path, registry, limits=Limits(rows=10))
    assert "--limit rows=" in str(raised.value)


def test_a_name_in_another_script_matches_only_a_registry_name_with_the_same_letters(registry):
    assert registry.lookup("Föreningen Рассвет") is None and registry.knows("Föreningen")
    own = Registry([RegistryEntry("rassvet", "Föreningen Рассвет", "civil-society", "national")])
    assert own.lookup("föreningen  РАССВЕТ").id == "rassvet" and own.lookup("Föreningen Восход") is None


def test_a_huge_registry_field_is_the_same_error_whatever_limit_another_reader_set(tmp_path):
    previous = csv.field_size_limit(10_000_000)
    try:
        error = registry_error(
            tmp_path, REGISTRY_HEADER + b"ett;Ett;municipal-unit;organisation;;" + b"a" * 300_000 + b";\n"
        )
    finally:
        csv.field_size_limit(previous)
    assert (error.code, error.row) == ("registry-unreadable-row", 2)
    assert csv.field_size_limit() == previous


def test_a_cell_naming_more_actors_than_the_limit_is_an_error_naming_row_column_and_flag(registry):
    text = ", ".join(f"Föreningen nummer {i}" for i in range(201))
    with pytest.raises(IngestFailed) as caught:
        parse_plan(parse_csv_text(f'Åtgärd;Övriga aktörer\nSamverka;"{text}"\n', "p.csv"), INFO, registry)
    [error] = caught.value.errors
    assert (error.code, error.row, error.column) == ("too-many-actors", 2, "Övriga aktörer")
    assert "--limit actors-per-cell=201" in error.message


def test_a_cell_naming_as_many_actors_as_the_limit_reads(registry):
    text = ", ".join(f"Föreningen nummer {i}" for i in range(200))
    plan = parse_plan(parse_csv_text(f'Åtgärd;Övriga aktörer\nSamverka;"{text}"\n', "p.csv"), INFO, registry)
    assert len(plan.measures[0].partners) == 200
