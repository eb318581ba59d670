"""Everything that is interpreted is shown (issue 11): ``check`` lists, beside the problems, every cell a
reading rule fired for (an *interpretation to review*), with the rule and the reading; the JSON and CSV
rows, check.csv, the sheet *Att granska* and report.html say so too.

The cells are ones that fire a rule today: a collective by its form ("alla skolor": vague-by-form, no
problem), a cell naming one actor twice ("Polisen, Polismyndigheten": merged, with the problem
parts-merged), and a row continuing the measure above (continuation, with continuation-row).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import graphmodel as gm
from graphmodel.api import to_review
from graphmodel.cli import main

WIDE = {"COLUMNS": "250"}  # a terminal wide enough that no rule or reading is wrapped in the table
VAGUE = "Åtgärd;Ansvarig;Övriga aktörer\nSamverkan kring trygghet;Socialtjänsten;alla skolor\n"
MERGED = "Åtgärd;Ansvarig\nInformation till föräldrar;Polisen, Polismyndigheten\n"
BOTH = VAGUE + "Information till föräldrar;Polisen, Polismyndigheten;\nLäxhjälp;Föreningen Xyzzy;\n"
WORD_PASTE = (  # as in tests/test_continuation_rows.py: the partners' and the status cell ran over two rows
    "Område;Åtgärd;Ansvarig;Övriga aktörer;Pågående/planer\n"
    "Förebyggande;Samordning av involverade aktörer;Preventionssamordnaren;Polisen,;Pågående\n"
    ";;;Socialtjänsten, skolan;\n"
    ";Föräldrastöd i samverkan med föreningar;Socialtjänsten;;Planeras\n"
    ";;;;hösten 2018\n"
)
CSV_COLUMNS = [
    "file",
    "row",
    "column",
    "text",
    "part",
    "became",
    "problem",
    "rule",
    "suggestions",
    "interpretation",
    "place",  # a Word document's or PDF's "page 3, table 2, row 5": added after the columns that were there
    "page",
]


def plan_file(tmp_path, text, name="plan.csv"):
    plan = tmp_path / name
    plan.write_text(text, encoding="utf-8")
    plan.with_name(plan.stem + ".plan.toml").write_text('organisation = "Norrby kommun"\n', encoding="utf-8")
    return plan


def check(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)], env=WIDE, catch_exceptions=False)


def tables(output: str) -> tuple[str, str]:
    """The problems table and the interpretations table of ``check``'s output ("" for one not printed)."""
    head, _, readings = output.partition("Tolkningar att granska")
    problems = head.partition("Att granska")[2]
    return problems, readings


def test_check_lists_a_collective_by_form_as_an_interpretation_to_review(tmp_path):
    result = check(plan_file(tmp_path, VAGUE))
    assert result.exit_code == 0, result.output
    assert (
        "3 non-empty cells read in 1 measures; 1 to review: 0 cells with problems, 1 interpretation." in result.output
    )
    problems, readings = tables(result.output)
    assert problems == ""  # no problems table at all
    assert "alla skolor" in readings and "vague-by-form" in readings and "collective by form" in readings
    for heading in ("file", "row", "column", "cell", "part", "rule", "reading"):
        assert heading in readings


def test_check_lists_a_cell_with_a_problem_and_a_rule_once_among_the_problems(tmp_path):
    result = check(plan_file(tmp_path, MERGED))
    assert "1 to review: 1 cell with problems, 0 interpretations." in result.output
    problems, readings = tables(result.output)
    assert "parts-merged" in problems and "merged " in problems.replace("parts-merged", "")  # its rule is shown
    assert readings == ""


def test_check_lists_a_continuation_row_once_among_the_problems_with_its_rule(tmp_path):
    result = check(plan_file(tmp_path, WORD_PASTE))
    problems, _ = tables(result.output)
    rows = [line for line in problems.splitlines() if "continuation-row" in line]
    assert [line.split("│")[2].strip() for line in rows] == ["3", "5"]
    assert all("continuation" in line.replace("continuation-row", "") for line in rows)


def test_check_counts_problems_and_interpretations_per_plan(tmp_path):
    first, second = plan_file(tmp_path, BOTH, "first.csv"), plan_file(tmp_path, VAGUE, "second.csv")
    result = check(first, second)
    lines = [line for line in result.output.splitlines() if "non-empty cells" in line]
    assert lines[0].endswith("3 to review: 2 cells with problems, 1 interpretation.")
    assert lines[1].endswith("1 to review: 0 cells with problems, 1 interpretation.")
    _, readings = tables(result.output)
    assert "first.csv" in readings and "second.csv" in readings


def test_strict_does_not_fail_on_interpretations_alone(tmp_path):
    result = check("--strict", plan_file(tmp_path, VAGUE))
    assert result.exit_code == 0, result.output
    assert "Tolkningar att granska" in result.output


def test_strict_fails_on_a_problem_beside_interpretations(tmp_path):
    assert check("--strict", plan_file(tmp_path, BOTH)).exit_code == 1
    assert check("--strict", plan_file(tmp_path, MERGED, "merged.csv")).exit_code == 1
    assert check("--strict", "--format", "json", plan_file(tmp_path, VAGUE, "vague.csv")).exit_code == 0


def test_check_all_lists_every_cell_with_its_rule(tmp_path):
    result = check("--all", plan_file(tmp_path, BOTH))
    assert "Alla celler" in result.output and "Tolkningar att granska" not in result.output
    assert "rule" in result.output and "vague-by-form" in result.output and "Samverkan kring trygghet" in result.output


def test_check_json_marks_interpretations(tmp_path):
    rows = json.loads(check("--format", "json", plan_file(tmp_path, BOTH)).output)
    by_text = {(r["row"], r["part"] or r["text"]): r for r in rows}
    vague = by_text[(2, "alla skolor")]
    assert vague["rule"] == "vague-by-form" and vague["interpretation"] is True and vague["problem"] is None
    merged = by_text[(3, "Polismyndigheten")]
    # a cell with a problem is listed among the problems, not as an interpretation, by check's table and JSON alike
    assert merged["rule"] == "merged" and merged["interpretation"] is False and merged["problem"] == "parts-merged"
    measure = by_text[(2, "Samverkan kring trygghet")]
    assert measure["rule"] is None and measure["interpretation"] is False
    unknown = by_text[(4, "Föreningen Xyzzy")]
    assert unknown["problem"] == "unknown-actor" and unknown["interpretation"] is False


def test_check_csv_has_the_rule_after_the_problem_and_says_which_rows_are_interpretations(tmp_path):
    output = check("--format", "csv", plan_file(tmp_path, BOTH)).output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert list(rows[0]) == CSV_COLUMNS
    assert {(r["rule"], r["interpretation"]) for r in rows} == {
        ("", "false"),
        ("vague-by-form", "true"),
        ("merged", "false"),
    }


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """``report`` on a plan with one problem cell and one interpretation, in Swedish and in English."""
    folder = tmp_path_factory.mktemp("report")
    plan = plan_file(folder, VAGUE + "Läxhjälp;Föreningen Xyzzy;\n")
    outputs = {}
    for lang in ("sv", "en"):
        result = CliRunner().invoke(main, ["report", str(plan), "-o", str(folder / lang), "--lang", lang])
        assert result.exit_code == 0, result.output
        outputs[lang] = folder / lang
    return plan, outputs


def test_report_html_says_how_many_readings_to_review(reported):
    _, outputs = reported
    swedish = (outputs["sv"] / "report.html").read_text(encoding="utf-8")
    assert "Celler med problem: 1. Tolkningar att granska (celler lästa med en läsregel): 1." in swedish
    assert "check.csv" in swedish and "på bladet Att granska i measures.xlsx" in swedish
    english = (outputs["en"] / "report.html").read_text(encoding="utf-8")
    assert "Cells with problems: 1. Interpretations to review (cells read by a reading rule): 1." in english
    assert "check.csv" in english


def test_report_check_csv_is_what_check_prints_as_csv(reported):
    plan, outputs = reported
    written = list(
        csv.DictReader((outputs["sv"] / "check.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    )
    printed = list(csv.DictReader(io.StringIO(check("--format", "csv", plan).output)))
    assert list(written[0]) == CSV_COLUMNS
    assert written == printed
    assert (outputs["en"] / "check.csv").read_bytes() == (outputs["sv"] / "check.csv").read_bytes()  # the contract


@pytest.mark.parametrize("lang, sheet, heading", [("sv", "Att granska", "regel"), ("en", "To review", "rule")])
def test_the_ledger_sheet_shows_the_rule_after_the_problem(reported, lang, sheet, heading):
    _, outputs = reported
    rows = list(load_workbook(outputs[lang] / "measures.xlsx")[sheet].iter_rows(values_only=True))
    header = list(rows[0])
    assert (
        header.index(heading) == header.index("problem") + 1 and len(header) == len(CSV_COLUMNS) - 3
    )  # not interpretation, place, page
    assert [r[header.index(heading)] for r in rows[1:] if r[header.index(heading)]] == ["vague-by-form"]


def test_the_workbook_lists_every_row_of_the_cells_to_review_and_only_those(reported):
    """The sheet is the coordinator's worklist: the cells check counts (a problem or an interpretation),
    each with all its rows; check.csv keeps every cell."""
    _, outputs = reported
    written = list(
        csv.DictReader((outputs["sv"] / "check.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    )
    flagged = {(r["row"], r["column"]) for r in written if r["problem"] or r["interpretation"] == "true"}
    expected = [r for r in written if (r["row"], r["column"]) in flagged]
    rows = list(load_workbook(outputs["sv"] / "measures.xlsx")["Att granska"].iter_rows(values_only=True))[1:]
    assert 0 < len(rows) == len(expected) < len(written)
    assert [(str(r[1]), r[2]) for r in rows] == [(r["row"], r["column"]) for r in expected]


def test_report_and_check_count_the_same_cells(tmp_path):
    plan = plan_file(tmp_path, BOTH)
    done = gm.report([plan], tmp_path / "out")
    assert (done.problems, done.interpretations) == (2, 1)
    problems, readings = to_review(gm.ledger(gm.read_plans([plan])))
    assert (len(problems), len(readings)) == (2, 1)


def test_check_json_csv_and_table_count_the_same_interpretations(tmp_path):
    plan = plan_file(tmp_path, "Åtgärd;Ansvarig;Övriga aktörer\nA;Rektor Sjöängsskolan;alla skolor\n")
    table = check(plan).output
    assert "1 cell with problems, 1 interpretation." in table
    rows = json.loads(check(plan, "--format", "json").output)
    marked = {(r["column"], r["interpretation"]) for r in rows if r["rule"]}
    assert marked == {("Ansvarig", False), ("Övriga aktörer", True)}  # the cell with an unknown unit is a problem
    written = list(csv.DictReader(io.StringIO(check(plan, "--format", "csv").output)))
    assert {(r["column"], r["interpretation"]) for r in written if r["rule"]} == {
        ("Ansvarig", "false"),
        ("Övriga aktörer", "true"),
    }
