"""A plan's `.plan.toml`: every key checked against one schema, every problem located; and a plan's
metadata never takes over an actor that the registry defines for every plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli import main
from graphmodel.errors import IngestError, IngestFailed
from graphmodel.read.plan_metadata import MAX_METADATA_BYTES, metadata_table, read_plan_info
from graphmodel.read.plans import read_plan
from graphmodel.read.registry_file import read_registry

ROOT = Path(__file__).resolve().parent.parent
PLAN = "Åtgärd;Ansvarig;Övriga aktörer\nSamverka;Polisen;Socialtjänsten\n"


@pytest.fixture(scope="module")
def registry():
    return read_registry()


def plan_with(tmp_path: Path, toml: str | bytes) -> Path:
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    side = tmp_path / "plan.plan.toml"
    side.write_bytes(toml.encode() if isinstance(toml, str) else toml)
    return plan


def errors_of(tmp_path: Path, toml: str | bytes) -> list[IngestError]:
    with pytest.raises(IngestFailed) as raised:
        read_plan_info(plan_with(tmp_path, toml))
    assert all(e.path == str(tmp_path / "plan.plan.toml") for e in raised.value.errors)
    return raised.value.errors


# --- the schema ------------------------------------------------------------------------------


def test_the_two_plans_in_data_fit_the_schema():
    assert read_plan_info(ROOT / "data" / "plans" / "skarholmen-2017.csv").year == 2017
    assert read_plan_info(ROOT / "data" / "plans" / "examples" / "norrtorp-2019.csv").organisation_parent is None


def test_data_readme_shows_the_schema_the_reader_checks():
    assert metadata_table() in (ROOT / "data" / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "toml, shown",
    [
        ("source = 2017-05-01", "it is a date: 2017-05-01"),
        ("source = 2017-05-01T10:00:00", "it is a date and time: 2017-05-01 10:00:00"),
        ("[source]\nurl = 'x'", "it is a table: dict"),
        ("source = ['a', 'b']", "it is an array: list"),
        ("title = 2017", "it is a whole number: 2017"),
        ("organisation = true", "it is true or false: True"),
        ("organisation_id = 1.5", "it is a number with a decimal point: 1.5"),
        ("organisation_parent = {name = 'x'}", "it is a table: dict"),
        ("id = 7", "it is a whole number: 7"),
        ("municipality = []", "it is an array: list"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_naming_key_and_value(tmp_path, toml, shown):
    [error] = errors_of(tmp_path, toml)
    key = toml.split()[0].strip("[]")
    assert (error.code, error.column, error.row) == ("bad-metadata-value", key, 1)
    assert error.message == f'{key} must be a string in quotes ({key} = "..."); {shown}'


@pytest.mark.parametrize(
    "toml, message",
    [
        ('year = "²"', "year must be a whole number (year = 2017); it is a string in quotes: '²'"),
        ('year = "2017"', "year must be a whole number (year = 2017); it is a string in quotes: '2017'"),
        ("year = 2017.0", "year must be a whole number (year = 2017); it is a number with a decimal point: 2017.0"),
        ("year = true", "year must be a whole number (year = 2017); it is true or false: True"),
        ("year = 17", "year must be a year from 1900 to 2100; it is 17"),
        ("year = 2017-01-01", "year must be a whole number (year = 2017); it is a date: 2017-01-01"),
    ],
)
def test_a_year_that_is_not_a_whole_number_of_a_plausible_year_is_an_error(tmp_path, toml, message):
    [error] = errors_of(tmp_path, toml)
    assert (error.code, error.column, error.message) == ("bad-metadata-value", "year", message)


def test_an_unknown_key_is_an_error_naming_it_and_the_known_keys(tmp_path):
    [error] = errors_of(tmp_path, 'title = "Plan"\norganization = "Norrtorps kommun"\n')
    assert (error.code, error.row, error.column) == ("unknown-metadata-key", 2, "organization")
    assert error.message == (
        "unknown key 'organization'; did you mean 'organisation'? the known keys are id, title, "
        "organisation, organisation_id, organisation_parent, municipality, year, source"
    )


def test_every_problem_of_the_file_is_reported_at_once(tmp_path):
    errors = errors_of(tmp_path, 'year = "2017"\ntitel = "x"\nsource = 1\n')
    assert [(e.code, e.row) for e in errors] == [
        ("bad-metadata-value", 1),
        ("unknown-metadata-key", 2),
        ("bad-metadata-value", 3),
    ]


def test_a_control_character_or_a_slash_in_an_id_is_an_error(tmp_path):
    errors = errors_of(tmp_path, 'title = "a\\u0000b"\norganisation_id = "stockholm/skarholmen"\n')
    assert [(e.column, e.row) for e in errors] == [("title", 1), ("organisation_id", 2)]


def test_a_folder_named_like_the_side_file_is_an_error(tmp_path):
    plan = tmp_path / "x.csv"
    plan.write_text(PLAN, encoding="utf-8")
    (tmp_path / "x.plan.toml").mkdir()
    with pytest.raises(IngestFailed) as raised:
        read_plan_info(plan)
    [error] = raised.value.errors
    assert error.code == "bad-plan-metadata" and "is not a file (a folder?)" in error.message


def test_a_side_file_that_is_not_utf8_is_an_error_naming_byte_and_line(tmp_path):
    [error] = errors_of(tmp_path, 'id = "p"\ntitle = "Handlingsplan f\xf6r Norrtorp"\n'.encode("cp1252"))
    assert (error.code, error.row) == ("bad-plan-metadata", 2)
    assert "byte 0xF6 (line 2) is not UTF-8" in error.message


def test_a_utf8_side_file_with_a_bom_is_read(tmp_path):
    assert read_plan_info(plan_with(tmp_path, '\ufefftitle = "Plan"\n'.encode())).title == "Plan"


@pytest.mark.parametrize(
    "toml",
    [
        'source = "' + "x" * MAX_METADATA_BYTES + '"',
        "a = " + "[" * 30_000 + "]" * 30_000,
        "x = " + "[" * 5_000 + "]" * 5_000,
    ],
)
def test_a_huge_or_deeply_nested_side_file_is_an_error_not_a_crash(tmp_path, toml):
    [error] = errors_of(tmp_path, toml)
    assert error.code == "bad-plan-metadata"


def test_a_side_file_error_exits_with_code_2_in_one_line(tmp_path):
    plan = plan_with(tmp_path, "year = 2017.0\n")
    result = CliRunner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.count("\n") == 1 and "[bad-metadata-value]" in result.output


# --- a plan cannot take over a registry actor ------------------------------------------------


def test_organisation_id_polisen_is_an_error_and_polisen_stays_polisen(tmp_path, registry):
    plan = plan_with(tmp_path, 'organisation = "Norrtorps kommun"\norganisation_id = "polisen"\n')
    with pytest.raises(IngestFailed) as raised:
        read_plan(plan, registry)
    [error] = raised.value.errors
    assert (error.path, error.code, error.column, error.value) == (
        str(tmp_path / "plan.plan.toml"),
        "metadata-takes-registry-actor",
        "organisation_id",
        "polisen",
    )
    assert "is the id of the registry's actor 'Polisen'" in error.message


@pytest.mark.parametrize("registry_id", ["socialtjansten", "organisation", "sakerhetspolisen", "POLISEN", "Polisen"])
def test_organisation_id_may_be_no_registry_id_national_or_not(tmp_path, registry, registry_id):
    assert registry_id.lower() in registry  # ids are named in any case, so a plan may take none in any case
    plan = plan_with(tmp_path, f'organisation = "Norrtorps kommun"\norganisation_id = "{registry_id}"\n')
    with pytest.raises(IngestFailed) as raised:
        read_plan(plan, registry)
    assert raised.value.errors[0].code == "metadata-takes-registry-actor"


def test_a_plan_of_a_national_actor_binds_to_it_without_renaming_it(tmp_path, registry):
    plan = read_plan(plan_with(tmp_path, 'organisation = "Polisen"\n'), registry)
    assert plan.info.organisation == "polisen" and plan.actors["polisen"].name == registry["polisen"].name
    with pytest.raises(IngestFailed) as raised:
        read_plan(plan_with(tmp_path, 'organisation = "Polisen"\norganisation_id = "polisen-syd"\n'), registry)
    assert "write organisation_id = 'polisen' or leave it out" in raised.value.errors[0].message


def test_an_organisation_parent_that_would_take_a_registry_id_is_an_error(tmp_path, registry):
    assert registry.lookup("Sakerhetspolisen") is None  # no "ä": not the registry's name, but its id
    plan = plan_with(tmp_path, 'organisation = "Norrtorps kommun"\norganisation_parent = "Sakerhetspolisen"\n')
    with pytest.raises(IngestFailed) as raised:
        read_plan(plan, registry)
    [error] = raised.value.errors
    assert (error.code, error.column, error.value) == (
        "metadata-takes-registry-actor",
        "organisation_parent",
        "Sakerhetspolisen",
    )
    assert "gets the id 'sakerhetspolisen', which is the registry's actor 'Säkerhetspolisen'" in error.message


def test_an_organisation_derived_from_the_file_name_cannot_take_a_registry_id(tmp_path, registry):
    plan = tmp_path / "Sakerhetspolisen.csv"
    plan.write_text(PLAN, encoding="utf-8")
    with pytest.raises(IngestFailed) as raised:
        read_plan(plan, registry)
    assert (raised.value.errors[0].path, raised.value.errors[0].column) == (str(plan), "organisation")


def test_an_organisation_that_is_its_own_parent_is_an_error(tmp_path, registry):
    plan = plan_with(tmp_path, 'organisation = "Norrtorps kommun"\norganisation_parent = "Norrtorps kommun"\n')
    with pytest.raises(IngestFailed) as raised:
        read_plan(plan, registry)
    assert raised.value.errors[0].column == "organisation_parent"


def test_an_organisation_parent_naming_a_national_actor_binds_to_it(tmp_path, registry):
    plan = read_plan(
        plan_with(tmp_path, 'organisation = "Lokalpolisområde Norrtorp"\norganisation_parent = "Polisen"\n'), registry
    )
    org = plan.actors[plan.info.organisation]
    assert org.parent == "polisen" and plan.actors["polisen"].name == registry["polisen"].name
