"""What the subcommands share: the options over plan files, reading them with a progress bar, printing
results and user mistakes. The one public home of these helpers: ``graphmodel.cli`` and its ``view``
and ``neo4j`` subcommands import them from here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps

import click

from ..errors import GraphmodelError
from ..text import counted

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "csv")),
    default="table",
    show_default=True,
    help="Output format.",
)
FILES = click.argument("files", nargs=-1, required=True, type=click.Path())
REGISTRY = click.option(
    "--registry",
    "registry_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="An extra actor registry file (same columns as data/actors.csv); repeatable.",
)
SHEET = click.option("--sheet", default=None, help="XLSX sheet to read (default: the first).")
LIMIT = click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=VALUE",
    help="Raise a reading limit, e.g. --limit rows=500000; see README 'Limits'. Repeatable.",
)
ORGANISATION = click.option(
    "--organisation",
    default=None,
    metavar="NAME",
    help="The organisation whose plan it is, for plan files whose .plan.toml does not name one "
    "(default: one a title row above the table names, else the file name).",
)


def complete_actor(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of an actor's name: from the plan files already on the command line, else the registry.

    ``view FILES --actor <TAB>`` reads FILES (as the command would, quietly); ``depends-on <TAB>``
    comes before its files, so it offers the names of the built-in registry. A name matches when its
    fold starts with what was typed ("socialt" offers Socialtjänsten). Bash splits a completion at its
    spaces, so there a name's spaces become hyphens (the same name to graphmodel). Runs only on TAB:
    a normal run never calls it.
    """
    import os
    import re

    from ..registry import fold

    try:
        names = _plan_actor_names(ctx) or _registry_actor_names()
    except Exception:  # a completion never prints a traceback into the user's prompt
        return []
    typed = fold(incomplete)
    shown = sorted({n for n in names if fold(n).startswith(typed)}, key=lambda n: (n.casefold(), n))
    if os.environ.get("_GRAPHMODEL_COMPLETE", "").startswith("bash"):
        shown = [re.sub(r"[\s-]+", "-", n) for n in shown]
    return shown


def _plan_actor_names(ctx: click.Context) -> list[str]:
    import os

    # While an option waits for its value, click leaves the arguments before it unparsed in ctx.args.
    files = ctx.params.get("files") or [a for a in ctx.args if os.path.exists(a)]
    if not files:
        return []
    from .. import api

    registry = registry_of(ctx.params.get("registry_files") or ())
    graph = api.build_graph(api.read_plans(files, registry, ctx.params.get("sheet")))
    return [a["name"] for a in api.actors(graph)]


def _registry_actor_names() -> list[str]:
    from ..read.registry_file import DEFAULT_REGISTRY, decode_registry, parse_registry_csv

    text = decode_registry(DEFAULT_REGISTRY.read_bytes(), str(DEFAULT_REGISTRY))
    return [entry.name for entry in parse_registry_csv(text, str(DEFAULT_REGISTRY)) if entry.id != "organisation"]


ACTOR = click.argument("actor", shell_complete=complete_actor)


def user_errors(command: Callable) -> Callable:
    """Turn a GraphmodelError into one message on stderr and exit code 2.

    A termination signal (SIGTERM) ends the command as Ctrl+C does, by an
    exception, so that files half written are removed on the way out.
    """

    @wraps(command)
    def run(*args, **kwargs):
        exit_on_terminate()
        try:
            return command(*args, **kwargs)
        except GraphmodelError as error:
            click.echo(f"graphmodel: {error}", err=True)
            sys.exit(2)

    return run


def exit_on_terminate() -> None:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))


def limits_of(limits):
    """``--limit NAME=VALUE`` settings as ``Limits`` (None when none given: the readers' defaults)."""
    if not limits:
        return None
    from ..read.tables import Limits

    return Limits.parse(limits)


def read(files, registry_files, sheet, limits=(), organisation=None):
    from .. import api

    with progress_shown() as progress:
        plans = api.read_plans(
            files, registry_of(registry_files), sheet, limits_of(limits), progress, organisation=organisation
        )
    return plans, api.build_graph(plans)


@contextmanager
def progress_shown() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress callback (``api.Progress``) drawing a bar on stderr, or None when stderr is not a terminal.

    Piped or redirected output stays quiet. The bar is redrawn at most ten times a second, by the
    callback itself: rich's refresh thread would make the report's second process unsafe to fork.
    """
    if not sys.stderr.isatty():
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    task = bar.add_task("", total=None)
    last = [0.0]

    def update(step: str, done: int, total: int) -> None:
        bar.update(task, description=step, completed=done, total=total)
        now = time.monotonic()
        if now - last[0] > 0.1 or done == 0:
            last[0] = now
            bar.refresh()

    with bar:
        yield update


def say_replaced(replaced: list[str]) -> None:
    """Say on stderr which existing files were replaced (outputs never replace anything silently)."""
    if replaced:
        click.echo(f"graphmodel: replaced {counted(len(replaced), 'existing file')}: " + "; ".join(replaced), err=True)


def warn_unread_cells(plans) -> None:
    """Nothing lost: an analysis says on stderr how many cells need review, and where to see them."""
    problems = sum(1 for plan in plans for item in plan.ledger if item.problem)
    if problems:
        click.echo(
            f"graphmodel: {counted(problems, 'cell')} could not be fully interpreted (unknown actors or statuses); "
            "`graphmodel check` lists them.",
            err=True,
        )


def emit(text: str | Iterable[str] | None) -> None:
    """Print a text, or the pieces of one, ending with a newline."""
    if text is None:
        return
    if isinstance(text, str):
        click.echo(text, nl=not text.endswith("\n"))
        return
    last = ""
    for last in text:
        click.echo(last, nl=False)
    if not last.endswith("\n"):
        click.echo()


def registry_of(registry_files):
    from .. import api

    return api.read_registry(list(registry_files))
