"""Hostile and broken PDFs: whatever the bytes, a plan or an error naming the file, never a traceback.

The PDFs are made here by ``tests/pdf_writer.py`` (exact layouts, no LibreOffice), then damaged: cut,
bytes flipped or deleted, objects duplicated, the cross-reference table broken, object numbers huge,
arrays nested deep, a page tree that loops. Every example runs under an alarm, so a reader that hangs
fails instead. The specific cases assert the reader's messages word for word.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel.cli import main
from graphmodel.error_codes import CODES
from graphmodel.errors import IngestFailed
from graphmodel.read.tables import Limits, Table, read_table
from tests.bounded import within
from tests.pdf_writer import COLUMNS, Page, pdf_bytes, ruled_table, unruled_table, with_xref

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
KNOWN_CODES = {c.code for c in CODES}
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,  # each example has its own alarm (``within``), which also stops a hang
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    derandomize=False,
)
EXAMPLE_SECONDS = 5

# The reader's messages (graphmodel/read/pdf.py, graphmodel/read/document.py), word for word.
NOT_A_PDF = (
    "this is not a readable PDF: the file is damaged or of another kind. "
    "Save the plan again as PDF from the program that made it, or give the Word document. [not-a-pdf]"
)
ENCRYPTED = (
    "the PDF is protected by a password, so its text cannot be read. Open it with the password and "
    "save or print it as a PDF without protection, or use the Word document it was made from. [pdf-encrypted]"
)


def no_text(pages: str) -> str:
    which = "the PDF's only page has" if pages == "1" else f"none of the PDF's {pages} pages has"
    return (
        f"{which} any text: it is a scanned image, and reading text from "
        "images (OCR) is not supported. Use the Word document the plan was written in, a searchable PDF "
        "(then 'graphmodel extract' makes an editable workbook of it), or type the table into Excel. [pdf-no-text]"
    )


def columns_unclear(page: int) -> str:
    return (
        f"on page {page}, the table has no ruling lines and its text does not keep to the columns its "
        "header gives, so which text belongs to which column cannot be told. Use the Word document the "
        "plan was written in, or run 'graphmodel extract' and correct the workbook in Excel. [pdf-columns-unclear]"
    )


NO_TABLE = (
    "the document has no table. Write the plan as a table with a header row "
    "(such as 'Åtgärd', 'Ansvarig') and one row per measure. [no-plan-table]"
)

HEADER = ["Åtgärd", "Ansvarig", "Övriga aktörer"]
ROWS = [
    ["Samverkan (SSPF) med skola\\polis", "Polisen", "Skolan"],
    ["Föräldrastöd: ÅÄÖ åäö é", "Socialtjänsten", "Fritidsgården"],
]


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in tmp_path, so that messages show bare file names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-fuzz")


@contextmanager
def bounded(seconds: float):
    """``within``, and the time measured too: an alarm that fires inside a garbage collector's callback is
    swallowed (as an unraisable exception), so the block would pass however long it took."""
    start = time.perf_counter()
    with within(int(seconds)):
        yield
    took = time.perf_counter() - start
    assert took < seconds, f"took {took:.1f} s, over the bound of {seconds} s"


def errors_of(path, **kwargs) -> list[str]:
    with bounded(60), pytest.raises(IngestFailed) as caught:
        read_table(path, **kwargs)
    return [str(e) for e in caught.value.errors]


def cells(table: Table) -> list[dict[str, str]]:
    return [dict(row.cells) for row in table.rows]


def read_or_fail(path, **kwargs) -> Table | None:
    """The table, or None after checking that every error names the file and a known code."""
    try:
        return read_table(path, **kwargs)
    except IngestFailed as failed:
        assert failed.errors
        for error in failed.errors:
            assert error.path == os.fspath(path), error
            assert error.code in KNOWN_CODES, error
            assert error.message and "Traceback" not in error.message, error
        return None


def plan_pdf(compress: bool = False) -> bytes:
    """A small plan: a title, a ruled table with page numbers on page 1, an unruled one on page 2."""
    first, second = Page(), Page()
    first.text(72, 790, "Handlingsplan Torsviks kommun", 16, bold=True)
    ruled_table(first, [HEADER, *ROWS], top=740)
    second.text(72, 790, "Selektiv nivå", 13, bold=True)
    unruled_table(second, [HEADER, *ROWS], top=740)
    for number, page in enumerate((first, second), 1):
        page.text(290, 30, f"Sida {number} av 2", 8)
    return pdf_bytes([first, second], title="Handlingsplan Torsviks kommun", compress=compress)


PLAN = plan_pdf()
PLAN_COMPRESSED = plan_pdf(compress=True)


# The writer's layouts read as intended: the ground the damaged files stand on -------------------------


def test_the_writers_plan_reads_both_tables_with_swedish_letters_and_escapes(here):
    Path("plan.pdf").write_bytes(PLAN)
    with bounded(30):
        table = read_table("plan.pdf")
    assert [(r["measure"], r["responsible"], r["partners"]) for r in cells(table)] == [tuple(r) for r in ROWS] * 2
    assert not any("Sida" in text for row in cells(table) for text in row.values())


def test_a_ruled_table_over_two_pages_with_page_numbers_is_one_table(here):
    pages = []
    for number, rows in enumerate(([HEADER, *ROWS], [["Läxhjälp", "Biblioteket", "Studieförbund"]]), 1):
        page = Page()
        ruled_table(page, rows, top=740)
        page.text(290, 30, str(number), 8)
        pages.append(page)
    Path("over-pages.pdf").write_bytes(pdf_bytes(pages))
    with bounded(30):
        table = read_table("over-pages.pdf")
    assert [r["measure"] for r in cells(table)] == [ROWS[0][0], ROWS[1][0], "Läxhjälp"]
    assert sorted(set(table.pages.values())) == [1, 2]


def test_a_row_at_the_top_of_a_narrow_margined_page_is_not_taken_for_a_page_header(here):
    """Word's 'Narrow' margins are 1.27 cm: a table going on over pages then has its first row in the top
    9 % of each page, with a text that repeats but for its digits ("Åtgärd nummer 6", "... 11"). A ruled
    table's row is no page header: no row may be lost."""
    pages, written = [], 0
    for number in range(3):
        page = Page()
        body = [[f"Åtgärd nummer {written + i + 1}", "Polisen"] for i in range(5)]
        written += len(body)
        ruled_table(page, ([HEADER[:2]] if number == 0 else []) + body, top=800)
        pages.append(page)
    Path("narrow.pdf").write_bytes(pdf_bytes(pages))
    with bounded(30):
        table = read_table("narrow.pdf")
    assert [r["measure"] for r in cells(table)] == [f"Åtgärd nummer {i}" for i in range(1, 16)]


# Damaged files: any damage gives a table or a known error, in bounded time ---------------------------


def _objects(data: bytes) -> list[re.Match]:
    return list(re.finditer(rb"(\d+) 0 obj\n.*?\nendobj\n", data, re.DOTALL))


def truncate(data: bytes, at: int) -> bytes:
    return data[: at % (len(data) + 1)]


def flip(data: bytes, at: int, byte: int) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    out[at % len(out)] = byte
    return bytes(out)


def delete(data: bytes, at: int, length: int) -> bytes:
    at %= len(data) + 1
    return data[:at] + data[at + length :]


def duplicate_object(data: bytes, which: int, number: int) -> bytes:
    """An object written again later in the file, under its own or another number."""
    found = _objects(data)
    if not found:
        return data
    obj = found[which % len(found)].group()
    copy = re.sub(rb"^\d+", str(number).encode(), obj)
    end = data.rfind(b"xref")
    return data[:end] + copy + data[end:] if end > 0 else data + copy


def break_xref(data: bytes, digits: str) -> bytes:
    """Every offset in the cross-reference table replaced by the same wrong one."""
    return re.sub(
        rb"\d{10} (\d{5}) n", lambda m: digits.encode().rjust(10, b"0")[:10] + b" " + m.group(1) + b" n", data
    )


def huge_numbers(data: bytes, number: int) -> bytes:
    """References (and the trailer's /Size) to an object number no file has."""
    data = re.sub(rb"/Size \d+", b"/Size %d" % number, data)
    return re.sub(rb"\b2 0 R", b"%d 0 R" % number, data, count=2)


def nested(data: bytes, depth: int, kind: str) -> bytes:
    """An array (or a dictionary) nested ``depth`` deep in the catalog and the first page."""
    value = b"[" * depth + b"]" * depth if kind == "array" else b"<< /A " * depth + b">>" * depth
    data = data.replace(b"/Type /Catalog", b"/Type /Catalog /Deep " + value, 1)
    return data.replace(b"/Type /Page ", b"/Type /Page /Deep " + value + b" ", 1)


def looping_pages(data: bytes, how: int) -> bytes:
    """The page tree refers to itself: its own kid, or a page whose kid is the tree."""
    if how == 0:
        return data.replace(b"/Kids [", b"/Kids [2 0 R ", 1)
    if how == 1:
        return data.replace(b"/Type /Page /Parent 2 0 R", b"/Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R", 1)
    return data.replace(b"/Count 2", b"/Count 2000000000", 1)


DAMAGES = {
    "truncate": truncate,
    "flip": flip,
    "delete": delete,
    "duplicate_object": duplicate_object,
    "break_xref": break_xref,
    "huge_numbers": huge_numbers,
    "nested": nested,
    "looping_pages": looping_pages,
}
# (damage, its arguments): a failing example prints as what was done, e.g. ("flip", 812, 0)
mutation = st.one_of(
    st.tuples(st.just("truncate"), st.integers(0, 10**5)),
    st.tuples(st.just("flip"), st.integers(0, 10**5), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10**5), st.integers(1, 400)),
    st.tuples(st.just("duplicate_object"), st.integers(0, 30), st.integers(0, 40)),
    st.tuples(st.just("break_xref"), st.from_regex(r"[0-9]{1,10}", fullmatch=True)),
    st.tuples(st.just("huge_numbers"), st.sampled_from([2**31 - 1, 2**31, 2**63, 10**12, 10**40])),
    st.tuples(st.just("nested"), st.integers(1, 5000), st.sampled_from(["array", "dict"])),
    st.tuples(st.just("looping_pages"), st.integers(0, 2)),
)


def _damaged(folder: Path, original: bytes, mutations) -> Path:
    data = original
    for name, *arguments in mutations:
        data = DAMAGES[name](data, *arguments)
    path = folder / "damaged.pdf"
    path.write_bytes(data)
    return path


@FUZZ
@given(mutations=st.lists(mutation, min_size=1, max_size=4), compressed=st.booleans(), repaired=st.booleans())
def test_a_damaged_pdf_gives_a_table_or_a_known_error(folder, mutations, compressed, repaired):
    """``repaired``: the cross-reference table made again after the damage, so that the reader meets the
    damaged objects themselves rather than falling back to scanning the file."""
    path = _damaged(folder, PLAN_COMPRESSED if compressed else PLAN, mutations)
    if repaired:
        path.write_bytes(with_xref(path.read_bytes()))
    with bounded(EXAMPLE_SECONDS):
        read_or_fail(path)


@FUZZ
@given(
    data=st.binary(max_size=2000),
    prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"]),
)
def test_any_bytes_named_pdf_give_a_table_or_a_known_error(folder, data, prefix):
    path = folder / "bytes.pdf"
    path.write_bytes(prefix + data)
    with bounded(EXAMPLE_SECONDS):
        read_or_fail(path)


@pytest.mark.parametrize(
    "name, damage",
    [
        pytest.param("deep-array", lambda d: nested(d, 200_000, "array"), marks=pytest.mark.slow),
        pytest.param("deep-dict", lambda d: nested(d, 100_000, "dict"), marks=pytest.mark.slow),
        ("loop-kid", lambda d: looping_pages(d, 0)),
        ("loop-page", lambda d: looping_pages(d, 1)),
        ("count-huge", lambda d: looping_pages(d, 2)),
        ("huge-object-number", lambda d: huge_numbers(d, 10**40)),
        ("xref-wrong", lambda d: break_xref(d, "7")),
        ("xref-past-end", lambda d: break_xref(d, "9999999999")),
        ("duplicated-pages", lambda d: duplicate_object(duplicate_object(d, 1, 2), 4, 10)),
        ("length-huge", lambda d: re.sub(rb"/Length \d+", b"/Length 99999999999999", d)),
        ("length-negative", lambda d: re.sub(rb"/Length \d+", b"/Length -5", d)),
        ("no-mediabox", lambda d: d.replace(b"/MediaBox", b"/MediaBoy")),
        ("mediabox-of-words", lambda d: re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox [0 0 (a) /b]", d)),
        ("mediabox-of-two", lambda d: re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox [0 0]", d)),
        ("mediabox-exponent", lambda d: re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox [0 0 1e308 1e308]", d)),
        ("mediabox-a-number", lambda d: re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox 5", d)),
        ("rotate-a-string", lambda d: d.replace(b"/Type /Page ", b"/Type /Page /Rotate (x) ")),
        ("rotate-45", lambda d: d.replace(b"/Type /Page ", b"/Type /Page /Rotate 45 ")),
        ("contents-the-catalog", lambda d: re.sub(rb"/Contents \d+ 0 R", b"/Contents 1 0 R", d)),
        ("no-resources", lambda d: d.replace(b"/Resources", b"/Resourcez")),
        ("no-root", lambda d: d.replace(b"/Root 1 0 R", b"")),
    ],
)
def test_a_structurally_hostile_pdf_gives_a_table_or_a_known_error(here, name, damage):
    """Each of the property test's damages at its worst, by name, for a readable failure: a nesting 200,000
    deep is 400 kB of brackets, read in under 10 s (pdfminer parses the catalog and the page several times)."""
    for original in (PLAN, PLAN_COMPRESSED):
        for repair in (lambda d: d, with_xref):
            path = Path(f"{name}.pdf")
            path.write_bytes(repair(damage(original)))
            with bounded(10):
                read_or_fail(path)


def flate_bomb(inflated_mb: int, content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content`` repeated to ``inflated_mb`` MB, compressed."""
    squeeze = zlib.compressobj(9)
    chunk = content * ((1 << 20) // len(content))
    bomb = b"".join(squeeze.compress(chunk) for _ in range(inflated_mb)) + squeeze.flush()
    page = Page()
    page.text(72, 740, "Åtgärd Ansvarig")
    data = pdf_bytes([page])
    stream = re.search(rb"<< /Length \d+ >>\nstream\n(.*?)\nendstream", data, re.DOTALL)
    assert stream is not None
    data = (
        data[: stream.start()]
        + b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb)
        + bomb
        + b"\nendstream"
        + data[stream.end() :]
    )
    return with_xref(data)


@pytest.mark.slow
@pytest.mark.parametrize(
    "inflated_mb, content",
    [(16, b"0 0 m "), (512, b" ")],
    ids=["16-MB-of-path-operators", "512-MB-of-spaces"],
)
def test_a_content_stream_bomb_is_bounded_in_memory_and_time(here, inflated_mb, content):
    """A flate bomb: a few kilobytes on disk, megabytes to a gigabyte inflated. ``graphmodel check``, in a
    process allowed 2 GB of address space, gives a clear error or a result (not a MemoryError's traceback)
    within 60 s."""
    Path("bomb.pdf").write_bytes(flate_bomb(inflated_mb, content))

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "graphmodel.cli", "check", "bomb.pdf"],
            capture_output=True,
            text=True,
            preexec_fn=limited,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"graphmodel check of a {Path('bomb.pdf').stat().st_size:,}-byte PDF ran over 60 s")
    took = time.perf_counter() - start
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode in (0, 1, 2), proc.stderr[-2000:]
    assert took < 60, f"took {took:.0f} s"


# Any text in the cells -------------------------------------------------------------------------------

cell_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(
        [
            "\x00",
            "\x00\x00Polisen",
            "\u202eneisiloP\u202c",  # right-to-left override
            "שלום עולם",
            "مرحبا",
            "👩‍👩‍👧 Familjestöd 🇸🇪",
            "\ufeff\ufffe\uffff",
            "\r\n\x0b\x0c",
            "e\u0301\u0308\u20dd",
            "(((\\)))",
            " ",
            "",
        ]
    ),
)


@FUZZ
@given(
    rows=st.lists(st.lists(cell_text, min_size=1, max_size=3), min_size=1, max_size=6),
    ruled=st.booleans(),
    unicode=st.booleans(),
)
def test_any_text_in_a_pdf_tables_cells_is_read_or_reported(folder, rows, ruled, unicode):
    page = Page()
    (ruled_table if ruled else unruled_table)(page, [HEADER, *rows], top=740)
    path = folder / "text.pdf"
    path.write_bytes(pdf_bytes([page], unicode=unicode))
    with bounded(EXAMPLE_SECONDS):
        read_or_fail(path)


def long_cell_pdf(length: int, unicode: bool) -> bytes:
    """A ruled table on a wide page whose one measure cell holds ``length`` characters in small type,
    wrapped over many lines, as a cell of a real plan is."""
    page = Page(width=1600.0, height=1200.0)
    edges = (40.0, 1300.0, 1420.0, 1560.0)
    text = ("Samverkan " + "åtgärd(ö)\\ " * (length // 12 + 1))[:length]
    per_line = 620  # characters of 2 pt Helvetica (about 1.9 pt wide on average) in a 1,260 pt wide cell
    lines = [text[i : i + per_line] for i in range(0, len(text), per_line)]
    top = 1000.0  # below the top 9 %, where the reader takes text for a page header
    for j, header in enumerate(HEADER):
        page.text(edges[j] + 4, top - 14, header, 9)
    y = top - 20
    page.line(edges[0], top, edges[-1], top)
    page.line(edges[0], y, edges[-1], y)
    for i, line in enumerate(lines):
        page.text(edges[0] + 4, y - 6 - 4 * i, line, 2)
    page.text(edges[1] + 4, y - 10, "Polisen", 9)
    page.text(edges[2] + 4, y - 10, "Skolan", 9)
    bottom = y - 10 - 4 * len(lines)
    page.line(edges[0], bottom, edges[-1], bottom)
    for x in edges:
        page.line(x, top, x, bottom)
    return pdf_bytes([page], unicode=unicode)


@pytest.mark.slow
@pytest.mark.parametrize("unicode", [False, True])
def test_a_cell_of_over_40_000_characters_is_read_or_reported(here, unicode):
    """Over Excel's 32,767 characters: the cell-length limit's error, or the cell read whole."""
    Path("long.pdf").write_bytes(long_cell_pdf(40_001, unicode))
    with bounded(30):
        table = read_or_fail(Path("long.pdf"))
    if table is None:
        with pytest.raises(IngestFailed) as caught:
            read_table("long.pdf")
        assert {e.code for e in caught.value.errors} == {"cell-too-long"}
    else:
        assert len(table.rows) == 1 and len(table.rows[0].cells["measure"]) >= 40_001 - 100


@pytest.mark.parametrize("length", [10_000, pytest.param(40_001, marks=pytest.mark.slow)])
def test_a_line_of_tens_of_thousands_of_characters_is_read_or_reported_in_bounded_time(here, length):
    """One text operator of ``length`` characters (about ``length / 6`` words) running over the table and
    off the page: a hostile line, whose words the reader must not compare with each other."""
    page = Page()
    ruled_table(page, [HEADER, ["Åtgärd " + "å(ö)\\ " * (length // 6), "Polisen", "Skolan"]], top=740)
    x, y, text, _, _ = page.texts[-3]
    page.texts[-3] = (x, y, text, 0.5, False)
    Path("long.pdf").write_bytes(pdf_bytes([page]))
    with bounded(15):
        read_or_fail(Path("long.pdf"))


# Specific files and their exact messages ---------------------------------------------------------------


def test_a_scanned_page_says_pdf_no_text(here):
    from PIL import Image

    Image.new("RGB", (200, 100), "white").save("scan.pdf")
    assert errors_of("scan.pdf") == [f"scan.pdf: {no_text('1')}"]


def test_a_scan_of_several_pages_says_pdf_no_text(here):
    from PIL import Image

    first, *rest = [Image.new("L", (100, 100), shade) for shade in (0, 128, 255)]
    first.save("scan.pdf", save_all=True, append_images=rest)
    assert errors_of("scan.pdf") == [f"scan.pdf: {no_text('3')}"]


def test_a_pdf_with_a_user_password_says_pdf_encrypted(here):
    page = Page()
    ruled_table(page, [HEADER, *ROWS], top=740)
    Path("locked.pdf").write_bytes(pdf_bytes([page], user_password="hemligt"))
    assert errors_of("locked.pdf") == [f"locked.pdf: {ENCRYPTED}"]


def test_a_pdf_with_an_empty_user_password_reads_normally(here):
    page = Page()
    ruled_table(page, [HEADER, *ROWS], top=740)
    Path("owner-only.pdf").write_bytes(pdf_bytes([page], user_password=""))
    with bounded(30):
        table = read_table("owner-only.pdf")
    assert [r["measure"] for r in cells(table)] == [ROWS[0][0], ROWS[1][0]]


@pytest.mark.parametrize(
    "name, expected",
    [("aes256-user-password.pdf", None), ("aes256-empty-user-password.pdf", [ROWS[0][0], ROWS[1][0]])],
)
def test_an_aes_256_encrypted_pdf(here, name, expected):
    """Made once with ``qpdf --encrypt u o 256`` (and ``'' o 256``) from the writer's ruled table."""
    path = FIXTURES / name
    if expected is None:
        assert errors_of(path) == [f"{path}: {ENCRYPTED}"]
    else:
        with bounded(30):
            assert [r["measure"] for r in cells(read_table(path))] == expected


@pytest.mark.parametrize("cut", [9, 100, 700, 0.5, -200, -30])
def test_a_truncated_pdf_says_not_a_pdf(here, cut):
    at = int(len(PLAN) * cut) if isinstance(cut, float) else cut
    Path("cut.pdf").write_bytes(PLAN[:at])
    assert errors_of("cut.pdf") == [f"cut.pdf: {NOT_A_PDF}"]


def test_an_html_page_named_pdf_says_not_a_pdf(here):
    Path("plan.pdf").write_text(
        "<!DOCTYPE html><html><head><title>Handlingsplan</title></head><body><p>Logga in</p></body></html>",
        encoding="utf-8",
    )
    assert errors_of("plan.pdf") == [f"plan.pdf: {NOT_A_PDF}"]


def test_an_empty_file_named_pdf_says_not_a_pdf(here):
    Path("empty.pdf").write_bytes(b"")
    assert errors_of("empty.pdf") == [f"empty.pdf: {NOT_A_PDF}"]


def test_a_pdf_of_text_without_a_table_says_no_plan_table(here):
    page = Page()
    page.text(72, 790, "Handlingsplan mot våld i nära relationer", 16, bold=True)
    for i, line in enumerate(["Kommunen ska arbeta förebyggande.", "Polisen och skolan samverkar (SSPF)."]):
        page.text(72, 740 - 14 * i, line)
    Path("prose.pdf").write_bytes(pdf_bytes([page]))
    assert errors_of("prose.pdf") == [f"prose.pdf: {NO_TABLE}"]


def test_two_thousand_empty_pages_say_pdf_no_text_in_bounded_time(here):
    Path("empty-pages.pdf").write_bytes(pdf_bytes([Page() for _ in range(2000)]))
    start = time.perf_counter()
    assert errors_of("empty-pages.pdf") == [f"empty-pages.pdf: {no_text('2,000')}"]
    assert time.perf_counter() - start < 20


@pytest.mark.slow
def test_a_table_of_ten_thousand_rows_stops_at_the_row_limit_in_bounded_time(here):
    pages, written = [], 0
    while written < 10_000:
        page = Page()
        page.text(290, 30, str(len(pages) + 1), 8)
        body = [[f"Åtgärd nummer {written + i + 1}", "Polisen"] for i in range(min(30, 10_000 - written))]
        written += len(body)
        ruled_table(page, ([HEADER[:2]] if not pages else []) + body, top=740)
        pages.append(page)
    Path("rows.pdf").write_bytes(pdf_bytes(pages))
    # bounded() measures the time too: pdfplumber wraps the alarm's TimeoutError as a pdfminer error, which
    # the reader reports as not-a-pdf
    with bounded(20), pytest.raises(IngestFailed) as caught:
        read_table("rows.pdf", limits=Limits(rows=1000))
    assert [str(e) for e in caught.value.errors] == [
        "rows.pdf, row 1001: the table goes on past row 1,000, the limit for one plan (a plan has a row per "
        "measure, rarely a thousand). Check that this is the plan, or raise the limit with --limit rows=10001. "
        "[too-many-rows]"
    ]


def test_an_unruled_table_whose_text_runs_across_its_columns_names_its_page(here):
    first, second = Page(), Page()
    first.text(72, 790, "Handlingsplan", 16, bold=True)
    first.text(72, 740, "Inledning: planen gäller 2024–2026.")
    y = unruled_table(second, [HEADER], top=740)
    for _ in range(8):  # a measure starting in its column runs on over the next one's start
        y -= 22
        second.text(COLUMNS[1] - 60, y, "Samverkansgruppen", 9)
        second.text(COLUMNS[1] + 30, y, "Polisen", 9)
        second.text(COLUMNS[2] + 4, y, "Skolan", 9)
    Path("crossing.pdf").write_bytes(pdf_bytes([first, second]))
    assert errors_of("crossing.pdf") == [f"crossing.pdf: {columns_unclear(2)}"]


# The CLI ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damaged",
    [PLAN.replace(b"/Resources", b"/Resourcez"), PLAN.replace(b"/MediaBox", b"/MediaBoy")],
    ids=["no-fonts", "no-mediabox"],
)
def test_a_pdf_whose_page_lost_its_fonts_or_its_size_is_still_read(here, damaged):
    """A page without /Resources (PDFium draws its text in a standard font) or without a /MediaBox (PDFium
    takes the standard page size): the plan still reads. With pdfminer the first logged a warning per
    character and the second ended in a traceback."""
    from click.testing import CliRunner

    Path("damaged.pdf").write_bytes(damaged)
    result = CliRunner().invoke(main, ["measures", "damaged.pdf", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) > 1


@pytest.mark.parametrize(
    "content, code",
    [
        (PLAN[:300], "not-a-pdf"),
        (b"<html><body>404</body></html>", "not-a-pdf"),
        (b"", "not-a-pdf"),
        (pdf_bytes([Page()], user_password="u"), "pdf-encrypted"),
        (pdf_bytes([Page()]), "pdf-no-text"),
    ],
    ids=["truncated", "html", "empty", "encrypted", "no-text"],
)
def test_check_of_a_broken_pdf_is_one_line_naming_the_file_and_exit_code_2(here, content, code):
    from click.testing import CliRunner

    Path("broken.pdf").write_bytes(content)
    result = CliRunner().invoke(main, ["check", "broken.pdf"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("graphmodel: broken.pdf: "), result.output[-3000:]
    assert code is None or lines[0].endswith(f"[{code}]")
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_check_of_a_broken_pdf_from_the_shell_prints_one_line_and_no_traceback(here):
    """From the shell, where pdfminer's log warnings (one per character of a font it cannot find) would reach
    stderr, unlike under CliRunner."""
    Path("cut.pdf").write_bytes(PLAN[:700])
    Path("no-fonts.pdf").write_bytes(PLAN.replace(b"/Resources", b"/Resourcez"))
    Path("deep.pdf").write_bytes(nested(PLAN, 100_000, "array"))
    for name in ("cut.pdf", "no-fonts.pdf", "deep.pdf"):
        proc = subprocess.run(
            [sys.executable, "-m", "graphmodel.cli", "check", name], capture_output=True, text=True, timeout=60
        )
        assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
        if proc.returncode == 2:
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"graphmodel: {name}: "), proc.stderr[-3000:]
