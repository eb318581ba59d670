"""What stands on a PDF's pages, as the PDF reader (``pdf.py``) needs it: words with their boxes, font and
size; the ruling lines (edges); and the boxes of the tables those lines draw. Read with PDFium
(pypdfium2), which parses a page in a few milliseconds.

The words, edges and tables are those pdfplumber (on pdfminer.six) gives with its defaults, which the
reader was written against, made here from PDFium's characters and path objects by the same rules:

- a **word** is a run of characters on one line (tops within 3 pt), of one font and size, split at
  spaces and where the next character starts more than 3 pt after the last one ends (or before it
  starts); PDFium's generated spaces and line breaks are not characters of the page and are left out,
  the gaps they stand for split the words anyway. Its box is the characters' boxes: from the
  origin to the advance width, and the font size high from the font's descent under the baseline;
- an **edge** is a horizontal or vertical side of a path: a line, a rectangle's four sides (a thin
  filled rectangle, Word's and LibreOffice's table border, gives two sides a hair apart and two too
  short to count), a polygon's sides; edges within 3 pt of one line are moved onto it (their mean) and
  joined where they meet within 3 pt, and edges shorter than 3 pt are dropped;
- a **table** is a group of cells (rectangles whose four corners are crossings of edges joined by
  them) that share corners, of two cells or more; its box is theirs.

Coordinates are pdfplumber's: points from the media box's top-left corner, ``top`` growing downwards.

One known difference: the descent is PDFium's. pdfminer takes a font's /Descent as written, and
LibreOffice writes 0 (with /Ascent 0), where PDFium derives the font's own from its glyphs: words of
such PDFs stand 0.18-0.3 of their font size lower than pdfplumber put them, all words of one size
alike (the x positions, texts, fonts and sizes, and the edges, are the same). The benchmark's plans and
tests/test_pdf.py's read the same either way.
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

_X_TOLERANCE = 3.0  # pdfplumber's extract_words defaults
_Y_TOLERANCE = 3.0
_SNAP = 3.0  # pdfplumber's table finder defaults
_JOIN = 3.0
_EDGE_MIN_PREFILTER = 1.0
_EDGE_MIN = 3.0
_INTERSECTION = 3.0
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_MAX_DEPTH = 16  # form XObjects within form XObjects


class PasswordRequired(Exception):
    """The PDF is encrypted with a user password."""


class NotReadable(Exception):
    """PDFium could not open the file or one of its pages."""


def _pdfium():
    import pypdfium2  # noqa: F401  (initialises the library)
    import pypdfium2.raw as raw

    return raw


@dataclass
class Document:
    """An open PDF: its pages, one at a time, and its stated title."""

    raw: object
    handle: object
    buffer: object = field(repr=False)
    pages: int = 0

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.handle is not None:
            self.raw.FPDF_CloseDocument(self.handle)  # type: ignore[attr-defined]
            self.handle = None

    def title(self) -> str:
        raw = self.raw
        size = raw.FPDF_GetMetaText(self.handle, b"Title", None, 0)  # type: ignore[attr-defined]
        if size <= 2:
            return ""
        buffer = ctypes.create_string_buffer(size)
        raw.FPDF_GetMetaText(self.handle, b"Title", buffer, size)  # type: ignore[attr-defined]
        return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")

    def page(self, index: int) -> Page:
        raw = self.raw
        handle = raw.FPDF_LoadPage(self.handle, index)  # type: ignore[attr-defined]
        if not handle:
            raise NotReadable(f"page {index + 1}")
        return Page(raw, handle)


def open_document(path: str) -> Document:
    """The PDF at ``path``, opened; PasswordRequired or NotReadable when it cannot be."""
    raw = _pdfium()
    with open(path, "rb") as file:
        data = file.read()
    buffer = ctypes.create_string_buffer(data, len(data))  # PDFium reads from it while the document is open
    handle = raw.FPDF_LoadMemDocument64(buffer, len(data), None)
    if not handle:
        if raw.FPDF_GetLastError() == raw.FPDF_ERR_PASSWORD:
            raise PasswordRequired(path)
        raise NotReadable(path)
    return Document(raw, handle, buffer, raw.FPDF_GetPageCount(handle))


@dataclass
class TableBox:
    """A ruled table's box on its page: (x0, top, x1, bottom)."""

    bbox: tuple[float, float, float, float]


@dataclass
class Content:
    """What the PDF reader takes from a page: its size, words, edges and the boxes of its ruled tables."""

    width: float
    height: float
    words: list[dict]
    edges: list[dict]
    tables: list[TableBox]


def page_content(document: Document, index: int) -> Content:
    """The page's size, words, edges and ruled tables, read at once (the page is closed again)."""
    with document.page(index) as page:
        edges = page.edges()
        return Content(page.width, page.height, page.words(), edges, [TableBox(b) for b in table_boxes(edges)])


class Page:
    """One page: its size, words and edges, and the boxes of its ruled tables."""

    def __init__(self, raw, handle) -> None:
        self.raw = raw
        self.handle = handle
        box = (ctypes.c_float * 4)()
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if raw.FPDFPage_GetMediaBox(handle, left, bottom, right, top):
            box[:] = [left.value, bottom.value, right.value, top.value]
        else:  # the default media box: US Letter
            box[:] = [0.0, 0.0, 612.0, 792.0]
        x0, y0, x1, y1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
        self.rotation = (raw.FPDFPage_GetRotation(handle) * 90) % 360
        # pdfminer's page matrix: from PDF space to the (rotated) page, origin bottom-left
        self._ctm = {
            90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
        }.get(self.rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        self.width, self.height = (y1 - y0, x1 - x0) if self.rotation in (90, 270) else (x1 - x0, y1 - y0)

    def close(self) -> None:
        if self.handle is not None:
            self.raw.FPDF_ClosePage(self.handle)
            self.handle = None

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _point(self, x: float, y: float) -> tuple[float, float]:
        """A point in PDF space as (x, top) on the page."""
        a, b, c, d, e, f = self._ctm
        return round(a * x + c * y + e, 4), round(self.height - (b * x + d * y + f), 4)

    # Words -------------------------------------------------------------------------------------------

    def chars(self) -> list[dict]:
        """The page's characters in PDFium's order, each with text, x0, x1, top, bottom, fontname, size
        and upright; no generated spaces or line breaks."""
        raw = self.raw
        text_page = raw.FPDFText_LoadPage(self.handle)
        if not text_page:
            return []
        try:
            return self._chars(raw, text_page)
        finally:
            raw.FPDFText_ClosePage(text_page)

    def _chars(self, raw, text_page) -> list[dict]:
        count = raw.FPDFText_CountChars(text_page)
        out: list[dict] = []
        ox, oy = ctypes.c_double(), ctypes.c_double()
        loose = raw.FS_RECTF()
        width = ctypes.c_float()
        # per text object: font name, descent per point of size, size, its matrix's a, uprightness, font
        objects: dict[bytes, tuple[str, float, float, float, bool, object]] = {}
        widths: dict[tuple[bytes, int], float] = {}
        get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
        get_origin, get_object = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetTextObject
        upright_page = self.rotation == 0
        a, b, c, d, e, f = self._ctm
        height = self.height
        last: tuple = ()
        for i in range(count):
            code = get_unicode(text_page, i)
            if code in (0, 10, 13, 0xFFFE, 0xFFFF) or code > 0x10FFFF or is_generated(text_page, i) == 1:
                continue
            text = chr(code)
            text = _LIGATURES.get(text, "-" if code == 2 else text)  # PDFium's 2: a hyphen ending a line
            obj = get_object(text_page, i)
            key = bytes(obj)  # the object's address
            known = objects.get(key)
            if known is None:
                known = objects[key] = self._text_object(raw, text_page, i, obj)
            fontname, descent, size, scale, upright, font = known
            get_origin(text_page, i, ox, oy)
            x, y = ox.value, oy.value
            if out and (x, y, key) == last:
                # one glyph, several characters (a ligature "ﬁ" mapped to "fi"): pdfminer's one character
                out[-1]["text"] += text
                if raw.FPDFText_GetLooseCharBox(text_page, i, loose) and upright and upright_page:
                    out[-1]["x1"] = max(out[-1]["x1"], out[-1]["x0"] + (loose.right - loose.left))
                continue
            last = (x, y, key)
            if upright and upright_page:
                # pdfminer's box: from the origin across the advance width (PDFium's loose box is the glyph's
                # own box for some characters), the font size high from the font's descent
                advance = widths.get((key, code))
                if advance is None:
                    ok = font and raw.FPDFFont_GetGlyphWidth(font, code, size, width) and width.value > 0
                    advance = widths[key, code] = width.value * scale if ok else -1.0
                if advance < 0:
                    if not raw.FPDFText_GetLooseCharBox(text_page, i, loose):
                        continue
                    advance = loose.right - loose.left
                y0 = y + descent * size  # the page's own matrix is a translation here (no rotation)
                x0, x1 = x + e, x + advance + e
                bottom, top = height - (y0 + f), height - (y0 + size + f)
            else:
                if not raw.FPDFText_GetLooseCharBox(text_page, i, loose):
                    continue
                corners = [self._point(a, b) for a in (loose.left, loose.right) for b in (loose.bottom, loose.top)]
                x0, x1 = min(c[0] for c in corners), max(c[0] for c in corners)
                top, bottom = min(c[1] for c in corners), max(c[1] for c in corners)
                upright = upright and self.rotation in (0, 180)
            out.append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "fontname": fontname,
                    "size": size,
                    "upright": upright,
                }
            )
        return out

    @staticmethod
    def _text_object(raw, text_page, index: int, obj) -> tuple[str, float, float, float, bool, object]:
        """What the characters of one text object share: font name, descent, size, scale, uprightness."""
        name = ctypes.create_string_buffer(256)
        length = raw.FPDFText_GetFontInfo(text_page, index, name, 256, None)
        fontname = name.raw[: max(min(length, 256) - 1, 0)].decode("utf-8", errors="replace") if length else ""
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        descent = 0.0
        value = ctypes.c_float()
        if font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), value):
            descent = value.value / 1000.0
        matrix = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(text_page, index, matrix)
        upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6 and matrix.a * matrix.d > 0
        size = round(raw.FPDFText_GetFontSize(text_page, index), 4)
        return fontname, descent, size, matrix.a, upright, font or None

    def words(self) -> list[dict]:
        """The page's words, as pdfplumber's ``extract_words(extra_attrs=["fontname", "size"])``."""
        return words_of(self.chars())

    # Edges and tables --------------------------------------------------------------------------------

    def edges(self) -> list[dict]:
        """The page's ruling lines, snapped and joined (pdfplumber's ``debug_tablefinder().edges``)."""
        found = [e for e in self._raw_edges() if e["orientation"] and _length(e) >= _EDGE_MIN_PREFILTER]
        return [e for e in _merge(found) if _length(e) >= _EDGE_MIN]

    def _raw_edges(self) -> Iterator[dict]:
        raw = self.raw
        for obj, matrix in _path_objects(raw, self.handle, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0):
            yield from self._path_edges(raw, obj, matrix)

    def _path_edges(self, raw, obj, matrix) -> Iterator[dict]:
        count = raw.FPDFPath_CountSegments(obj)
        if count <= 0:
            return
        a, b, c, d, e, f = matrix
        x, y = ctypes.c_float(), ctypes.c_float()
        subpaths: list[tuple[list[tuple[float, float]], bool]] = []
        bezier = 0
        for i in range(count):
            segment = raw.FPDFPath_GetPathSegment(obj, i)
            if not segment or not raw.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            kind = raw.FPDFPathSegment_GetType(segment)
            point = self._point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
                subpaths.append(([point], False))
            elif kind == raw.FPDF_SEGMENT_BEZIERTO:
                bezier += 1
                if bezier % 3 == 0:  # pdfminer keeps a curve's end point, not its two control points
                    subpaths[-1][0].append(point)
            else:
                subpaths[-1][0].append(point)
            if raw.FPDFPathSegment_GetClose(segment):
                subpaths[-1] = (subpaths[-1][0], True)
        for points, closed in subpaths:
            yield from _subpath_edges(points, closed)


def _path_objects(raw, container, matrix, depth, form=False) -> Iterator[tuple[object, tuple]]:
    """Every path object of a page, or of a form XObject within it, with its matrix to PDF space."""
    count = raw.FPDFFormObj_CountObjects(container) if form else raw.FPDFPage_CountObjects(container)
    m = raw.FS_MATRIX()
    for i in range(max(count, 0)):
        obj = raw.FPDFFormObj_GetObject(container, i) if form else raw.FPDFPage_GetObject(container, i)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        if not raw.FPDFPageObj_GetMatrix(obj, m):
            continue
        own = _compose((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, own
        elif depth < _MAX_DEPTH:
            yield from _path_objects(raw, obj, own, depth + 1, form=True)


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix doing ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _subpath_edges(points: list[tuple[float, float]], closed: bool) -> Iterator[dict]:
    """A subpath's edges as pdfminer and pdfplumber make them: a single segment is a line (horizontal
    when level, else vertical, as pdfplumber's line_to_edge has it); otherwise each side between
    consecutive points, horizontal or vertical ones only."""
    if closed and points[-1] != points[0]:
        points = [*points, points[0]]
    if len(points) > 3 and closed and points[-2] == points[0]:
        points = points[:-1]  # a redundant line back to the start before the close
    if len(points) == 2 or (len(points) == 3 and closed and points[2] == points[0]):
        (ax, ay), (bx, by) = points[0], points[1]
        yield _edge(ax, ay, bx, by, "h" if ay == by else "v")
        return
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        orientation = "v" if ax == bx else ("h" if ay == by else None)
        if orientation:
            yield _edge(ax, ay, bx, by, orientation)


def _edge(ax: float, ay: float, bx: float, by: float, orientation: str) -> dict:
    return {"x0": min(ax, bx), "x1": max(ax, bx), "top": min(ay, by), "bottom": max(ay, by), "orientation": orientation}


def _length(edge: dict) -> float:
    return edge["bottom"] - edge["top"] if edge["orientation"] == "v" else edge["x1"] - edge["x0"]


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: each distinct value's cluster, values chained within the tolerance."""
    out: dict[float, int] = {}
    group, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            group += 1
        out[v] = group
        last = v
    return out


def _snap(edges: list[dict], key: str, tolerance: float) -> list[dict]:
    """Edges within the tolerance of each other (chained) moved onto their mean."""
    cluster = _clusters([e[key] for e in edges], tolerance)
    groups: dict[int, list[dict]] = {}
    for e in sorted(edges, key=lambda e: cluster[e[key]]):
        groups.setdefault(cluster[e[key]], []).append(e)
    out = []
    for members in groups.values():
        mean = sum(e[key] for e in members) / len(members)
        for e in members:
            shift = mean - e[key]
            if key == "x0":
                out.append({**e, "x0": e["x0"] + shift, "x1": e["x1"] + shift})
            else:
                out.append({**e, "top": e["top"] + shift, "bottom": e["bottom"] + shift})
    return out


def _merge(edges: list[dict]) -> list[dict]:
    """pdfplumber's merge_edges: snapped, then joined along each line."""
    vertical = _snap([e for e in edges if e["orientation"] == "v"], "x0", _SNAP)
    horizontal = _snap([e for e in edges if e["orientation"] == "h"], "top", _SNAP)

    def group(e: dict) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    out: list[dict] = []
    for (orientation, _), members in itertools.groupby(sorted(vertical + horizontal, key=group), key=group):
        low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
        ordered = sorted(members, key=lambda e: e[low])
        joined = [ordered[0]]
        for e in ordered[1:]:
            last = joined[-1]
            if e[low] <= last[high] + _JOIN:
                if e[high] > last[high]:
                    joined[-1] = {**last, high: e[high]}
            else:
                joined.append(e)
        out.extend(joined)
    return out


def table_boxes(edges: list[dict]) -> list[tuple[float, float, float, float]]:
    """The boxes (x0, top, x1, bottom) of the tables the edges draw, top to bottom (pdfplumber's
    ``debug_tablefinder().tables``): cells from the edges' crossings, cells sharing a corner one table,
    tables of one cell left out."""
    intersections: dict[tuple[float, float], tuple[set, set]] = {}
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    t = _INTERSECTION
    for v in vertical:
        for h in horizontal:
            if v["top"] <= h["top"] + t and v["bottom"] >= h["top"] - t and h["x0"] - t <= v["x0"] <= h["x1"] + t:
                vertex = (v["x0"], h["top"])
                vs, hs = intersections.setdefault(vertex, (set(), set()))
                vs.add((v["x0"], v["top"], v["x1"], v["bottom"]))
                hs.add((h["x0"], h["top"], h["x1"], h["bottom"]))

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and intersections[p1][0] & intersections[p2][0]:
            return True
        return p1[1] == p2[1] and bool(intersections[p1][1] & intersections[p2][1])

    points = sorted(intersections)
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for p in points:
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)
    cells = []
    for pt in points:
        below = [p for p in by_x[pt[0]] if p > pt]
        right = [p for p in by_y[pt[1]] if p > pt]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            cells.append(cell)
    return [
        (min(c[0] for c in table), min(c[1] for c in table), max(c[2] for c in table), max(c[3] for c in table))
        for table in _cells_to_tables(cells)
    ]


def _cells_to_tables(cells: list[tuple]) -> list[list[tuple]]:
    """pdfplumber's cells_to_tables: cells grouped while they share a corner with the group."""

    def corners(c):
        return ((c[0], c[1]), (c[0], c[3]), (c[2], c[1]), (c[2], c[3]))

    remaining = list(cells)
    tables: list[list[tuple]] = []
    current: list[tuple] = []
    seen: set = set()
    while remaining:
        before = len(current)
        for cell in list(remaining):
            if not current or any(p in seen for p in corners(cell)):
                seen |= set(corners(cell))
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            current, seen = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda table: min((c[1], c[0]) for c in table))
    return [table for table in tables if len(table) > 1]


# Words from characters ---------------------------------------------------------------------------------


def words_of(chars: list[dict]) -> list[dict]:
    """Characters into words as pdfplumber's WordExtractor with its defaults and the font name and size
    as extra attributes: runs of characters of one font, size and uprightness (in the page's order),
    each into lines (tops within 3 pt, chained) and each line, left to right, into words."""
    words: list[dict] = []
    for (upright, _, _), run in itertools.groupby(chars, key=lambda c: (c["upright"], c["fontname"], c["size"])):
        for line in _char_lines(list(run), upright):
            words.extend(_line_words(line, upright))
    return words


def _char_lines(chars: list[dict], upright: bool) -> list[list[dict]]:
    key = "top" if upright else "x0"
    tolerance = _Y_TOLERANCE if upright else _X_TOLERANCE
    cluster = _clusters([c[key] for c in chars], tolerance)
    ordered = sorted(chars, key=lambda c: cluster[c[key]])
    along = "x0" if upright else "top"
    return [
        sorted(group, key=lambda c: c[along]) for _, group in itertools.groupby(ordered, key=lambda c: cluster[c[key]])
    ]


def _line_words(line: list[dict], upright: bool) -> Iterator[dict]:
    current: list[dict] = []
    for char in line:
        if char["text"].isspace():
            if current:
                yield _word(current, upright)
            current = []
        elif current and _begins_word(current[-1], char, upright):
            yield _word(current, upright)
            current = [char]
        else:
            current.append(char)
    if current:
        yield _word(current, upright)


def _begins_word(previous: dict, char: dict, upright: bool) -> bool:
    if upright:
        return (
            char["x0"] < previous["x0"]
            or char["x0"] > previous["x1"] + _X_TOLERANCE
            or abs(char["top"] - previous["top"]) > _Y_TOLERANCE
        )
    return (
        char["top"] < previous["top"]
        or char["top"] > previous["bottom"] + _Y_TOLERANCE
        or abs(char["x0"] - previous["x0"]) > _X_TOLERANCE
    )


def _word(chars: list[dict], upright: bool) -> dict:
    return {
        "text": "".join(c["text"] for c in chars),
        "x0": min(c["x0"] for c in chars),
        "x1": max(c["x1"] for c in chars),
        "top": min(c["top"] for c in chars),
        "bottom": max(c["bottom"] for c in chars),
        "upright": upright,
        "fontname": chars[0]["fontname"],
        "size": chars[0]["size"],
    }
