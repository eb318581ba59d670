"""Outputs never replace an input, never write through a link, never leave half a set of files."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli import main
from tests.conftest import ROOT, SKARHOLMEN


@pytest.fixture
def plan(tmp_path) -> Path:
    copy = tmp_path / "plan.csv"
    shutil.copy(SKARHOLMEN, copy)
    return copy


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--as-of", "2026-01-01"] if args[0] == "report" else list(args))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_view_onto_its_own_plan_is_an_error_and_the_plan_is_kept(plan):
    before = plan.read_bytes()
    result = run("view", str(plan), "-o", str(plan))
    assert result.exit_code == 2
    assert "is one of the input files" in result.stderr and "Traceback" not in result.output
    assert plan.read_bytes() == before


def test_report_into_the_folder_of_its_plan_under_an_output_name_is_an_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    plan = out / "measures.csv"
    shutil.copy(SKARHOLMEN, plan)
    result = run("report", str(plan), "-o", str(out))
    assert result.exit_code == 2 and "is one of the input files" in result.stderr
    assert plan.read_bytes() == SKARHOLMEN.read_bytes()
    assert sorted(p.name for p in out.iterdir()) == ["measures.csv"]


def test_report_into_a_folder_with_other_files_keeps_them_and_says_what_it_replaced(plan, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "anteckningar.txt").write_text("mina anteckningar")
    (out / "report.html").write_text("förra rapporten")
    result = run("report", str(plan), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "anteckningar.txt").read_text() == "mina anteckningar"
    assert "<!DOCTYPE html>" in (out / "report.html").read_text(encoding="utf-8")
    assert "replaced 1 existing file" in result.stderr and "report.html" in result.stderr
    assert leftovers(out) == []


def test_a_link_at_an_output_name_is_replaced_and_what_it_points_to_is_untouched(plan, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours")
    (out / "report.html").symlink_to(elsewhere)
    (out / "graph.json").symlink_to(tmp_path / "missing-target")
    result = run("report", str(plan), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert elsewhere.read_text() == "not yours"
    assert not (tmp_path / "missing-target").exists()
    assert not (out / "report.html").is_symlink() and not (out / "graph.json").is_symlink()
    assert "the link is replaced" in result.stderr


def test_view_through_a_link_replaces_the_link(plan, tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("keep")
    link = tmp_path / "view.html"
    link.symlink_to(target)
    result = run("view", str(plan), "-o", str(link))
    assert result.exit_code == 0, result.output
    assert target.read_text() == "keep" and not link.is_symlink()


def test_a_full_disk_is_one_line_naming_the_file_and_no_file_is_left(plan, tmp_path, monkeypatch):
    import graphmodel.present.exports as exports

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "write_gexf", full)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("förra rapporten")
    result = run("report", str(plan), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "graph.gexf" in result.stderr and "No space left" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]  # all of the set or none of it
    assert (out / "report.html").read_text() == "förra rapporten"


def test_a_run_terminated_while_writing_leaves_no_file_behind(plan, tmp_path):
    out = tmp_path / "out"
    script = (
        "import os, signal, sys, time\n"
        "import graphmodel.present.exports as exports\n"
        "def stop(graph, path, *looks):\n"
        "    path.write_text('half')\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(30)\n"
        "exports.write_gexf = stop\n"
        "from graphmodel.cli import main\n"
        f"sys.argv = ['graphmodel', 'report', {str(plan)!r}, '-o', {str(out)!r}]\n"
        "main()\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 128 + 15, finished.stderr
    assert list(out.iterdir()) == []


def test_an_unknown_limit_name_is_a_clear_error():
    result = run("measures", str(SKARHOLMEN), "--limit", "lines=5")
    assert result.exit_code == 2 and "--limit" in result.stderr and "rows" in result.stderr


def test_every_plan_command_takes_limit():
    for command in (
        "measures",
        "actors",
        "check",
        "depends-on",
        "responsible-for",
        "works-with",
        "overview",
        "metrics",
        "report",
        "gaps",
        "what-if",
        "view",
    ):
        assert "--limit NAME=VALUE" in run(command, "--help").output, command


def test_a_limit_is_raised_from_the_command_line_for_every_reading_command(tmp_path):
    assert run("measures", str(SKARHOLMEN), "--limit", "rows=3").exit_code == 2
    assert run("measures", str(SKARHOLMEN), "--limit", "rows=3", "--limit", "rows=500000").exit_code == 0
    result = run("report", str(SKARHOLMEN), "-o", str(tmp_path / "out"), "--limit", "rows=500000")
    assert result.exit_code == 0, result.output
    assert run("view", str(SKARHOLMEN), "-o", str(tmp_path / "v.html"), "--limit", "rows=3").exit_code == 2
