"""``graphmodel neo4j``: load plans into Neo4j, run the cypher/ query library there, export CSVs.

Connection: ``--uri``, ``--username``, ``--database`` flags, else NEO4J_URI,
NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE, else bolt://localhost:7687 as
neo4j. The password comes from NEO4J_PASSWORD or ``--password-stdin``, never
from the command line, and is never printed.
"""

from __future__ import annotations

import sys

import click

from .common import FILES, FORMAT, LIMIT, ORGANISATION, REGISTRY, SHEET, emit, limits_of, registry_of, user_errors


def connection_options(command):
    for option in reversed(
        (
            click.option(
                "--uri",
                default=None,
                help="Bolt URI, e.g. neo4j+s://xxxx.databases.neo4j.io "
                "(default: NEO4J_URI, else bolt://localhost:7687).",
            ),
            click.option("--username", default=None, help="User (default: NEO4J_USERNAME, else neo4j)."),
            click.option("--database", default=None, help="Database (default: NEO4J_DATABASE, else neo4j)."),
            click.option(
                "--password-stdin",
                is_flag=True,
                help="Read the password from the first line of standard input (default: NEO4J_PASSWORD).",
            ),
        )
    ):
        command = option(command)
    return command


def _store(uri, username, database, password_stdin):
    import logging

    from ..store.neo4j import Store, resolve_connection

    # The driver logs retried deadlocks and the server's notices as warnings, which Python prints on
    # stderr when the application configured no logging; what fails is raised and reported as one line.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    return Store(resolve_connection(uri, username, password, database))


def _plans(files, registry_files, sheet, limits, organisation=None):
    """The plans, and the registry they were read with (the loader writes national actors as it defines them)."""
    from .. import api

    registry = registry_of(registry_files)
    return api.read_plans(files, registry, sheet, limits_of(limits), organisation=organisation), registry


@click.group()
def neo4j() -> None:
    """Neo4j, the shared store: load plans, run the query library, export CSVs for neo4j-admin.

    The same questions as the embedded commands (depends-on, gaps ...) as Cypher
    in cypher/queries/, with the same answers.
    """


@neo4j.command("load")
@FILES
@REGISTRY
@SHEET
@LIMIT
@ORGANISATION
@connection_options
@click.option(
    "--batch-size", type=click.IntRange(1), default=5000, show_default=True, help="Rows per UNWIND statement."
)
@click.option(
    "--force",
    is_flag=True,
    help="Rewrite plans even when the store already holds the same rows (e.g. after edits by hand).",
)
@user_errors
def load_command(
    files, registry_files, sheet, limits, organisation, uri, username, database, password_stdin, batch_size, force
):
    """Load plan FILES: each plan whole or not at all; loading again changes nothing."""
    from ..store.neo4j import load

    plans, registry = _plans(files, registry_files, sheet, limits, organisation)
    with _store(uri, username, database, password_stdin) as store:
        summary = load(store, plans, batch_size=batch_size, progress=True, force=force, registry=registry)
    click.echo(f"{summary.line()} Into {store.connection.where()}.")


def _parse_params(values) -> dict[str, str]:
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        params[key.strip()] = value
    return params


@neo4j.command("query")
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter; repeatable.")
@FORMAT
@connection_options
@user_errors
def query_command(name, params, fmt, uri, username, database, password_stdin):
    """Run library query NAME (see `graphmodel neo4j queries`) and print its rows."""
    from ..present.formats import Column, render
    from ..store import cypher

    stmt = cypher.query(name)
    values = stmt.bind(_parse_params(params))
    with _store(uri, username, database, password_stdin) as store:
        rows = store.query(name, values)
    columns = [Column(c, _cell(c)) for c in stmt.returns]
    emit(render(rows, fmt, columns, title=name))


def _cell(column: str):
    def value(row: dict) -> object:
        v = row[column]
        if isinstance(v, list):
            return "; ".join(" ".join(map(str, x)) if isinstance(x, list) else str(x) for x in v)
        return "" if v is None else v

    return value


@neo4j.command("status")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@connection_options
@user_errors
def status_command(fmt, uri, username, database, password_stdin):
    """What the store holds: plans, measures, actors; per plan its year, load hash and last load."""
    import json

    from ..present.formats import Column, render
    from ..store.neo4j import status

    with _store(uri, username, database, password_stdin) as store:
        held = status(store)
    if fmt == "json":
        emit(json.dumps(held.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(held.line())
    if held.plans:
        columns = [
            Column("plan", lambda r: r["plan"]),
            Column("year", lambda r: "" if r["year"] is None else r["year"]),
            Column("measures", lambda r: r["measures"]),
            Column("load hash", lambda r: (r["load_hash"] or "")[:12]),
            Column("last load", lambda r: r["loaded_at"] or ""),
            Column("by", lambda r: r["loaded_by"] or ""),
        ]
        emit(render(held.plans, "table", columns, title="Plans in the store"))


@neo4j.command("queries")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@user_errors
def queries_command(fmt):
    """List the library queries with what they answer, their parameters and columns."""
    from ..present.formats import Column, render
    from ..store import cypher

    rows = [
        {
            "name": s.name,
            "answers": s.answers,
            "params": [f"{p.name}: {p.type}" + (f" = {p.default}" if p.default else "") for p in s.params],
            "returns": list(s.returns),
            "mirrors": s.mirrors,
            "file": str(s.path),
        }
        for s in cypher.library()["queries"].values()
    ]
    columns = [
        Column("name", lambda r: r["name"]),
        Column("answers", lambda r: r["answers"]),
        Column("params", lambda r: "; ".join(r["params"])),
        Column("returns", lambda r: ", ".join(r["returns"])),
    ]
    emit(render(rows, fmt, columns, title="cypher/queries"))


@neo4j.command("export")
@click.argument("out", type=click.Path(file_okay=False))
@FILES
@REGISTRY
@SHEET
@LIMIT
@ORGANISATION
@user_errors
def export_command(out, files, registry_files, sheet, limits, organisation):
    """Write CSVs of plan FILES into OUT for `neo4j-admin database import` (see OUT/import.txt)."""
    from ..api import input_files
    from ..store.neo4j import export_csv

    plans, registry = _plans(files, registry_files, sheet, limits, organisation)
    written = export_csv(plans, out, registry=registry, inputs=[*input_files(files), *registry_files])
    click.echo(f"Wrote {len(written)} files for {len(plans)} plan(s):")
    for path in written:
        click.echo(f"  {path}")
