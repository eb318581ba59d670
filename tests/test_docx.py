"""Plans written in Word (.docx): tables read from the cell XML, several tables as one plan, headings as areas.

The documents are made here with python-docx in the layouts real plans use: a title and an introduction,
a heading and a table per area, four or five columns, an owner merged down over several measures, long
text, a header row repeated on each page, a full-width area row, line breaks inside cells.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from benchmarks.documents import plan_as_docx
from graphmodel.errors import IngestFailed
from graphmodel.read.plan_metadata import read_plan_info
from graphmodel.read.plans import parse_plan, read_plan
from graphmodel.read.registry_file import read_registry
from graphmodel.read.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "data" / "plans"
HEADER = ["Åtgärd", "Ansvarig", "Övriga aktörer", "Status"]


@pytest.fixture(scope="module")
def registry():
    return read_registry()


def _message(excinfo) -> str:
    return "\n".join(str(e) for e in excinfo.value.errors)


def _repeat_header(row) -> None:
    """Mark a table row as repeated at the top of each page (Word's 'Repeat as header row')."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _table(document, rows: list[list[str]], repeat_header: bool = False):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for tr, cells in zip(table.rows, rows):
        for cell, text in zip(tr.cells, cells):
            cell.text = text  # "\n" becomes a line break (w:br)
    if repeat_header:
        _repeat_header(table.rows[0])
    return table


def _plan_document(path: Path) -> Path:
    """A plan as municipalities write them: title, introduction, a heading and a table per area."""
    document = docx.Document()
    document.add_paragraph("Handlingsplan mot våldsbejakande extremism 2019–2021, Norrtorps kommun", style="Title")
    document.add_paragraph("Inledning", style="Heading 1")
    document.add_paragraph("Planen beskriver hur kommunen arbetar förebyggande. " * 5)
    document.add_paragraph("Universell prevention", style="Heading 1")
    document.add_paragraph("Skola och fritid", style="Heading 2")
    table = _table(
        document,
        [
            HEADER + ["Källa"],
            ["Utbildning för lärare i källkritik", "Skolförvaltningen", "Polisen", "Pågående", "s. 3"],
            ["Föräldramöten om nätet", "", "Fritidsgården\nSocialtjänsten", "Planerat 2020", ""],
            ["Lång åtgärd " + "med mycket text " * 40, "", "", "Klar", ""],
        ],
        repeat_header=True,
    )
    table.cell(1, 1).merge(table.cell(3, 1))  # one owner for three measures (w:vMerge)
    table.cell(1, 1).text = "Skolförvaltningen"
    document.add_paragraph("Selektiv prevention", style="Heading 1")
    document.add_paragraph("Socialtjänst", style="Heading 2")
    table = _table(
        document,
        [
            HEADER + ["Källa"],
            ["Samtal med unga i riskzon", "Socialtjänsten", "Polisen", "Pågående", ""],
            HEADER + ["Källa"],  # the header repeated on the next page, as a row of its own
            ["Orostelefon", "Socialtjänsten", "", "Planerat", ""],
            ["Stöd till anhöriga", "", "", "", ""],
            ["", "", "", "", ""],
            ["Avhopparverksamhet", "Socialtjänsten", "Kriminalvården", "Pågående", ""],
        ],
    )
    full = table.rows[5].cells
    full[0].merge(full[-1])  # a full-width row: an area heading inside the table
    full[0].text = "Avhopp"
    _repeat_header(table.rows[2])
    document.save(path)
    return path


def test_a_plan_written_in_word_reads_as_one_plan(tmp_path, registry):
    path = _plan_document(tmp_path / "norrtorp.docx")
    table = read_table(path)
    assert table.preamble == [(0, "Handlingsplan mot våldsbejakande extremism 2019–2021, Norrtorps kommun")]
    plan = read_plan(path, registry)
    measures = [(m.text[:40], m.area, m.level, m.status.text) for m in plan.measures]
    assert measures == [
        ("Utbildning för lärare i källkritik", "Skola och fritid", "Universellt", "Pågående"),
        ("Föräldramöten om nätet", "Skola och fritid", "Universellt", "Planerat 2020"),
        ("Lång åtgärd med mycket text med mycket t", "Skola och fritid", "Universellt", "Klar"),
        ("Samtal med unga i riskzon", "Socialtjänst", "Selektivt", "Pågående"),
        ("Orostelefon", "Socialtjänst", "Selektivt", "Planerat"),
        ("Stöd till anhöriga", "Socialtjänst", "Selektivt", ""),
        ("Avhopparverksamhet", "Avhopp", "Selektivt", "Pågående"),
    ]
    # The owner merged down counts on each of its measures; the merged cell is read once per row.
    assert [[a.text for a in m.responsible] for m in plan.measures[:3]] == [["Skolförvaltningen"]] * 3
    assert [a.text for a in plan.measures[1].partners] == ["Fritidsgården", "Socialtjänsten"]
    assert plan.info.title == "Handlingsplan mot våldsbejakande extremism 2019–2021, Norrtorps kommun"
    assert plan.info.year == 2019
    # Rows are counted through all plan tables; the place in the document is said beside the row.
    sources = [str(m.source) for m in plan.measures]
    assert sources[0] == "norrtorp.docx, row 2 (table 1, row 2; s. 3)".replace("norrtorp.docx", str(path))
    assert sources[3] == f"{path}, row 6 (table 2, row 2)"
    assert sources[6] == f"{path}, row 11 (table 2, row 7)"


def test_repeated_header_rows_and_rows_not_measures_are_in_the_ledger(tmp_path, registry):
    path = _plan_document(tmp_path / "norrtorp.docx")
    plan = read_plan(path, registry)
    ledger = {(i.source.row, i.text, i.became) for i in plan.ledger}
    assert (7, "Åtgärd", "header row repeated: not a measure") in ledger
    assert (5, "Åtgärd", "header row") in ledger
    assert any(i.text == "Avhopp" and i.became == "area: Avhopp" for i in plan.ledger)


def test_a_row_continuing_the_measure_above_says_where_it_is(tmp_path, registry):
    document = docx.Document()
    _table(document, [HEADER, ["Åtgärd ett", "Polisen", "Skolan", ""], ["", "", "Fritidsgården", "Pågående"]])
    document.save(tmp_path / "p.docx")
    plan = read_plan(tmp_path / "p.docx", registry)
    joined = [i for i in plan.ledger if i.problem == "continuation-row"]
    assert {str(i.source) for i in joined} == {f"{tmp_path / 'p.docx'}, row 3 (table 1, row 3)"}
    assert [a.text for a in plan.measures[0].partners] == ["Skolan", "Fritidsgården"]


def test_every_cell_of_the_plan_tables_is_in_the_plan_or_its_ledger(tmp_path, registry):
    path = _plan_document(tmp_path / "norrtorp.docx")
    plan = read_plan(path, registry)
    accounted = {i.text for i in plan.ledger} | {m.text for m in plan.measures}
    document = docx.Document(path)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.text.strip():
                    assert cell.text.strip() in accounted, cell.text


def test_line_breaks_inside_cells_are_kept(tmp_path):
    document = docx.Document()
    table = _table(document, [HEADER, ["Första raden", "Polisen", "", ""]])
    paragraph = table.cell(1, 0).paragraphs[0]
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("andra raden")
    table.cell(1, 0).add_paragraph("tredje stycket")
    document.save(tmp_path / "p.docx")
    assert read_table(tmp_path / "p.docx").rows[0].cells["measure"] == "Första raden\nandra raden\ntredje stycket"


def test_a_cell_merged_across_columns_is_read_once(tmp_path):
    document = docx.Document()
    table = _table(document, [HEADER + ["Kommentar"], ["Åtgärd ett", "Polisen", "", "Pågående", "x"]])
    table.cell(1, 1).merge(table.cell(1, 2))  # python-docx repeats it in row.cells; the XML has it once
    document.save(tmp_path / "p.docx")
    table = read_table(tmp_path / "p.docx")
    assert table.rows[0].cells == {
        "measure": "Åtgärd ett",
        "responsible": "Polisen",
        "partners": "",
        "status": "Pågående",
    }
    assert table.extra_cells == [(2, "Kommentar", "x")]


def test_a_bold_short_paragraph_is_the_heading_and_tables_may_differ_in_columns(tmp_path, registry):
    document = docx.Document()
    document.core_properties.title = "Lokal handlingsplan 2020"
    document.add_paragraph().add_run("Skola").bold = True
    _table(document, [["Åtgärd", "Ansvarig"], ["Läxhjälp", "Skolan"]])
    document.add_paragraph().add_run("Fritid").bold = True
    _table(document, [["Ansvarig", "Aktivitet", "Tidplan"], ["Fritidsgården", "Sommarlov", "2020"]])
    document.save(tmp_path / "p.docx")
    plan = read_plan(tmp_path / "p.docx", registry)
    assert [(m.text, m.area, [a.text for a in m.responsible]) for m in plan.measures] == [
        ("Läxhjälp", "Skola", ["Skolan"]),
        ("Sommarlov", "Fritid", ["Fritidsgården"]),
    ]
    assert plan.info.title == "Lokal handlingsplan 2020"


def test_a_section_heading_with_text_under_it_is_not_the_area_and_a_heading_row_first_in_a_table_is(tmp_path, registry):
    document = docx.Document()
    document.add_paragraph("Bakgrund", style="Heading 1")
    document.add_paragraph("Kommunen har sedan 2015 arbetat mot våldsbejakande extremism.")
    document.add_paragraph("Planen gäller alla förvaltningar och bolag.")
    _table(document, [HEADER, ["Läxhjälp", "Skolan", "", ""]])
    document.add_paragraph("Fritid", style="Heading 2")
    _table(document, [HEADER, ["1. Förebyggande arbete", "", "", ""], ["Sommarlov", "Fritidsgården", "", ""]])
    document.add_paragraph("Skola", style="Heading 2")
    _table(document, [HEADER, ["Selektivt", "", "", ""], ["Mentorer", "Skolan", "", ""]])
    document.save(tmp_path / "p.docx")
    plan = read_plan(tmp_path / "p.docx", registry)
    assert [(m.text, m.area, m.level) for m in plan.measures] == [
        ("Läxhjälp", None, None),
        ("Sommarlov", "Förebyggande arbete", None),
        ("Mentorer", "Skola", "Selektivt"),
    ]


def test_a_folder_stands_for_its_word_documents_too(tmp_path):
    from graphmodel.api import plan_files

    _plan_document(tmp_path / "a.docx")
    assert plan_files([tmp_path]) == [str(tmp_path / "a.docx")]


def test_check_says_the_table_and_its_row_and_report_writes_its_files(tmp_path):
    from click.testing import CliRunner

    from graphmodel.cli import main

    document = docx.Document()
    document.add_paragraph("Skola", style="Heading 2")
    _table(document, [HEADER, ["Läxhjälp", "Skolan", "", "Pågående"]])
    document.add_paragraph("Fritid", style="Heading 2")
    _table(document, [HEADER, ["Sommarlov", "Fritidsgården", "", "Pågående"], ["Mentorer", "Skolan", "", "kanske"]])
    document.save(tmp_path / "p.docx")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "p.docx"), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["check", str(tmp_path / "p.docx")], catch_exceptions=False)
    assert "5 (table 2, row 3)" in result.output and "status-not-understood" in result.output
    result = CliRunner().invoke(main, ["report", str(tmp_path / "p.docx"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "report.html").exists()
    (tmp_path / "plan.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    result = CliRunner().invoke(main, ["measures", str(tmp_path / "plan.doc")])
    assert result.exit_code == 2 and "[legacy-doc]" in result.output + result.stderr


# Bad documents: a clear error naming the file.


def test_a_legacy_doc_says_to_save_as_docx(tmp_path):
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(IngestFailed) as excinfo:
        read_table(path)
    assert _message(excinfo) == (
        f"{path}: this is a Word 97-2003 document (.doc), which cannot be read. Open it in Word and save it as "
        "'Word Document (.docx)' (File > Save As), then give the .docx file. [legacy-doc]"
    )
    renamed = tmp_path / "renamed.docx"
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(IngestFailed) as excinfo:
        read_table(renamed)
    assert [e.code for e in excinfo.value.errors] == ["legacy-doc"]


def test_a_row_starting_after_empty_grid_columns_and_a_table_in_a_content_control(tmp_path):
    document = docx.Document()
    table = _table(document, [HEADER, ["Åtgärd ett", "Polisen", "Skolan", "Pågående"]])
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[0])  # the row starts one grid column in (w:gridBefore), under 'Ansvarig'
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr.get_or_add_trPr().append(before)
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    table._tbl.addprevious(sdt)
    sdt.append(content)
    content.append(table._tbl)
    document.save(tmp_path / "p.docx")
    with pytest.raises(IngestFailed) as excinfo:  # the row has no measure: said, not lost
        read_table(tmp_path / "p.docx")
    assert [(e.code, e.row, e.value) for e in excinfo.value.errors] == [
        ("actors-without-measure", 2, "Polisen"),
        ("no-measures", 1, None),
    ]


def test_a_span_of_a_hundred_million_columns_is_the_column_limit_not_a_hundred_million_cells(tmp_path):
    document = docx.Document()
    table = _table(document, [HEADER, ["Åtgärd ett", "Polisen", "", ""]])
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "100000000")
    table.rows[1]._tr.tc_lst[0].get_or_add_tcPr().append(span)
    document.save(tmp_path / "p.docx")
    with pytest.raises(IngestFailed) as excinfo:
        read_table(tmp_path / "p.docx")
    assert [(e.code, e.row) for e in excinfo.value.errors] == [("too-many-columns", 2)]


@pytest.mark.parametrize("kind", ["text", "zip", "workbook", "truncated"])
def test_a_corrupt_or_foreign_file_named_docx(tmp_path, kind):
    path = tmp_path / "plan.docx"
    if kind == "truncated":
        whole = _plan_document(tmp_path / "whole.docx").read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    elif kind == "text":
        path.write_text("Åtgärd;Ansvarig\n", encoding="utf-8")
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hello")
    else:
        import openpyxl

        openpyxl.Workbook().save(path)
    with pytest.raises(IngestFailed) as excinfo:
        read_table(path)
    assert _message(excinfo) == (
        f"{path}: this is not a readable Word document (.docx): the file is damaged or of another kind. "
        "Open it in Word and save it as 'Word Document (.docx)'. [not-a-docx]"
    )


def test_a_document_without_a_plan_table_lists_the_tables_found(tmp_path):
    document = docx.Document()
    document.add_paragraph("Handlingsplan")
    _table(document, [["Namn", "Telefon"], ["Anna", "123"]])
    _table(document, [["Mål", "Indikator"], ["Färre oroliga", "Enkät"]])
    document.save(tmp_path / "p.docx")
    with pytest.raises(IngestFailed) as excinfo:
        read_table(tmp_path / "p.docx")
    assert _message(excinfo) == (
        f"{tmp_path / 'p.docx'}: no table has a header row naming the measure column. Tables found (first row): "
        "table 1: 'Namn', 'Telefon'; table 2: 'Mål', 'Indikator'. Name the column of measures 'Åtgärd' "
        "(or Aktivitet, Insats). [no-plan-table]"
    )
    document = docx.Document()
    document.add_paragraph("Bara text")
    document.save(tmp_path / "q.docx")
    with pytest.raises(IngestFailed) as excinfo:
        read_table(tmp_path / "q.docx")
    assert _message(excinfo) == (
        f"{tmp_path / 'q.docx'}: the document has no table. Write the plan as a table with a header row "
        "(such as 'Åtgärd', 'Ansvarig') and one row per measure. [no-plan-table]"
    )


# Round trip: the bundled plans written as Word tables read to the same measures, cell by cell.

ROUND_TRIP = [
    PLANS / "skarholmen-2017.csv",
    *sorted((PLANS / "examples").glob("*.csv")),
    *sorted((PLANS / "examples").glob("*.xlsx")),
]


def _as_docx(csv_path: Path, path: Path) -> Path:
    """The CSV's rows as Word tables: a heading and a table per run of rows of one area (the layout the PDF
    tests export too, here without lines and in portrait)."""
    return plan_as_docx(csv_path, path, ruled=False, landscape=False)


@pytest.mark.parametrize("csv_path", ROUND_TRIP, ids=lambda p: p.stem)
def test_a_plan_written_as_word_tables_reads_to_the_same_measures(csv_path, tmp_path, registry):
    path = _as_docx(csv_path, tmp_path / f"{csv_path.stem}.docx")
    info = read_plan_info(csv_path)
    from_csv = parse_plan(read_table(csv_path), info, registry)
    from_docx = parse_plan(read_table(path), info, registry)

    def cells(plan):
        return [
            (
                m.text,
                m.area,
                m.level,
                m.status.text,
                m.status.state,
                [(a.id, a.text) for a in m.responsible],
                [(a.id, a.text) for a in m.partners],
                sorted(m.extra),
            )
            for m in plan.measures
        ]

    assert cells(from_docx) == cells(from_csv)
    assert [a.id for a in from_docx.actors.values()] == [a.id for a in from_csv.actors.values()]


def test_a_header_written_on_two_rows_is_one_header(tmp_path, registry):
    """'Ansvar' merged over 'Ansvarig' and 'Samverkan', 'Tid' over 'Start' and 'Klart', with 'Åtgärd' merged
    down over both header rows: one header, and both rows in the ledger."""
    document = docx.Document()
    table = _table(
        document,
        [
            ["Åtgärd", "Ansvar", "", "Tid", ""],
            ["", "Ansvarig", "Samverkan", "Start", "Klart"],
            ["Läxhjälp för unga", "Skolan", "Biblioteket", "HT 2023", "2025"],
        ],
    )
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Åtgärd"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Ansvar"
    table.cell(0, 3).merge(table.cell(0, 4)).text = "Tid"
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = read_plan(path, registry, organisation="Exempelby kommun")
    (measure,) = plan.measures
    assert [a.name for a in measure.responsible] == ["Skolan"]
    assert [a.name for a in measure.partners] == ["Biblioteket"]
    assert (measure.status.state, measure.status.start, measure.status.due) == ("planned", "2023-autumn", "2025")
    assert "header row (its second line)" in {item.became for item in plan.ledger}


def test_a_row_continuing_the_measure_above_under_a_level_heading_is_still_a_continuation(tmp_path, registry):
    """Under 'Universell prevention', a row holding only partners and a status (a cell wrapped onto a row
    of its own) continues the measure above: the level heading is not written into it."""
    document = docx.Document()
    document.add_paragraph("Handlingsplan 2021", style="Title")
    document.add_paragraph("Universell prevention", style="Heading 1")
    _table(
        document,
        [
            ["Åtgärd", "Ansvarig", "Samverkan", "Status"],
            ["Läxhjälp för unga", "Skolan", "Biblioteket", "Pågår"],
            ["", "", "Fältgruppen", "sedan 2019"],
        ],
    )
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = read_plan(path, registry, organisation="Exempelby kommun")
    (measure,) = plan.measures
    assert measure.level == "Universellt"
    assert [a.name for a in measure.partners] == ["Biblioteket", "Fältgruppen"]
