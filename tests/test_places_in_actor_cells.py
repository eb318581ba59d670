"""A place written after an actor says where it acts, not who it is (issue 11, rule ``place``)."""

from __future__ import annotations

import pytest

from graphmodel.read.plans import parse_plan, read_plan_info
from graphmodel.read.tables import parse_csv_text


def read(cell: str, registry, organisation: str = "Vretby stadsdelsförvaltning"):
    table = parse_csv_text(f"Åtgärd;Ansvarig\nSamverkan;{cell}\n", "plan.csv")
    plan = parse_plan(table, read_plan_info("plan.csv", organisation), registry)
    notes = [i for i in plan.ledger if i.column == "Ansvarig"]
    return plan.measures[0].responsible, notes


@pytest.mark.parametrize(
    ("cell", "actor", "place"),
    [
        ("Polisen i Lycksele", "vretby-stadsdelsforvaltning/lokalpolisomradet", "i Lycksele"),
        ("Arbetsförmedlingen i Malmö", "arbetsformedlingen", "i Malmö"),
        ("Socialtjänsten i respektive kommun", "vretby-stadsdelsforvaltning/socialtjansten", "i respektive kommun"),
        ("HR-enheten i respektive kommun", "vretby-stadsdelsforvaltning/hr-avdelningen", "i respektive kommun"),
        ("Rektor på respektive skola", "vretby-stadsdelsforvaltning/rektor", "på respektive skola"),
    ],
)
def test_is_an_actor_followed_by_where_it_acts_that_actor_with_the_place_as_a_remark(registry, cell, actor, place):
    [ref], [note] = read(cell, registry)
    assert (ref.id, ref.remark, ref.text) == (actor, place, cell)
    assert note.rule == "place" and note.problem is None


def test_is_a_local_association_named_after_its_place_kept_whole_as_a_name_of_its_own(registry):
    [ref], [note] = read("Föräldranätverket i Vretby", registry)
    assert ref.unknown and ref.name == "Föräldranätverket i Vretby"
    assert note.problem == "unknown-actor"


def test_is_a_place_in_capitals_no_place(registry):
    [ref], _ = read("Polisen i NOA", registry)
    assert ref.remark is None
