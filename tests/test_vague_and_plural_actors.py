"""Issue 11, classes 5 and 4: is a vague or plural actor read as the group or slot it names?

"berörda enheter", "respektive förvaltning" or "myndigheter" name nobody in
particular: when the registry does not know such a phrase it is still a
collective or a placeholder by its form, never a real owner, and no longer an
unknown actor. "två fältsekreterare", "kuratorerna" and "rektorerna" name a
role the registry knows, so a role written three ways is one node; a plural of
a body class ("nämnderna") is a group of bodies, never the plan's own body.

Every expected reading below was written from the Swedish before running.
"""

from __future__ import annotations

import pytest

from graphmodel.analyse.gaps import find_gaps
from graphmodel.build import build_graph
from graphmodel.model import NOT_REAL_OWNER_KINDS
from graphmodel.read.plans import read_plan
from graphmodel.registry import vague_by_form

ORG = "norrby"


def plan_of(tmp_path, rows, name="norrby.csv"):
    """A small plan: one measure per (owner cell, partner cell) row."""
    from graphmodel.read.registry_file import read_registry

    lines = ["Åtgärd;Ansvarig;Övriga aktörer"]
    lines += [f"Åtgärd {i};{owner};{partners}" for i, (owner, partners) in enumerate(rows, 1)]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_plan(path, read_registry())


def owner(plan, row=1):
    [ref] = plan.measures[row - 1].responsible
    return ref, plan.actors[ref.id]


def ledger_of(plan, text):
    columns = ("Ansvarig", "Övriga aktörer")
    return [i for i in plan.ledger if i.column in columns and (i.part == text or i.part is None and i.text == text)]


def actor_problems(plan):
    return [i for i in plan.ledger if i.problem and i.column in ("Ansvarig", "Övriga aktörer")]


# -- 1. vague by form --------------------------------------------------------------------------

COLLECTIVES = [
    "alla skolor",
    "samtliga enheter",
    "varje skola",
    "varje enhet",
    "aktuella verksamheter",
    "olika aktörer",
    "flera förvaltningar",
    "berörda myndigheter i länet",
    "alla aktörer",
    "myndigheter",
    "organisationer",
    "aktörer",
    "enheter",
    "instanser",
    "myndigheterna",
    "nämnderna",
    "stadsdelsnämnderna",
    "förvaltningarna",
    "stadsdelsförvaltningarna",
    "socialnämnderna",
    "kommunerna",
    "två myndigheter",
    "samtliga rektorer",  # the class quantified: a group, as the registry's "samtliga enhetschefer"
    "några socialsekreterare",
]
PLACEHOLDERS = [
    "respektive förvaltning",
    "respektive nämnd",
    "ansvarig förvaltning",
    "ansvarig enhet",
    "ansvariga nämnder",
    "de som berörs",
    "de som är berörda",
    "den som äger frågan",
    "utsedd kontaktperson",
]


@pytest.mark.parametrize("phrase", COLLECTIVES)
def test_is_a_group_named_by_its_form_a_collective(phrase):
    assert vague_by_form(phrase)[0] == "collective"


@pytest.mark.parametrize("phrase", PLACEHOLDERS)
def test_is_a_slot_to_fill_named_by_its_form_a_placeholder(phrase):
    assert vague_by_form(phrase)[0] == "placeholder"


@pytest.mark.parametrize(
    "phrase",
    [
        "Alla kvinnors hus",  # a real association: "alla" + a name that is no plural
        "Polisen",
        "Fryshuset",
        "Föreningen Trygga barnen",
        "Socialtjänsten",
        "stadsdelsdirektör",
        "Kvinnojouren Andra chansen",
        "var",
        "",
    ],
)
def test_does_a_name_that_only_looks_like_a_group_stay_a_name(phrase):
    assert vague_by_form(phrase) is None


@pytest.mark.parametrize(
    "cell, kind",
    [
        ("alla skolor", "collective"),
        ("Aktuella verksamheter", "collective"),
        ("myndigheter", "collective"),
        ("organisationer", "collective"),
        ("aktörer", "collective"),
        ("Respektive förvaltning", "placeholder"),
        ("ansvarig förvaltning", "placeholder"),
        ("De som berörs", "placeholder"),
    ],
)
def test_does_an_unknown_vague_owner_stay_in_the_graph_as_written_but_not_unknown(tmp_path, cell, kind):
    plan = plan_of(tmp_path, [(cell, "")])
    ref, actor = owner(plan)
    assert (ref.kind, actor.kind, ref.unknown, actor.unknown) == (kind, kind, False, False)
    assert actor.name == cell and actor.suggestions == ()
    assert actor.id.startswith(f"{ORG}/")
    [note] = ledger_of(plan, cell)
    assert note.problem is None  # not an unknown-actor problem any more ...
    # ... but listed by `check --all`, with the rule that fired, and its kind in its id
    assert note.became.startswith(f"{kind} by form: ") and note.became.endswith(f" → {cell} ({actor.id})")
    assert actor.id.startswith(f"{ORG}/{kind}-by-form-")


def test_does_the_registry_say_which_rule_fired(registry):
    assert registry.lookup("alla skolor").note == "collective by form: alla …"
    assert registry.lookup("Respektive  nämnd").note == "placeholder by form: respektive …"
    assert registry.lookup("de som berörs").note == "placeholder by form: de som …"
    assert registry.lookup("stadsdelsnämnderna").note == "collective by form: plural …stadsdelsnämnderna"
    assert registry.lookup("Respektive  nämnd").name == "Respektive nämnd"


def test_does_a_vague_phrase_never_split_a_cell_differently(registry):
    assert not registry.knows("alla skolor")  # the splitter only trusts names the registry has
    assert "alla skolor" not in registry


def test_do_vague_phrases_the_registry_knows_keep_the_registry_reading(tmp_path):
    plan = plan_of(tmp_path, [("berörda enheter", "andra aktörer"), ("alla förvaltningar", "övriga efter behov")])
    assert [(r.name, r.kind) for m in plan.measures for r in (*m.responsible, *m.partners)] == [
        ("Berörda verksamheter", "collective"),
        ("Andra aktörer", "placeholder"),
        ("Kommunens förvaltningar", "collective"),
        ("Övriga efter behov", "placeholder"),
    ]
    assert not actor_problems(plan)


def test_is_the_same_vague_phrase_in_two_cells_one_node(tmp_path):
    plan = plan_of(tmp_path, [("alla skolor", ""), ("Polisen, alla skolor", "alla skolor")])
    ids = {r.id for m in plan.measures for r in (*m.responsible, *m.partners) if r.name == "alla skolor"}
    assert len(ids) == 1


def test_is_a_truly_unknown_actor_still_reported(tmp_path):
    plan = plan_of(tmp_path, [("Kvarterscentrum Blåsut", "")])
    ref, actor = owner(plan)
    assert ref.unknown and actor.kind == "unknown"
    assert [i.problem for i in ledger_of(plan, "Kvarterscentrum Blåsut")] == ["unknown-actor"]


def test_is_a_measure_owned_only_by_berorda_enheter_a_vague_owner_and_no_single_point_of_failure(tmp_path):
    plan = plan_of(tmp_path, [("berörda enheter", "")] * 3 + [("Polisen", "")])
    found = find_gaps(build_graph([plan]))
    about_it = [f["kind"] for f in found if f"{ORG}/berorda-verksamheter" in f["actor_ids"]]
    assert about_it == ["vague-owner"] * 3


@pytest.mark.parametrize("cell", ["aktuella verksamheter", "respektive förvaltning", "myndigheter", "de som berörs"])
def test_does_an_unknown_vague_owner_give_vague_owner_not_single_point_of_failure(tmp_path, cell):
    plan = plan_of(tmp_path, [(cell, "")] * 4 + [("Polisen", "")])
    [vague_id] = [a.id for a in plan.actors.values() if a.name == cell]
    assert plan.actors[vague_id].kind in NOT_REAL_OWNER_KINDS
    found = find_gaps(build_graph([plan]))
    assert [f["kind"] for f in found].count("vague-owner") == 4
    about_it = [f["kind"] for f in found if vague_id in f["actor_ids"]]
    assert about_it == ["vague-owner"] * 4  # not single-point-of-failure, overloaded or unknown


def test_does_a_vague_owner_beside_a_real_one_leave_the_measure_owned(tmp_path):
    plan = plan_of(tmp_path, [("Polisen och aktuella verksamheter", "")])
    found = find_gaps(build_graph([plan]))
    assert "vague-owner" not in [f["kind"] for f in found]


# -- 2. plurals, counts and classes ------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, name, remark",
    [
        ("fältassistenterna", "Fältassistenter", None),
        ("fältassistent", "Fältassistenter", None),
        ("Fältassistenter", "Fältassistenter", None),
        ("två fältsekreterare", "Fältassistenter", "två"),
        ("fältsekreterarna", "Fältassistenter", None),
        ("2 fältassistenter", "Fältassistenter", "2"),
        ("kuratorerna", "Skolkurator", None),
        ("tre kuratorer", "Skolkurator", "tre"),
        ("rektorerna", "Rektor", None),
        ("skolorna i området", "Skolan", "i området"),
        ("samordnarna", "Preventionssamordnare", None),
        ("en socialsekreterare", "Socialsekreterare", "en"),
        ("3 kuratorer i stadsdelen", "Skolkurator", "3; i stadsdelen"),
    ],
)
def test_does_a_plural_or_counted_role_resolve_to_the_registry_role(tmp_path, cell, name, remark):
    plan = plan_of(tmp_path, [(cell, "")])
    ref, actor = owner(plan)
    assert (ref.name, ref.unknown, ref.remark) == (name, False, remark)
    assert ref.text == cell
    assert not actor_problems(plan)


def test_is_a_role_written_three_ways_one_node(tmp_path):
    plan = plan_of(tmp_path, [("fältassistenterna", ""), ("två fältsekreterare", ""), ("Fältassistent", "")])
    assert len({r.id for m in plan.measures for r in m.responsible}) == 1


@pytest.mark.parametrize(
    "cell", ["nämnderna", "stadsdelsnämnderna", "förvaltningarna", "stadsdelsförvaltningarna", "kommunerna"]
)
def test_is_a_plural_of_a_body_class_a_collective_never_the_plans_own_body(tmp_path, cell):
    plan = plan_of(tmp_path, [(cell, "")])
    ref, actor = owner(plan)
    assert actor.kind == "collective" and not actor.unknown
    assert ref.id != plan.info.organisation
    assert actor.name == cell


def test_do_the_singular_bodies_still_resolve_as_before(tmp_path):
    plan = plan_of(tmp_path, [("stadsdelsnämnden", ""), ("förvaltningen", ""), ("socialnämnden", "")])
    names = [owner(plan, i)[0].name for i in (1, 2, 3)]
    assert names == ["Stadsdelsnämnden", plan.info.organisation_name, "Socialnämnden"]


def test_do_a_count_and_a_parenthesis_both_stay_as_remarks(tmp_path):
    plan = plan_of(tmp_path, [("två fältsekreterare (heltid)", "")])
    ref, _ = owner(plan)
    assert ref.name == "Fältassistenter"
    assert ref.remark == "heltid; två"
