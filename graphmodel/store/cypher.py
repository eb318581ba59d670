"""The Cypher library in ``cypher/``: every statement is a file, read once and parsed here.

``cypher/schema/`` holds constraints and indexes, ``cypher/load/`` the loader's
``UNWIND $rows AS row MERGE ...`` statements, ``cypher/queries/`` the questions
and gap checks, ``cypher/store/`` what graphmodel itself asks of a store (which
actors a name designates, what the store holds). Each file is one statement with a comment header::

    // answers: Which measures depend on an actor ...
    // params:
    //   $actor: STRING  canonical name, alias, spelling a plan used, or id
    //   $subunits: BOOLEAN = true  also count units below the actor
    // returns: plan, row, id, text, area, level, state, due, role, via
    // mirrors: graphmodel.analyse.questions.measures_depending_on

``params: none`` and ``returns: none`` say there are none. A default after
``=`` is a JSON literal, or ``today`` for a DATE, or ``normalise(other)``: a
parameter graphmodel derives from another with ``graphmodel.registry.normalise``
(names are folded in Python only, so Neo4j and networkx fold them alike; a
user gives ``actor``, never ``actorKey``). No Cypher lives in Python: the code
asks this module for a statement by kind and name.

>>> q = query("depends-on")
>>> [p.name for p in q.params], q.returns[-2:]
(['actor', 'actorKey', 'subunits'], ('role', 'via'))
>>> q.bind({"actor": "Großstadt"})["actorKey"]
'grossstadt'
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import GraphmodelError
from ..registry import normalise

# The Cypher library: cypher/ of the repository, graphmodel/cypher/ of an installed wheel.
CYPHER_DIR = Path(str(resources.files("graphmodel.cypher")))
KINDS = ("schema", "load", "queries", "store")
TYPES = ("STRING", "INTEGER", "FLOAT", "BOOLEAN", "DATE", "MAP", "LIST<MAP>", "LIST<STRING>")
_DERIVED = re.compile(r"^normalise\((?P<source>[A-Za-z_][A-Za-z0-9_]*)\)$")
_PARAM = re.compile(
    r"^\$(?P<name>[A-Za-z_][A-Za-z0-9_]*):\s*(?P<type>[A-Z<>]+)"
    r"(?:\s*=\s*(?P<default>\S+))?(?:\s+(?P<help>.*))?$"
)


class CypherLibraryError(GraphmodelError):
    """A .cypher file is missing or its header is malformed."""


class UnknownQueryError(GraphmodelError):
    """No library query of that name."""


class ParamError(GraphmodelError):
    """A query parameter is missing, unknown or not of its type."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None  # as written in the header; None: required
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    @property
    def derived_from(self) -> str | None:
        """The parameter this one is computed from (``= normalise(actor)``), or None."""
        match = _DERIVED.match(self.default or "")
        return match["source"] if match else None

    def parse(self, text: str) -> object:
        """A value given as text (``--param key=value``, a header default) in this parameter's type."""
        try:
            if self.type == "STRING":
                return text
            if self.type == "INTEGER":
                return int(text)
            if self.type == "FLOAT":
                return float(text)
            if self.type == "BOOLEAN":
                folded = text.strip().casefold()
                if folded in ("true", "yes", "1", "ja"):
                    return True
                if folded in ("false", "no", "0", "nej"):
                    return False
                raise ValueError(text)
            if self.type == "DATE":
                if text == "today":
                    return dt.date.today().isoformat()
                return dt.date.fromisoformat(text).isoformat()
            return json.loads(text)
        except ValueError:
            raise ParamError(
                f"parameter {self.name!r} must be {self.type.lower()}"
                f"{' (YYYY-MM-DD)' if self.type == 'DATE' else ''}, not {text!r}"
            ) from None


@dataclass(frozen=True)
class Statement:
    """One .cypher file: its header and its body (the Cypher sent to the server)."""

    kind: str  # schema, load or queries
    name: str  # file name without .cypher
    path: Path
    answers: str
    params: tuple[Param, ...]
    returns: tuple[str, ...]
    mirrors: str
    text: str  # the whole file, header included (comments are valid Cypher)
    body: str  # without the header

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bind(self, given: dict[str, object]) -> dict[str, object]:
        """Parameters for a run: given values (text is parsed by type) and header defaults."""
        unknown = sorted(set(given) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise ParamError(
                f"query {self.name!r} has no parameter {', '.join(map(repr, unknown))} (its parameters: {known})"
            )
        values: dict[str, object] = {}
        missing = []
        for p in self.params:
            if p.derived_from:
                if p.name in given and p.derived_from not in given:
                    raise ParamError(
                        f"query {self.name!r}: {p.name!r} is computed from {p.derived_from!r}; "
                        f"give --param {p.derived_from}=... instead"
                    )
                continue
            if p.name in given:
                value = given[p.name]
                values[p.name] = p.parse(value) if isinstance(value, str) and p.type != "STRING" else value
            elif p.default is not None:
                values[p.name] = p.parse(p.default)
            else:
                missing.append(p.name)
        if missing:
            raise ParamError(f"query {self.name!r} needs " + ", ".join(f"--param {m}=..." for m in missing))
        for p in self.params:
            if p.derived_from:
                values[p.name] = normalise(str(values[p.derived_from]))
        return values


def parse(kind: str, path: Path) -> Statement:
    """Read one file and parse its header; raises CypherLibraryError naming the file and the problem."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header: list[str] = []
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(line[2:].rstrip())
    body = "\n".join(lines[len(header) :]).strip()
    fields: dict[str, str] = {}
    params: list[Param] = []
    in_params = False
    for line in header:
        stripped = line.strip()
        if in_params and line.startswith("  ") and stripped.startswith("$"):
            match = _PARAM.match(stripped)
            if not match or match["type"] not in TYPES:
                raise CypherLibraryError(
                    f"{path}: cannot read parameter line {stripped!r} "
                    f"(expected '$name: TYPE [= default]  what it is', TYPE one of {TYPES})"
                )
            params.append(Param(match["name"], match["type"], match["default"], (match["help"] or "").strip()))
            continue
        in_params = False
        key, sep, value = stripped.partition(":")
        if not sep or key not in ("answers", "params", "returns", "mirrors"):
            raise CypherLibraryError(f"{path}: unexpected header line {line!r}")
        fields[key] = value.strip()
        if key == "params":
            in_params = value.strip() == ""
            if value.strip() not in ("", "none"):
                raise CypherLibraryError(f"{path}: 'params:' is followed by 'none' or by lines '  $name: TYPE'")
    for key in ("answers", "params", "returns", "mirrors"):
        if key not in fields:
            raise CypherLibraryError(f"{path}: header has no '{key}:' line")
    if not body:
        raise CypherLibraryError(f"{path}: no statement after the header")
    returns = () if fields["returns"] == "none" else tuple(c.strip() for c in fields["returns"].split(","))
    return Statement(kind, path.stem, path, fields["answers"], tuple(params), returns, fields["mirrors"], text, body)


@cache
def library(root: Path = CYPHER_DIR) -> dict[str, dict[str, Statement]]:
    """Every statement by kind and name, read once per process."""
    found: dict[str, dict[str, Statement]] = {}
    for kind in KINDS:
        folder = root / kind
        if not folder.is_dir():
            raise CypherLibraryError(f"the Cypher library folder {folder} is missing")
        found[kind] = {p.stem: parse(kind, p) for p in sorted(folder.glob("*.cypher"))}
    return found


def statement(kind: str, name: str) -> Statement:
    try:
        return library()[kind][name]
    except KeyError:
        raise CypherLibraryError(f"no cypher/{kind}/{name}.cypher") from None


def query(name: str) -> Statement:
    """A library query by name; UnknownQueryError lists the names there are."""
    queries = library()["queries"]
    if name not in queries:
        raise UnknownQueryError(f"no query {name!r} in the library; choose one of: {', '.join(sorted(queries))}")
    return queries[name]


def schema() -> list[Statement]:
    """Constraints and indexes, in file-name order (all idempotent: IF NOT EXISTS)."""
    return list(library()["schema"].values())
