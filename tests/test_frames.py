"""Issue 10: the listings as pandas DataFrames, and a plan read from a DataFrame as from its file."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import subprocess
import sys

import pandas as pd
import pytest

import graphmodel as gm
from graphmodel.errors import IngestFailed
from graphmodel.present.frames import ACTOR_FRAME, FINDING_FRAME, MEASURE_FRAME
from graphmodel.read.tables import Limits
from tests.conftest import ROOT, SKARHOLMEN

SKARHOLMEN_INFO = {
    "plan_id": "skarholmen-2017",
    "organisation": "Skärholmens stadsdelsförvaltning",
    "organisation_parent": "Stockholms stad",
}


@pytest.fixture(scope="module")
def graph(skarholmen):
    return gm.build_graph([skarholmen])


def read_frame(frame, **info):
    return gm.plan_from_frame(frame, **{**SKARHOLMEN_INFO, **info})


def errors_of(frame, **info) -> list:
    with pytest.raises(IngestFailed) as failed:
        read_frame(frame, **info)
    return failed.value.errors


def without_files(rows: list[dict]) -> list[dict]:
    """The rows with every file name left out, nested ones too."""

    def drop(value):
        if isinstance(value, dict):
            return {k: drop(v) for k, v in value.items() if k != "file"}
        if isinstance(value, list):
            return [drop(v) for v in value]
        return value

    return [drop(row) for row in rows]


def test_a_plan_in_a_dataframe_reads_as_the_same_plan_as_its_csv_file(skarholmen, graph):
    frame = pd.read_csv(SKARHOLMEN, sep=";")
    plan = read_frame(frame, title=skarholmen.info.title, year=2017)
    assert plan.info.id == skarholmen.info.id and plan.info.organisation == skarholmen.info.organisation
    from_frame = gm.build_graph([plan])
    assert without_files(gm.measures(from_frame)) == without_files(gm.measures(graph))
    assert without_files(gm.ledger([plan])) == without_files(gm.ledger([skarholmen]))
    assert {row["file"] for row in gm.ledger([plan])} == {"<DataFrame skarholmen-2017>"}
    assert gm.actors(from_frame) == gm.actors(graph)


def test_a_frame_read_without_its_header_row_finds_the_header_and_counts_rows_as_the_file_does(skarholmen):
    frame = pd.read_csv(SKARHOLMEN, sep=";", header=None)
    plan = read_frame(frame)
    assert [(m.source.row, m.text) for m in plan.measures] == [(m.source.row, m.text) for m in skarholmen.measures]


def test_which_measures_depend_on_polisen_from_the_measures_frame(graph):
    frame = gm.measures_frame(graph)
    ids = r"(?:^|; )polisen(?:;|$)"
    partner = frame[frame.partner_ids.str.contains(ids, na=False)]
    owner = frame[frame.responsible_ids.str.contains(ids, na=False)]
    assert len(partner) == 5 and owner.empty  # README: Polisen takes part in five and owns none
    expected = [m["text"] for m in gm.measures(graph) if any(p["id"] == "polisen" for p in m["partners"])]
    assert partner.text.tolist() == expected


def test_how_many_measures_each_actor_owns_per_plan(graph):
    frame = gm.measures_frame(graph)
    owners = frame.assign(owner=frame.responsible.str.split("; ")).explode("owner")
    counts = owners.groupby(["plan", "owner"]).size()
    assert counts[("skarholmen-2017", "Preventionssamordnare")] == 5


def test_the_measures_frame_has_the_json_contract_flattened_in_a_fixed_order(graph):
    frame = gm.measures_frame(graph)
    rows = gm.measures(graph)
    assert list(frame.columns) == [name for name, _ in MEASURE_FRAME]
    assert len(frame) == len(rows) and frame.id.tolist() == [r["id"] for r in rows]
    first = frame.iloc[0]
    assert first.responsible == "; ".join(r["name"] for r in rows[0]["responsible"])
    assert first.partner_ids == "; ".join(r["id"] for r in rows[0]["partners"])
    assert first.source_row == rows[0]["source"]["row"] and first.source_file == rows[0]["source"]["file"]
    assert pd.isna(first.level) and pd.isna(first.status_due) and pd.isna(first.source_sheet)
    assert str(frame.text.dtype) == "string" and str(frame.source_row.dtype) == "Int64"
    assert list(frame.status_state.cat.categories) == ["ongoing", "planned", "in-development", "done", "unknown"]


def test_a_measure_without_owner_has_na_as_its_responsible(graph):
    frame = gm.measures_frame(graph)
    unowned = frame[frame.responsible.isna()]
    assert unowned.text.tolist() == [m["text"] for m in gm.measures(graph) if not m["responsible"]]
    assert unowned.responsible_ids.isna().all()


def test_columns_the_tool_does_not_know_become_extra_columns_of_the_measures_frame():
    frame = pd.DataFrame({"Åtgärd": ["Föräldrautbildning", "Samverkansmöten"], "Kommentar": ["budget saknas", None]})
    plan = gm.plan_from_frame(frame, plan_id="p", organisation="Norrby kommun")
    measures = gm.measures_frame(gm.build_graph([plan]))
    assert list(measures.columns)[-1] == "extra:Kommentar"
    assert measures["extra:Kommentar"].tolist() == ["budget saknas", pd.NA]


def test_the_actors_frame_has_the_columns_of_graphmodel_actors_rows(graph):
    frame = gm.actors_frame(graph)
    rows = gm.actors(graph)
    assert list(frame.columns) == [name for name, _ in ACTOR_FRAME] == list(rows[0])
    assert frame.name.tolist() == [r["name"] for r in rows]
    assert frame.responsible_count.tolist() == [r["responsible_count"] for r in rows]
    polisen = frame.set_index("id").loc["polisen"]
    assert polisen.partner_count == 5 and pd.isna(polisen.responsible_for)
    assert polisen.aliases_seen == "; ".join(next(r for r in rows if r["id"] == "polisen")["aliases_seen"])
    assert str(frame.unknown.dtype) == "boolean"


def test_the_findings_frame_of_the_bundled_plan_has_one_row_per_finding(graph):
    from graphmodel.analyse.gaps import GapSettings, find_gaps

    findings = find_gaps(graph, GapSettings(as_of=dt.date(2026, 11, 30)))
    frame = gm.findings_frame(findings)
    assert list(frame.columns) == [name for name, _ in FINDING_FRAME]
    assert len(frame) == len(findings) == 19
    assert frame.kind.tolist() == [f["kind"] for f in findings]
    assert frame.message.tolist() == [f["message"] for f in findings]
    assert frame.measure_ids.fillna("").tolist() == ["; ".join(m["id"] for m in f["measures"]) for f in findings]
    assert (frame.severity == "high").sum() == 3
    assert frame.sort_values("severity").severity.iloc[-1] == "low"
    revised = frame[frame.kind == "plan-not-revised"].evidence.str.get("as_of").tolist()
    assert revised == ["2026-11-30"]


def test_a_frame_of_no_findings_has_the_columns_and_no_rows():
    frame = gm.findings_frame([])
    assert frame.empty and list(frame.columns) == [name for name, _ in FINDING_FRAME]


def test_a_frame_without_a_measure_column_is_an_error_naming_the_frame_and_its_header_row():
    errors = errors_of(pd.DataFrame({"Ansvarig": ["Polisen"], "Kommentar": ["x"]}))
    assert [(e.path, e.code, e.row) for e in errors] == [("<DataFrame skarholmen-2017>", "missing-measure-column", 1)]
    assert "'Ansvarig', 'Kommentar'" in errors[0].message


def test_a_cell_over_the_length_limit_is_an_error_naming_its_row_and_column():
    frame = pd.DataFrame({"Åtgärd": ["Kort", "x" * 101], "Ansvarig": ["Polisen", "Polisen"]})
    errors = errors_of(frame, limits=Limits(cell_length=100))
    assert [(e.code, e.row, e.column) for e in errors] == [("cell-too-long", 3, "Åtgärd")]
    assert "--limit cell-length=101" in str(errors[0])
    assert str(errors[0]).startswith("<DataFrame skarholmen-2017>, row 3, column 'Åtgärd': ")


def test_a_frame_with_more_rows_than_the_limit_is_an_error_at_the_first_row_past_it():
    frame = pd.DataFrame({"Åtgärd": [f"Åtgärd {i}" for i in range(10)]})
    errors = errors_of(frame, limits=Limits(rows=5))
    assert [(e.code, e.row) for e in errors] == [("too-many-rows", 6)]
    assert "--limit rows=11" in errors[0].message


def test_a_frame_wider_than_the_column_limit_is_an_error_naming_the_column():
    frame = pd.DataFrame({"Åtgärd": ["Föräldrautbildning"], "Ansvarig": ["Polisen"], "Anteckning": ["långt ut"]})
    errors = errors_of(frame, limits=Limits(columns=2))
    assert [(e.code, e.row, e.column) for e in errors] == [
        ("too-many-columns", 1, "Anteckning"),
        ("too-many-columns", 2, "Anteckning"),
    ]


def test_nan_and_none_cells_are_empty_cells():
    frame = pd.DataFrame(
        {
            "Område": ["Förebyggande", float("nan"), None],
            "Åtgärd": ["Föräldrautbildning", "Fältarbete", "Samverkansmöten"],
            "Ansvarig": [pd.NA, None, "Polisen"],
            "Pågående/planer": [float("nan"), "Pågående", pd.NaT],
        }
    )
    plan = read_frame(frame)
    assert [m.area for m in plan.measures] == ["Förebyggande"] * 3  # an empty area cell carries the one above down
    assert [len(m.responsible) for m in plan.measures] == [0, 0, 1]
    assert [m.status.text for m in plan.measures] == ["", "Pågående", ""]
    texts = [item.text for item in plan.ledger]
    assert "nan" not in texts and "<NA>" not in texts and "None" not in texts and "NaT" not in texts
    assert len(plan.ledger) == 1 + 3 + 1 + 1  # the area once, three measures, one owner, one status


def test_numbers_and_dates_read_as_a_spreadsheet_shows_them():
    frame = pd.DataFrame(
        {
            "Nr": [1.0, 2.0],
            "Åtgärd": ["Föräldrautbildning", 3.25],
            "Pågående/planer": [pd.Timestamp("2018-05-01"), dt.datetime(2019, 1, 2, 8, 30)],
            "Källa": [True, 12],
        }
    )
    plan = read_frame(frame)
    assert [m.id for m in plan.measures] == ["skarholmen-2017#1", "skarholmen-2017#2"]
    assert [m.text for m in plan.measures] == ["Föräldrautbildning", "3.25"]
    assert [m.status.text for m in plan.measures] == ["2018-05-01", "2019-01-02 08:30:00"]
    assert plan.measures[0].status.due == "2018-05"
    assert [m.source.reference for m in plan.measures] == ["TRUE", "12"]


def test_a_title_above_the_header_names_the_plan_read_without_a_header():
    frame = pd.DataFrame([["Handlingsplan Norrby 2018", None], ["Åtgärd", "Ansvarig"], ["Fältarbete", "Polisen"]])
    plan = read_frame(frame)
    assert plan.info.title == "Handlingsplan Norrby 2018"
    assert [(m.text, m.source.row) for m in plan.measures] == [("Fältarbete", 3)]


def test_the_examples_in_the_frames_docstrings_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    for name in ("graphmodel.present.frames", "graphmodel.read.frames"):
        result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, name


@pytest.mark.parametrize("args", [["--help"], ["gaps", "data/plans/skarholmen-2017.csv"]])
def test_the_command_line_does_not_import_pandas(args):
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "graphmodel.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pandas" not in done.stderr
