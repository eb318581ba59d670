"""A plan already in a pandas DataFrame (read from Excel, SQL, a web table) as a Plan, without a file.

The frame becomes the same ``Table`` the CSV and XLSX readers produce (its
column names are row 1, as a CSV file's header line) and goes through
``parse_plan``: the same header recognition, limits, errors and ledger as a
file. Errors name the frame as ``<DataFrame plan-id>``. pandas is imported
only when a frame is read.

    >>> import pandas as pd
    >>> import graphmodel as gm
    >>> frame = pd.DataFrame({
    ...     "Åtgärd": ["Samverkansmöten med polisen", "Föräldrautbildning"],
    ...     "Ansvarig": ["Preventionssamordnaren", None],
    ...     "Övriga aktörer": ["Polisen och skolan", "Fältassistenter"],
    ...     "Pågående/planer": ["Pågående", 2018]})
    >>> plan = gm.plan_from_frame(frame, plan_id="norrby-2018", organisation="Norrby kommun")
    >>> for m in plan.measures:
    ...     print(m.source.row, m.text, [a.name for a in m.responsible], m.status.state)
    2 Samverkansmöten med polisen ['Preventionssamordnare'] ongoing
    3 Föräldrautbildning [] planned
    >>> gm.plan_from_frame(frame.drop(columns="Åtgärd"), plan_id="norrby-2018", organisation="Norrby kommun")
    Traceback (most recent call last):
    ...
    graphmodel.errors.IngestFailed: <DataFrame norrby-2018>, row 1: no column holds the measures. ...
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from ..errors import IngestFailed
from ..model import Plan, PlanInfo
from ..registry import Registry
from .plans import parse_plan, slug
from .tables import DEFAULT_LIMITS, Limits, table_from_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["plan_from_frame", "frame_rows"]


def plan_from_frame(
    frame: pd.DataFrame,
    *,
    plan_id: str,
    organisation: str,
    registry: Registry | None = None,
    title: str | None = None,
    year: int | None = None,
    organisation_parent: str | None = None,
    source: str | None = None,
    limits: Limits | None = None,
) -> Plan:
    """The plan in ``frame``, one row per measure, read as its CSV file would be.

    ``plan_id``, ``organisation`` and the other keywords are what a ``.plan.toml``
    gives a file; ``title`` defaults to a title row above the header, else the
    plan id. Rows count as a user counts them: the column names are row 1, the
    first row of data row 2 (the frame's index is not used). A frame read with
    ``header=None`` (columns 0, 1, 2 …) has no header row of its own: its first
    row is row 1, and the header is found among the first rows, as in a file.
    Cells become text as a spreadsheet shows them (12, not 12.0; dates as
    2017-09-01); NaN, None and NA are empty cells. Raises ``IngestFailed``.
    """
    from .registry_file import read_registry

    registry = registry if registry is not None else read_registry()
    limits = limits or DEFAULT_LIMITS
    name = f"<DataFrame {plan_id}>"
    header, rows = frame_rows(frame)
    records: list[list[str]] = []  # the rows read, as far as the limits let reading go

    def read(row: list[str]) -> list[str]:
        records.append(row)
        return row

    try:
        table = table_from_rows(
            name,
            map(read, itertools.chain([header] if header else [], rows)),
            limits,
            row_count=len(frame) + bool(header),
        )
    except IngestFailed as failed:
        named = [_with_column(error, header, records, limits) for error in failed.errors] if header else failed.errors
        raise IngestFailed(named) from None
    if title is None:
        title = table.preamble[0][1] if table.preamble else plan_id
    info = PlanInfo(
        id=slug(plan_id),
        title=title,
        organisation="",
        organisation_name=organisation,
        year=year,
        source=source,
        file=name,
        organisation_parent=organisation_parent,
    )
    return parse_plan(table, info, registry, limits)


def frame_rows(frame: pd.DataFrame) -> tuple[list[str] | None, Iterator[list[str]]]:
    """The frame's column names (None for a frame without a header: columns 0, 1, 2 …) and its rows, as text,
    each made when it is read."""
    import pandas as pd

    columns = frame.columns
    plain = columns.equals(pd.RangeIndex(len(columns))) and pd.api.types.is_integer_dtype(columns)
    header = None if plain else [cell_text(c) for c in columns]
    rows = ([cell_text(v) for v in values] for values in frame.itertuples(index=False, name=None))
    return header, rows


def cell_text(value: object) -> str:
    """A value as a spreadsheet shows it: '' for NaN/None/NA, 12 not 12.0, dates as ISO, TRUE/FALSE."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, tuple):  # a column of a MultiIndex: its levels, as merged header cells read
        return " ".join(t for t in map(cell_text, value) if t)
    import numpy as np
    import pandas as pd

    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # an array or a list in a cell: shown as Python shows it
        return str(value)
    if isinstance(value, (bool, np.bool_)):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime):
        value = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _with_column(error, header: list[str], records: list[list[str]], limits: Limits):
    """A limit error of one cell with the frame's column name, which a frame's user knows rather than its letter."""
    if error.column is not None or error.row is None or error.code not in ("cell-too-long", "too-many-columns"):
        return error
    if 1 <= error.row <= len(records):
        cells = records[error.row - 1]
        for i, cell in enumerate(cells):
            if (
                i < len(header)
                and cell[:200] == error.value
                and (error.code == "too-many-columns" or len(cell.strip()) > limits.cell_length)
            ):
                return dataclasses.replace(error, column=header[i])
    return error
