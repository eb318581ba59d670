"""The CLI as a user meets it: real files in, the JSON contract out, one clear line on mistakes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from click.testing import CliRunner

from graphmodel.cli import main
from tests.conftest import NORRTORP, SKARHOLMEN


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def test_measures_json_follows_the_contract():
    result = run("measures", SKARHOLMEN, "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert len(rows) == 17
    first = rows[0]
    assert set(first) >= {"id", "plan", "area", "level", "text", "status", "source", "responsible", "partners"}
    assert set(first["status"]) == {"state", "start", "due", "text"}
    assert first["responsible"] == [
        {
            "id": "skarholmens-stadsdelsforvaltning/preventionssamordnare",
            "name": "Preventionssamordnare",
            "text": "Preventionssamordnaren",
            "kind": "role",
        }
    ]
    assert [p["text"] for p in first["partners"]] == [
        "Stadsdelsförvaltning",
        "Berörda fackförvaltningar",
        "Polis",
        "Övriga berörda aktörer",
    ]


def test_actors_json_gives_each_actors_counts():
    rows = json.loads(run("actors", SKARHOLMEN, "--format", "json").output)
    by_name = {r["name"]: r for r in rows}
    assert set(rows[0]) >= {
        "id",
        "name",
        "kind",
        "scope",
        "parent",
        "aliases_seen",
        "responsible_count",
        "partner_count",
        "unknown",
    }
    assert (
        by_name["Preventionssamordnare"]["responsible_count"],
        by_name["Preventionssamordnare"]["partner_count"],
    ) == (5, 0)
    assert (by_name["Polisen"]["responsible_count"], by_name["Polisen"]["partner_count"]) == (0, 5)
    assert by_name["Polisen"]["aliases_seen"] == ["Polis", "Polisen"]
    assert not any(r["unknown"] for r in rows)


def test_actors_csv_has_a_header_and_a_row_per_actor():
    output = run("actors", SKARHOLMEN, "--format", "csv").output
    rows = list(csv.reader(io.StringIO(output)))
    assert rows[0][:4] == ["name", "kind", "responsible", "partner"]
    assert len(rows) == 1 + len(json.loads(run("actors", SKARHOLMEN, "--format", "json").output))


def test_measures_table_shows_the_plan():
    output = run("measures", SKARHOLMEN).output
    assert "Anhörigstöd" in output and "Preventionssa" in output


def test_several_plans_at_once_make_one_listing():
    rows = json.loads(run("measures", SKARHOLMEN, NORRTORP, "--format", "json").output)
    assert {r["plan"] for r in rows} == {"skarholmen-2017", "norrtorp-2019"}


def test_report_writes_every_file_and_says_what_it_wrote(tmp_path):
    result = run("report", SKARHOLMEN, "-o", tmp_path / "out")
    assert result.exit_code == 0
    for name in (
        "graph.graphml",
        "graph.gexf",
        "graph.json",
        "graph.graphology.json",
        "measures.xlsx",
        "measures.csv",
        "actors.csv",
        "check.csv",
    ):
        assert (tmp_path / "out" / name).exists()
        assert name in result.output
    assert "17 measures" in result.output


def test_report_files_guard_against_formula_injection(tmp_path):
    plan = tmp_path / "evil.csv"
    plan.write_text('Åtgärd;Ansvarig\n"=HYPERLINK(""http://x"";""klick"")";@Polisen okänd enhet\n', encoding="utf-8")
    assert run("report", plan, "-o", tmp_path / "out").exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "out" / "measures.xlsx")["Åtgärder"]
    assert sheet["D2"].value == '=HYPERLINK("http://x";"klick")'
    assert sheet["D2"].data_type == "s" and sheet["D2"].quotePrefix
    to_review = load_workbook(tmp_path / "out" / "measures.xlsx")["Att granska"]  # an unknown actor: a problem
    [cell] = [c for row in to_review.iter_rows() for c in row if c.value == "@Polisen okänd enhet"]  # as written
    assert cell.data_type == "s" and cell.quotePrefix
    assert "'=HYPERLINK" in (tmp_path / "out" / "measures.csv").read_text(encoding="utf-8-sig")


def test_check_reports_unknown_actors_with_suggestions_and_strict_fails():
    result = run("check", NORRTORP, "--format", "json")
    rows = json.loads(result.output)
    problems = [r for r in rows if r["problem"]]
    assert {r["text"] for r in problems if r["problem"] == "unknown-actor"} >= {"Polisn", "Norrtorps Bostäder AB"}
    assert "Polisen" in next(r for r in problems if r["text"] == "Polisn")["suggestions"]
    assert run("check", NORRTORP, "--strict").exit_code == 1
    assert run("check", SKARHOLMEN, "--strict").exit_code == 0


def test_a_missing_file_is_one_clear_line_and_exit_code_2(tmp_path):
    result = CliRunner().invoke(main, ["measures", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert result.output.startswith("graphmodel: ")
    assert "nope.csv" in result.output and "Traceback" not in result.output


def test_errors_of_several_files_are_all_reported(tmp_path):
    (tmp_path / "a.csv").write_text("Ansvarig\nPolisen\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["measures", str(tmp_path / "a.csv"), str(tmp_path / "b.csv")])
    assert result.exit_code == 2
    assert "missing-measure-column" in result.output and "empty-file" in result.output


def test_an_extra_registry_file_makes_an_unknown_actor_known(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "id;name;kind;scope;parent;aliases;note\nnorrtorps-bostader;Norrtorps Bostäder AB;business;national;;;\n",
        encoding="utf-8",
    )
    rows = json.loads(run("actors", NORRTORP, "--registry", extra, "--format", "json").output)
    assert {r["name"]: r["unknown"] for r in rows}["Norrtorps Bostäder AB"] is False


def test_a_broken_registry_file_is_a_clear_error(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("id;name;kind;scope;parent\nx;X;alien;national;\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["actors", str(SKARHOLMEN), "--registry", str(extra)])
    assert result.exit_code == 2 and "kind 'alien'" in result.output


def test_the_installed_command_starts_fast_without_heavy_imports():
    code = (
        "import sys, graphmodel.cli; "
        "print(sorted(m for m in ('networkx', 'pandas', 'neo4j', 'pyvis', 'openpyxl', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_user_mistake_from_the_shell_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xc5tg\xe4rd;Ansvarig\n\x81;Polisen\n")
    proc = subprocess.run([sys.executable, "-m", "graphmodel.cli", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "undecodable-bytes" in proc.stderr and "Traceback" not in proc.stderr


def test_depends_on_an_unknown_actor_says_no_such_actor_and_exits_2():
    result = CliRunner().invoke(main, ["depends-on", "Polisn", str(SKARHOLMEN)])
    assert result.exit_code == 2
    assert "No such actor: 'Polisn'. Did you mean: Polisen" in result.output


def test_depends_on_polisen_as_json_carries_role_and_via():
    rows = json.loads(run("depends-on", "Polisen", SKARHOLMEN, "--mentions", "--format", "json").output)
    assert [r["role"] for r in rows] == ["partner"] * 5 + ["mention"]
    assert all(r["via"] for r in rows)


def test_gaps_fail_on_exits_1_when_such_findings_exist():
    assert CliRunner().invoke(main, ["gaps", str(SKARHOLMEN), "--fail-on", "unassigned"]).exit_code == 1
    assert (
        CliRunner().invoke(main, ["gaps", str(SKARHOLMEN), "--fail-on", "overdue", "--as-of", "2026-01-01"]).exit_code
        == 0
    )


def test_gaps_json_is_a_list_of_findings():
    rows = json.loads(run("gaps", SKARHOLMEN, "--format", "json", "--as-of", "2026-11-26").output)
    assert all(set(r) >= {"kind", "severity", "measures", "actors", "message", "evidence"} for r in rows)
    assert {"unassigned", "vague-owner", "overloaded", "plan-not-revised"} <= {r["kind"] for r in rows}


def test_what_if_json_lists_what_falls():
    result = json.loads(run("what-if", "Preventionssamordnaren", SKARHOLMEN, "--format", "json").output)
    assert len(result["measures_losing_owner"]) == 4


def test_the_report_page_is_self_contained_and_escapes_plan_text(tmp_path):
    plan = tmp_path / "evil.csv"
    plan.write_text(
        "Åtgärd;Ansvarig\n<img src=x onerror=alert(1)>;</script><script>alert(2)</script>\n", encoding="utf-8"
    )
    assert run("report", plan, "-o", tmp_path / "out").exit_code == 0
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>alert" not in html
    assert "http://" not in html and "https://" not in html
    assert "Content-Security-Policy" in html


def test_gaps_xlsx_has_a_sheet_per_finding_kind(tmp_path):
    run("report", SKARHOLMEN, "-o", tmp_path, "--as-of", "2026-11-26")
    from openpyxl import load_workbook

    from graphmodel.catalogue import SHEETS

    names = load_workbook(tmp_path / "gaps.xlsx").sheetnames
    kinds = {"unassigned", "vague-owner", "overloaded", "plan-not-revised", "duplicate-measure"}
    assert {SHEETS["sv"][kind] for kind in kinds} <= set(names)


def test_a_folder_stands_for_the_plans_in_it(tmp_path):
    from benchmarks.synthetic import write_corpus

    write_corpus(tmp_path, plans=3, measures=5)
    rows = json.loads(run("measures", tmp_path, "--format", "json").output)
    assert len(rows) == 15
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["measures", str(empty)])
    assert result.exit_code == 2 and "no-plan-files" in result.output


def test_an_excel_plan_and_a_csv_plan_make_one_graph(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Försättsblad"
    sheet = book.create_sheet("Handlingsplan")
    sheet.append(["Åtgärd", "Ansvarig", "Samverkanspartner", "Tidplan"])
    sheet.append(["Föräldrastöd", "Socialtjänsten", "Polisen", "Pågår"])
    book.save(tmp_path / "botkyrka.xlsx")
    rows = json.loads(
        run("actors", SKARHOLMEN, tmp_path / "botkyrka.xlsx", "--sheet", "Handlingsplan", "--format", "json").output
    )
    polisen = next(r for r in rows if r["id"] == "polisen")
    assert polisen["partner_count"] == 6
    result = CliRunner().invoke(main, ["measures", str(tmp_path / "botkyrka.xlsx"), "--sheet", "Plan"])
    assert result.exit_code == 2 and "sheet-not-found" in result.output and "Handlingsplan" in result.output


def test_gaps_says_on_stderr_how_many_cells_need_review():
    result = CliRunner().invoke(main, ["gaps", str(NORRTORP), "--format", "json"])
    assert result.exit_code == 0
    assert "5 cells could not be fully interpreted" in result.stderr
    json.loads(result.stdout)


def test_neo4j_errors_never_repeat_a_password_written_into_the_uri():
    result = CliRunner().invoke(
        main, ["neo4j", "query", "depends-on", "--param", "actor=Polisen", "--uri", "bolt://bob:hunter2@127.0.0.1:1"]
    )
    assert result.exit_code == 2
    assert "hunter2" not in result.output and "bob:" not in result.output


def test_a_heading_row_a_dash_cell_and_a_repeated_unknown_column_are_all_accounted_for(tmp_path):
    plan = tmp_path / "p.csv"
    plan.write_text(
        "Nr;Område;Åtgärd;Ansvarig;Kommentar;Kommentar\n"
        ";Förebyggande;;;rubrik;\n1a;;Första;-;k1;k2\n1A;;Andra;Polisen;;\n",
        encoding="utf-8",
    )
    measures = json.loads(run("measures", plan, "--format", "json").output)
    assert [(m["id"], m["area"], m["text"]) for m in measures] == [
        ("p#1a", "Förebyggande", "Första"),
        ("p#1a-2", "Förebyggande", "Andra"),
    ]
    assert measures[0]["extra"] == {"Kommentar": "k1", "Kommentar (2)": "k2"}
    problems = {
        (r["row"], r["column"], r["problem"])
        for r in json.loads(run("check", plan, "--format", "json").output)
        if r["problem"]
    }
    assert (2, "Kommentar", "no-measure-in-row") in problems
    assert (3, "Ansvarig", "no-actor-in-cell") in problems


def test_a_registry_whose_parents_loop_is_a_clear_error(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "id;name;kind;scope;parent\naaa;Alfa;municipal-unit;national;bbb\nbbb;Beta;municipal-unit;national;aaa\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["actors", str(SKARHOLMEN), "--registry", str(extra)])
    assert result.exit_code == 2 and "the parent chain loops: aaa → bbb → aaa" in result.output


def test_an_undecodable_byte_after_a_bom_is_located_right(tmp_path):
    bad = tmp_path / "b.csv"
    bad.write_bytes(b"\xef\xbb\xbfAtgard;Ansvarig\nabc;Polisen\nM\xf6te;Polisen\n")
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 2 and "byte 0xF6" in result.output and "(line 3)" in result.output


def test_json_written_in_pieces_is_the_same_list_as_written_at_once():
    from graphmodel.present.formats import json_chunks

    rows = [{"i": i, "text": "Åtgärd ”citat”", "by_count": {1: "ett"}} for i in range(1234)]
    whole = "".join(json_chunks(rows, 5000))
    lines = whole.split("\n")
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(rows) + 2  # one object per line
    assert "Åtgärd ”citat”" in lines[1]  # written as is, not as \\u escapes
    assert json.loads(whole) == [{**r, "by_count": {"1": "ett"}} for r in rows]  # keys as the json module writes them
    for lines_per_chunk in (1, 7, 500):
        assert "".join(json_chunks(rows, lines_per_chunk)) == whole
    assert "".join(json_chunks([])) == "[]"
    result = run("gaps", "--format", "json", SKARHOLMEN, NORRTORP)
    assert result.stdout.endswith("\n]\n") and len(json.loads(result.stdout)) > 10


def test_report_and_check_count_a_cell_naming_two_unknown_actors_as_one_cell_to_review(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("Åtgärd;Ansvarig\nSamverkan;Okända föreningen Alfa, Okända föreningen Beta\n", encoding="utf-8")
    reported = run("report", plan, "-o", tmp_path / "out", "--organisation", "Norrby kommun").output
    checked = run("check", plan, "--organisation", "Norrby kommun").output
    assert "1 cell to review" in reported and "1 to review: 1 cell with problems, 0 interpretations." in checked


def test_a_long_table_prints_every_row_in_the_terminal_width_soon(monkeypatch, capsys):
    """7,000 cells to review of 300 plans took a minute in rich and printed nothing until the end: a long
    table prints in pieces with its widths worked out once, the header once, every row, nothing wider
    than the terminal."""
    import time

    from rich.console import Console

    from graphmodel.present import formats

    monkeypatch.setenv("COLUMNS", "100")
    printed = []
    real_print = Console.print
    monkeypatch.setattr(Console, "print", lambda self, *a, **k: printed.append(1) or real_print(self, *a, **k))
    rows = [[f"plan-{i:05d}.csv", i, "Övriga aktörer", "Polisen Socialtjänsten " * (i % 4), "actor: Polisen (polisen)"]
            for i in range(3 * formats.ROWS_AT_ONCE + 7)]  # fmt: skip
    start = time.perf_counter()
    formats.print_table(rows, ["file", "row", "column", "cell", "reading"], title="Att granska")
    seconds = time.perf_counter() - start
    lines = capsys.readouterr().out.splitlines()
    assert sum("file" in line and "reading" in line for line in lines) == 1
    assert [int(line.split()[1]) for line in lines if line.startswith("plan-")] == list(range(len(rows)))
    assert max(map(len, lines)) <= 100
    assert len(printed) == 4  # the first rows are on screen while the rest are drawn
    assert seconds < 10
