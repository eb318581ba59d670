"""Read actor registry files (``data/actors.csv`` and a user's own) into a Registry.

A user's registry file has the same columns; its rows add actors or replace
built-in ones with the same id, so a municipality can name its own units
without editing the package.
"""

from __future__ import annotations

import csv
import io
import os
from importlib import resources
from pathlib import Path

from ..errors import IngestError, IngestFailed
from ..registry import Registry, RegistryEntry

# The bundled registry: data/actors.csv of the repository, graphmodel/data/actors.csv of an installed wheel.
DEFAULT_REGISTRY = Path(str(resources.files("graphmodel.data").joinpath("actors.csv")))
COLUMNS = ("id", "name", "kind", "scope", "parent", "aliases", "note")
# No real actor name comes near these; longer ones are a pasted paragraph or a broken file,
# and every name costs the splitter work in proportion to its length squared.
MAX_NAME_LENGTH = 200
MAX_ALIASES = 100
MAX_FIELD_LENGTH = 100_000  # a longer field is an unclosed quote more often than a real note
_SAVE_AS = "save the registry from Excel as 'CSV UTF-8' (or fix the bytes)"


def parse_registry_csv(text: str, path: str = "<registry>") -> list[RegistryEntry]:
    """Registry entries from the text of a ``;``-separated registry file."""
    previous = csv.field_size_limit(MAX_FIELD_LENGTH)  # the same limit, whatever another reader set
    try:
        return _parse(text, path)
    finally:
        csv.field_size_limit(previous)


def _parse(text: str, path: str) -> list[RegistryEntry]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    records = _records(reader, path)
    header = [h.strip().lower() for h in next(records, (1, []))[1]]
    missing = [c for c in ("id", "name", "kind", "scope") if c not in header]
    if missing:
        hint = " (separate the columns with ';')" if len(header) == 1 and "," in header[0] else ""
        raise IngestFailed(
            [
                IngestError(
                    path,
                    "registry-missing-column",
                    f"the registry needs the columns {', '.join(COLUMNS)}; missing: {', '.join(missing)}{hint}",
                    row=1,
                )
            ]
        )
    entries, errors, seen = [], [], {}
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue
        cells = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)}
        if not cells["id"] or not cells["name"]:
            errors.append(IngestError(path, "registry-missing-value", "every actor needs an id and a name", row=number))
            continue
        aliases = tuple(a.strip() for a in cells.get("aliases", "").split("|") if a.strip())
        problems = _too_long(path, number, cells, aliases)
        if problems:
            errors += problems
            continue
        if cells["id"] in seen:
            errors.append(
                IngestError(
                    path,
                    "registry-duplicate-id",
                    f"the id {cells['id']!r} is already used on row {seen[cells['id']]}; give each actor its own id",
                    row=number,
                    column="id",
                    value=cells["id"],
                )
            )
            continue
        seen[cells["id"]] = number
        entries.append(
            RegistryEntry(
                cells["id"],
                cells["name"],
                cells["kind"],
                cells["scope"],
                cells.get("parent") or None,
                aliases,
                cells.get("note", ""),
            )
        )
    if errors:
        raise IngestFailed(errors)
    return entries


def _records(reader, path: str):
    """(line number, record) of the data rows; a field too large for the CSV reader is a located error."""
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:  # a field over the csv module's limit, most often an unclosed quote
            raise IngestFailed(
                [
                    IngestError(
                        path,
                        "registry-unreadable-row",
                        f'cannot read this row ({err}); look for a quote (") that is opened and never closed',
                        row=reader.line_num,
                    )
                ]
            ) from err
        yield reader.line_num, record


def _too_long(path: str, number: int, cells: dict[str, str], aliases: tuple[str, ...]) -> list[IngestError]:
    errors = []
    for column, values in (("id", [cells["id"]]), ("name", [cells["name"]]), ("aliases", aliases)):
        long = next((v for v in values if len(v) > MAX_NAME_LENGTH), None)
        if long is not None:
            errors.append(
                IngestError(
                    path,
                    "registry-value-too-long",
                    f"{column} {long[:40]!r}... is {len(long)} characters; an id, name or alias may have at most "
                    f"{MAX_NAME_LENGTH}: shorten it, or separate aliases with '|'",
                    row=number,
                    column=column,
                    value=long[:100],
                )
            )
    if len(aliases) > MAX_ALIASES:
        errors.append(
            IngestError(
                path,
                "registry-too-many-aliases",
                f"{len(aliases)} aliases; an actor may have at most {MAX_ALIASES}: keep the spellings plans really use",
                row=number,
                column="aliases",
            )
        )
    return errors


def decode_registry(data: bytes, path: str) -> str:
    """The text of a registry file: UTF-8 (with or without BOM), else Windows-1252 as Swedish Excel saves it.

    A byte that is neither, or a file mixing the two, is an error naming the line.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first_bad = err.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        line = _line_of(data, err.start)
        raise IngestFailed(
            [
                IngestError(
                    path,
                    "undecodable-bytes",
                    f"byte 0x{data[err.start]:02X} (line {line}) is neither UTF-8 nor Windows-1252; {_SAVE_AS}",
                    row=line,
                )
            ]
        ) from None
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.isascii():
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            line = _line_of(data, first_bad)
            raise IngestFailed(
                [
                    IngestError(
                        path,
                        "mixed-encodings",
                        f"line {number} is UTF-8 but line {line} is not: the file mixes two encodings; {_SAVE_AS}",
                        row=line,
                    )
                ]
            )
    return text


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_registry(extra: list[str | os.PathLike] = (), builtin: bool = True) -> Registry:
    """The built-in registry with the user's files added in order (later files win)."""
    entries: list[RegistryEntry] = []
    paths = ([DEFAULT_REGISTRY] if builtin else []) + [Path(p) for p in extra]
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise IngestFailed([IngestError(str(path), "file-not-found", "the registry file does not exist")]) from None
        except OSError as err:
            raise IngestFailed(
                [IngestError(str(path), "unreadable-file", f"cannot read the registry file: {err.strerror or err}")]
            ) from None
        text = decode_registry(data, str(path))
        entries.extend(parse_registry_csv(text, str(path)))
    return Registry(entries)
