"""``graphmodel view``: one interactive network view as one offline HTML file."""

from __future__ import annotations

import click

from .common import FILES, LIMIT, ORGANISATION, REGISTRY, SHEET, complete_actor, read, say_replaced, user_errors


@click.command()
@FILES
@click.option(
    "--actor",
    default=None,
    shell_complete=complete_actor,
    help="Draw the ego view of this actor (name, alias or id): its measures and who else is on them.",
)
@click.option(
    "--kind",
    type=click.Choice(("plan", "actors")),
    default="plan",
    show_default=True,
    help="plan: measures and actors; actors: who works with whom. Ignored with --actor.",
)
@click.option(
    "--gaps/--no-gaps",
    default=True,
    show_default=True,
    help="Highlight gaps (unassigned and vaguely owned measures, overloaded actors, single points of failure).",
)
@click.option("--lang", type=click.Choice(("sv", "en")), default="sv", show_default=True, help="Language of the page.")
@click.option("--no-subunits", is_flag=True, help="With --actor: only the actor itself, not its units (PART_OF).")
@click.option(
    "-o",
    "--out",
    "out",
    default="view.html",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The HTML file to write.",
)
@REGISTRY
@SHEET
@LIMIT
@ORGANISATION
@user_errors
def view(files, actor, kind, gaps, lang, no_subunits, out, registry_files, sheet, limits, organisation):
    """Draw an interactive network view (plan, actors, ego) as one offline HTML file.

    The page needs no internet and no installation: open it in any browser,
    or send it by e-mail. It has a search box, filters by area, level,
    status and actor kind, a legend, and the same content as a table.
    """
    from ..api import input_files
    from ..outputs import write_file
    from ..viz import actor_view, ego_view, plan_view, render

    _, graph = read(files, registry_files, sheet, limits, organisation)
    if actor is not None:  # an unknown or ambiguous name stops before the gap analysis
        from ..analyse.questions import resolve_actor

        actor = resolve_actor(graph, actor)
    findings = None
    if gaps:
        from ..analyse.gaps import GapSettings, find_gaps

        findings = find_gaps(graph, GapSettings(lang=lang))
    if actor is not None:
        built = ego_view(graph, actor, findings, lang, subunits=not no_subunits)
    elif kind == "actors":
        built = actor_view(graph, findings, lang)
    else:
        built = plan_view(graph, findings, lang)
    html = render(built)
    path, replaced = write_file(
        out,
        lambda temporary: temporary.write_text(html, encoding="utf-8", newline="\n"),
        [*input_files(files), *registry_files],
    )
    click.echo(
        f"Wrote {path} ({sum(n['type'] == 'measure' for n in built.nodes)} measures, "
        f"{sum(n['type'] == 'actor' for n in built.nodes)} actors, {len(built.edges)} links)."
    )
    say_replaced(replaced)
