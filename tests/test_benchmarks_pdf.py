"""`python -m benchmarks.pdf_read` at a tiny size, so that it cannot rot: it runs, reads the PDFs as the
XLSX, writes its results, and a second run takes the PDFs from its cache instead of LibreOffice.

LibreOffice makes the PDFs (several seconds): with the slow tests."""

from __future__ import annotations

import json

import pytest

from benchmarks import pdf_read

pytestmark = pytest.mark.slow


def test_pdf_benchmark_runs_and_caches_its_pdfs(tmp_path, capsys):
    cache, out = tmp_path / "cache", tmp_path / "pdf_read.json"
    arguments = ["--measures", "12", "--repeat", "1", "--cache", str(cache), "--out", str(out)]

    pdf_read.main(arguments)
    first = json.loads(out.read_text(encoding="utf-8"))
    printed = capsys.readouterr().out

    assert first["pdf_made_s"] is not None
    assert [row["layout"] for row in first["rows"]] == ["ruled", "unruled"]
    assert first["xlsx"]["measures_read"] == 12
    for row in first["rows"]:
        assert row["pages"] >= 1
        assert row["measures_read"] == row["measures_as_xlsx"] == 12
        assert row["read_plan_s"] > 0 and row["read_plan_ratio"] > 0
        assert isinstance(row["target_met"], bool)
    assert "ruled" in printed and "unruled" in printed
    assert "\x1b[" not in printed  # no progress bar or colours when not on a terminal

    made = sorted(cache.rglob("*.pdf"))
    pdf_read.main([*arguments, "--layouts", "ruled", "--profile"])
    second = json.loads(out.read_text(encoding="utf-8"))
    assert second["pdf_made_s"] is None  # from the cache: LibreOffice not run again
    assert sorted(cache.rglob("*.pdf")) == made
    assert "cumulative" in capsys.readouterr().out
