"""A tiny PDF writer for tests: text at exact positions, lines and rectangles, several pages.

Enough of PDF 1.4 to make the layouts the PDF reader meets (a ruled table, an unruled one, page numbers,
a table over two pages) without LibreOffice, and to damage them on purpose:

>>> page = Page()
>>> page.text(72, 800, "Åtgärd (1)")
>>> pdf_bytes([page]).startswith(b"%PDF-1.4")
True

Coordinates are PDF points from the page's bottom left corner (``y`` is the text's baseline). Text is
Helvetica (``bold`` for Helvetica-Bold) in WinAnsi (Latin-1) encoding, so å ä ö are single bytes; with
``unicode=True`` every character is written through a ToUnicode map instead, so that any character
(controls, NUL, emoji, right-to-left letters) stands in the text layer as written. ``user_password``
encrypts the file with the standard security handler (RC4, 40 bits: revision 2), which pdfminer reads.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field

WIDTH, HEIGHT = 595.0, 842.0  # A4


@dataclass
class Page:
    """What is drawn on one page: text (x, y, text, size, bold), lines and rectangles."""

    width: float = WIDTH
    height: float = HEIGHT
    texts: list[tuple[float, float, str, float, bool]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = 10.0, bold: bool = False) -> None:
        self.texts.append((x, y, text, size, bold))

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.lines.append((x0, y0, x1, y1))

    def rect(self, x: float, y: float, width: float, height: float) -> None:
        self.rects.append((x, y, width, height))


def winansi(text: str) -> bytes:
    """A PDF literal string's bytes in WinAnsi: parentheses and backslashes escaped, other bytes that are
    not printable as octal escapes, characters WinAnsi lacks as '?'."""
    out = bytearray(b"(")
    for byte in text.encode("cp1252", errors="replace"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif 32 <= byte < 127:
            out.append(byte)
        else:
            out += b"\\%03o" % byte
    return bytes(out + b")")


def _number(value: float) -> bytes:
    return (b"%.2f" % value).rstrip(b"0").rstrip(b".") or b"0"


class _Glyphs:
    """Characters numbered as two-byte codes of an Identity-H font, with the ToUnicode map saying each."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def encode(self, text: str) -> bytes:
        codes = [self.codes.setdefault(c, len(self.codes) + 1) for c in text]
        return b"<" + b"".join(b"%04X" % c for c in codes) + b">"

    def cmap(self) -> bytes:
        entries = [
            b"<%04X> <%s>" % (code, c.encode("utf-16-be", "surrogatepass").hex().upper().encode())
            for c, code in self.codes.items()
        ]
        blocks = b"".join(
            b"%d beginbfchar\n" % len(entries[i : i + 100]) + b"\n".join(entries[i : i + 100]) + b"\nendbfchar\n"
            for i in range(0, len(entries), 100)
        )
        return (
            b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + blocks
            + b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        )


def content(page: Page, glyphs: _Glyphs | None = None) -> bytes:
    """The page's content stream."""
    ops = []
    if page.lines or page.rects:
        ops.append(b"0.5 w 0 0 0 RG")
    for x0, y0, x1, y1 in page.lines:
        ops.append(b"%s %s m %s %s l S" % tuple(map(_number, (x0, y0, x1, y1))))
    for x, y, w, h in page.rects:
        ops.append(b"%s %s %s %s re S" % tuple(map(_number, (x, y, w, h))))
    for x, y, text, size, bold in page.texts:
        font = b"/F2" if bold else b"/F1"
        if glyphs is not None:
            font, shown = b"/F3", glyphs.encode(text)
        else:
            shown = winansi(text)
        ops.append(b"BT %s %s Tf %s %s Td %s Tj ET" % (font, _number(size), _number(x), _number(y), shown))
    return b"\n".join(ops) + b"\n"


def pdf_bytes(
    pages: list[Page],
    title: str | None = None,
    compress: bool = False,
    unicode: bool = False,
    user_password: str | None = None,
    owner_password: str = "owner",
) -> bytes:
    """A PDF 1.4 file of the pages, with a correct cross-reference table."""
    glyphs = _Glyphs() if unicode else None
    objects: dict[int, bytes] = {}  # number -> the object's body (a dict, or a dict and its stream)
    streams: dict[int, bytes] = {}
    first_page = 10
    kids = []
    for i, page in enumerate(pages):
        page_number, content_number = first_page + 2 * i, first_page + 2 * i + 1
        kids.append(page_number)
        objects[page_number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R "
            b"/Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> >> >>"
            % (_number(page.width), _number(page.height), content_number)
        )
        streams[content_number] = content(page, glyphs)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    objects[3] = b"<< /Producer (graphmodel tests)%s >>" % (b" /Title " + winansi(title) if title else b"")
    for number, name in ((4, b"Helvetica"), (5, b"Helvetica-Bold")):
        objects[number] = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name
    objects[6] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"
    )
    objects[7] = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /DW 500 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R >>"
    )
    objects[9] = (
        b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [-166 -225 1000 931] "
        b"/ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 >>"
    )
    streams[8] = (glyphs or _Glyphs()).cmap()
    file_id = hashlib.md5(b"".join(streams.values())).digest()
    security = _Rc4Security(user_password, owner_password, file_id) if user_password is not None else None
    if security is not None:
        objects[3] = b"<< /Producer %s >>" % security.string(3, b"graphmodel tests")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    numbers = sorted(set(objects) | set(streams))
    for number in numbers:
        offsets[number] = len(out)
        if number in streams:
            data = streams[number]
            extra = b""
            if compress:
                data, extra = zlib.compress(data), b" /Filter /FlateDecode"
            if security is not None:
                data = security.crypt(number, data)
            body = b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)
        else:
            body = objects[number]
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    size = numbers[-1] + 1
    encrypt = b""
    if security is not None:
        offsets[size] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (size, security.dictionary())
        encrypt = b" /Encrypt %d 0 R" % size
        size += 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R /ID [<%s> <%s>]%s >>\n" % (
        size,
        file_id.hex().encode(),
        file_id.hex().encode(),
        encrypt,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


class _Rc4Security:
    """The standard security handler, revision 2 (PDF 1.4 reference, algorithms 3.1 to 3.4)."""

    permissions = -4  # everything allowed

    def __init__(self, user: str, owner: str, file_id: bytes) -> None:
        padded_user = (user.encode("latin-1") + _PAD)[:32]
        padded_owner = (owner.encode("latin-1") + _PAD)[:32]
        self.owner = _rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
        p = (self.permissions & 0xFFFFFFFF).to_bytes(4, "little")
        self.key = hashlib.md5(padded_user + self.owner + p + file_id).digest()[:5]
        self.user = _rc4(self.key, _PAD)

    def crypt(self, number: int, data: bytes) -> bytes:
        key = hashlib.md5(self.key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]
        return _rc4(key, data)

    def string(self, number: int, text: bytes) -> bytes:
        return b"<" + self.crypt(number, text).hex().encode() + b">"

    def dictionary(self) -> bytes:
        return b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P %d >>" % (
            self.owner.hex().encode(),
            self.user.hex().encode(),
            self.permissions,
        )


# Layouts -----------------------------------------------------------------------------------------------

COLUMNS = (72.0, 250.0, 380.0)  # left edges of Åtgärd, Ansvarig, Övriga aktörer
RIGHT = 523.0


def ruled_table(
    page: Page, rows: list[list[str]], top: float = 760.0, height: float = 20.0, size: float = 9.0
) -> float:
    """A table with every cell drawn ('Table Grid'), one line of text per cell; the y of its bottom."""
    edges = [*COLUMNS[: max(len(r) for r in rows)], RIGHT]
    y = top
    page.line(edges[0], y, edges[-1], y)
    for row in rows:
        for j, cell in enumerate(row):
            page.text(edges[j] + 4, y - height + 6, cell, size)
        y -= height
        page.line(edges[0], y, edges[-1], y)
    for x in edges:
        page.line(x, top, x, y)
    return y


def unruled_table(page: Page, rows: list[list[str]], top: float = 760.0, gap: float = 22.0, size: float = 9.0) -> float:
    """A table without lines: the header's words where the columns start, rows apart; the y of its last row."""
    y = top
    for row in rows:
        for j, cell in enumerate(row):
            page.text(COLUMNS[j], y, cell, size)
        y -= gap
    return y + gap


def with_xref(data: bytes) -> bytes:
    """The file with its cross-reference table made again from where its objects stand (after an edit that
    moved them), so that a reader finds the damage itself rather than a broken table."""
    end = data.rfind(b"\nxref\n")
    body = data[: end + 1] if end >= 0 else data
    offsets = {int(m.group(1)): m.start(1) for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", body)}
    size = max(offsets, default=0) + 1
    trailer = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.DOTALL)
    out = bytearray(body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer.group(1) if trailer else b"<< /Root 1 0 R >>", xref)
    return bytes(out)
