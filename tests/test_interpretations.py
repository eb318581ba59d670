"""Readings that are more than one direct registry match are shown, never silent (issue 11)."""

from __future__ import annotations

import dataclasses

from graphmodel.read.plans import parse_plan, read_plan_info
from graphmodel.read.tables import parse_csv_text


def _plan(text: str, registry, year: int | None = None):
    info = read_plan_info("norrby.csv")
    if year is not None:
        info = dataclasses.replace(info, year=year)
    return parse_plan(parse_csv_text(text, "norrby.csv"), info, registry)


def test_two_parts_of_a_cell_naming_one_actor_are_listed_not_merged_silently(registry):
    plan = _plan("Åtgärd;Övriga aktörer\nSamverkan;Polisen, polis\n", registry)
    assert [a.name for a in plan.measures[0].partners] == ["Polisen"]
    [merged] = [i for i in plan.ledger if i.problem == "parts-merged"]
    assert merged.part == "polis" and "'Polisen'" in merged.became


def test_one_mention_of_an_actor_is_no_merge(registry):
    plan = _plan("Åtgärd;Övriga aktörer\nSamverkan;Polisen, Socialtjänsten\n", registry)
    assert not [i for i in plan.ledger if i.problem == "parts-merged"]


def test_a_group_named_by_its_form_says_which_rule_made_it_a_collective(registry):
    plan = _plan("Åtgärd;Ansvarig\nSamverkan;alla skolor\n", registry)
    [owner] = plan.measures[0].responsible
    assert owner.kind == "collective"
    [note] = [i for i in plan.ledger if i.column == "Ansvarig"]
    assert note.became.startswith("collective by form") and note.problem is None


def test_a_month_without_a_year_takes_the_plan_s_year(registry):
    plan = _plan("Åtgärd;Pågående/planer\nSamverkan;maj–juni\n", registry, year=2019)
    status = plan.measures[0].status
    assert (status.start, status.due) == ("2019-05", "2019-06")
