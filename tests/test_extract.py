"""`graphmodel extract`: a published plan's table, as read, in a workbook to correct in Excel and read again.

The questions a coordinator asks: does the workbook read as the same plan, measure by measure? Is every
row of the document there, and where it came from? Is what was not read listed? Does a formula-looking
cell stay text, a line break a line break? And what does the command say, when it works and when not?
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from graphmodel import api
from graphmodel.cli import main
from graphmodel.errors import GraphmodelError
from graphmodel.present.extract import LEFT_OUT_SHEET, PLAN_SHEET, extract_sheets
from graphmodel.read.plan_metadata import read_plan_info
from graphmodel.read.plans import parse_plan, read_plan
from graphmodel.read.registry_file import read_registry
from graphmodel.read.tables import Row, Table, read_table
from tests.conftest import ROOT
from tests.test_docx import ROUND_TRIP, _as_docx

HEADER = ["Åtgärd", "Ansvarig", "Samverkan", "Status"]
TITLE = "Handlingsplan mot våldsbejakande extremism 2020–2022, Västerdals kommun"


@pytest.fixture(scope="module")
def registry():
    return read_registry()


def _table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for tr, cells in zip(table.rows, rows):
        for cell, text in zip(tr.cells, cells):
            cell.text = text  # "\n" becomes a line break (w:br)
    return table


def _word_plan(path: Path) -> Path:
    """A plan as Word plans are written: a title, an introduction, an area and a level heading above tables,
    a heading row first in a table, an owner merged down, a row wrapped in two, a header repeated on a page,
    a full-width area row, the plan's own reference column, text that looks like a formula, line breaks."""
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("Inledning", style="Heading 1")
    document.add_paragraph("Planen beskriver hur kommunen arbetar förebyggande. " * 5)
    document.add_paragraph("Organisation", style="Heading 2")
    table = _table(
        document,
        [
            HEADER + ["Källa"],
            ["Lägesbild", "", "", "", ""],  # a heading row first in a table under a heading of its own
            ["Lokal lägesbild tas fram", "Säkerhetssamordnaren", "Polisen\nSocialtjänsten", "Årligen", "s. 4"],
            ["Samverkansgrupp mellan skola, socialtjänst,", "Socialtjänsten", "", "Pågående", ""],
            ["fritid och polis som träffas varje månad.", "", "", "", ""],  # measure text wrapped to a row
            ["", "", "Fryshuset", "HT 2021", ""],  # a row continuing the measure above
            ["Utbildning för lärare", "Skolförvaltningen", "", "Pågående", ""],
            ["Föräldramöten om nätet", "", "Fritidsgården", "Planerat 2021", ""],
        ],
    )
    table.cell(6, 1).merge(table.cell(7, 1))  # one owner merged down over two measures
    table.cell(6, 1).text = "Skolförvaltningen"
    document.add_paragraph("Selektiv prevention", style="Heading 1")
    table = _table(
        document,
        [
            HEADER + ["Källa"],
            ['=HYPERLINK("http://x")', "+46 8 123 45", "-", "@planerat", ""],  # looks like formulas
            HEADER + ["Källa"],  # the header repeated on the next page
            ["Avhopp", "", "", "", ""],
            ["Stöd till avhoppare", "Socialtjänsten", "Kriminalvården", "Planerat 2022", "bilaga 2"],
        ],
    )
    full = table.rows[3].cells
    full[0].merge(full[-1])  # a full-width row: the area of the rows below
    full[0].text = "Avhopp"
    document.save(path)
    return path


def _measures(plan) -> list[tuple]:
    """What a plan says, measure by measure: text, owners, partners, status, area, level, other columns."""
    return [
        (
            m.text,
            [(a.id, a.text) for a in m.responsible],
            [(a.id, a.text) for a in m.partners],
            m.status.text,
            m.status.state,
            m.area,
            m.level,
            sorted(m.extra),
        )
        for m in plan.measures
    ]


def _sheet(path: Path, title: str = PLAN_SHEET) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[title].iter_rows(values_only=True))


# Does the workbook read as the same plan?


def test_a_word_plan_extracts_to_a_workbook_that_reads_as_the_same_plan(tmp_path, registry):
    document = _word_plan(tmp_path / "plan.docx")
    result = api.extract(document, tmp_path / "rättad" / "plan.xlsx", registry=registry)
    from_word, from_excel = read_plan(document, registry), read_plan(result.written, registry)
    assert _measures(from_excel) == _measures(from_word)
    assert [(m.text, m.area, m.level) for m in from_word.measures] == [
        ("Lokal lägesbild tas fram", "Lägesbild", None),
        ("Samverkansgrupp mellan skola, socialtjänst, fritid och polis som träffas varje månad.", "Lägesbild", None),
        ("Utbildning för lärare", "Lägesbild", None),
        ("Föräldramöten om nätet", "Lägesbild", None),
        ('=HYPERLINK("http://x")', "Lägesbild", "Selektivt"),
        ("Stöd till avhoppare", "Avhopp", "Selektivt"),
    ]
    assert [a.text for a in from_word.measures[1].partners] == ["Fryshuset"]
    assert [a.text for a in from_word.measures[3].responsible] == ["Skolförvaltningen"]
    assert [a.id for a in from_excel.actors.values()] == [a.id for a in from_word.actors.values()]
    # The title survives (no .plan.toml here), and with it the organisation and the year it names.
    assert (from_excel.info.title, from_excel.info.organisation_name, from_excel.info.year) == (
        TITLE,
        "Västerdals kommun",
        2020,
    )
    assert (result.rows, result.measures, result.tables) == (10, 6, 2)


def test_the_workbook_holds_the_title_the_plans_columns_and_every_row_read(tmp_path):
    result = api.extract(_word_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    rows = _sheet(result.written)
    assert rows[0][0] == TITLE
    # The header as the reader maps it: the heading above a table is an ordinary "Område", the level heading "Nivå".
    assert rows[1] == ("Åtgärd", "Ansvarig", "Samverkan", "Status", "Källa", "Område", "Nivå")
    assert rows[2:] == [
        (None, None, None, None, None, "Organisation", None),  # the heading above the table, on a row alone
        ("Lägesbild", None, None, None, None, None, None),  # a heading row: no place beside it
        (
            "Lokal lägesbild tas fram",
            "Säkerhetssamordnaren",
            "Polisen\nSocialtjänsten",
            "Årligen",
            "table 1, row 3; s. 4",
            None,
            None,
        ),
        (
            "Samverkansgrupp mellan skola, socialtjänst,",
            "Socialtjänsten",
            None,
            "Pågående",
            "table 1, row 4",
            None,
            None,
        ),
        ("fritid och polis som träffas varje månad.", None, None, None, None, None, None),
        (None, None, "Fryshuset", "HT 2021", "table 1, row 6", None, None),
        ("Utbildning för lärare", "Skolförvaltningen", None, "Pågående", "table 1, row 7", None, None),
        ("Föräldramöten om nätet", "Skolförvaltningen", "Fritidsgården", "Planerat 2021", "table 1, row 8", None, None),
        ('=HYPERLINK("http://x")', "+46 8 123 45", "-", "@planerat", "table 2, row 2", None, "Selektivt"),
        (None, None, None, None, "table 2, row 4", "Avhopp", None),
        (
            "Stöd till avhoppare",
            "Socialtjänsten",
            "Kriminalvården",
            "Planerat 2022",
            "table 2, row 5; bilaga 2",
            None,
            "Selektivt",
        ),
    ]


def test_where_each_measure_came_from_is_its_reference_and_read_back_as_no_unknown_column(tmp_path, registry):
    result = api.extract(_word_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    plan = read_plan(result.written, registry)
    assert [m.source.reference for m in plan.measures] == [
        "table 1, row 3; s. 4",
        "table 1, row 4",
        "table 1, row 7",
        "table 1, row 8",
        "table 2, row 2",
        "table 2, row 5; bilaga 2",
    ]
    assert not [i for i in plan.ledger if i.problem == "unrecognised-column"]


def test_a_row_of_measure_text_alone_that_is_not_a_measure_gets_no_place_so_it_reads_as_before(tmp_path):
    """A heading row, or text wrapped from the row above, is read so because it is alone on its row: a place
    beside it would make it a measure. A measure alone on its row gets its place."""
    document = docx.Document()
    _table(
        document,
        [
            HEADER,
            ["Lägesbild", "", "", ""],
            ["Samverkan mellan skola och", "Polisen", "", ""],
            ["fritid.", "", "", ""],
            ["Stöd till anhöriga", "", "", ""],
        ],
    )
    document.save(tmp_path / "p.docx")
    rows = _sheet(api.extract(tmp_path / "p.docx", tmp_path / "p.xlsx").written)
    assert [(r[0], r[-1]) for r in rows[1:]] == [
        ("Lägesbild", None),
        ("Samverkan mellan skola och", "table 1, row 3"),
        ("fritid.", None),
        ("Stöd till anhöriga", "table 1, row 5"),
    ]


@pytest.mark.parametrize("plan_path", ROUND_TRIP, ids=lambda p: p.stem)
def test_a_bundled_plan_written_in_word_extracts_to_the_same_plan(plan_path, tmp_path, registry):
    """CSV or XLSX → Word tables (a heading per area) → extract → XLSX: the measures of the original."""
    document = _as_docx(plan_path, tmp_path / f"{plan_path.stem}.docx")
    side = plan_path.with_name(plan_path.stem + ".plan.toml")
    if side.exists():
        shutil.copyfile(side, tmp_path / side.name)
    result = api.extract(document, tmp_path / "ut" / f"{plan_path.stem}.xlsx", registry=registry)
    original = parse_plan(read_table(plan_path), read_plan_info(plan_path), registry)
    extracted = read_plan(result.written, registry)
    assert _measures(extracted) == _measures(original)
    assert [a.id for a in extracted.actors.values()] == [a.id for a in original.actors.values()]
    assert (extracted.info.title, extracted.info.organisation_name, extracted.info.year) == (
        original.info.title,
        original.info.organisation_name,
        original.info.year,
    )
    assert result.metadata_copied == side.exists()


DOCUMENTS = [
    *sorted((ROOT / "data" / "plans" / "documents").glob("*.docx")),
    # A PDF takes a second or two to read, twice here: with the slow tests.
    *(pytest.param(p, marks=pytest.mark.slow) for p in sorted((ROOT / "data" / "plans" / "documents").glob("*.pdf"))),
]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_a_bundled_word_or_pdf_plan_extracts_to_the_same_plan(document, tmp_path, registry):
    """The invented plans written in Word (and exported to PDF) as municipalities write them."""
    from_document = read_plan(document, registry)
    result = api.extract(document, tmp_path / f"{document.stem}.xlsx", registry=registry)
    from_excel = read_plan(result.written, registry)
    assert _measures(from_excel) == _measures(from_document)
    assert (from_excel.info.title, from_excel.info.organisation_name, from_excel.info.year) == (
        from_document.info.title,
        from_document.info.organisation_name,
        from_document.info.year,
    )
    assert [m.source.reference for m in from_excel.measures] == [
        "; ".join(filter(None, (m.source.place, m.source.reference))) for m in from_document.measures
    ]


@pytest.mark.parametrize("plan_path", ROUND_TRIP[:1] + ROUND_TRIP[-1:], ids=lambda p: p.stem)
def test_a_csv_or_xlsx_plan_extracts_too_and_reads_the_same(plan_path, tmp_path, registry):
    result = api.extract(plan_path, tmp_path / f"{plan_path.stem}.xlsx", registry=registry)
    assert _measures(read_plan(result.written, registry)) == _measures(read_plan(plan_path, registry))
    assert result.tables == 0  # a sheet has no tables to name: no place column is added
    assert "table 1" not in str(_sheet(result.written))


# Nothing lost, nothing run.


def test_rows_not_read_as_the_plans_are_on_a_sheet_of_their_own(tmp_path):
    result = api.extract(_word_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    left = _sheet(result.written, LEFT_OUT_SHEET)
    assert left[0] == ("Rad", "Plats", "Text", "Varför")
    assert [(r[1], r[3]) for r in left[1:]] == [
        ("table 2, row 1", "header row"),
        ("table 2, row 3", "header row repeated: not a measure"),
    ]
    assert set(left[1][2].split(" | ")) == {*HEADER, "Källa"}
    assert result.left_out == 2


def test_formula_looking_cells_stay_text_and_line_breaks_stay_line_breaks(tmp_path, registry):
    result = api.extract(_word_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(result.written)[PLAN_SHEET]
    found = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                found[cell.value] = (cell.data_type, cell.quotePrefix)
    assert found == {
        '=HYPERLINK("http://x")': ("s", True),
        "+46 8 123 45": ("s", True),
        "-": ("s", True),
        "@planerat": ("s", True),
    }
    broken = sheet["C5"]
    assert broken.value == "Polisen\nSocialtjänsten" and broken.alignment.wrap_text
    plan = read_plan(result.written, registry)
    assert [a.text for a in plan.measures[0].partners] == ["Polisen", "Socialtjänsten"]
    assert sheet.freeze_panes == "A3"  # the header row (under the title) stays in view


def test_a_pdfs_page_is_in_the_place(tmp_path):
    """The PDF reader gives each row a place with its page ("page 3, table 2, row 5") and its page number."""
    table = Table(
        "plan.pdf",
        None,
        {"measure": "Åtgärd", "responsible": "Ansvarig"},
        [Row(2, {"measure": "Läxhjälp", "responsible": "Skolan"}), Row(3, {"measure": "Mentorer", "responsible": ""})],
        [],
        [],
        None,
        places={2: "page 3, table 1, row 2", 3: "table 1, row 3"},
        pages={2: 3, 3: 4},
    )
    sheets = extract_sheets(table, {2, 3})
    assert sheets.headings == ["Åtgärd", "Ansvarig", "Källa"]
    assert [r[-1] for r in sheets.rows] == ["page 3, table 1, row 2", "page 4, table 1, row 3"]


# Metadata and where it writes.


def test_the_plan_toml_is_copied_beside_the_workbook_or_reused_when_it_is_already_there(tmp_path):
    document = _word_plan(tmp_path / "plan.docx")
    (tmp_path / "plan.plan.toml").write_text('organisation = "Västerdals kommun"\nyear = 2020\n', encoding="utf-8")
    result = api.extract(document, tmp_path / "rättad" / "västerdal.xlsx")
    assert result.metadata_copied and result.metadata == tmp_path / "rättad" / "västerdal.plan.toml"
    assert result.metadata.read_text(encoding="utf-8") == (tmp_path / "plan.plan.toml").read_text(encoding="utf-8")
    result = api.extract(document, tmp_path / "plan.xlsx")  # beside the document, under its name: the same file
    assert not result.metadata_copied and result.metadata == tmp_path / "plan.plan.toml"


def test_the_command_says_where_it_wrote_and_what_to_do_next(tmp_path):
    document = _word_plan(tmp_path / "plan.docx")
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(main, ["extract", str(document), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Wrote {out}: 10 rows from 2 tables (6 measures); 2 rows not read as the plan's (header rows, text above "
        "a table) are on the sheet 'Ej inlästa rader'.",
        f"Correct it in Excel, then: graphmodel check {out} && graphmodel report {out}",
    ]
    again = CliRunner().invoke(main, ["extract", str(document), "-o", str(out), "--limit", "rows=1000"])
    assert again.exit_code == 0 and f"replaced 1 existing file: {out}" in again.stderr
    checked = CliRunner().invoke(main, ["check", str(out), "--format", "csv"])
    assert checked.exit_code == 0 and "unrecognised-column" not in checked.stdout


@pytest.mark.parametrize(
    "case, message",
    [
        ("missing", "{tmp}/saknas.docx: no such file. Check the path and the file name. [file-not-found]"),
        ("unsupported", "{tmp}/plan.odt: cannot read '.odt' files"),
        ("the input", "will not write '{tmp}/plan.xlsx': it is one of the input files. Choose another output with -o."),
        ("not xlsx", "cannot write '{tmp}/plan.csv': the extract is an Excel workbook, so its name must end in .xlsx"),
    ],
)
def test_a_bad_input_is_one_line_and_exit_code_2(case, message, tmp_path):
    workbook = tmp_path / "plan.xlsx"
    shutil.copyfile(ROUND_TRIP[-1], workbook)
    (tmp_path / "plan.odt").write_bytes(b"PK\x03\x04")
    given, out = {
        "missing": (tmp_path / "saknas.docx", tmp_path / "ut.xlsx"),
        "unsupported": (tmp_path / "plan.odt", tmp_path / "ut.xlsx"),
        "the input": (workbook, workbook),
        "not xlsx": (workbook, tmp_path / "plan.csv"),
    }[case]
    before = workbook.read_bytes()
    result = CliRunner().invoke(main, ["extract", str(given), "-o", str(out)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("graphmodel: " + message.format(tmp=tmp_path))
    assert workbook.read_bytes() == before and not (tmp_path / "ut.xlsx").exists()


def test_from_a_notebook(tmp_path):
    import graphmodel as gm

    result = gm.extract(_word_plan(tmp_path / "plan.docx"), tmp_path / "plan.xlsx")
    assert isinstance(result, gm.Extract) and result.written.exists()


def test_a_cell_longer_than_excel_holds_is_refused_rather_than_cut(tmp_path):
    """Only with --limit cell-length raised past Excel's 32,767 characters can the reader give such a cell."""
    long = "Lång åtgärd " * 3_000
    table = Table(
        "plan.docx",
        None,
        {"measure": "Åtgärd"},
        [Row(2, {"measure": long})],
        [],
        [],
        None,
        places={2: "table 1, row 2"},
    )
    with pytest.raises(GraphmodelError) as excinfo:
        extract_sheets(table, {2})
    assert str(excinfo.value) == (
        "plan.docx, row 2 (table 1, row 2), column 'Åtgärd': the cell has 36,000 characters, more than an Excel "
        "cell holds (32,767), so it cannot be written to a workbook whole. Shorten it in the document."
    )


def test_a_row_first_in_a_table_under_a_heading_reads_as_the_document_read_it(tmp_path, registry):
    """A heading row first in a table under a heading is a heading; a numbered measure there is a measure."""
    document = docx.Document()
    document.add_paragraph("Fritid", style="Heading 2")
    _table(document, [HEADER, ["1. Förebyggande arbete", "", "", ""], ["Sommarlov", "Fritidsgården", "", ""]])
    document.add_paragraph("Skola", style="Heading 2")
    _table(document, [HEADER, ["Selektivt", "", "", ""], ["Mentorer", "Skolan", "", ""]])
    document.add_paragraph("Trygghet", style="Heading 2")
    _table(document, [HEADER, ["3. Trygghetsvandringar", "", "", ""], ["Nattvandring", "Föreningar", "", ""]])
    document.save(tmp_path / "p.docx")
    result = api.extract(tmp_path / "p.docx", tmp_path / "p.xlsx")
    from_word, from_excel = read_plan(tmp_path / "p.docx", registry), read_plan(result.written, registry)
    assert [(m.text, m.area, m.level) for m in from_word.measures] == [
        ("Sommarlov", "Förebyggande arbete", None),
        ("Mentorer", "Skola", "Selektivt"),
        ("3. Trygghetsvandringar", "Trygghet", None),
        ("Nattvandring", "Trygghet", None),
    ]
    assert _measures(from_excel) == _measures(from_word)
