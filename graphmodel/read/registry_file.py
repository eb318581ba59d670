"""Read actor registry files (``data/actors.csv`` and a user's own) into a Registry.

A user's registry file has the same columns; its rows add actors or replace
built-in ones with the same id, so a municipality can name its own units
without editing the package.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from ..errors import IngestError, IngestFailed
from ..registry import Registry, RegistryEntry

DEFAULT_REGISTRY = Path(__file__).resolve().parents[2] / "data" / "actors.csv"
COLUMNS = ("id", "name", "kind", "scope", "parent", "aliases", "note")


def parse_registry_csv(text: str, path: str = "<registry>") -> list[RegistryEntry]:
    """Registry entries from the text of a ``;``-separated registry file."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in ("id", "name", "kind", "scope") if c not in header]
    if missing:
        hint = " (separate the columns with ';')" if len(header) == 1 and "," in header[0] else ""
        raise IngestFailed([IngestError(
            path, "registry-missing-column",
            f"the registry needs the columns {', '.join(COLUMNS)}; missing: {', '.join(missing)}{hint}", row=1)])
    entries, errors, seen = [], [], {}
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)}
        if not cells["id"] or not cells["name"]:
            errors.append(IngestError(path, "registry-missing-value", "every actor needs an id and a name", row=number))
            continue
        if cells["id"] in seen:
            errors.append(IngestError(
                path, "registry-duplicate-id",
                f"the id {cells['id']!r} is already used on row {seen[cells['id']]}; give each actor its own id",
                row=number, column="id", value=cells["id"]))
            continue
        seen[cells["id"]] = number
        aliases = tuple(a.strip() for a in cells.get("aliases", "").split("|") if a.strip())
        entries.append(RegistryEntry(
            cells["id"], cells["name"], cells["kind"], cells["scope"], cells.get("parent") or None,
            aliases, cells.get("note", "")))
    if errors:
        raise IngestFailed(errors)
    return entries


def read_registry(extra: list[str | os.PathLike] = (), builtin: bool = True) -> Registry:
    """The built-in registry with the user's files added in order (later files win)."""
    entries: list[RegistryEntry] = []
    paths = ([DEFAULT_REGISTRY] if builtin else []) + [Path(p) for p in extra]
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise IngestFailed([IngestError(str(path), "file-not-found", "the registry file does not exist")]) from None
        except UnicodeDecodeError:
            text = path.read_bytes().decode("cp1252", errors="strict")
        entries.extend(parse_registry_csv(text, str(path)))
    return Registry(entries)
