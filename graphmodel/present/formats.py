"""Print listings as a terminal table, JSON or CSV (every listing takes ``--format``).

Rows are the JSON-contract dicts of ``graphmodel.analyse``; a view says
which columns a table or CSV shows and how to flatten nested values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import orjson

from ..text import NOT_TEXT, clean_data, clean_text, json_needs_cleaning

FORMATS = ("table", "json", "csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARDED_START = frozenset("".join(FORMULA_START))


def guard_formula(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe.

    >>> guard_formula("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> guard_formula("Polisen")
    'Polisen'
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    """A column of a flat view: its heading and how to get the cell from a row."""

    heading: str
    value: Callable[[dict], object]


def names(refs: list[dict]) -> str:
    """Actor references as one cell: canonical names, unknown ones marked with '?'."""
    return "; ".join(r["name"] + (" (?)" if r.get("unknown") else "") for r in refs)


MEASURE_COLUMNS: Sequence[Column] = (
    Column("id", lambda r: r["id"]),
    Column("area", lambda r: r["area"] or ""),
    Column("level", lambda r: r["level"] or ""),
    Column("measure", lambda r: r["text"]),
    Column("responsible", lambda r: names(r["responsible"])),
    Column("partners", lambda r: names(r["partners"])),
    Column("state", lambda r: r["status"]["state"]),
    Column("start", lambda r: r["status"]["start"] or ""),
    Column("due", lambda r: r["status"]["due"] or ""),
    Column("status text", lambda r: r["status"]["text"]),
    Column("source", lambda r: f"{r['source']['file']}:{r['source']['row']}"),
)

# Terminal tables show what fits a screen; JSON and CSV carry everything.
MEASURE_TABLE: Sequence[Column] = (
    Column("area / level", lambda r: " / ".join(x for x in (r["area"], r["level"]) if x)),
    Column("measure", lambda r: r["text"]),
    Column("responsible", lambda r: names(r["responsible"])),
    Column("partners", lambda r: names(r["partners"])),
    Column("status", lambda r: r["status"]["state"] + (f" (due {r['status']['due']})" if r["status"]["due"] else "")),
)

ACTOR_COLUMNS: Sequence[Column] = (
    Column("name", lambda r: r["name"] + (" (?)" if r["unknown"] else "")),
    Column("kind", lambda r: r["kind"]),
    Column("responsible", lambda r: r["responsible_count"]),
    Column("partner", lambda r: r["partner_count"]),
    Column("scope", lambda r: r["scope"]),
    Column("id", lambda r: r["id"]),
    Column("written as", lambda r: "; ".join(r["aliases_seen"])),
)

ACTOR_TABLE: Sequence[Column] = (
    ACTOR_COLUMNS[0],
    ACTOR_COLUMNS[1],
    ACTOR_COLUMNS[2],
    ACTOR_COLUMNS[3],
    ACTOR_COLUMNS[6],
)


def flat(rows: Iterable[dict], columns: Sequence[Column]) -> list[list[object]]:
    return [[c.value(r) for c in columns] for r in rows]


def spreadsheet_cell(value: object) -> object:
    """A value as a CSV cell: formula-looking text guarded, also once cleaned (``clean_text``).

    The rest of the cleaning is done on the written text, a few hundred rows at
    a time (``csv_chunks``): CSV syntax holds no control character, so cleaning
    the text cleans every cell, with one regex search instead of one per cell.
    """
    if (
        isinstance(value, str)
        and value
        and (value[0] in _GUARDED_START or (not " " <= value[0] <= "~" and NOT_TEXT.match(value)))
    ):
        return guard_formula(clean_text(value))
    return value


_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS  # keys as the standard json module writes them: 1 -> "1"


def to_json(rows: object) -> str:
    """A list prints one object per line, a single object indented; UTF-8 text, å ä ö as written."""
    return "".join(json_chunks(rows))


def json_chunks(rows: object, lines_per_chunk: int = 500) -> Iterator[str]:
    """``to_json(rows)`` in pieces of a few hundred lines, to write out without holding it all.

    Thousands of findings make tens of megabytes of text; written piece by
    piece, the process never holds it twice (as a list of lines and joined).
    orjson encodes three times as fast as the standard library's C encoder.
    """
    if not isinstance(rows, (list, Iterator)):
        yield orjson.dumps(clean_data(rows), option=_JSON_OPTIONS | orjson.OPT_INDENT_2).decode()
        return
    rows = iter(rows)
    first = True
    while chunk := list(islice(rows, lines_per_chunk)):
        yield ("[\n" if first else ",\n") + _json_lines(chunk).decode()
        first = False
    yield "[]" if first else "\n]"


def _json_lines(rows: list) -> bytes:
    """One compact line per row; strings cleaned (``clean_text``) when the encoded text shows a need."""
    try:
        lines = b",\n".join([orjson.dumps(row, option=_JSON_OPTIONS) for row in rows])
    except orjson.JSONEncodeError:  # a lone surrogate, which no UTF-8 encoder takes
        lines = None
    if lines is None or json_needs_cleaning(lines):
        lines = b",\n".join([orjson.dumps(clean_data(row), option=_JSON_OPTIONS) for row in rows])
    return lines


def to_csv(rows: Iterable[dict], columns: Sequence[Column], delimiter: str = ",") -> str:
    """CSV with formula-looking cells guarded; files for Swedish Excel use ``delimiter=";"``."""
    return "".join(csv_chunks(rows, columns, delimiter))


def csv_chunks(
    rows: Iterable[dict], columns: Sequence[Column], delimiter: str = ",", rows_per_chunk: int = 500
) -> Iterator[str]:
    """``to_csv`` in pieces of a few hundred rows, to write out while ``rows`` is still being made."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([spreadsheet_cell(c.heading) for c in columns])
    for count, row in enumerate(rows, start=1):
        writer.writerow([spreadsheet_cell(c.value(row)) for c in columns])
        if count % rows_per_chunk == 0:
            yield clean_text(out.getvalue())
            out.seek(0)
            out.truncate()
    yield clean_text(out.getvalue())


def render(
    rows: list[dict],
    fmt: str,
    columns: Sequence[Column],
    title: str | None = None,
    table_columns: Sequence[Column] | None = None,
) -> str | Iterator[str] | None:
    """The rows in ``fmt``; for ``table`` print with rich (``table_columns``, narrower) and return None.

    JSON and CSV come as pieces to write one after another (``json_chunks``, ``csv_chunks``).
    """
    if fmt == "json":
        return json_chunks(rows)
    if fmt == "csv":
        return csv_chunks(rows, columns)
    shown = table_columns or columns
    print_table(flat(rows, shown), [c.heading for c in shown], title)
    return None


# Above this many rows a table is printed in pieces of this many, with column widths worked out once: rich
# measures every cell of a table before it prints a line and then takes about a millisecond a row, so the
# 7,000 cells to review of 300 plans took a minute and printed nothing until the end.
ROWS_AT_ONCE = 500


def print_table(values: list[list[object]], headings: list[str], title: str | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    # rich reads "[...]" as markup; plan text is data, so escape it (and drop controls a terminal would run).
    cells = [[escape(clean_text(str(v))) for v in row] for row in values]
    if len(cells) <= ROWS_AT_ONCE:
        console.print(_rich_table(cells, headings, title))
        return
    widths = _widths(cells, headings, console.width)
    for start in range(0, len(cells), ROWS_AT_ONCE):
        first = start == 0
        piece = _rich_table(cells[start : start + ROWS_AT_ONCE], headings, title if first else None, widths, first)
        console.print(piece)


def _rich_table(
    cells: list[list[str]],
    headings: list[str],
    title: str | None,
    widths: list[int] | None = None,
    header: bool = True,
):
    from rich import box
    from rich.table import Table

    if widths is None:
        table = Table(title=title, show_lines=False, header_style="bold", expand=True)
        for heading in headings:
            table.add_column(heading, overflow="fold")
    else:  # one piece of a long table: the same columns in every piece, joined without a border between them
        table = Table(
            title=title, header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, show_header=header, pad_edge=False
        )
        for heading, width in zip(headings, widths):
            table.add_column(heading, overflow="fold", width=width)
    for row in cells:
        table.add_row(*row)
    return table


def _widths(cells: list[list[str]], headings: list[str], room: int) -> list[int]:
    """Each column as wide as its widest line, the widest narrowed in turn until the table fits ``room``
    (a column keeps at least its heading's width, or 8)."""
    widths = [len(h) for h in headings]
    for row in cells:
        for i, cell in enumerate(row):
            longest = max(map(len, cell.split("\n"))) if "\n" in cell else len(cell)
            if longest > widths[i]:
                widths[i] = longest
    floor = [max(len(h), 8) for h in headings]
    room -= 3 * (len(headings) - 1)  # between two columns: a space of padding each side and the rule's space
    while sum(widths) > room:
        wider = [i for i in range(len(widths)) if widths[i] > floor[i]]
        if not wider:
            break
        widths[max(wider, key=lambda i: widths[i])] -= 1
    return widths


DEPENDENCY_TABLE: Sequence[Column] = (
    Column("role", lambda r: r["role"]),
    Column("via", lambda r: r["via"]),
    Column("area / level", lambda r: " / ".join(x for x in (r["area"], r["level"]) if x)),
    Column("measure", lambda r: r["text"]),
    Column("responsible", lambda r: names(r["responsible"])),
    Column("status", lambda r: r["status"]["state"] + (f" (due {r['status']['due']})" if r["status"]["due"] else "")),
)
DEPENDENCY_COLUMNS: Sequence[Column] = (
    Column("role", lambda r: r["role"]),
    Column("via", lambda r: r["via"]),
    *MEASURE_COLUMNS,
)

WORKS_WITH_COLUMNS: Sequence[Column] = (
    Column("name", lambda r: r["name"]),
    Column("kind", lambda r: r["kind"]),
    Column("shared measures", lambda r: r["shared_count"]),
    Column("measures", lambda r: "; ".join(m["text"] for m in r["measures"])),
)

OVERVIEW_COLUMNS: Sequence[Column] = (
    Column("plan", lambda r: r["plan"]),
    Column("area", lambda r: r["area"] or ""),
    Column("level", lambda r: r["level"] or ""),
    Column("measures", lambda r: r["measures"]),
    Column("with owner", lambda r: r["with_owner"]),
    Column("with partners", lambda r: r["with_partners"]),
)

FINDING_COLUMNS: Sequence[Column] = (
    Column("severity", lambda r: r["severity"]),
    Column("kind", lambda r: r["kind"]),
    Column("plan", lambda r: r["plan"] or ""),
    Column("message", lambda r: r["message"]),
    Column("measures", lambda r: "; ".join(m["id"] for m in r["measures"])),
    Column("actors", lambda r: "; ".join(r["actors"])),
)
FINDING_TABLE: Sequence[Column] = (FINDING_COLUMNS[0], FINDING_COLUMNS[1], FINDING_COLUMNS[3])

METRIC_COLUMNS: Sequence[Column] = (
    Column("name", lambda r: r["name"]),
    Column("kind", lambda r: r["kind"]),
    Column("responsible", lambda r: r["responsible_count"]),
    Column("partner", lambda r: r["partner_count"]),
    Column("share", lambda r: f"{100 * r['share']:.0f} %"),
    Column("plans", lambda r: r["plans"]),
    Column("degree", lambda r: r["degree"]),
    Column("weighted degree", lambda r: r["weighted_degree"]),
    Column("betweenness", lambda r: f"{r['betweenness']:.3f}"),
    Column("id", lambda r: r["id"]),
)
