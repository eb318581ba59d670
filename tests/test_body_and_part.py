"""A body written before a part of its own names that part (issue 11, rules ``body-and-part``, ``role-at-unit``)."""

from __future__ import annotations

from graphmodel.read.plans import parse_plan, read_plan_info
from graphmodel.read.tables import parse_csv_text


def read(cell: str, registry):
    table = parse_csv_text(f"Åtgärd;Ansvarig\nSamverkan;{cell}\n", "plan.csv")
    plan = parse_plan(table, read_plan_info("plan.csv", "Sundhamns kommun"), registry)
    return plan.measures[0].responsible, [i for i in plan.ledger if i.column == "Ansvarig"]


def test_is_polisen_lpo_landskrona_the_local_police_area_with_its_place_as_a_remark(registry):
    [ref], [note] = read("Polisen LPO Landskrona", registry)
    assert (ref.id, ref.remark) == ("sundhamns-kommun/lokalpolisomradet", "Landskrona")
    assert note.rule == "body-and-part, place" and note.problem is None


def test_is_the_plans_own_organisation_before_a_unit_still_two_actors(registry):
    refs, _ = read("Stadsdelsförvaltningen Fältgruppen", registry)
    assert len(refs) == 2


def test_is_a_role_before_a_unit_in_small_letters_the_role_at_that_unit(registry):
    [ref], [note] = read("Enhetschefer barn och unga", registry)
    assert ref.id == "sundhamns-kommun/enhetschef@barn-och-unga" and ref.name == "Enhetschef (Barn och unga)"
    assert "role-at-unit" in note.rule
