"""Read the plan tables of a PDF into numbered rows of text, as ``document`` reads a Word document.

A PDF has no tables, only characters and lines at positions; the tables are found again from them
(``pdf_page``, on PDFium: words, ruling lines and ruled tables' boxes as pdfplumber makes them):

- a **ruled** table (Word's and LibreOffice's "Table Grid": cells drawn with lines) by its lines: a cell
  merged down over several rows counts on each row, one merged across columns once;
- an **unruled** table by its header: the row naming the measure column gives the columns (where each
  header's text starts), and the gaps between lines the rows. A page where the text does not keep to
  those columns is an error naming the page (``pdf-columns-unclear``), not a guess;
- a table that goes on over the next page (with or without its header repeated there) is one table;
  a row broken over the page break is joined again;
- the lines of a cell are joined back into one text: a line that ends because the next word did not fit
  is wrapped (joined with a space, or with nothing inside a word broken for want of room), a line that
  ends earlier ended on purpose (a line break, kept);
- page headers and footers (text in the top or bottom margin found on several pages, page numbers) are
  not read; a heading between tables (larger or bold text) is the area or level of the table below,
  as in a Word document, and the title is the PDF's stated title or the largest text on page 1.

The tables then become one table as a Word document's do (``document._plan_table``), each row's place
saying its page ("page 3, table 2, row 5").
"""

from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass, field
from typing import NoReturn

from .document import _SHORT_TEXT, _Grid, _header_index, _heading_kind, _HeadingsAbove, _plan_table, _trimmed
from .tables import Limits, Table, _fail, _unreadable, canonical_column

_MARGIN_BAND = 0.09  # of the page's height: where page headers and footers stand
_PAGE_NUMBER = re.compile(
    r"^[-–(\s]*(sida|sid|s\.|page|p\.)?\s*\d{1,4}\s*(\(\s*\d{1,4}\s*\)|(av|/|of)\s*\d{1,4})?[-–)\s]*$", re.IGNORECASE
)
_SHORT_HEADING = 80
_EDGE_TOLERANCE = 4.0
_GUTTER = 11.0  # points between the text of two columns of a table without lines: Word's cell padding, twice
# Short words a cell's next line may start with that are words of their own, not the rest of a word broken
# for want of room ("Pågående / under 2017" in a narrow column)
_WORDS = frozenset(
    "i och samt eller för med av på vid till inom mot om från genom hos under efter sedan mellan varje år året "
    "behov är som att det har ska kan inte alla "
    "klart klar färdig pågår pågående löpande årligen utveckling genomförande genomförs genomförd genomfört "
    "påbörjas påbörjad påbörjat planeras planerad planerat uppstart start hösten våren sommaren vintern".split()
)  # points: column edges of a table's parts on two pages that are the same


@dataclass
class _Line:
    """Words standing on one line (within one cell, or across an unruled page).

    Its measures are computed once, when first asked (the words are all in by then): a line of 40,000
    words is asked for its size once per word.
    """

    words: list[dict]

    @functools.cached_property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @functools.cached_property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @functools.cached_property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @functools.cached_property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @functools.cached_property
    def text(self) -> str:
        return " ".join(w["text"] for w in sorted(self.words, key=lambda w: w["x0"]))

    @functools.cached_property
    def size(self) -> float:
        return max(w.get("size", 0.0) for w in self.words)

    @functools.cached_property
    def bold(self) -> bool:
        return all("bold" in str(w.get("fontname", "")).casefold() for w in self.words)


@dataclass
class _Fragment:
    """A table's part on one page: rows of cell texts by column."""

    page: int
    top: float
    edges: list[float]  # the columns' left edges, then the table's right edge
    rows: list[list[str]] = field(default_factory=list)
    full_width: list[bool] = field(default_factory=list)
    # per row: the columns whose cell is merged down from above, or reaches the fragment's end merged
    merged_from_above: list[set[int]] = field(default_factory=list)
    merged_to_end: set[int] = field(default_factory=set)
    # per row: column -> the words of the cell starting there, where its text must stop, and its width
    # (to join a cell broken over a page break as its lines are joined)
    words: list[dict[int, tuple[list[dict], float, float]]] = field(default_factory=list)
    known: frozenset[str] = frozenset()


@dataclass
class _Item:
    """What stands on a page, in reading order: a table's part, a heading, or text."""

    page: int
    top: float
    kind: str  # "table", "heading", "text", "title"
    fragment: _Fragment | None = None
    text: str = ""
    size: float = 0.0


def read_pdf(path: str, limits: Limits) -> Table:
    """The plan tables of a PDF as one Table; raises IngestFailed for anything a user can fix."""
    items, title, page_header = _items(path, limits)
    grids: list[_Grid] = []
    headings: list[list[tuple[str, str]]] = []
    above = _HeadingsAbove()
    previous: _Item | None = None
    for item in items:
        if item.kind == "title":
            continue
        if item.kind == "heading":
            if item.text != title:
                above.heading(item.text)
        elif item.kind == "text":
            above.text(item.text)
        else:
            fragment = item.fragment
            assert fragment is not None
            if (
                previous is not None
                and previous.kind == "table"
                and not above
                and _continues(previous.fragment, fragment)
            ):
                _append(grids[-1], previous.fragment, fragment)  # type: ignore[arg-type]
                previous = item
                continue
            grid = _Grid(len(grids) + 1)
            _append(grid, None, fragment)
            grids.append(grid)
            headings.append(above.table())
        previous = item
    return _plan_table(path, title, grids, headings, limits, page_header)


def _open(path: str):
    from .pdf_page import NotReadable, PasswordRequired, open_document

    try:
        with open(path, "rb") as raw:
            start = raw.read(1024)
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    if b"%PDF-" not in start:
        _not_a_pdf(path)
    try:
        return open_document(path)
    except OSError as e:
        _fail(path, "unreadable-file", _unreadable(e))
    except PasswordRequired:
        _fail(
            path,
            "pdf-encrypted",
            "the PDF is protected by a password, so its text cannot be read. Open it with the password and "
            "save or print it as a PDF without protection, or use the Word document it was made from.",
        )
    except NotReadable:
        _not_a_pdf(path)


def _not_a_pdf(path: str) -> NoReturn:
    _fail(
        path,
        "not-a-pdf",
        "this is not a readable PDF: the file is damaged or of another kind. "
        "Save the plan again as PDF from the program that made it, or give the Word document.",
    )


def _items(path: str, limits: Limits) -> tuple[list[_Item], str, tuple[str, ...]]:
    """Every page's tables, headings and text in reading order, and the document's title."""
    items: list[_Item] = []
    page_header: tuple[str, ...] = ()
    from .pdf_page import NotReadable, page_content

    pdf = _open(path)
    try:
        with pdf:
            pages = pdf.pages
            if pages > limits.rows:
                _fail(path, "too-many-rows", f"the PDF has {pages:,} pages; a plan has a few dozen.")
            per_page = []
            characters = 0
            for number in range(1, pages + 1):
                page = page_content(pdf, number - 1)
                words = page.words
                characters += sum(len(w["text"]) for w in words)
                per_page.append((number, page, words))
            if characters == 0:
                _no_text_layer(path, pages)
            title = " ".join(pdf.title().split())
            furniture, page_header = _furniture(per_page)
            body = _body_size(per_page)
            known = _words_within_lines(per_page)
            open_table: _Fragment | None = None
            for number, page, words in per_page:
                page_items, open_table = _page_items(path, number, page, words, furniture, body, open_table, known)
                items.extend(page_items)
    except Exception as e:
        from graphmodel.errors import IngestFailed

        if isinstance(e, IngestFailed):
            raise
        if isinstance(e, NotReadable):
            _not_a_pdf(path)
        raise
    if not title:
        title = _title_on_first_page(items)
    else:
        first = next((i for i in items if i.kind == "heading" and i.page == 1), None)
        if first is not None and " ".join(first.text.split()).casefold() == title.casefold():
            first.kind = "title"
    return items, title, page_header + tuple(_opening_lines(items))


def _no_text_layer(path: str, pages: int) -> NoReturn:
    which = "the PDF's only page has" if pages == 1 else f"none of the PDF's {pages:,} pages has"
    _fail(
        path,
        "pdf-no-text",
        f"{which} any text: it is a scanned image, and reading text from "
        "images (OCR) is not supported. Use the Word document the plan was written in, a searchable PDF "
        "(then 'graphmodel extract' makes an editable workbook of it), or type the table into Excel.",
    )


def _broken_at_dash(last: str, next_word: str) -> bool:
    """Whether a line ending in a dash joined to a word ends inside one word that goes on in the next line:
    always for an en dash ("skola–socialtjänst–" / "polis"); for a hyphen unless what follows is a
    conjunction, as after the first part of "Kultur- och fritidsförvaltningen"."""
    if len(last) < 2 or last[-1] not in "-–" or not last[-2].isalnum() or not next_word[:1].isalnum():
        return False
    return last[-1] == "–" or _fold(next_word) not in ("och", "eller", "samt", "resp", "respektive")


def _fold(word: str) -> str:
    return word.strip(".,;:()").casefold()


def _words_within_lines(per_page) -> frozenset[str]:
    """The document's words that stand after another word on a line: whole words, not the rest of a word
    broken at a cell's edge (which always starts its line)."""
    known: set[str] = set()
    for _, _, words in per_page:
        for line in _lines(words):
            ordered = sorted(line.words, key=lambda w: w["x0"])
            for before, word in zip(ordered, ordered[1:]):
                if 0 <= word["x0"] - before["x1"] <= max(word.get("size", 10.0) * 0.6, 3.0):
                    known.add(_fold(word["text"]))
    return frozenset(known)


def _body_size(per_page) -> float:
    sizes = [round(w.get("size", 0.0), 1) for _, _, words in per_page for w in words]
    return statistics.median(sizes) if sizes else 10.0


def _furniture(per_page) -> tuple[set[tuple[int, float]], tuple[str, ...]]:
    """(page, top) of words in a page header or footer: in the top or bottom band, and a page number or a
    text (digits aside) that stands there on more than one page; and the page header's texts (not page
    numbers), which often name the municipality the title does not.

    Text inside a ruled table, and a table's header line, is never furniture: a page with narrow margins
    has a table's first row (or its repeated header) in the band, and "Åtgärd nummer 6" on one page and
    "Åtgärd nummer 11" on the next are the same text with the digits aside.
    """
    seen: dict[str, set[int]] = {}
    banded: list[tuple[int, list[_Line], float]] = []
    for number, page, words in per_page:
        height = float(page.height)
        band = [
            w
            for w in words
            if (w["bottom"] < height * _MARGIN_BAND or w["top"] > height * (1 - _MARGIN_BAND))
            and not any(_inside(w, table.bbox) for table in page.tables)
        ]
        lines = [line for line in _lines(band) if not _is_header(line)]
        banded.append((number, lines, height))
        for line in lines:
            seen.setdefault(re.sub(r"\d+", "#", line.text.casefold()), set()).add(number)
    found: set[tuple[int, float]] = set()
    header: list[str] = []
    for number, lines, height in banded:
        for line in lines:
            repeated = len(seen[re.sub(r"\d+", "#", line.text.casefold())]) > 1
            numbered = bool(_PAGE_NUMBER.match(line.text))
            if repeated or numbered:
                found.update((number, round(w["top"], 1)) for w in line.words)
                if repeated and not numbered and line.bottom < height * _MARGIN_BAND and line.text not in header:
                    header.append(line.text)
            elif number == 1 and len(banded) == 1 and line.bottom < height * 0.06 and line.text not in header:
                found.update((number, round(w["top"], 1)) for w in line.words)  # a one-page plan's page header
                header.append(line.text)
    return found, tuple(header[:3])


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return (
        x0 - 1 <= (word["x0"] + word["x1"]) / 2 <= x1 + 1
        and top - 1 <= (word["top"] + word["bottom"]) / 2 <= bottom + 1
    )


def _lines(words: list[dict], tolerance: float = 2.0) -> list[_Line]:
    """Words grouped into lines by their top, top to bottom."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1].words[0]["top"] - word["top"]) <= tolerance:
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
    return lines


def _page_items(path, number, page, words, furniture, body, open_table, known):
    """The page's items in order, and the unruled table still open at its end (to go on on the next page)."""
    words = [w for w in words if (number, round(w["top"], 1)) not in furniture]
    items: list[_Item] = []
    used: set[int] = set()
    for found in page.tables:
        fragment = _ruled(number, found, page.edges, words, used, known)
        if fragment is not None:
            items.append(_Item(number, fragment.top, "table", fragment))
    loose = [w for i, w in enumerate(words) if i not in used]
    lines = _lines(loose)
    rulings = [(e["top"], e["x0"], e["x1"]) for e in page.edges if e["orientation"] == "h"]
    unruled, open_table = _unruled(path, number, lines, body, open_table, float(page.width), known, rulings)
    taken = set()
    for fragment, line_ids in unruled:
        items.append(_Item(number, fragment.top, "table", fragment))
        taken |= line_ids
    for i, line in enumerate(lines):
        if i in taken:
            continue
        text = line.text
        heading = len(text) <= _SHORT_HEADING and (line.size >= body * 1.15 or line.bold)
        items.append(_Item(number, line.top, "heading" if heading else "text", text=text, size=line.size))
    items.sort(key=lambda item: item.top)
    return _joined_headings(items), open_table


def _joined_headings(items: list[_Item]) -> list[_Item]:
    """A heading wrapped over two lines is one heading."""
    out: list[_Item] = []
    for item in items:
        if (
            item.kind == "heading"
            and out
            and out[-1].kind == "heading"
            and abs(item.size - out[-1].size) < 0.5
            and 0 < item.top - out[-1].top < item.size * 1.6
        ):
            last = out[-1]
            if len(last.text) + len(item.text) <= _SHORT_HEADING and not _heading_kind(item.text)[0] == "level":
                last.text = f"{last.text} {item.text}"
                continue
        out.append(item)
    return out


def _opening_lines(items: list[_Item]) -> list[str]:
    """The first lines of text on page 1 before any heading or table ("Torsviks kommun. Antagen av
    kommunstyrelsen 2021-04-12."): where a plan names its organisation when its title does not."""
    lines = []
    for item in items:
        if item.page != 1 or item.kind in ("heading", "table") or len(lines) == 3:
            break
        if item.kind == "text" and len(item.text) <= _SHORT_TEXT:
            lines.append(item.text)
    return lines


def _title_on_first_page(items: list[_Item]) -> str:
    first = [i for i in items if i.page == 1 and i.kind == "heading"]
    if not first:
        return ""
    first[0].kind = "title"
    return first[0].text


# Ruled tables ------------------------------------------------------------------------------------------


def _ruled(
    number: int, found, edges_found: list[dict], words: list[dict], used: set[int], known: frozenset[str]
) -> _Fragment | None:
    """A table drawn with lines, as rows of cell texts; None for a box that is no table (one column).

    The cells are made again from the lines (a table finder's cells, pdfplumber's among them, miss a cell
    merged down when the lines of the cells beside it meet its sides): the grid is every ruling's position,
    and two neighbouring slots of it are one cell where no line stands between them.
    """
    x0, top, x1, bottom = found.bbox
    near = [
        e
        for e in edges_found
        if e["x0"] >= x0 - 2 and e["x1"] <= x1 + 2 and e["top"] >= top - 2 and e["bottom"] <= bottom + 2
    ]
    horizontal = [e for e in near if e["orientation"] == "h"]
    vertical = [e for e in near if e["orientation"] == "v"]
    ys = _cluster(sorted(e["top"] for e in horizontal))
    xs = _cluster(sorted(e["x0"] for e in vertical))
    if len(xs) < 3 or len(ys) < 2:
        return None
    if len(ys) == 2 and _names_measure_column(words, xs, ys):
        return None  # a header in a box of its own over rows without lines: the columns are read from its text

    def ruled_across(y: float, a: float, b: float) -> bool:
        return any(abs(e["top"] - y) <= 2 and e["x0"] <= a + 2 and e["x1"] >= b - 2 for e in horizontal)

    def ruled_down(x: float, a: float, b: float) -> bool:
        return any(abs(e["x0"] - x) <= 2 and e["top"] <= a + 2 and e["bottom"] >= b - 2 for e in vertical)

    rows, columns = len(ys) - 1, len(xs) - 1
    owner = {(r, c): (r, c) for r in range(rows) for c in range(columns)}

    def find(slot):
        while owner[slot] != slot:
            owner[slot] = owner[owner[slot]]
            slot = owner[slot]
        return slot

    for r in range(rows):
        for c in range(columns):
            if r and not ruled_across(ys[r], xs[c], xs[c + 1]):
                owner[find((r, c))] = find((r - 1, c))
            if c and not ruled_down(xs[c], ys[r], ys[r + 1]):
                owner[find((r, c))] = find((r, c - 1))
    regions: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for slot in owner:
        regions.setdefault(find(slot), []).append(slot)
    first = {root: min(slots) for root, slots in regions.items()}  # its top row, and leftmost column there
    spans = {
        root: (min(r for r, _ in slots), max(r for r, _ in slots), min(c for _, c in slots), max(c for _, c in slots))
        for root, slots in regions.items()
    }
    texts_of: dict[tuple[int, int], list[dict]] = {root: [] for root in regions}
    for i, w in enumerate(words):
        if i in used:
            continue
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if not (xs[0] - 1 <= cx <= xs[-1] + 1 and ys[0] - 1 <= cy <= ys[-1] + 1):
            continue
        r = max(min(_index(ys, cy), rows - 1), 0)
        c = max(min(_index(xs, cx), columns - 1), 0)
        texts_of[find((r, c))].append(w)
        used.add(i)
    padding: dict[int, float] = {}  # a column's left padding: its text's right padding is the same
    for root, ws in texts_of.items():
        if ws:
            c0 = spans[root][2]
            padding[c0] = min(padding.get(c0, 99.0), min(w["x0"] for w in ws) - xs[c0])
    texts, measures = {}, {}
    for root, ws in texts_of.items():
        _, _, c0, c1 = spans[root]
        pad = min(max(padding.get(c0, 5.0), 0.0), 20.0)
        measures[root] = (ws, xs[c1 + 1] - pad, xs[c1 + 1] - xs[c0])
        texts[root] = _cell_text(*measures[root], known)
    fragment = _Fragment(number, ys[0], list(xs), known=known)
    for r in range(rows):
        out = [""] * columns
        merged: set[int] = set()
        cell_words = {}
        starting = 0
        whole = False
        for root, (r0, r1, c0, c1) in spans.items():
            if not r0 <= r <= r1 or first[root][1] != c0:
                continue
            out[c0] = texts[root]
            if r0 < r:
                merged.add(c0)
            else:
                cell_words[c0] = measures[root]
                starting += 1
                whole = whole or (c0 == 0 and c1 == columns - 1)
        fragment.rows.append(out)
        fragment.words.append(cell_words)
        fragment.merged_from_above.append(merged)
        fragment.full_width.append(whole and starting == 1 and columns > 1)
    fragment.merged_to_end = {c0 for (r0, r1, c0, _) in spans.values() if r1 == rows - 1 and r0 < rows - 1}
    return fragment


def _names_measure_column(words: list[dict], xs: list[float], ys: list[float]) -> bool:
    inside = [w for w in words if ys[0] - 1 <= (w["top"] + w["bottom"]) / 2 <= ys[-1] + 1]
    return any(
        canonical_column(" ".join(w["text"] for w in inside if xs[c] <= (w["x0"] + w["x1"]) / 2 < xs[c + 1]))
        == "measure"
        for c in range(len(xs) - 1)
    )


def _index(bounds: list[float], value: float) -> int:
    """The slot between two bounds that a value falls in."""
    i = 0
    for k, bound in enumerate(bounds[:-1]):
        if value >= bound:
            i = k
    return i


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _column(columns: list[float], x: float) -> int:
    """The column whose left edge is the last at or before x."""
    j = 0
    for i, left in enumerate(columns):
        if left <= x + 2.0:
            j = i
    return j


def _cell_text(words: list[dict], usable: float, width: float, known: frozenset[str] = frozenset()) -> str:
    """A cell's lines joined: wrapped lines with a space (or nothing inside a word broken for want of room),
    lines that end on purpose with a line break.

    ``usable`` is where the cell's text must stop (its right edge less its padding), ``width`` the cell's
    width. A line ended on purpose only when the next line's first word would have fitted with room to
    spare: a line break wrongly kept splits an actor's name in two, a space wrongly put runs two names
    together, which the actor reading takes apart again.
    """
    lines = _lines(words)
    if not lines:
        return ""
    out = lines[0].text
    for line, following in zip(lines, lines[1:]):
        first = min(following.words, key=lambda w: w["x0"])
        word = first["x1"] - first["x0"]
        room = usable - line.x1 - max(line.size * 0.3, 1.5) - word
        if room > line.size * 0.3:
            out += "\n" + following.text
        elif (
            len(line.words) == 1
            and first["text"][:1].islower()
            and _fold(first["text"]) not in _WORDS
            and (len(_fold(first["text"])) < 4 or _fold(first["text"]) not in known)  # "en", "are": endings too
            and line.x1 + word / max(len(first["text"]), 1) > usable - 1.5  # not even its next letter fitted
            and line.x1 - line.x0 + word > usable - line.x0  # and the whole word fits on no line
        ):
            out += following.text  # a word too long for the cell, broken where the cell ends
        elif _broken_at_dash(line.words[-1]["text"], first["text"]):
            out += following.text  # "2017-" / "2019", "skola–socialtjänst–" / "polis", "HR-" / "avdelningen"
        else:
            out += " " + following.text
    return out


# Unruled tables ----------------------------------------------------------------------------------------


def _header_line(lines: list[_Line], start: int) -> int | None:
    """The first line from ``start`` on that is a table's header: two or more column headers, one of them
    naming the measure column."""
    return next((i for i in range(start, len(lines)) if _is_header(lines[i])), None)


def _is_header(line: _Line) -> bool:
    if len(line.words) < 2:
        return False
    groups = _groups(line)
    return len(groups) >= 2 and any(canonical_column(" ".join(g).strip(":")) == "measure" for g, _ in groups)


def _groups(line: _Line) -> list[tuple[list[str], float]]:
    """A header line's words grouped into column headers by the gaps between them: (words, left edge)."""
    groups: list[tuple[list[str], float]] = []
    last_x1 = None
    for w in sorted(line.words, key=lambda w: w["x0"]):
        if last_x1 is None or w["x0"] - last_x1 > max(line.size * 0.55, 5.0):  # more than a space: a new column
            groups.append(([w["text"]], w["x0"]))
        else:
            groups[-1][0].append(w["text"])
        last_x1 = w["x1"]
    return groups


def _unruled(path, number, lines, body, open_table, page_width, known, rulings):
    """Unruled tables among the page's loose lines: [(fragment, the line indexes it took)], and the table
    left open at the page's end."""
    out = []
    i = 0
    while i < len(lines):
        header = _header_line(lines, i)
        if open_table is not None and (header is None or header > i):
            start = i
            columns, right = open_table.edges[:-1], open_table.edges[-1]
            header_rows: list[int] = []
        elif header is not None:
            start = header
            groups = _groups(lines[header])
            columns = [left for _, left in groups]
            header_rows = [header]
            k = header + 1
            while k < len(lines) and lines[k].top - lines[k - 1].bottom < lines[k].size * 0.6:
                if _more_columns(lines[header_rows[0]], [lines[j] for j in header_rows], lines[k], columns):
                    header_rows.append(k)
                    k += 1
                else:
                    break
            right = max(line.x1 for line in lines[start:]) if lines[start:] else page_width
        else:
            break
        fragment, taken, open_table = _unruled_fragment(
            path, number, lines, start, header_rows, columns, right, body, known, rulings
        )
        if fragment is None:
            if not header_rows:  # the table open from the last page does not go on here: look for a header
                open_table = None
                continue
            i = header + 1  # type: ignore[operator]
            continue
        out.append((fragment, taken))
        i = max(taken) + 1
    return out, open_table


def _more_columns(first: _Line, rows: list[_Line], candidate: _Line, columns: list[float]) -> bool:
    """Whether a line under an unruled header goes on with the header ("Övriga" over "aktörer")."""
    if first.bold and candidate.bold:
        return True

    def named(lines: list[_Line]) -> int:
        texts = [
            " ".join(w["text"] for line in lines for w in line.words if _column(columns, w["x0"]) == j)
            for j in range(len(columns))
        ]
        return sum(canonical_column(t) is not None for t in texts)

    return named([*rows, candidate]) > named(rows)


def _unruled_fragment(path, number, lines, start, header_rows, columns, right, body, known, rulings):
    """The rows of an unruled table from line ``start`` on: lines assigned to columns by where they start,
    rows split where all columns have a gap."""
    boundaries = [c - 3.0 for c in columns[1:]]
    rows_lines: list[list[_Line]] = []
    taken: set[int] = set()
    straddling = 0
    words_seen = 0
    body_start = max(header_rows) + 1 if header_rows else start
    measure = _measure_column(lines, header_rows, columns)
    last: _Line | None = None
    end_open = True
    for k in range(body_start, len(lines)):
        line = lines[k]
        if (
            line.size >= body * 1.1
            or _is_header(line)
            or (line.bold and k + 1 < len(lines) and _is_header(lines[k + 1]))
        ):
            end_open = False
            break  # a heading (or a bold line over a header), or the header of the next table: this one ends
        if last is not None and line.top - last.bottom > max(line.size * 3, 30):
            end_open = False
            break
        crossing = sum(1 for w in line.words if any(w["x0"] < b - 2 and w["x1"] > b + 2 for b in boundaries))
        if crossing and len(line.words) >= 6:
            end_open = False
            break  # running text across the columns: the table has ended
        straddling += crossing
        words_seen += len(line.words)
        rows_lines.append([line])
        taken.add(k)
        last = line
    if header_rows:
        taken |= set(header_rows)
    if not rows_lines and not header_rows:
        return None, taken, None
    if words_seen and straddling > max(2, words_seen * 0.05):
        _fail(
            path,
            "pdf-columns-unclear",
            f"on page {number}, the table has no ruling lines and its text does not keep to the columns its "
            "header gives, so which text belongs to which column cannot be told. Use the Word document the "
            "plan was written in, or run 'graphmodel extract' and correct the workbook in Excel.",
        )
    # Rows: split at a rule drawn across the table (a table with horizontal lines only), else where no
    # column has text: a gap across the whole table wider than the one between a cell's lines.
    left_edge, table_width = columns[0], right - columns[0]
    first_top = rows_lines[0][0].bottom if rows_lines else 0.0  # a rule under the header is not between rows
    last_bottom = rows_lines[-1][0].bottom if rows_lines else 0.0
    across = sorted(
        y
        for y, x0, x1 in rulings
        if x0 <= left_edge + table_width * 0.3 and x1 - x0 >= table_width * 0.6 and first_top < y < last_bottom
    )
    grouped: list[list[_Line]] = []
    reach = None  # the lowest bottom of the row so far
    for (line,) in rows_lines:
        if reach is None:
            split = True
        elif across:
            split = any(reach - 1.0 <= y <= line.top + 1.0 for y in across)
        else:
            split = line.top - reach > max(line.size * 0.5, 4.0)
        if split:
            grouped.append([line])
            reach = line.bottom
        else:
            grouped[-1].append(line)
            reach = max(reach, line.bottom)  # type: ignore[type-var]
    width = len(columns)
    edges = [*columns, right]
    usable = [  # where a column's text stops: a cell's padding short of the next column, or the widest line
        max(
            max((w["x1"] for (line,) in rows_lines for w in line.words if _column(columns, w["x0"]) == j), default=0.0),
            edges[j + 1] - _GUTTER if j + 1 < width else right,
        )
        for j in range(width)
    ]
    top = lines[start].top
    fragment = _Fragment(number, top, edges, known=known)
    for row_lines in ([[lines[h] for h in header_rows]] if header_rows else []) + grouped:
        by_column: list[list[dict]] = [[] for _ in range(width)]
        for line in row_lines:
            for w in line.words:
                by_column[_column(columns, w["x0"])].append(w)
        measured = {
            j: (ws, usable[j], (edges[j + 1] if j + 1 < width else right) - edges[j]) for j, ws in enumerate(by_column)
        }
        cells = [_cell_text(*measured[j], known) for j in range(width)]
        single = [c for c in cells if c]
        full = len(single) == 1 and all(line.bold for line in row_lines) and len(row_lines) == 1
        if (
            grouped
            and row_lines is not grouped[0]
            and measure is not None
            and not cells[measure]
            and not full
            and fragment.rows
            and len(fragment.rows) > len(header_rows) - (0 if header_rows else 0)
        ):
            previous = fragment.rows[-1]  # a paragraph of its own in a cell, with no measure beside it
            for j, text in enumerate(cells):
                if text:
                    previous[j] = f"{previous[j]}\n{text}" if previous[j] else text
                    ws, stop, wide = fragment.words[-1].get(j, ([], measured[j][1], measured[j][2]))
                    fragment.words[-1][j] = (ws + measured[j][0], stop, wide)
            continue
        fragment.rows.append(cells)
        fragment.words.append({j: m for j, m in measured.items() if m[0]})
        fragment.full_width.append(full)
        fragment.merged_from_above.append(set())
    return fragment, taken, (fragment if end_open else None)


def _measure_column(lines, header_rows, columns) -> int | None:
    if not header_rows:
        return None
    texts = [
        " ".join(w["text"] for h in header_rows for w in lines[h].words if _column(columns, w["x0"]) == j)
        for j in range(len(columns))
    ]
    return next((j for j, t in enumerate(texts) if canonical_column(t) == "measure"), None)


# A table over several pages ----------------------------------------------------------------------------


def _continues(previous: _Fragment | None, fragment: _Fragment) -> bool:
    """Whether a table's part goes on from the one before: on the next page, with nothing between, and
    with the same columns."""
    if previous is None or fragment.page != previous.page + 1:
        return False
    if len(previous.edges) != len(fragment.edges):
        return False
    # the columns' left edges: an unruled table's right edge is only where its longest line ends
    return all(abs(a - b) <= _EDGE_TOLERANCE for a, b in zip(previous.edges[:-1], fragment.edges[:-1]))


def _append(grid: _Grid, previous: _Fragment | None, fragment: _Fragment) -> None:
    """Add a table's part to its table; a row broken over the page break is joined to its start, and a
    cell merged down over the break goes on on the new page."""
    rows = list(range(len(fragment.rows)))
    if previous is not None and grid.rows:
        first = 0  # a header repeated on the new page (one or two rows) is skipped by the table reader
        while first < len(fragment.rows) and any(_same(fragment.rows[first], row) for row in _header_rows(grid)):
            first += 1
        if first < len(fragment.rows):
            cells = fragment.rows[first]
            carried = [j for j in previous.merged_to_end if j < len(cells) and not cells[j]]
            for j in carried:
                for r in range(first, len(fragment.rows)):
                    if r == first or j in fragment.merged_from_above[r]:
                        fragment.rows[r][j] = grid.rows[-1][j] if j < len(grid.rows[-1]) else ""
            if _broken_row(grid, cells, set(carried)):
                last = grid.rows[-1]
                for j, text in enumerate(cells):
                    if text and j not in carried:
                        while len(last) <= j:
                            last.append("")
                        above = previous.words[-1].get(j) if previous.words else None
                        below = fragment.words[first].get(j)
                        if last[j] and above and below:
                            # the page's lines after the last page's: as one cell's lines, joined as they are
                            shifted = [{**w, "top": w["top"] + 1e6, "bottom": w["bottom"] + 1e6} for w in below[0]]
                            joined = (above[0] + shifted, above[1], above[2])
                            last[j] = _cell_text(*joined, fragment.known)
                            fragment.words[first][j] = joined
                        else:
                            last[j] = f"{last[j]} {text}" if last[j] else text
                rows = [r for r in rows if r != first]
    for r in rows:
        grid.rows.append(list(fragment.rows[r]))
        grid.full_width.append(fragment.full_width[r])
        grid.repeated_header.append(False)
        grid.pages.append(fragment.page)


def _header_rows(grid: _Grid) -> list[list[str]]:
    """The header row, and the row under it (a header's second row, when it has one)."""
    index = _header_index(grid)
    return grid.rows[index : index + 2] if index is not None else []


def _same(row: list[str], header: list[str]) -> bool:
    return _trimmed(row) == _trimmed(header)


def _broken_row(grid: _Grid, cells: list[str], carried: set[int]) -> bool:
    """Whether the first row of a table's part on a new page is the rest of the row the last page ended
    with: its measure cell (and its number, if the table numbers measures) empty, or going on in small
    letters from a text that ended mid-sentence."""
    index = _header_index(grid)
    if index is None or not grid.rows or grid.full_width[-1]:
        return False
    header = grid.rows[index]
    columns = {canonical_column(h): j for j, h in enumerate(header) if canonical_column(h)}
    measure = columns.get("measure")
    if measure is None:
        return False
    number = columns.get("id")
    texts = [c for j, c in enumerate(cells) if c and j not in carried]
    if not texts:
        return False
    if number is not None and number < len(cells) and not cells[number]:
        return True
    own = cells[measure] if measure < len(cells) else ""
    if not own:
        return True
    above = grid.rows[-1][measure] if measure < len(grid.rows[-1]) else ""
    return bool(above) and own[:1].islower() and not above.rstrip().endswith((".", "!", "?"))
