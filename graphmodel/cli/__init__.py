"""The ``graphmodel`` command: a thin layer over ``graphmodel.api``.

Each command parses its arguments, calls one API function and formats the
result. A user mistake (a bad file, an unknown actor) prints one clear
message and exits with code 2, never a traceback. Heavy libraries are
imported inside the commands so that ``graphmodel --help`` is instant.
"""

from __future__ import annotations

import importlib
import sys

import click

from ..text import counted
from .common import (
    ACTOR,
    FILES,
    FORMAT,
    LIMIT,
    ORGANISATION,
    REGISTRY,
    SHEET,
    emit,
    limits_of,
    progress_shown,
    read,
    registry_of,
    say_replaced,
    user_errors,
    warn_unread_cells,
)


class LazyGroup(click.Group):
    """Subcommands that live in other modules are imported only when used (keeps --help fast)."""

    lazy = {
        "view": (
            "graphmodel.cli.view",
            "view",
            "Draw an interactive network view (plan, actors, ego) as one offline HTML file.",
        ),
        "neo4j": ("graphmodel.cli.neo4j", "neo4j", "Load plans into Neo4j and run the query library there."),
    }

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx, name):
        if name in self.lazy:
            module_name, attribute, _ = self.lazy[name]
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                return None
            return getattr(module, attribute)
        return super().get_command(ctx, name)

    def format_commands(self, ctx, formatter):
        rows = [
            (
                name,
                self.lazy[name][2]
                if name in self.lazy
                else click.Group.get_command(self, ctx, name).get_short_help_str(limit=70),
            )
            for name in self.list_commands(ctx)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphmodel")
def main() -> None:
    """See who does what, with whom, in Swedish action plans (handlingsplaner).

    Reads plans as CSV, XLSX or DOCX (columns Åtgärd, Ansvarig, Övriga aktörer,
    Pågående/planer, Område, Nivå), resolves the actors they name through
    an actor registry, and builds one graph of measures and actors.
    """


def plan_command(name: str | None = None, *, actor: bool = False, fmt: bool = True, options=()):
    """A subcommand over plan files: [ACTOR] FILES, its own options, [--format], --registry, --sheet, --limit,
    --organisation.

    User mistakes become one line and exit code 2 (``user_errors``).
    """

    def wrap(function):
        function = user_errors(function)
        for option in reversed((*options, *((FORMAT,) if fmt else ()), REGISTRY, SHEET, LIMIT, ORGANISATION)):
            function = option(function)
        function = FILES(function)
        if actor:
            function = ACTOR(function)
        return main.command(name)(function)

    return wrap


@plan_command()
def measures(files, fmt, registry_files, sheet, limits, organisation):
    """List every measure with its responsible actors, partners and status."""
    from ..analyse.listing import measures as list_measures
    from ..present.formats import MEASURE_COLUMNS, MEASURE_TABLE, render

    _, graph = read(files, registry_files, sheet, limits, organisation)
    emit(render(list_measures(graph), fmt, MEASURE_COLUMNS, title="Åtgärder", table_columns=MEASURE_TABLE))


@plan_command()
def actors(files, fmt, registry_files, sheet, limits, organisation):
    """List every actor with how many measures it owns and takes part in."""
    from ..analyse.listing import actors as list_actors
    from ..present.formats import ACTOR_COLUMNS, ACTOR_TABLE, render

    _, graph = read(files, registry_files, sheet, limits, organisation)
    emit(render(list_actors(graph), fmt, ACTOR_COLUMNS, title="Aktörer (? = okänd)", table_columns=ACTOR_TABLE))


@plan_command(
    options=(
        click.option(
            "--strict",
            is_flag=True,
            help="Exit with code 1 if any cell has a problem (interpretations to review alone do not fail).",
        ),
        click.option(
            "--all", "show_all", is_flag=True, help="In the table, list every cell, not only those to review."
        ),
    )
)
def check(files, fmt, registry_files, sheet, limits, organisation, strict, show_all):
    """Account for every non-empty cell: what it became, what could not be interpreted (problems),
    and what was read by a reading rule (interpretations to review)."""
    from collections import defaultdict

    from .. import api
    from ..present.exports import (
        INTERPRETATION_TABLE,
        LEDGER_COLUMNS,
        LEDGER_SHEET,
        PROBLEM_TABLE,
        ledger_rows,
        mark_interpretations,
    )
    from ..present.formats import flat, print_table, render

    plans, _ = read(files, registry_files, sheet, limits, organisation)
    rows = api.ledger(plans)
    bad, readings = api.to_review(rows)
    if fmt != "table":  # JSON says of each row whether its cell is an interpretation, as CSV's last column does
        emit(render(ledger_rows(mark_interpretations(rows)), fmt, LEDGER_COLUMNS))
    else:
        cells, problems, interpretations = defaultdict(set), defaultdict(int), defaultdict(int)
        for r in rows:
            cells[r["file"]].add(api.cell_of(r))
        for file, *_ in bad:
            problems[file] += 1
        for file, *_ in readings:
            interpretations[file] += 1
        for plan in plans:
            name = plan.info.file
            click.echo(
                f"{name}: {len(cells[name])} non-empty cells read in {len(plan.measures)} measures; "
                f"{problems[name] + interpretations[name]} to review: {_count(problems[name], 'cell')} with problems, "
                f"{_count(interpretations[name], 'interpretation')}."
            )
        if show_all:
            print_table(flat(ledger_rows(rows), LEDGER_SHEET), [c.heading for c in LEDGER_SHEET], title="Alla celler")
        else:  # a cell with a problem is listed once, with its problems and the rules read in it
            listed = [r for r in rows if r["problem"] or (r["rule"] and api.cell_of(r) in bad)]
            read_by_rule = [r for r in rows if r["rule"] and api.cell_of(r) in readings]
            for shown, columns, title in (
                (listed, PROBLEM_TABLE, "Att granska"),
                (read_by_rule, INTERPRETATION_TABLE, "Tolkningar att granska"),
            ):
                if shown:
                    print_table(flat(ledger_rows(shown), columns), [c.heading for c in columns], title=title)
    if strict and bad:
        sys.exit(1)


def _count(n: int, noun: str) -> str:
    """``3 cells``, ``1 interpretation``."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


NO_SUBUNITS = click.option("--no-subunits", is_flag=True, help="Count only the actor itself, not its units (PART_OF).")


@plan_command(
    "depends-on",
    actor=True,
    options=(
        NO_SUBUNITS,
        click.option("--mentions", is_flag=True, help="Also measures whose text names the actor, marked 'mention'."),
    ),
)
def depends_on(actor, files, no_subunits, mentions, fmt, registry_files, sheet, limits, organisation):
    """Which measures depend on ACTOR: it (or a unit of it) is responsible or partner."""
    from .. import api
    from ..analyse.questions import measures_depending_on
    from ..present.formats import DEPENDENCY_COLUMNS, DEPENDENCY_TABLE, render

    registry = registry_of(registry_files)
    graph = api.build_graph(api.read_plans(files, registry, sheet, limits_of(limits), organisation=organisation))
    actor = api.resolve_actor(graph, actor)
    rows = measures_depending_on(graph, actor, subunits=not no_subunits, mentions=mentions, registry=registry)
    emit(render(rows, fmt, DEPENDENCY_COLUMNS, title=f"Åtgärder som beror på {actor}", table_columns=DEPENDENCY_TABLE))


@plan_command("responsible-for", actor=True, options=(NO_SUBUNITS,))
def responsible_for_command(actor, files, no_subunits, fmt, registry_files, sheet, limits, organisation):
    """Which measures ACTOR (or a unit of it) is responsible for."""
    from ..analyse.questions import resolve_actor, responsible_for
    from ..present.formats import DEPENDENCY_COLUMNS, DEPENDENCY_TABLE, render

    _, graph = read(files, registry_files, sheet, limits, organisation)
    actor = resolve_actor(graph, actor)
    rows = responsible_for(graph, actor, subunits=not no_subunits)
    emit(render(rows, fmt, DEPENDENCY_COLUMNS, title=f"{actor} ansvarar för", table_columns=DEPENDENCY_TABLE))


@plan_command("works-with", actor=True)
def works_with_command(actor, files, fmt, registry_files, sheet, limits, organisation):
    """Which actors share measures with ACTOR, with the shared measures as evidence."""
    from ..analyse.questions import resolve_actor, works_with
    from ..present.formats import WORKS_WITH_COLUMNS, render

    _, graph = read(files, registry_files, sheet, limits, organisation)
    actor = resolve_actor(graph, actor)
    emit(render(works_with(graph, actor), fmt, WORKS_WITH_COLUMNS, title=f"{actor} samverkar med"))


@plan_command()
def overview(files, fmt, registry_files, sheet, limits, organisation):
    """Measures per plan, area and prevention level, and how many have an owner and partners."""
    from ..analyse.questions import overview as area_overview
    from ..present.formats import OVERVIEW_COLUMNS, render

    _, graph = read(files, registry_files, sheet, limits, organisation)
    emit(render(area_overview(graph), fmt, OVERVIEW_COLUMNS, title="Översikt per område och nivå"))


@plan_command()
def metrics(files, fmt, registry_files, sheet, limits, organisation):
    """Per actor: load (responsible, partner, share) and place in the collaboration network."""
    from ..analyse.metrics import actor_metrics
    from ..present.formats import METRIC_COLUMNS, render

    _, graph = read(files, registry_files, sheet, limits, organisation)
    emit(
        render(
            actor_metrics(graph), fmt, METRIC_COLUMNS, title="Aktörernas belastning", table_columns=METRIC_COLUMNS[:-1]
        )
    )


def _gap_settings(as_of, lang, overload_count, overload_share, partner_min):
    from ..analyse.gaps import GapSettings

    values = {"lang": lang}
    if as_of is not None:
        values["as_of"] = as_of.date()
    for name, value in (
        ("overload_count", overload_count),
        ("overload_share", overload_share),
        ("partner_min", partner_min),
    ):
        if value is not None:
            values[name] = value
    return GapSettings(**values)


def _kinds(ctx, param, value):
    from ..analyse.gaps import KINDS

    kinds = [k.strip() for k in (value or "").split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise click.BadParameter(
            f"unknown {'kind' if len(unknown) == 1 else 'kinds'} {', '.join(unknown)}; choose from {', '.join(KINDS)}"
        )
    return kinds


GAP_OPTIONS = (
    click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Date to judge due dates against (YYYY-MM-DD; default today).",
    ),
    click.option(
        "--lang",
        type=click.Choice(("sv", "en")),
        default="sv",
        show_default=True,
        help="Language of the findings' messages.",
    ),
    click.option(
        "--overload-count",
        type=click.IntRange(1),
        default=None,
        help="Overloaded: owns at least this many measures (default 5) ...",
    ),
    click.option(
        "--overload-share",
        type=click.FloatRange(0, 1),
        default=None,
        help="... and at least this share of the plan's measures (default 0.25).",
    ),
    click.option(
        "--partner-min",
        type=click.IntRange(1),
        default=None,
        help="Partner without ownership: partner in at least this many measures (default 2).",
    ),
)


def gap_options(command):
    for option in reversed(GAP_OPTIONS):
        command = option(command)
    return command


@plan_command(
    fmt=False,
    options=(
        click.option(
            "-o",
            "--out",
            "out",
            default="out",
            show_default=True,
            type=click.Path(file_okay=False),
            help="Folder to write into (created if missing).",
        ),
        gap_options,
    ),
)
def report(
    files, out, as_of, lang, overload_count, overload_share, partner_min, registry_files, sheet, limits, organisation
):
    """The main job: the report page, gap findings, the graph and the listings, written to a folder."""
    from .. import api
    from ..background import can_fork

    with progress_shown() as progress:
        result = api.report(
            files,
            out,
            registry_of(registry_files),
            sheet,
            _gap_settings(as_of, lang, overload_count, overload_share, partner_min),
            limits_of(limits),
            inputs=registry_files,
            fork=can_fork(),
            progress=progress,
            organisation=organisation,
        )
    click.echo(
        f"Read {counted(result.plans, 'plan')}: {counted(result.measures, 'measure')},"
        f" {counted(result.actors, 'actor')} ({result.unknown_actors} unknown),"
        f" {counted(result.problems + result.interpretations, 'cell')} to review: {result.problems} with problems,"
        f" {counted(result.interpretations, 'interpretation')} (see check.csv)."
    )
    click.echo(
        f"Found {counted(result.findings, 'gap finding')}, {result.high_findings} of high severity (see report.html)."
    )
    click.echo("Wrote:")
    for path in result.written:
        click.echo(f"  {path}")
    say_replaced(result.replaced)


@main.command()
@click.argument("file", type=click.Path())
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="The workbook to write (.xlsx); an existing one is replaced, the plan itself never.",
)
@LIMIT
@user_errors
def extract(file, out, limits):
    """Write a plan's table as read into a workbook, to correct in Excel.

    From a Word document or a PDF above all (a CSV or XLSX plan works too); read the corrected workbook
    instead of the document: read as it is, it is the same plan.

    The sheet 'Plan' holds the title, the plan's columns and every row read, with where each row is in
    the document in the column 'Källa'; the sheet 'Ej inlästa rader' the rows not read as the plan's.
    The plan's .plan.toml is copied beside the workbook.
    """
    import re
    import shlex

    from .. import api

    result = api.extract(file, out, limits_of(limits))
    tables = f" from {_count(result.tables, 'table')}" if result.tables else ""
    click.echo(
        f"Wrote {result.written}: {_count(result.rows, 'row')}{tables} ({_count(result.measures, 'measure')})"
        + (
            f"; {_count(result.left_out, 'row')} not read as the plan's (header rows, text above a table) are on "
            "the sheet 'Ej inlästa rader'."
            if result.left_out
            else "."
        )
    )
    if result.metadata is not None:
        click.echo(
            f"Copied the plan's metadata to {result.metadata}."
            if result.metadata_copied
            else f"The metadata in {result.metadata} is read with it."
        )
    shown = str(result.written)
    if not re.fullmatch(r"[\w@%+=:,./-]+", shown):  # quoted for the shell only when it must be ("rättad" need not)
        shown = shlex.quote(shown)
    click.echo(f"Correct it in Excel, then: graphmodel check {shown} && graphmodel report {shown}")
    say_replaced(result.replaced)


@plan_command(
    options=(
        gap_options,
        click.option(
            "--fail-on",
            callback=_kinds,
            default="",
            help="Comma-separated finding kinds that make the command exit 1, e.g. unassigned,vague-owner.",
        ),
    )
)
def gaps(
    files,
    as_of,
    lang,
    overload_count,
    overload_share,
    partner_min,
    fail_on,
    fmt,
    registry_files,
    sheet,
    limits,
    organisation,
):
    """Gap analysis: unowned and vaguely owned measures, overload, single points of failure, dates."""
    from ..analyse.gaps import find_gaps
    from ..present.formats import FINDING_COLUMNS, FINDING_TABLE, render

    plans, graph = read(files, registry_files, sheet, limits, organisation)
    findings = find_gaps(graph, _gap_settings(as_of, lang, overload_count, overload_share, partner_min))
    warn_unread_cells(plans)
    emit(render(findings, fmt, FINDING_COLUMNS, title="Brister i planen", table_columns=FINDING_TABLE))
    if any(f["kind"] in fail_on for f in findings):
        sys.exit(1)


@plan_command("what-if", actor=True)
def what_if_command(actor, files, fmt, registry_files, sheet, limits, organisation):
    """What falls if ACTOR drops out: measures left without owner, collaborations cut."""
    from ..analyse.gaps import what_if
    from ..analyse.questions import resolve_actor
    from ..present.formats import Column, render, to_json

    _, graph = read(files, registry_files, sheet, limits, organisation)
    result = what_if(graph, resolve_actor(graph, actor))
    if fmt == "json":
        emit(to_json(result))
        return
    columns = (
        Column("measure", lambda r: r["text"]),
        Column("owners today", lambda r: "; ".join(r["owners"])),
        Column("source", lambda r: f"{r['file']}:{r['row']}"),
    )
    emit(
        render(
            result["measures_losing_owner"],
            fmt,
            columns,
            title=f"Om {', '.join(result['actor'])} faller bort står dessa åtgärder utan egentlig ansvarig",
        )
    )
    if fmt == "table":
        if result["separated_groups"]:
            click.echo(
                "Samverkan som bryts (grupper som bara hänger ihop via aktören): "
                + " | ".join(", ".join(g) for g in result["separated_groups"])
            )
        if result["only_connected_through_it"]:
            click.echo("Aktörer som bara samverkar via aktören: " + ", ".join(result["only_connected_through_it"]))


if __name__ == "__main__":  # pragma: no cover
    main()
