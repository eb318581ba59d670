"""Word plans laid out as municipalities lay them out, and the PDFs LibreOffice makes of them (as Word users
export): for the PDF reader's tests and its benchmark."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from graphmodel.read.tables import read_table

_WIDE = {
    "measure": 2.6,
    "partners": 2.0,
    "responsible": 2.0,
    "status": 1.3,
    "id": 0.5,
}  # shares of the page's width by column


def soffice() -> str:
    """LibreOffice's command (Debian's libreoffice-writer-nogui); the tests that need it fail without it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RuntimeError("LibreOffice is needed to make PDFs: apt-get install libreoffice-writer-nogui")
    return found


def to_pdf(documents: list[Path], folder: Path) -> list[Path]:
    """Each .docx as PDF, made by LibreOffice headless in one run (it is slow to start)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, documents),
            ],
            check=True,
            capture_output=True,
            timeout=600,
            env={**os.environ, "HOME": profile},
        )
    made = [folder / f"{d.stem}.pdf" for d in documents]
    missing = [p.name for p in made if not p.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice made no PDF of {missing}")
    return made


def page_numbers(section) -> None:
    """A footer 'Sida N' with Word's PAGE field, and the municipality's name in the header."""
    section.header.paragraphs[0].text = "Handlingsplan mot våldsbejakande extremism"
    paragraph = section.footer.paragraphs[0]
    paragraph.text = "Sida "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def ruled_table(document, rows: list[list[str]], shares: list[float], width_cm: float, ruled: bool = True):
    """A table as Word's 'Table Grid' draws it (or with no lines), its header repeated on each page."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    if ruled:
        table.style = "Table Grid"
    for tr, cells in zip(table.rows, rows):
        for cell, text in zip(tr.cells, cells):
            cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    widths = [Cm(width_cm * s / sum(shares)) for s in shares]
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        grid_column.w = width
    for tr in table.rows:
        for cell, width in zip(tr.cells, widths):
            cell.width = width
    return table


def plan_as_docx(plan: Path, path: Path, ruled: bool = True, landscape: bool = True) -> Path:
    """The plan's rows as a Word document: title, introduction, a heading and a table per area."""
    table = read_table(plan)
    columns = [c for c in table.headers if c != "area"]
    header = [table.headers[c] for c in columns] + table.extra_columns
    shares = [_WIDE.get(c, 1.0) for c in columns] + [1.0] * len(table.extra_columns)
    extra: dict[int, dict[str, str]] = {}
    for number, written, value in table.extra_cells:
        extra.setdefault(number, {})[written] = value
    groups: list[tuple[str | None, list[list[str]]]] = []
    for row in table.rows:
        area = row.cells.get("area")
        if area or not groups:
            groups.append((area or None, []))
        cells = [row.cells[c] for c in columns] + [extra.get(row.number, {}).get(h, "") for h in table.extra_columns]
        groups[-1][1].append(cells)
    document = docx.Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    page_numbers(section)
    width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    for text in (t for _, t in table.preamble):
        document.add_paragraph(text, style="Title")
    document.add_paragraph("Bakgrund", style="Heading 1")
    document.add_paragraph("Kommunen har tagit fram en handlingsplan mot våldsbejakande extremism.")
    document.add_paragraph("Den bygger på en lägesbild och beskriver vem som gör vad, med vem.")
    for area, rows in groups:
        if area is not None:
            document.add_paragraph(area, style="Heading 2")
        ruled_table(document, [header, *rows], shares, width_cm, ruled)
    document.save(path)
    return path
