"""Whose plan is it, when no `.plan.toml` says so (issue 11, class 10)?

Without a side file the organisation used to be the file's name ("Om
sodermalm-2017 faller bort …"). Now: ``--organisation NAME``, else an
organisation a title row above the table names, else the file's name with an
``organisation-unknown`` problem saying how to name it.
"""

from __future__ import annotations

from click.testing import CliRunner

from graphmodel import api
from graphmodel.cli import main
from graphmodel.read.plans import organisation_in_title, read_plan

TITLED = (
    "Handlingsplan mot våldsbejakande extremism, Södermalms stadsdelsförvaltning 2017;;\n"
    ";;\n"
    "Åtgärd;Ansvarig;Övriga aktörer\n"
    "Samordning av involverade aktörer;Preventionssamordnaren;Polisen\n"
)
UNTITLED = "Åtgärd;Ansvarig\nSamordning;Polisen\n"


def write(folder, name, text, toml=None):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if toml is not None:
        (folder / (path.stem + ".plan.toml")).write_text(toml, encoding="utf-8")
    return path


def unknown(plan):
    return [item for item in plan.ledger if item.problem == "organisation-unknown"]


def test_is_the_organisation_taken_from_the_title_row_above_the_header(tmp_path, registry):
    plan = read_plan(write(tmp_path, "sodermalm-2017.csv", TITLED), registry)
    assert plan.info.organisation_name == "Södermalms stadsdelsförvaltning"
    assert plan.info.organisation == "sodermalms-stadsdelsforvaltning"
    assert plan.actors[plan.info.organisation].kind == "municipal-unit"
    assert plan.info.title == "Handlingsplan mot våldsbejakande extremism, Södermalms stadsdelsförvaltning 2017"
    assert not unknown(plan)
    [title] = [item for item in plan.ledger if item.column == "(above the table)"]
    assert title.became == "title or note; organisation: Södermalms stadsdelsförvaltning; the plan's year: 2017"
    assert plan.info.year == 2017


def test_is_the_plans_year_taken_from_the_title_only_when_its_metadata_gives_none(tmp_path, registry):
    from graphmodel.read.plans import year_in_title

    assert year_in_title([(1, "Handlingsplan 2019–2021"), (2, "Reviderad 2020")]) == (1, 2019)
    assert year_in_title([(1, "Antagen av KF 2018-05-14"), (2, "Plan för 2019-2020")]) == (2, 2019)
    assert year_in_title([(1, "Handlingsplan mot extremism")]) is None
    titled = write(tmp_path, "plan.csv", TITLED)
    (tmp_path / "plan.plan.toml").write_text('organisation = "Södermalms stadsdelsförvaltning"\nyear = 2018\n')
    assert read_plan(titled, registry).info.year == 2018


def test_which_title_phrases_name_an_organisation():
    def found(title):
        hit = organisation_in_title([(1, title)])
        return hit and hit[1]

    assert found("Lokal handlingsplan för Upplands Väsby kommun 2018–2020") == "Upplands Väsby kommun"
    assert found("Botkyrka kommun – Handlingsplan 2019") == "Botkyrka kommun"
    assert found("Handlingsplan Göteborgs Stad") == "Göteborgs Stad"
    assert found("Region Gotland: plan mot extremism") == "Region Gotland"
    assert found("Åtgärder 2018, Socialförvaltningen i Malmö") == "Socialförvaltningen i Malmö"
    assert found("Spånga-Tensta stadsdelsnämnd, plan 2016") == "Spånga-Tensta stadsdelsnämnd"
    assert found("Handlingsplan mot våldsbejakande extremism 2017") is None
    assert found("Trygghet i stad och land") is None


def test_is_a_title_without_an_organisation_left_alone_and_the_organisation_called_unknown(tmp_path, registry):
    text = "Handlingsplan mot våldsbejakande extremism 2017\n" + UNTITLED
    plan = read_plan(write(tmp_path, "plan-2017.csv", text), registry)
    assert plan.info.organisation_name == "plan-2017"
    [item] = unknown(plan)
    assert ".plan.toml" in item.became and 'organisation = "…"' in item.became and "--organisation" in item.became


def test_does_a_plan_without_title_or_side_file_say_its_organisation_is_unknown(tmp_path, registry):
    plan = read_plan(write(tmp_path, "plan.csv", UNTITLED), registry)
    [item] = unknown(plan)
    assert (item.source.row, item.column, item.text) == (1, "(organisation)", "plan")


def test_does_the_side_file_still_name_the_organisation(tmp_path, registry):
    path = write(tmp_path, "sodermalm-2017.csv", TITLED, 'organisation = "Stockholms stad"\n')
    plan = read_plan(path, registry, organisation="Ignorerad förvaltning")
    assert plan.info.organisation_name == "Stockholms stad"
    assert not unknown(plan)


def test_does_organisation_name_a_plan_without_a_side_file_before_its_title(tmp_path, registry):
    plan = read_plan(write(tmp_path, "sodermalm-2017.csv", TITLED), registry, organisation="Södermalmskontoret")
    assert plan.info.organisation_name == "Södermalmskontoret"
    plan = read_plan(write(tmp_path, "plan.csv", UNTITLED), registry, organisation="Norrtorps kommun")
    assert (plan.info.organisation_name, plan.info.organisation) == ("Norrtorps kommun", "norrtorps-kommun")
    assert not unknown(plan)


def test_does_organisation_apply_only_to_the_files_without_a_side_file(tmp_path, registry):
    named = write(tmp_path, "named.csv", UNTITLED, 'organisation = "Botkyrka kommun"\n')
    bare = write(tmp_path, "bare.csv", UNTITLED)
    plans = api.read_plans([named, bare], registry, organisation="Huddinge kommun")
    assert [p.info.organisation_name for p in plans] == ["Botkyrka kommun", "Huddinge kommun"]


def test_does_every_plan_command_accept_organisation(tmp_path):
    path = write(tmp_path, "plan.csv", UNTITLED)
    check = CliRunner().invoke(main, ["check", "--strict", "--format", "csv", str(path)])
    assert check.exit_code == 1 and "organisation-unknown" in check.output
    check = CliRunner().invoke(main, ["check", "--strict", "--organisation", "Norrtorps kommun", str(path)])
    assert check.exit_code == 0, check.output
    overview = CliRunner().invoke(
        main, ["overview", "--format", "csv", "--organisation", "Norrtorps kommun", str(path)]
    )
    assert overview.exit_code == 0, overview.output
    for command in (
        ["measures"],
        ["actors"],
        ["metrics"],
        ["gaps"],
        ["depends-on", "Polisen"],
        ["responsible-for", "Polisen"],
        ["works-with", "Polisen"],
        ["what-if", "Polisen"],
        ["report", "-o", str(tmp_path / "out")],
        ["view", "-o", str(tmp_path / "view.html")],
        ["neo4j", "export", str(tmp_path / "csv")],
        ["neo4j", "load"],
    ):
        help_text = CliRunner().invoke(main, [*command, "--help"]).output
        assert "--organisation" in help_text, command


def test_does_what_if_name_the_organisation_not_the_file(tmp_path):
    path = write(tmp_path, "sodermalm-2017.csv", TITLED)
    result = CliRunner().invoke(main, ["what-if", "Södermalms stadsdelsförvaltning", str(path)])
    assert result.exit_code == 0, result.output
    assert "sodermalm-2017" not in result.output


def test_is_the_plans_year_never_a_case_number_a_statute_or_the_day_it_was_adopted():
    from graphmodel.read.plans import year_in_title

    assert year_in_title([(1, "Dnr KS 2018/0345"), (2, "Handlingsplan mot extremism 2020–2022")]) == (2, 2020)
    assert year_in_title([(1, "Handlingsplan enligt SFS 2001:453")]) is None
    assert year_in_title([(1, "Antagen av KF 12 mars 2019. Handlingsplan 2020-2023")]) == (1, 2020)
