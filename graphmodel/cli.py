"""The ``graphmodel`` command: a thin layer over ``graphmodel.api``.

Each command parses its arguments, calls one API function and formats the
result. A user mistake (a bad file, an unknown actor) prints one clear
message and exits with code 2, never a traceback. Heavy libraries are
imported inside the commands so that ``graphmodel --help`` is instant.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps

import click

from .errors import GraphmodelError

FORMAT = click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table",
                      show_default=True, help="Output format.")
FILES = click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
REGISTRY = click.option("--registry", "registry_files", multiple=True, type=click.Path(dir_okay=False),
                        help="An extra actor registry file (same columns as data/actors.csv); repeatable.")
SHEET = click.option("--sheet", default=None, help="XLSX sheet to read (default: the first).")


def user_errors(command: Callable) -> Callable:
    """Turn a GraphmodelError into one message on stderr and exit code 2."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except GraphmodelError as error:
            click.echo(f"graphmodel: {error}", err=True)
            sys.exit(2)

    return run


def _read(files, registry_files, sheet):
    from . import api

    registry = api.read_registry(list(registry_files))
    plans = api.read_plans(files, registry, sheet)
    return plans, api.build_graph(plans)


def _emit(text: str | None) -> None:
    if text is not None:
        click.echo(text, nl=not text.endswith("\n"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphmodel")
def main() -> None:
    """See who does what, with whom, in Swedish action plans (handlingsplaner).

    Reads plans as CSV or XLSX (columns Åtgärd, Ansvarig, Övriga aktörer,
    Pågående/planer, Område, Nivå), resolves the actors they name through
    an actor registry, and builds one graph of measures and actors.
    """


@main.command()
@FILES
@click.option("-o", "--out", "out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write into (created if missing).")
@REGISTRY
@SHEET
@user_errors
def report(files, out, registry_files, sheet):
    """Read plans and write the graph (GraphML, GEXF, JSON) and listings (XLSX, CSV)."""
    from . import api

    result = api.report(files, out, api.read_registry(list(registry_files)), sheet)
    click.echo(f"Read {result.plans} plan(s): {result.measures} measures, {result.actors} actors"
               f" ({result.unknown_actors} unknown), {result.problems} cell(s) to review (see check.csv).")
    click.echo("Wrote:")
    for path in result.written:
        click.echo(f"  {path}")


@main.command()
@FILES
@FORMAT
@REGISTRY
@SHEET
@user_errors
def measures(files, fmt, registry_files, sheet):
    """List every measure with its responsible actors, partners and status."""
    from .analyse.listing import measures as list_measures
    from .present.formats import MEASURE_COLUMNS, MEASURE_TABLE, render

    _, graph = _read(files, registry_files, sheet)
    _emit(render(list_measures(graph), fmt, MEASURE_COLUMNS, title="Åtgärder", table_columns=MEASURE_TABLE))


@main.command()
@FILES
@FORMAT
@REGISTRY
@SHEET
@user_errors
def actors(files, fmt, registry_files, sheet):
    """List every actor with how many measures it owns and takes part in."""
    from .analyse.listing import actors as list_actors
    from .present.formats import ACTOR_COLUMNS, ACTOR_TABLE, render

    _, graph = _read(files, registry_files, sheet)
    _emit(render(list_actors(graph), fmt, ACTOR_COLUMNS, title="Aktörer (? = okänd)", table_columns=ACTOR_TABLE))


@main.command()
@FILES
@FORMAT
@REGISTRY
@SHEET
@click.option("--strict", is_flag=True, help="Exit with code 1 if any cell could not be fully interpreted.")
@click.option("--all", "show_all", is_flag=True, help="In the table, list every cell, not only the problems.")
@user_errors
def check(files, fmt, registry_files, sheet, strict, show_all):
    """Account for every non-empty cell: what it became, and what could not be interpreted."""
    from . import api
    from .present.exports import LEDGER_COLUMNS, PROBLEM_TABLE
    from .present.formats import flat, print_table, render

    plans, _ = _read(files, registry_files, sheet)
    rows = api.ledger(plans)
    problems = [r for r in rows if r["problem"]]
    if fmt != "table":
        _emit(render(rows, fmt, LEDGER_COLUMNS))
    else:
        for plan in plans:
            own = [r for r in rows if r["file"] == plan.info.file]
            bad = [r for r in own if r["problem"]]
            click.echo(f"{plan.info.file}: {len(own)} non-empty cells read in {len(plan.measures)} measures; "
                       f"{len(bad)} to review.")
        shown, columns = (rows, LEDGER_COLUMNS) if show_all else (problems, PROBLEM_TABLE)
        if shown:
            print_table(flat(shown, columns), [c.heading for c in columns],
                        title="Alla celler" if show_all else "Att granska")
    if strict and problems:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
