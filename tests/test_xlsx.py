"""The workbooks are made to be used and printed: read back with openpyxl, and printed by LibreOffice.

A coordinator opens measures.xlsx and gaps.xlsx in Excel or LibreOffice and prints them: every
cell wraps its text at the top, the header row is bold, frozen and filterable, and each sheet
prints on A4 landscape as wide as the page with the header row on every page. LibreOffice
(headless, as ``soffice --convert-to pdf``) prints Skärholmen's workbooks, and the PDF is read
back with poppler: how many pages, and whether any word runs into another (text cut or
overlapping, as it did when a wrapped row kept one line's height).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

import graphmodel as gm
from graphmodel.present.exports import PAGE_WIDTH, column_widths, write_xlsx
from graphmodel.present.formats import Column
from graphmodel.present.xlsx import _lines, per_line
from tests.conftest import SKARHOLMEN


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "out"
    gm.report([SKARHOLMEN], out)
    return out


def test_every_sheet_prints_on_a4_landscape_as_wide_as_the_page_with_the_header_on_every_page(report):
    for name in ("measures.xlsx", "gaps.xlsx"):
        for sheet in load_workbook(report / name):
            setup = sheet.page_setup
            assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
            assert sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.print_title_rows == "$1:$1"
            assert sheet.print_options.gridLines
            assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
            assert sheet.oddFooter.left.text == "&A" and sheet.oddFooter.right.text == "&P / &N"


def test_cells_wrap_at_the_top_and_the_header_is_bold(report):
    sheet = load_workbook(report / "measures.xlsx")["Åtgärder"]
    rows = list(sheet.iter_rows())
    assert all(c.font.b for c in rows[0] if c.value)
    cells = [c for row in rows for c in row if c.value is not None]
    assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in cells)
    assert rows[0][0].value == "id" and rows[0][3].value == "åtgärd"  # headings in the report's language


def test_a_row_whose_text_wraps_is_as_tall_as_its_text(report):
    sheet = load_workbook(report / "measures.xlsx")["Åtgärder"]
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    for row in sheet.iter_rows(min_row=2):
        lines = max(_lines(str(c.value), per_line(widths[c.column_letter])) for c in row if c.value is not None)
        height = sheet.row_dimensions[row[0].row].height
        assert (height or 15.0) == min(409.0, 15.0 * lines)
    assert any(sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1))


def test_the_workbooks_stay_formula_and_hyperlink_free(report):
    for name in ("measures.xlsx", "gaps.xlsx"):
        for sheet in load_workbook(report / name):
            assert not any(c.data_type == "f" or c.hyperlink for row in sheet.iter_rows() for c in row)


def test_columns_fit_their_content_then_the_page():
    """Narrow columns keep their width; the widest are made narrower, to one width, until the sheet fits
    the page; none narrower than its longest word."""
    assert column_widths([10, 20, 30]) == [10, 20, 30]
    widths = column_widths([26, 14, 60, 60, 60, 18, 8, 13, 51, 55], words=[26, 12, 20, 27, 24, 10, 6, 9, 20, 40])
    assert sum(widths) <= PAGE_WIDTH and widths[:2] == [26, 14] and widths[6:8] == [8, 13]
    assert widths[9] >= 40  # the longest word
    assert widths[2] == widths[4] < widths[3] == 27 < 60  # narrowed to one width, but for a longer word


def test_a_long_word_after_the_first_200_rows_is_broken_and_its_row_made_tall_enough(tmp_path):
    rows = [{"a": "kort", "b": "x"} for _ in range(300)] + [{"a": "Arbetsmarknadsförvaltningen", "b": "y"}]
    columns = [Column("a", lambda r: r["a"]), Column("b", lambda r: r["b"])]
    sheet = load_workbook(write_xlsx({"Blad": (rows, columns)}, tmp_path / "w.xlsx"))["Blad"]
    assert sheet.column_dimensions["A"].width == 8  # as the first 200 rows need
    assert sheet.row_dimensions[302].height == 15.0 * _lines("Arbetsmarknadsförvaltningen", per_line(8)) > 30


def test_a_sheet_without_widths_keeps_every_cell(tmp_path):
    from graphmodel.present.xlsx import Sheet, write_workbook

    write_workbook(tmp_path / "w.xlsx", [Sheet("Blad", ["a", "b", "c"], [10], [["x" * 30, "y", "z"]])])
    sheet = load_workbook(tmp_path / "w.xlsx")["Blad"]
    assert [c.value for c in sheet[2]] == ["x" * 30, "y", "z"] and sheet.row_dimensions[2].height == 60.0


def _print(workbook: Path, out: Path) -> Path:
    """``workbook`` printed to PDF by LibreOffice, with a profile of its own (two runs at once do not meet)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed (Debian: apt-get install libreoffice-calc-nogui)"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / (workbook.stem + ".pdf")


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every word of every page with its box (poppler's pdftotext -bbox)."""
    assert shutil.which("pdftotext"), "poppler is needed (Debian: apt-get install poppler-utils)"
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [
        [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in word.findall(page)]
        for page in text.split("<page ")[1:]
    ]


def _overlapping(pages) -> list[tuple[int, str, str]]:
    """Words drawn over one another: text that ran out of its cell."""
    found = []
    for number, words in enumerate(pages, start=1):
        words = sorted(words)
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                if b[0] >= a[2]:
                    break
                tall = min(a[3] - a[1], b[3] - b[1])
                if min(a[3], b[3]) - max(a[1], b[1]) > 0.3 * tall and min(a[2], b[2]) - max(a[0], b[0]) > 0.5:
                    found.append((number, a[4], b[4]))
    return found


def _pieces(text: str) -> list[str]:
    """Text in the pieces a line may break into: words, and their parts after a hyphen or a slash."""
    return [piece for piece in re.split(r"\s+|(?<=[-/])", text) if piece]


def _footers(pages) -> list[str]:
    """The sheet named in each page's footer: its last line, "<sheet>  <page> / <pages>"."""
    names = []
    for words in pages:
        bottom = max(w[1] for w in words)
        footer = " ".join(w[4] for w in sorted(w for w in words if abs(w[1] - bottom) < 1))
        names.append(re.fullmatch(r"(.*?) \d+ / \d+", footer).group(1))
    return names


@pytest.mark.slow
def test_libreoffice_prints_skarholmens_measures_workbook_on_three_pages(report, tmp_path):
    """measures.xlsx printed as 30 pages of cut text before; now the measures, the actors and the cells to
    review take a page each (issue 13: at most 3), every word of every cell printed, none over another."""
    pdf = _print(report / "measures.xlsx", tmp_path)
    pages = _pages(pdf)
    book = load_workbook(report / "measures.xlsx")
    assert _footers(pages) == ["Åtgärder", "Aktörer", "Att granska"]
    assert _overlapping(pages) == []
    printed = {p for words in pages for w in words for p in _pieces(w[4])}
    written = {
        p for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v for p in _pieces(str(v))
    }
    assert {p for p in written if len(p) < 40} <= printed  # a longer id is broken across lines


@pytest.mark.slow
def test_libreoffice_prints_each_finding_kind_of_the_gaps_workbook_on_a_page(report, tmp_path):
    pdf = _print(report / "gaps.xlsx", tmp_path)
    pages = _pages(pdf)
    book = load_workbook(report / "gaps.xlsx")
    assert _footers(pages) == book.sheetnames
    assert _overlapping(pages) == []
