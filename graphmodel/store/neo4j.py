"""Neo4j as the shared store: connection settings, the loader, library queries, CSV export.

The graph in Neo4j is the networkx graph of ``graphmodel.build`` (README,
"Data model") with a few properties computed at load time so that plain
Cypher can answer what Python computes:

* Every node has a ``key``, unique per label: its id, or for an id of over
  1000 characters the id's start and its SHA-256 (``node_key``), so a key
  always fits an index entry however long a name or an id is. Nothing else
  is indexed: no long value can make a plan unloadable.
* Actor ``aliases`` and ``suggestions`` are lists; ``names_normalised`` is
  ``graphmodel.registry.normalise`` of the name and every alias (names are
  folded in Python only; a query gets ``$actorKey`` folded the same way);
  ``sort_name`` is the casefolded name the embedded commands sort by;
  ``plans`` lists the plans that name the actor (a reload uses it to prune;
  the loader reads it only once it holds the actor's lock, so concurrent
  loads keep every entry).
* RESPONSIBLE_FOR / PARTNER_IN carry ``text_normalised`` (the text as written,
  normalised) so an actor is found by any spelling a plan used.
* Measure ``due_end`` / ``start_end`` are the last day (ISO date string) of the
  due and start periods (``graphmodel.periods.period_bounds``); unknown
  columns are one JSON string ``extra``.
* Plan ``load_hash`` is a hash of everything the loader wrote for the plan
  (a load skips an unchanged plan); ``actors`` lists the keys of the actors it
  names (a reload finds the ones it no longer names by index); ``loaded_at``
  (a datetime) and ``loaded_by`` (the graphmodel version) say when and by what
  it was last written (``graphmodel neo4j status``; not part of the hash).
* A national (registry) actor is the registry's: a plan that sends another
  view of the same id does not overwrite it.

Each plan loads in one transaction, normally one statement
(``cypher/load/write-plan.cypher``): all of it or nothing. Loading is
idempotent; reloading an edited plan removes its measures, edges and
no-longer-used organisation actors that are gone, leaving other plans alone.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..errors import GraphmodelError, UnknownActorError
from ..model import NATIONAL, Actor, Measure, Plan
from ..periods import period_bounds
from ..registry import Registry, normalise
from . import cypher

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"
BATCH_SIZE = 5000
COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set")


class Neo4jError(GraphmodelError):
    """Something about the Neo4j server: one clear line for the user, exit code 2."""


class Neo4jUnavailable(Neo4jError):
    pass


class Neo4jAuthError(Neo4jError):
    pass


class Neo4jDatabaseNotFound(Neo4jError):
    pass


class Neo4jBadURI(Neo4jError):
    """``--uri`` / NEO4J_URI is not a Bolt or Neo4j URI."""


class LoadFailed(Neo4jError):
    """A plan could not be written; nothing of it was (its transaction was rolled back)."""


# -- connection --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Connection:
    """Where and as whom to connect. The password never appears in ``repr`` or messages."""

    uri: str
    username: str
    database: str
    password: str | None = field(default=None, repr=False)

    @property
    def safe_uri(self) -> str:
        """The URI without any user:password@ part, for messages."""
        parts = urlsplit(self.uri)
        try:
            if parts.username or parts.password:
                host = parts.hostname or ""
                netloc = host + (f":{parts.port}" if parts.port else "")
                return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        except ValueError:  # a malformed port
            return _redacted(self.uri)
        return self.uri

    def where(self) -> str:
        return f"Neo4j at {self.safe_uri} (database {self.database!r})"

    def check_uri(self) -> None:
        """Raise Neo4jBadURI unless the URI is scheme://host[:port] with a scheme the driver speaks.

        Checked before the driver sees it: the driver raises ValueError or DNS errors with a traceback
        for "bolt://", a port of 99999 or a space in the host. The message never shows a password.
        """
        uri = self.uri
        shown = _redacted(uri)
        fix = (
            "give --uri or NEO4J_URI as scheme://host:port, e.g. bolt://localhost:7687 or "
            "neo4j+s://xxxx.databases.neo4j.io"
        )
        if not uri.strip():
            raise Neo4jBadURI(f"the Neo4j URI is empty; {fix}")
        if _UNSAFE_URI.search(uri):
            raise Neo4jBadURI(f"the Neo4j URI {shown!r} contains spaces or control characters; {fix}")
        scheme, sep, _ = uri.partition("://")
        if not sep or scheme.lower() not in URI_SCHEMES:
            raise Neo4jBadURI(
                f"the Neo4j URI {shown!r} does not start with one of {', '.join(s + '://' for s in URI_SCHEMES)}; {fix}"
            )
        try:
            parts = urlsplit(uri)
            port = parts.port
        except ValueError:
            raise Neo4jBadURI(f"the Neo4j URI {shown!r} has no valid port (1-65535); {fix}") from None
        if not parts.hostname:
            raise Neo4jBadURI(f"the Neo4j URI {shown!r} names no host; {fix}")
        if port == 0:
            raise Neo4jBadURI(f"the Neo4j URI {shown!r} has no valid port (1-65535); {fix}")
        if parts.path not in ("", "/"):
            raise Neo4jBadURI(f"the Neo4j URI {shown!r} has a path; {fix}")


URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_UNSAFE_URI = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _redacted(uri: str) -> str:
    """The URI with anything between :// and the last @ before the host hidden (user:password@)."""
    scheme, sep, rest = uri.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        rest = "***@" + rest.split("/", 1)[0].rpartition("@")[2] + rest[len(rest.split("/", 1)[0]) :]
    return _UNSAFE_URI.sub("?", scheme + sep + rest)


def resolve_connection(
    uri: str | None = None,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Connection:
    """Flag, else environment (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), else default.

    >>> resolve_connection(env={"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_PASSWORD": "s3cret"})
    Connection(uri='neo4j+s://x.databases.neo4j.io', username='neo4j', database='neo4j')
    """
    env = os.environ if env is None else env
    return Connection(
        uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
        username=username or env.get("NEO4J_USERNAME") or DEFAULT_USERNAME,
        database=database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        password=password if password is not None else (env.get("NEO4J_PASSWORD") or None),
    )


class Store:
    """A driver for one connection; translates driver errors into one-line GraphmodelErrors."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self._driver = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    @property
    def driver(self):
        if self._driver is None:
            from neo4j import GraphDatabase

            c = self.connection
            c.check_uri()
            auth = (c.username, c.password) if c.password is not None else None
            with self.errors():
                # The server's notices (an unknown label in an empty store ...) are not for users.
                self._driver = GraphDatabase.driver(c.uri, auth=auth, notifications_min_severity="OFF")
                self._driver.verify_connectivity()
        return self._driver

    @contextmanager
    def errors(self):
        """Driver exceptions as Neo4jErrors naming the server, never the password."""
        from neo4j import exceptions as ex

        where = self.connection.where()
        try:
            yield
        except ex.AuthError:
            raise Neo4jAuthError(
                f"{where} refused the credentials of user {self.connection.username!r}. "
                "Check NEO4J_USERNAME and the password (NEO4J_PASSWORD or --password-stdin)."
            ) from None
        except (ex.ServiceUnavailable, ex.SessionExpired, OSError) as err:
            raise Neo4jUnavailable(
                f"cannot reach {where}: {self._said(err)}. Is the server running, and are NEO4J_URI / --uri right?"
            ) from None
        except ex.ConfigurationError as err:
            raise Neo4jUnavailable(f"cannot connect to {where}: {self._said(err)}") from None
        except ValueError as err:  # e.g. an unsupported URI scheme
            raise Neo4jUnavailable(f"cannot connect to {self.connection.safe_uri}: {self._said(err)}") from None
        except ex.ClientError as err:
            if err.code and "DatabaseNotFound" in err.code:
                raise Neo4jDatabaseNotFound(
                    f"{where}: there is no database {self.connection.database!r}. Check NEO4J_DATABASE / --database."
                ) from None
            if err.code and "Security" in err.code:
                raise Neo4jAuthError(f"{where}: {self._said(err.message or err)}") from None
            raise

    def _said(self, err: object) -> str:
        """The first line of a driver error, with the URI's credentials and the password scrubbed out
        (drivers repeat the URI they were given, user:password@ included)."""
        text = _first_line(err).replace(self.connection.uri, self.connection.safe_uri)
        if self.connection.password:
            text = text.replace(self.connection.password, "***")
        return text

    def session(self, **kwargs):
        return self.driver.session(database=self.connection.database, **kwargs)

    def run(self, stmt: cypher.Statement, params: dict | None = None) -> list[dict]:
        """Run a statement in a read/write auto-routed transaction; rows as dicts."""
        with self.errors():
            records, _, _ = self.driver.execute_query(
                stmt.body, parameters_=params or {}, database_=self.connection.database
            )
        return [_plain(r.data()) for r in records]

    def query(self, name: str, params: dict[str, object] | None = None) -> list[dict]:
        """A library query by name, parameters parsed and defaulted from its header.

        A query with an ``actor`` parameter first finds the actor as the query will: a name that
        designates no actor in the store raises UnknownActorError with the closest names in the store,
        as the embedded command does, instead of answering with no rows.
        """
        stmt = cypher.query(name)
        values = stmt.bind(params or {})
        if stmt.param("actor") is not None:
            self.find_actors(str(values["actor"]))
        rows = self.run(stmt, values)
        return [{c: row.get(c) for c in stmt.returns} for row in rows]

    def find_actors(self, name: str) -> list[str]:
        """Ids of the actors ``name`` designates in the store (cypher/store/find-actors.cypher), as
        ``graphmodel.analyse.questions.find_actors`` finds them in a graph; UnknownActorError with the
        closest names in the store when there is none."""
        from ..analyse.questions import closest_names

        stmt = cypher.statement("store", "find-actors")
        found = [row["id"] for row in self.run(stmt, stmt.bind({"actor": name}))]
        if not found:
            names = [row["name"] for row in self.run(cypher.statement("store", "actor-names"))]
            raise UnknownActorError(name, closest_names(name, names))
        return found

    def ensure_schema(self) -> None:
        for stmt in cypher.schema():
            self.run(stmt)


def _first_line(err: object) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def _plain(value):
    """Neo4j temporal values to ISO strings; lists and maps recursively."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


# -- rows: a parsed plan as the loader's parameters --------------------------------------------


def _clean(**attrs) -> dict:
    return {k: v for k, v in attrs.items() if v is not None and v != "" and v != []}


KEY_CHARS = 1000


@cache
def _version() -> str:
    """The graphmodel version installed, stored as a plan's ``loaded_by`` (read from the package's metadata:
    the store layer does not import the package root, which imports the API above it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("graphmodel")
    except PackageNotFoundError:
        return "unknown"


def node_key(node_id: str) -> str:
    """The unique, indexed key of a node: its id, or for an id of over 1000 characters the first 1000
    and a SHA-256 of the whole (at most ~4 KB in UTF-8, below Neo4j's 8 KB index entry limit). The two
    forms never meet: a short key has at most 1000 characters, a long one more.

    >>> node_key("polisen"), len(node_key("x" * 5000))
    ('polisen', 1072)
    """
    if len(node_id) <= KEY_CHARS:
        return node_id
    return node_id[:KEY_CHARS] + "~sha256:" + hashlib.sha256(node_id.encode("utf-8", "surrogatepass")).hexdigest()


def actor_props(actor: Actor) -> dict:
    names = [actor.name, *[a for a in actor.aliases if a]]
    return _clean(
        key=node_key(actor.id),
        id=actor.id,
        name=actor.name,
        sort_name=actor.name.casefold(),
        kind=actor.kind,
        scope=actor.scope,
        parent=actor.parent,
        organisation=actor.organisation,
        aliases=list(actor.aliases),
        unknown=actor.unknown,
        suggestions=list(actor.suggestions),
        names_normalised=[normalise(n) for n in names],
    )


def _period_end(period: str | None) -> str | None:
    return period_bounds(period)[1].isoformat() if period else None


def measure_props(measure: Measure) -> dict:
    status, source = measure.status, measure.source
    extra = json.dumps(dict(measure.extra), ensure_ascii=False, sort_keys=True) if measure.extra else None
    return _clean(
        key=node_key(measure.id),
        id=measure.id,
        plan=measure.plan,
        text=measure.text,
        area=measure.area,
        level=measure.level,
        state=status.state,
        start=status.start,
        due=status.due,
        due_end=_period_end(status.due),
        start_end=_period_end(status.start),
        status_text=status.text,
        status_interpreted=status.interpreted,
        file=source.file,
        row=source.row,
        sheet=source.sheet,
        reference=source.reference,
        extra=extra,
    )


def plan_props(plan: Plan) -> dict:
    info = plan.info
    return _clean(
        key=node_key(info.id),
        id=info.id,
        title=info.title,
        organisation=info.organisation,
        organisation_name=info.organisation_name,
        year=info.year,
        source=info.source,
        file=info.file,
    )


@dataclass
class PlanRows:
    """Everything the loader sends for one plan."""

    plan: str
    organisation: str
    props: dict
    actors: list[dict]
    part_of: list[dict]
    measures: list[dict]
    responsible: list[dict]
    partners: list[dict]
    measure_rows: list[dict]  # per measure: props and its responsible and partner edges (the loader's rows)
    hash: str  # of everything above: a reload of an unchanged plan is skipped

    @property
    def size(self) -> int:
        return len(self.actors) + len(self.measures) + len(self.responsible) + len(self.partners)

    @property
    def key(self) -> str:
        return self.props["key"]

    @property
    def actor_keys(self) -> list[str]:
        return [a["props"]["key"] for a in self.actors]


LOAD_FORMAT = "graphmodel-neo4j-load/3"  # part of every plan's hash: a loader that writes differently reloads


def _rows_hash(props: dict, actors: list, part_of: list, measure_rows: list) -> str:
    text = json.dumps(
        [LOAD_FORMAT, props, actors, part_of, measure_rows], ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _as_registered(actor: Actor, registry: Registry | None) -> Actor:
    """A national actor as the registry defines it, whatever a plan made of it: one plan must not
    redefine an actor every plan shares. Other actors as the plan has them."""
    entry = registry.entries.get(actor.id) if registry is not None else None
    if entry is None or entry.scope != NATIONAL:
        return actor
    return Actor(entry.id, entry.name, entry.kind, entry.scope, entry.parent, None, tuple(entry.aliases))


def plan_rows(plan: Plan, registry: Registry | None = None) -> PlanRows:
    """The loader's rows for a plan. Like ``build_graph``, a repeated (actor, type, measure) keeps one
    edge with the last occurrence's attributes. With ``registry``, national actors are written as it
    defines them (``_as_registered``)."""
    named = [_as_registered(a, registry) for a in plan.actors.values()]
    # By key: concurrent loads lock shared actors in one order (fewer deadlocks to retry).
    actors = sorted(({"id": a.id, "props": actor_props(a)} for a in named), key=lambda a: a["props"]["key"])
    part_of = [{"child": node_key(a.id), "parent": node_key(a.parent)} for a in named if a.parent]
    measures, responsible, partners, measure_rows = [], [], [], []
    for m in plan.measures:
        props = measure_props(m)
        measures.append({"id": props["key"], "props": props})
        row = {"props": props}  # the id is props.id
        for out, refs in (("responsible", m.responsible), ("partners", m.partners)):
            by_actor: dict[str, dict] = {}
            for order, ref in enumerate(refs):
                by_actor[ref.id] = _clean(
                    text=ref.text,
                    text_normalised=normalise(ref.text) if ref.text else None,
                    remark=ref.remark,
                    hedge=ref.hedge,
                    order=order,
                )
            (responsible if out == "responsible" else partners).extend(
                {"actor": node_key(actor), "measure": props["key"], "props": edge} for actor, edge in by_actor.items()
            )
            row[out] = [{"actor": node_key(actor), "props": edge} for actor, edge in by_actor.items()]
        measure_rows.append(row)
    props = plan_props(plan)
    return PlanRows(
        plan.info.id,
        plan.info.organisation,
        props,
        actors,
        part_of,
        measures,
        responsible,
        partners,
        measure_rows,
        _rows_hash(props, actors, part_of, measure_rows),
    )


# -- loading -----------------------------------------------------------------------------------


@dataclass
class LoadSummary:
    """What a load changed, summed over every statement (the server's own counters)."""

    plans: int = 0
    new_plans: int = 0
    unchanged_plans: int = 0  # already in the store with the same rows: skipped after one read
    seconds: float = 0.0
    counters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0))

    def add(self, counters) -> None:
        for name in COUNTERS:
            self.counters[name] += getattr(counters, name, 0)

    @property
    def created(self) -> int:
        return self.counters["nodes_created"] + self.counters["relationships_created"]

    def line(self) -> str:
        c = self.counters
        unchanged = f", {self.unchanged_plans} unchanged" if self.unchanged_plans else ""
        return (
            f"Loaded {self.plans} plan(s) ({self.new_plans} new{unchanged}) in {self.seconds:.1f} s: "
            f"{c['nodes_created']} nodes and {c['relationships_created']} relationships created, "
            f"{c['nodes_deleted']} nodes and {c['relationships_deleted']} relationships deleted, "
            f"{c['properties_set']} properties set."
        )


def _chunks(rows: PlanRows, batch_size: int) -> list[tuple[list, list, list]]:
    """(actors, part_of, measure_rows) per statement: the whole plan when it has at most ``batch_size``
    rows (an actor, a link or a measure with its edges counts one row per node and edge), else slices in
    that order (actors before the links and edges that need them; a measure is never split)."""
    weight = [1] * (len(rows.actors) + len(rows.part_of)) + [
        1 + len(m["responsible"]) + len(m["partners"]) for m in rows.measure_rows
    ]
    if sum(weight) <= batch_size:
        return [(rows.actors, rows.part_of, rows.measure_rows)]
    items = [*rows.actors, *rows.part_of, *rows.measure_rows]
    n_actors, n_links = len(rows.actors), len(rows.part_of)
    chunks, start, total = [], 0, 0
    for i, w in enumerate(weight):
        if total and total + w > batch_size:
            chunks.append((start, i))
            start, total = i, 0
        total += w
    chunks.append((start, len(items)))

    def part(lo: int, hi: int, a: int, b: int) -> list:
        return items[max(lo, a) : min(hi, b)]

    return [
        (
            part(lo, hi, 0, n_actors),
            part(lo, hi, n_actors, n_actors + n_links),
            part(lo, hi, n_actors + n_links, len(items)),
        )
        for lo, hi in chunks
    ]


def _rows(plans: Iterable[Plan | PlanRows], registry: Registry | None) -> list[PlanRows]:
    plans = list(plans)
    if registry is None and any(not isinstance(p, PlanRows) for p in plans):
        from ..read.registry_file import read_registry

        registry = read_registry()
    return [p if isinstance(p, PlanRows) else plan_rows(p, registry) for p in plans]


def _write_plan(tx, rows: PlanRows, batch_size: int, force: bool, summary: LoadSummary) -> tuple[bool, bool]:
    """One plan in one transaction: usually one statement (cypher/load/write-plan.cypher), a plan of more
    than ``batch_size`` rows in several. Returns (existed before, unchanged and skipped)."""
    load_statements = cypher.library()["load"]
    summary.counters = dict.fromkeys(COUNTERS, 0)  # execute_write may retry this function
    chunks = _chunks(rows, batch_size)
    existed = None
    # One statement: the server takes the id lists from the rows (less to encode and send).
    measure_keys = [m["props"]["key"] for m in rows.measure_rows] if len(chunks) > 1 else None
    actor_keys = rows.actor_keys if len(chunks) > 1 else None
    for i, (actors, part_of, measures) in enumerate(chunks):
        result = tx.run(
            load_statements["write-plan"].body,
            {
                "plan": rows.plan,
                "props": rows.props,
                "hash": rows.hash,
                "force": force,
                "existed": existed,
                "last": i == len(chunks) - 1,
                "actors": actors,
                "partOf": part_of,
                "measures": measures,
                "measureKeys": measure_keys,
                "actorKeys": actor_keys,
                "loadedBy": _version(),
            },
        )
        record = result.single(strict=True)
        summary.add(result.consume().counters)
        if existed is None:
            existed = record["existed"]
            if record["unchanged"]:
                return True, True
    if record["unlisted"]:  # loaded by a loader that kept no actor list on the plan: find its actors by scan
        result = tx.run(
            load_statements["prune-actors"].body,
            {"plan": rows.plan, "organisation": rows.organisation, "actorKeys": rows.actor_keys},
        )
        summary.add(result.consume().counters)
    return existed, False


def _stored_hashes(store: Store, plans: list[str]) -> dict[str, str | None]:
    """The load_hash of each plan already in the store (one read). Without notifications: on a store
    that no plan was loaded into yet, the server would warn that the property ``load_hash`` is unknown."""
    stmt = cypher.statement("load", "plan-hashes")
    with store.errors(), store.session(notifications_min_severity="OFF") as session:
        return {
            r["plan"]: r["hash"] for r in session.execute_read(lambda tx: list(tx.run(stmt.body, {"plans": plans})))
        }


def load(
    store: Store,
    plans: Iterable[Plan | PlanRows],
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
    on_plan: Callable[[PlanRows], None] | None = None,
    force: bool = False,
    registry: Registry | None = None,
) -> LoadSummary:
    """Schema first, then each plan in its own transaction (all of it or nothing).

    A plan already in the store with the same rows (its ``load_hash``) is skipped: one read for all
    plans first, and the plan's statement checks again; ``force`` writes it anyway. Raises LoadFailed
    naming the plan when one cannot be written; plans
    loaded before it stay loaded, nothing of the failing plan is written. ``registry`` (the one the
    plans were read with; default the built-in one, as ``read_plans``) defines the national actors.
    """
    from neo4j.exceptions import Neo4jError as DriverNeo4jError

    items = _rows(plans, registry)
    summary = LoadSummary()
    started = time.perf_counter()
    store.ensure_schema()
    bar = _progress(progress, len(items), sum(r.size for r in items))
    stored = {} if force else _stored_hashes(store, [r.key for r in items])
    try:
        with store.errors(), store.session() as session:
            for rows in items:
                if stored.get(rows.key) == rows.hash:  # unchanged since it was last written: nothing to send
                    summary.plans += 1
                    summary.unchanged_plans += 1
                    if bar:
                        bar[0].advance(bar[1], rows.size)
                    continue
                plan_summary = LoadSummary()
                try:
                    existed, unchanged = session.execute_write(_write_plan, rows, batch_size, force, plan_summary)
                except DriverNeo4jError as err:
                    if err.code and ("Security" in err.code or "DatabaseNotFound" in err.code):
                        raise
                    raise LoadFailed(
                        f"plan {rows.plan!r} was not loaded (nothing of it was written): "
                        f"{_first_line(err.message or err)}"
                    ) from None
                for name in COUNTERS:
                    summary.counters[name] += plan_summary.counters[name]
                summary.plans += 1
                summary.new_plans += not existed
                summary.unchanged_plans += unchanged
                stored[rows.key] = rows.hash  # the same plan id later in this load compares with this one
                if on_plan:
                    on_plan(rows)
                if bar:
                    bar[0].advance(bar[1], rows.size)
    finally:
        if bar:
            bar[0].stop()
    summary.seconds = time.perf_counter() - started
    return summary


def _progress(enabled: bool, total_plans: int, total_rows: int):
    if not enabled or total_plans < 2:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return None
    progress = Progress(
        TextColumn("Loading plans"), BarColumn(), TimeRemainingColumn(), console=console, transient=True
    )
    progress.start()
    return progress, progress.add_task("load", total=total_rows)


# -- what the store holds ---------------------------------------------------------------------


@dataclass
class StoreStatus:
    """``graphmodel neo4j status``: totals, and per plan its measures, load_hash and last write."""

    where: str
    totals: dict[str, int]
    plans: list[dict]

    @property
    def last_load(self) -> str | None:
        """When a plan was last written (ISO datetime), or None (nothing loaded, or only imported)."""
        return max((p["loaded_at"] for p in self.plans if p.get("loaded_at")), default=None)

    def line(self) -> str:
        t = self.totals
        last = f"last load {self.last_load}" if self.last_load else "never loaded by graphmodel"
        return (
            f"{self.where}: {t['plans']} plan(s), {t['measures']} measures, {t['actors']} actors, "
            f"{t['relationships']} relationships; {last}."
        )

    def as_json(self) -> dict:
        return {"store": self.where, **self.totals, "last_load": self.last_load, "plan_list": self.plans}


def status(store: Store) -> StoreStatus:
    """What the store holds (cypher/store/totals.cypher, cypher/store/plans.cypher). Reads only."""
    [totals] = store.run(cypher.statement("store", "totals"))
    return StoreStatus(store.connection.where(), totals, store.run(cypher.statement("store", "plans")))


# -- CSV export for neo4j-admin database import --------------------------------------------------

ARRAY_DELIMITER = ";"
EXPORT_FILES = {
    "plans.csv": [
        "key:ID(Plan)",
        ":LABEL",
        "id",
        "title",
        "organisation",
        "organisation_name",
        "year:int",
        "source",
        "file",
        "load_hash",
        "actors:string[]",
    ],
    "measures.csv": [
        "key:ID(Measure)",
        ":LABEL",
        "id",
        "plan",
        "text",
        "area",
        "level",
        "state",
        "start",
        "due",
        "due_end",
        "start_end",
        "status_text",
        "status_interpreted:boolean",
        "file",
        "row:int",
        "sheet",
        "reference",
        "extra",
    ],
    "actors.csv": [
        "key:ID(Actor)",
        ":LABEL",
        "id",
        "name",
        "sort_name",
        "kind",
        "scope",
        "parent",
        "organisation",
        "aliases:string[]",
        "unknown:boolean",
        "suggestions:string[]",
        "names_normalised:string[]",
        "plans:string[]",
    ],
    "in_plan.csv": [":START_ID(Measure)", ":END_ID(Plan)", ":TYPE"],
    "part_of.csv": [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"],
    "responsible_for.csv": [
        ":START_ID(Actor)",
        ":END_ID(Measure)",
        ":TYPE",
        "text",
        "text_normalised",
        "remark",
        "hedge",
        "order:int",
    ],
    "partner_in.csv": [
        ":START_ID(Actor)",
        ":END_ID(Measure)",
        ":TYPE",
        "text",
        "text_normalised",
        "remark",
        "hedge",
        "order:int",
    ],
}


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        for item in value:
            if ARRAY_DELIMITER in item:
                raise GraphmodelError(
                    f"cannot export the list value {item!r}: it contains "
                    f"{ARRAY_DELIMITER!r}, the array delimiter of neo4j-admin import"
                )
        return ARRAY_DELIMITER.join(value)
    return value


def export_csv(
    plans: Iterable[Plan | PlanRows],
    out: str | os.PathLike,
    registry: Registry | None = None,
    inputs: Iterable[str | os.PathLike] = (),
) -> list[Path]:
    """CSV files for ``neo4j-admin database import full`` (and for LOAD CSV): the same nodes, properties
    and relationships the loader writes. Returns the files written; ``import.txt`` has the command.

    The files are written as one set (``graphmodel.outputs.Outputs``): all or none, never over one of
    ``inputs`` (the plan files read) and never through a symbolic link.
    """
    from ..outputs import Outputs

    items = _rows(plans, registry)
    out = Path(out)
    actors: dict[str, dict] = {}
    plans_of: dict[str, list[str]] = {}
    part_of: dict[tuple[str, str], None] = {}
    for rows in items:
        for a in rows.actors:
            actors[a["id"]] = a["props"]
            plans_of.setdefault(a["id"], [])
            if rows.plan not in plans_of[a["id"]]:
                plans_of[a["id"]].append(rows.plan)
        for link in rows.part_of:
            part_of[(link["child"], link["parent"])] = None
    written = []
    files = Outputs(out, inputs=inputs)

    def write(name: str, records: Iterable[list]) -> None:
        def fill(path: Path) -> None:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(EXPORT_FILES[name])
                writer.writerows(records)

        written.append(files.write(name, fill))

    def nodes(name: str, label: str, props: Iterable[dict]) -> Iterable[list]:
        header = EXPORT_FILES[name]
        for p in props:
            values = {**p, ":LABEL": label}
            yield [_cell(p["key"]), label, *[_cell(values.get(h.split(":")[0])) for h in header[2:]]]

    def rels(name: str, rel: str, triples: Iterable[tuple[str, str, dict]]) -> Iterable[list]:
        header = EXPORT_FILES[name]
        for start, end, props in triples:
            yield [start, end, rel, *[_cell(props.get(h.split(":")[0])) for h in header[3:]]]

    with files:
        write(
            "plans.csv",
            nodes("plans.csv", "Plan", ({**r.props, "load_hash": r.hash, "actors": r.actor_keys} for r in items)),
        )
        write("measures.csv", nodes("measures.csv", "Measure", (m["props"] for r in items for m in r.measures)))
        write("actors.csv", nodes("actors.csv", "Actor", ({**p, "plans": plans_of[i]} for i, p in actors.items())))
        write("in_plan.csv", rels("in_plan.csv", "IN_PLAN", ((m["id"], r.key, {}) for r in items for m in r.measures)))
        write("part_of.csv", rels("part_of.csv", "PART_OF", ((c, p, {}) for c, p in part_of)))
        write(
            "responsible_for.csv",
            rels(
                "responsible_for.csv",
                "RESPONSIBLE_FOR",
                ((e["actor"], e["measure"], e["props"]) for r in items for e in r.responsible),
            ),
        )
        write(
            "partner_in.csv",
            rels(
                "partner_in.csv",
                "PARTNER_IN",
                ((e["actor"], e["measure"], e["props"]) for r in items for e in r.partners),
            ),
        )
        written.append(
            files.write_text(
                "import.txt",
                "# Into an empty database (stop it first; Neo4j Desktop: Terminal of the DBMS), then start it and run\n"
                "# the cypher/schema/*.cypher statements (graphmodel neo4j load does that too).\n"
                "neo4j-admin database import full neo4j --overwrite-destination --array-delimiter=';' \\\n"
                "  --nodes=plans.csv --nodes=measures.csv --nodes=actors.csv \\\n"
                "  --relationships=in_plan.csv --relationships=part_of.csv \\\n"
                "  --relationships=responsible_for.csv --relationships=partner_in.csv\n",
            )
        )
    return written


CSV_LOAD_ORDER = (
    ("csv-plans", "plans.csv"),
    ("csv-actors", "actors.csv"),
    ("csv-measures", "measures.csv"),
    ("csv-in-plan", "in_plan.csv"),
    ("csv-part-of", "part_of.csv"),
    ("csv-responsible", "responsible_for.csv"),
    ("csv-partners", "partner_in.csv"),
)


def load_csv(store: Store, base_url: str = "file:///") -> LoadSummary:
    """Load the files of ``export_csv`` with LOAD CSV (schema first), e.g. from the server's import folder.

    Each statement runs ``CALL {...} IN TRANSACTIONS`` in an auto-commit transaction, so this is not
    all-or-nothing per plan; it is the bulk path (and the benchmark's yardstick for the loader).
    """
    summary = LoadSummary()
    started = time.perf_counter()
    store.ensure_schema()
    load_statements = cypher.library()["load"]
    with store.errors(), store.session() as session:
        for name, file in CSV_LOAD_ORDER:
            result = session.run(load_statements[name].body, {"url": base_url + file})
            summary.add(result.consume().counters)
    summary.seconds = time.perf_counter() - started
    return summary
