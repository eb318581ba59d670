"""A plan's metadata: the side file ``<plan>.plan.toml``, checked against one schema.

``PLAN_METADATA`` is the schema: each key with its type and meaning. The
reader checks every key against it and reports every problem at once, located
by the key's line; ``data/README.md`` shows the same table (a test keeps the two
equal). Without a side file, the metadata comes from the file name.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import NoReturn

from ..errors import IngestError, IngestFailed
from ..model import PlanInfo

MAX_METADATA_BYTES = 64 * 1024  # a real side file is a few hundred bytes
YEARS = (1900, 2100)


@dataclass(frozen=True)
class MetadataKey:
    """One key of a ``.plan.toml``: its TOML type and what it means."""

    name: str
    type: type
    meaning: str


PLAN_METADATA = (
    MetadataKey("id", str, "The plan's id, folded to lower-case ASCII (`skarholmen-2017`). Default: the file name."),
    MetadataKey("title", str, "The plan's title. Default: a title row above the table, else the file name."),
    MetadataKey(
        "organisation",
        str,
        "The organisation whose plan it is, as written (`Skärholmens "
        "stadsdelsförvaltning`). Default: `--organisation`, else one a title row above the header names, "
        "else the file name (listed by `check` as `organisation-unknown`). A national actor of the registry "
        "(`Polisen`) is that actor.",
    ),
    MetadataKey(
        "organisation_id",
        str,
        "The organisation's actor id. Default: derived from `organisation`. "
        "It may not contain `/` or be the id of a registry actor.",
    ),
    MetadataKey(
        "organisation_parent",
        str,
        "The organisation it is part of (`Stockholms stad`); empty for none. "
        "A national actor of the registry is that actor.",
    ),
    MetadataKey("municipality", str, "The municipality, for people reading the file; the tool does not use it."),
    MetadataKey(
        "year",
        int,
        f'The year the plan starts: a whole number from {YEARS[0]} to {YEARS[1]} (`2017`, not `"2017"` or `2017.0`). '
        "Default: the first year a title row above the table names.",
    ),
    MetadataKey(
        "source",
        str,
        "Where the plan comes from: a web address or a note, shown as written in the report's column Källa.",
    ),
)
_KEYS = {key.name: key for key in PLAN_METADATA}
_TYPE_NAMES = {
    str: "a string in quotes",
    int: "a whole number",
    float: "a number with a decimal point",
    bool: "true or false",
    dict: "a table",
    list: "an array",
    date: "a date",
    datetime: "a date and time",
    time: "a time of day",
}


def metadata_table() -> str:
    """The schema as a Markdown table, as ``data/README.md`` shows it."""
    rows = [f"| `{key.name}` | {'string' if key.type is str else 'integer'} | {key.meaning} |" for key in PLAN_METADATA]
    return "\n".join(["| Key | Type | Meaning |", "|---|---|---|", *rows])


def metadata_path(plan: str | os.PathLike) -> Path:
    """The side file of a plan file: ``plan.csv`` → ``plan.plan.toml``."""
    plan = Path(plan)
    return plan.with_name(plan.stem + ".plan.toml")


def read_plan_info(path: str | os.PathLike, organisation: str | None = None) -> PlanInfo:
    """Metadata from ``<name>.plan.toml`` beside the plan, or derived from the file name.

    ``organisation`` (``--organisation``) names the organisation when the side file does not.
    """
    path = Path(path)
    side = metadata_path(path)
    meta = _read_side_file(side) if side.exists() or side.is_symlink() else {}
    return PlanInfo(
        id=_slug(meta.get("id") or path.stem),
        title=meta.get("title") or path.stem,
        organisation=meta.get("organisation_id") or "",
        organisation_name=meta.get("organisation") or (organisation or "").strip() or path.stem,
        year=meta.get("year"),
        source=meta.get("source") or None,
        file=str(path),
        organisation_parent=meta.get("organisation_parent") or None,
    )


def _slug(text: str) -> str:
    from .plans import slug  # plans imports this module

    return slug(text)


def _read_side_file(side: Path) -> dict:
    where = str(side)
    if not side.is_file():
        _fail(
            where,
            "bad-plan-metadata",
            "is not a file (a folder?); a plan's metadata is a TOML file: rename or remove it",
        )
    try:
        with side.open("rb") as f:
            data = f.read(MAX_METADATA_BYTES + 1)
    except OSError as err:
        _fail(where, "bad-plan-metadata", f"cannot be read: {err.strerror or err}")
    if len(data) > MAX_METADATA_BYTES:
        _fail(
            where,
            "bad-plan-metadata",
            f"is over {MAX_METADATA_BYTES // 1024} KiB; a plan's metadata is a few "
            "lines of TOML (see data/README.md): is this the right file?",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        _fail(
            where,
            "bad-plan-metadata",
            f"byte 0x{data[err.start]:02X} (line {line}) is not UTF-8; save the file as UTF-8",
            row=line,
        )
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        _fail(where, "bad-plan-metadata", f"not valid TOML ({err}); fix the file or delete it")
    except RecursionError:
        _fail(
            where, "bad-plan-metadata", "not valid TOML (arrays or tables nested too deep); fix the file or delete it"
        )
    errors = [error for name, value in meta.items() for error in _check(where, text, name, value)]
    if errors:
        raise IngestFailed(errors)
    return meta


def _check(where: str, text: str, name: str, value: object) -> list[IngestError]:
    """The problems of one key and its value (none when it fits the schema)."""
    shown = _show(value)
    key = _KEYS.get(name)
    if key is None:
        close = difflib.get_close_matches(name, _KEYS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return [
            IngestError(
                where,
                "unknown-metadata-key",
                f"unknown key {name[:60]!r}; {hint}the known keys are {', '.join(_KEYS)}",
                row=_line_of(text, name),
                column=name[:60],
                value=shown,
            )
        ]
    if type(value) is not key.type:  # bool is an int to Python, not to a reader of the file
        example = f"{name} = 2017" if key.type is int else f'{name} = "..."'
        return [
            IngestError(
                where,
                "bad-metadata-value",
                f"{name} must be {_TYPE_NAMES[key.type]} ({example}); it is {_kind(value)}: {shown}",
                row=_line_of(text, name),
                column=name,
                value=shown,
            )
        ]
    if key.type is int and not YEARS[0] <= value <= YEARS[1]:
        return [
            IngestError(
                where,
                "bad-metadata-value",
                f"{name} must be a year from {YEARS[0]} to {YEARS[1]}; it is {value}",
                row=_line_of(text, name),
                column=name,
                value=shown,
            )
        ]
    if key.type is str and any(unicodedata.category(c) == "Cc" for c in value):
        return [
            IngestError(
                where,
                "bad-metadata-value",
                f"{name} holds a control character; write it as plain text",
                row=_line_of(text, name),
                column=name,
                value=shown,
            )
        ]
    if name == "organisation_id" and (value != value.strip() or "/" in value):
        return [
            IngestError(
                where,
                "bad-metadata-value",
                f"organisation_id may not contain '/' or begin or end with a space; it is {shown}",
                row=_line_of(text, name),
                column=name,
                value=shown,
            )
        ]
    return []


def _kind(value: object) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def _show(value: object) -> str:
    shown = (
        repr(value)
        if isinstance(value, str)
        else str(value)
        if not isinstance(value, (dict, list))
        else type(value).__name__
    )
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _line_of(text: str, name: str) -> int | None:
    """The line where a top-level key is set (``key =``, a dotted ``key.x =`` or a table ``[key]``)."""
    quoted = re.escape(name)
    pattern = rf"^[ \t]*(?:\[\[?[ \t]*)?(?:{quoted}|\"{quoted}\"|'{quoted}')[ \t]*[=.\]]"
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _fail(where: str, code: str, message: str, row: int | None = None) -> NoReturn:
    raise IngestFailed([IngestError(where, code, message, row=row)])
