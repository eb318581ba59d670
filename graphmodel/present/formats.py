"""Print listings as a terminal table, JSON or CSV (every listing takes ``--format``).

Rows are the JSON-contract dicts of ``graphmodel.analyse``; a view says
which columns a table or CSV shows and how to flatten nested values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import orjson

FORMATS = ("table", "json", "csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    Column("source", lambda r: f'{r["source"]["file"]}:{r["source"]["row"]}'),
)

# Terminal tables show what fits a screen; JSON and CSV carry everything.
MEASURE_TABLE: Sequence[Column] = (
    Column("area / level", lambda r: " / ".join(x for x in (r["area"], r["level"]) if x)),
    Column("measure", lambda r: r["text"]),
    Column("responsible", lambda r: names(r["responsible"])),
    Column("partners", lambda r: names(r["partners"])),
    Column("status", lambda r: r["status"]["state"] + (f' (due {r["status"]["due"]})' if r["status"]["due"] else "")),
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

ACTOR_TABLE: Sequence[Column] = (ACTOR_COLUMNS[0], ACTOR_COLUMNS[1], ACTOR_COLUMNS[2], ACTOR_COLUMNS[3],
                                 ACTOR_COLUMNS[6])


def flat(rows: list[dict], columns: Sequence[Column]) -> list[list[object]]:
    return [[c.value(r) for c in columns] for r in rows]


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
    if not isinstance(rows, list):
        yield orjson.dumps(rows, option=_JSON_OPTIONS | orjson.OPT_INDENT_2).decode()
        return
    if not rows:
        yield "[]"
        return
    for start in range(0, len(rows), lines_per_chunk):
        lines = b",\n".join([orjson.dumps(row, option=_JSON_OPTIONS) for row in rows[start:start + lines_per_chunk]])
        yield ("[\n" if start == 0 else ",\n") + lines.decode()
    yield "\n]"


def to_csv(rows: list[dict], columns: Sequence[Column], delimiter: str = ",") -> str:
    """CSV with formula-looking cells guarded; files for Swedish Excel use ``delimiter=";"``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.heading for c in columns])
    for values in flat(rows, columns):
        writer.writerow([guard_formula(v) for v in values])
    return out.getvalue()


def render(rows: list[dict], fmt: str, columns: Sequence[Column], title: str | None = None,
           table_columns: Sequence[Column] | None = None) -> str | Iterator[str] | None:
    """The rows in ``fmt``; for ``table`` print with rich (``table_columns``, narrower) and return None.

    JSON comes as pieces to write one after another (``json_chunks``); CSV as one text.
    """
    if fmt == "json":
        return json_chunks(rows)
    if fmt == "csv":
        return to_csv(rows, columns)
    shown = table_columns or columns
    print_table(flat(rows, shown), [c.heading for c in shown], title)
    return None


def print_table(values: list[list[object]], headings: list[str], title: str | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold", expand=True)
    for heading in headings:
        table.add_column(heading, overflow="fold")
    for row in values:
        # rich reads "[...]" as markup; plan text is data, so escape it.
        table.add_row(*(escape(str(v)) for v in row))
    Console().print(table)


DEPENDENCY_TABLE: Sequence[Column] = (
    Column("role", lambda r: r["role"]),
    Column("via", lambda r: r["via"]),
    Column("area / level", lambda r: " / ".join(x for x in (r["area"], r["level"]) if x)),
    Column("measure", lambda r: r["text"]),
    Column("responsible", lambda r: names(r["responsible"])),
    Column("status", lambda r: r["status"]["state"] + (f' (due {r["status"]["due"]})' if r["status"]["due"] else "")),
)
DEPENDENCY_COLUMNS: Sequence[Column] = (
    Column("role", lambda r: r["role"]), Column("via", lambda r: r["via"]), *MEASURE_COLUMNS)

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
    Column("share", lambda r: f'{100 * r["share"]:.0f} %'),
    Column("plans", lambda r: r["plans"]),
    Column("degree", lambda r: r["degree"]),
    Column("weighted degree", lambda r: r["weighted_degree"]),
    Column("betweenness", lambda r: f'{r["betweenness"]:.3f}'),
    Column("id", lambda r: r["id"]),
)
