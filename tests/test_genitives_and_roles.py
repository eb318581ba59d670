"""Issue 11: is a role or unit *of* a body one actor, and does every reading say which rule made it?

"skolans kurator" is the school's counsellor, one actor part of the school, never the school plus a
counsellor; "Rektor Sjöängsskolan" is the head of that school; "rektorerna för grundskolan och
gymnasiet" are the head of each. Such an actor is a composite: id ``<org>/<role id>@<body id>``
(``@unknown-<slug>`` for a body the registry does not know), name ``"<Role> (<Body>)"``, the role's
kind, organisation scope, parent the body. When the body is the plan's own organisation, or already
above the role in the registry, the actor is the registry's role itself.

The registry here is small and built in the test, so the readings do not depend on data/actors.csv.
Every expected reading below was written from the Swedish before running.
"""

from __future__ import annotations

import pytest

from graphmodel.read.phrases import ActorPhrase, split_actor_cell
from graphmodel.read.plans import parse_plan, read_plan_info
from graphmodel.read.tables import parse_csv_text
from graphmodel.registry import Registry, RegistryEntry

ORG = "norrby-kommun"


def _entry(entry_id, name, kind, scope="organisation", parent=None, *aliases):
    return RegistryEntry(entry_id, name, kind, scope, parent, tuple(aliases))


REGISTRY = Registry(
    [
        _entry(
            "organisation",
            "Den egna organisationen",
            "municipal-unit",
            "organisation",
            None,
            "kommunen",
            "kommun",
            "förvaltningen",
            "förvaltning",
            "stadsdelen",
        ),
        _entry("polisen", "Polisen", "police", "national", None, "polis"),
        _entry("bup", "Barn- och ungdomspsykiatrin", "region", "national", None, "BUP"),
        _entry("stadsmissionen", "Stadsmissionen", "civil-society", "national"),
        _entry("fryshuset", "Fryshuset", "civil-society", "national"),
        _entry("exit", "Exit Fryshuset", "civil-society", "national", "fryshuset", "Exit"),
        _entry("skolan", "Skolan", "municipal-unit", "organisation", "organisation", "skola", "skolor"),
        _entry("grundskolan", "Grundskolan", "municipal-unit", "organisation", "skolan", "grundskola"),
        _entry("gymnasieskolan", "Gymnasieskolan", "municipal-unit", "organisation", "skolan", "gymnasiet"),
        _entry("forskolan", "Förskolan", "municipal-unit", "organisation", "organisation", "förskola"),
        _entry("fritid", "Fritidsverksamheten", "municipal-unit", "organisation", "organisation", "fritid"),
        _entry("fritidsgarden", "Fritidsgården", "municipal-unit", "organisation", "fritid"),
        _entry("socialtjansten", "Socialtjänsten", "municipal-unit", "organisation", "organisation", "socialtjänst"),
        _entry("faltgruppen", "Fältgruppen", "municipal-unit", "organisation", "socialtjansten", "fältgrupp"),
        _entry("socialnamnden", "Socialnämnden", "political-body", "organisation", "organisation"),
        _entry("hr", "HR-avdelningen", "municipal-unit", "organisation", "organisation", "HR-avdelning"),
        _entry("kurator", "Kurator", "role"),
        _entry("rektor", "Rektor", "role", "organisation", "skolan"),
        _entry("chef", "Chef", "role"),
        _entry("forskolechef", "Förskolechef", "role", "organisation", "forskolan"),
        _entry("ordforande", "Ordförande", "role"),
        _entry("sakerhetssamordnare", "Säkerhetssamordnare", "role", "organisation", "organisation"),
        _entry("kontaktperson", "Kontaktperson", "role"),
        _entry("verksamhetschef", "Verksamhetschef", "role"),
        _entry("enhetschef", "Enhetschef", "role"),
        _entry("faltassistent", "Fältassistent", "role", "organisation", "socialtjansten"),
        _entry("samordnare", "Samordnare", "role", "organisation", "organisation"),
        _entry("medarbetare", "Medarbetare", "collective", "organisation", "organisation", "personal"),
        _entry("kulturnamnden", "Kulturnämnden", "political-body"),
        _entry("idrottsnamnden", "Idrottsnämnden", "political-body"),
        _entry("arbetsmarknadsnamnden", "Arbetsmarknadsnämnden", "political-body"),
    ]
)


def plan_of(*cells: str, column: str = "Ansvarig"):
    """A plan of Norrby kommun with one measure per cell."""
    lines = [f"Åtgärd;{column}", *(f"Åtgärd {i};{cell}" for i, cell in enumerate(cells, 1))]
    info = read_plan_info("norrby.csv", "Norrby kommun")
    return parse_plan(parse_csv_text("\n".join(lines) + "\n", "norrby.csv"), info, REGISTRY)


def actors_of(cell: str, column: str = "Ansvarig"):
    plan = plan_of(cell, column=column)
    measure = plan.measures[0]
    refs = measure.responsible if column == "Ansvarig" else measure.partners
    return plan, [plan.actors[ref.id] for ref in refs]


def notes_of(plan, column: str = "Ansvarig"):
    return [i for i in plan.ledger if i.column == column]


def phrases(cell: str, registry=REGISTRY) -> list[ActorPhrase]:
    return split_actor_cell(cell, registry)


# -- 1. genitives -----------------------------------------------------------------------------


def test_skolans_kurator_is_one_actor_of_the_school():
    [phrase] = phrases("skolans kurator")
    assert (phrase.name, phrase.unit, phrase.rules) == ("kurator", "skolan", ("genitive",))
    plan, [actor] = actors_of("skolans kurator")
    assert (actor.id, actor.name, actor.kind, actor.scope) == (
        f"{ORG}/kurator@skolan",
        "Kurator (Skolan)",
        "role",
        "organisation",
    )
    assert actor.parent == f"{ORG}/skolan" and plan.actors[actor.parent].name == "Skolan"
    assert actor.organisation == ORG and not actor.unknown


def test_skolans_kurator_is_noted_in_the_ledger_with_the_rule_and_the_body_it_is_part_of():
    plan, _ = actors_of("skolans kurator")
    [note] = notes_of(plan)
    assert note.became == f"genitive: skolans kurator → Kurator (Skolan) ({ORG}/kurator@skolan), part of Skolan"
    assert note.rule == "genitive" and note.problem is None


def test_skolans_kurator_is_never_the_school_plus_a_counsellor_nor_the_plans_own_organisation():
    _, actors = actors_of("skolans kurator")
    assert [a.id for a in actors] == [f"{ORG}/kurator@skolan"]
    assert ORG not in [a.id for a in actors]


def test_the_same_counsellor_named_twice_in_one_plan_is_one_node():
    plan = plan_of("skolans kurator", "Skolans kurator", "skolans kurator vid behov")
    ids = {ref.id for m in plan.measures for ref in m.responsible}
    assert ids == {f"{ORG}/kurator@skolan"}
    assert len([a for a in plan.actors if "kurator" in a]) == 1


def test_a_genitive_of_a_national_body_is_part_of_that_national_actor_and_national_itself():
    plan, [actor] = actors_of("polisens kontaktperson")
    assert (actor.id, actor.name, actor.parent) == ("kontaktperson@polisen", "Kontaktperson (Polisen)", "polisen")
    assert (actor.scope, actor.organisation) == ("national", None)  # one node in every plan
    assert plan.actors["polisen"].scope == "national"


def test_is_the_police_contact_one_node_in_two_municipalities_plans():
    ids = set()
    for organisation in ("Norrby kommun", "Hagaby kommun"):
        info = read_plan_info("plan.csv", organisation)
        text = "Åtgärd;Ansvarig\nSamverkan;Polisens kontaktperson\n"
        plan = parse_plan(parse_csv_text(text, "plan.csv"), info, REGISTRY)
        ids |= {ref.id for ref in plan.measures[0].responsible}
    assert ids == {"kontaktperson@polisen"}


def test_a_genitive_written_with_a_colon_reads_the_same():
    _, [actor] = actors_of("BUP:s kurator")
    assert (actor.id, actor.name, actor.parent) == (
        "kurator@bup",
        "Kurator (Barn- och ungdomspsykiatrin)",
        "bup",
    )


def test_socialnamndens_ordforande_is_the_chair_of_that_board():
    _, [actor] = actors_of("Socialnämndens ordförande")
    assert (actor.name, actor.parent) == ("Ordförande (Socialnämnden)", f"{ORG}/socialnamnden")


def test_socialtjanstens_faltgrupp_is_the_registry_unit_because_the_registry_puts_it_under_socialtjansten():
    [phrase] = phrases("socialtjänstens fältgrupp")
    assert phrase.rules == ("genitive",)
    plan, [actor] = actors_of("socialtjänstens fältgrupp")
    assert (actor.id, actor.name, actor.parent) == (f"{ORG}/faltgruppen", "Fältgruppen", f"{ORG}/socialtjansten")
    [note] = notes_of(plan)
    assert (
        note.became == f"genitive: socialtjänstens fältgrupp → Fältgruppen ({ORG}/faltgruppen), part of Socialtjänsten"
    )


def test_a_role_whose_registry_parent_is_further_up_is_the_registry_role_too():
    _, [actor] = actors_of("skolans rektor")  # Rektor's parent is Skolan
    assert actor.id == f"{ORG}/rektor"


@pytest.mark.parametrize("owner", ["kommunens", "förvaltningens", "stadsdelens", "Kommunens"])
def test_the_plans_own_organisation_in_the_genitive_is_just_the_role(owner):
    plan, [actor] = actors_of(f"{owner} säkerhetssamordnare")
    assert (actor.id, actor.name, actor.parent) == (f"{ORG}/sakerhetssamordnare", "Säkerhetssamordnare", ORG)
    [note] = notes_of(plan)
    assert note.rule == "genitive" and "part of" not in note.became


def test_forvaltningens_hr_avdelning_is_the_organisations_own_hr_unit():
    _, [actor] = actors_of("förvaltningens HR-avdelning")
    assert actor.id == f"{ORG}/hr"


def test_a_genitive_of_a_known_body_before_an_unknown_role_is_one_unknown_actor_as_written():
    [phrase] = phrases("skolans rastvakt")
    assert (phrase.name, phrase.unit, phrase.rules) == ("skolans rastvakt", None, ())
    plan, [actor] = actors_of("skolans rastvakt")
    assert actor.unknown and actor.name == "skolans rastvakt"
    [note] = notes_of(plan)
    assert note.problem == "unknown-actor"


def test_nämndens_ordförande_is_the_chair_because_nämnden_names_no_particular_board():
    [phrase] = phrases("nämndens ordförande")  # the registry knows no "nämnden": a body class, no body
    assert (phrase.name, phrase.unit, phrase.rules) == ("ordförande", None, ("genitive",))
    plan, [actor] = actors_of("nämndens ordförande")
    assert actor.id == f"{ORG}/ordforande"
    [note] = notes_of(plan)
    assert note.rule == "genitive" and note.problem is None


def row_of(responsible: str, partners: str):
    info = read_plan_info("norrby.csv", "Norrby kommun")
    text = f"Åtgärd;Ansvarig;Övriga aktörer\nSamråd;{responsible};{partners}\n"
    plan = parse_plan(parse_csv_text(text, "norrby.csv"), info, REGISTRY)
    return plan, plan.measures[0]


def test_nämndens_ordförande_is_the_chair_of_the_board_its_row_names():
    plan, measure = row_of("Kulturnämnden", "nämndens ordförande, Polisen")
    assert [ref.id for ref in measure.partners] == [f"{ORG}/ordforande@kulturnamnden", "polisen"]
    chair = plan.actors[f"{ORG}/ordforande@kulturnamnden"]
    assert (chair.name, chair.parent, chair.kind) == ("Ordförande (Kulturnämnden)", f"{ORG}/kulturnamnden", "role")
    [note] = [i for i in plan.ledger if i.became.startswith("genitive read in its row")]
    assert (note.part, note.rule, note.column) == ("nämndens ordförande", "genitive", "Övriga aktörer")


def test_nämndens_ordförande_stays_the_chair_when_the_row_names_no_board_or_two():
    for responsible in ("Polisen", "Kulturnämnden, Idrottsnämnden"):
        _, measure = row_of(responsible, "nämndens ordförande")
        assert [ref.id for ref in measure.partners] == [f"{ORG}/ordforande"], responsible


def test_the_same_cell_in_another_row_is_read_in_that_row():
    info = read_plan_info("norrby.csv", "Norrby kommun")
    text = (
        "Åtgärd;Ansvarig;Övriga aktörer\nA;Kulturnämnden;nämndens ordförande\nB;Idrottsnämnden;nämndens ordförande\n"
        "C;Polisen;nämndens ordförande\n"
    )
    plan = parse_plan(parse_csv_text(text, "norrby.csv"), info, REGISTRY)
    assert [m.partners[0].id for m in plan.measures] == [
        f"{ORG}/ordforande@kulturnamnden",
        f"{ORG}/ordforande@idrottsnamnden",
        f"{ORG}/ordforande",
    ]


def test_nämndernas_ordförande_is_the_chair_of_a_group_of_boards():
    [phrase] = phrases("nämndernas ordförande")
    assert (phrase.name, phrase.unit, phrase.rules) == ("ordförande", "nämnderna", ("genitive",))
    plan, [actor] = actors_of("nämndernas ordförande")
    assert actor.name == "Ordförande (nämnderna)" and actor.kind == "role"
    assert plan.actors[actor.parent].kind == "collective"


def test_a_genitive_of_an_unknown_proper_body_is_the_role_at_that_unknown_body():
    [phrase] = phrases("Hagaborgs kurator")
    assert (phrase.name, phrase.unit, phrase.rules) == ("kurator", "Hagaborg", ("genitive",))
    plan, [actor] = actors_of("Hagaborgs kurator")
    assert actor.name == "Kurator (Hagaborg)" and not actor.unknown
    assert plan.actors[actor.parent].unknown and plan.actors[actor.parent].name == "Hagaborg"


def test_a_genitive_of_the_organisation_by_its_own_name_is_the_organisations_role():
    info = read_plan_info("region.csv", "Region Gävleborg")
    registry = REGISTRY.merged(Registry([_entry("regionen", "Regionen", "region", "organisation")]))
    text = "Åtgärd;Ansvarig\nSamverkan;Regionens säkerhetssamordnare\n"
    plan = parse_plan(parse_csv_text(text, "region.csv"), info, registry)
    [ref] = plan.measures[0].responsible
    assert ref.id == "region-gavleborg/sakerhetssamordnare"


def test_the_plans_own_municipality_by_name_in_the_genitive_is_the_organisations_role():
    _, [actor] = actors_of("Norrbys säkerhetssamordnare")  # Norrby kommun's plan
    assert actor.id == f"{ORG}/sakerhetssamordnare"


@pytest.mark.parametrize(
    "cell, name, remark",
    [
        ("Kvinnors hus", "Kvinnors hus", None),
        ("Stadsmissionens second hand", "Stadsmissionens second hand", None),
        ("Barnens rätt i samhället (Bris)", "Barnens rätt i samhället", "Bris"),
        ("Polisens hus", "Polisens hus", None),
        ("Skolans dag", "Skolans dag", None),
    ],
)
def test_a_proper_name_that_starts_with_a_genitive_is_never_split(cell, name, remark):
    [phrase] = phrases(cell)
    assert (phrase.name, phrase.remark, phrase.unit, phrase.rules) == (name, remark, None, ())


def test_a_genitive_inside_a_list_is_one_of_the_lists_actors():
    _, actors = actors_of("Polisen, skolans kurator och socialtjänsten")
    assert [a.name for a in actors] == ["Polisen", "Kurator (Skolan)", "Socialtjänsten"]


def test_a_hedge_after_a_genitive_stays_a_hedge_and_is_no_rule():
    [phrase] = phrases("skolans kurator vid behov")
    assert (phrase.name, phrase.unit, phrase.hedge, phrase.rules) == ("kurator", "skolan", "vid behov", ("genitive",))


def test_a_lead_in_before_a_genitive_is_peeled_and_named():
    [phrase] = phrases("representanter från skolans kurator")
    assert phrase.rules == ("lead-in", "genitive") and phrase.unit == "skolan"


def test_a_genitive_of_the_plural_names_the_role_with_both_rules():
    [phrase] = phrases("skolans kuratorer")
    assert phrase.rules == ("genitive", "plural")
    _, [actor] = actors_of("skolans kuratorer")
    assert actor.name == "Kurator (Skolan)"


def test_socialtjanstens_personal_is_the_staff_of_social_services():
    _, [actor] = actors_of("socialtjänstens personal")
    assert (actor.name, actor.kind) == ("Medarbetare (Socialtjänsten)", "collective")


def test_a_genitive_as_partner_reads_the_same_as_owner():
    _, [actor] = actors_of("skolans kurator", column="Övriga aktörer")
    assert actor.id == f"{ORG}/kurator@skolan"


def test_without_a_registry_a_genitive_is_read_as_written():
    assert [(p.name, p.unit) for p in split_actor_cell("skolans kurator")] == [("skolans kurator", None)]


# -- 2. a role and its unit run together --------------------------------------------------------


def test_rektor_sjoangsskolan_is_the_head_of_an_unknown_school_and_the_school_is_reported():
    [phrase] = phrases("Rektor Sjöängsskolan")
    assert (phrase.name, phrase.unit, phrase.rules) == ("Rektor", "Sjöängsskolan", ("role-at-unit",))
    plan, [actor] = actors_of("Rektor Sjöängsskolan")
    assert (actor.id, actor.name, actor.kind) == (
        f"{ORG}/rektor@unknown-sjoangsskolan",
        "Rektor (Sjöängsskolan)",
        "role",
    )
    school = plan.actors[actor.parent]
    assert school.unknown and school.name == "Sjöängsskolan" and school.id == f"{ORG}/unknown-sjoangsskolan"
    became, unknown = notes_of(plan)
    assert became.became.startswith("role-at-unit: Rektor Sjöängsskolan → Rektor (Sjöängsskolan)")
    assert became.problem is None and became.rule == "role-at-unit"
    assert unknown.problem == "unknown-actor" and "Sjöängsskolan" in unknown.became


def test_verksamhetschef_faltgruppen_is_the_head_of_the_field_group():
    plan, [actor] = actors_of("Verksamhetschef Fältgruppen")
    assert (actor.id, actor.name, actor.parent) == (
        f"{ORG}/verksamhetschef@faltgruppen",
        "Verksamhetschef (Fältgruppen)",
        f"{ORG}/faltgruppen",
    )
    assert not [i for i in notes_of(plan) if i.problem]


def test_enhetschef_fritidsgarden_kupolen_is_the_head_of_a_unit_the_registry_does_not_know():
    plan, [actor] = actors_of("Enhetschef Fritidsgården Kupolen")
    assert actor.name == "Enhetschef (Fritidsgården Kupolen)"
    [unknown] = [i for i in notes_of(plan) if i.problem]
    assert unknown.problem == "unknown-actor" and "Fritidsgården" in unknown.suggestions


def test_rektor_grundskolan_is_the_head_of_the_known_unit():
    _, [actor] = actors_of("Rektor Grundskolan")
    assert (actor.name, actor.parent) == ("Rektor (Grundskolan)", f"{ORG}/grundskolan")


def test_rektor_skolan_is_the_registry_role_that_already_belongs_to_the_school():
    _, [actor] = actors_of("Rektor Skolan")
    assert actor.id == f"{ORG}/rektor"


def test_ordforande_socialnamnden_is_the_chair_of_the_board():
    _, [actor] = actors_of("Ordförande Socialnämnden")
    assert actor.name == "Ordförande (Socialnämnden)"


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Samordnare Polisen", ["Samordnare", "Polisen"]),  # the police is no unit a role sits at
        ("Rektor Kurator", ["Rektor", "Kurator"]),  # two roles
        ("Rektor och Socialtjänsten", ["Rektor", "Socialtjänsten"]),
        ("Rektor, Sjöängsskolan", ["Rektor", "Sjöängsskolan"]),
    ],
)
def test_a_role_beside_something_that_is_no_unit_is_two_actors(cell, expected):
    assert [p.name for p in phrases(cell)] == expected
    assert all(p.unit is None for p in phrases(cell))


def test_verksamhetschef_bup_is_the_head_of_a_regional_unit():
    _, [actor] = actors_of("Verksamhetschef BUP")  # BUP is national in this registry
    assert (actor.id, actor.parent) == ("verksamhetschef@bup", "bup")


@pytest.mark.parametrize("word", ["på", "vid", "inom", "hos"])
def test_a_role_at_a_unit_with_a_preposition_is_the_role_of_that_unit(word):
    _, [actor] = actors_of(f"Säkerhetssamordnare {word} Socialtjänsten")
    assert (actor.name, actor.parent) == ("Säkerhetssamordnare (Socialtjänsten)", f"{ORG}/socialtjansten")


def test_a_role_at_an_unknown_lower_case_place_is_not_a_unit():
    [phrase] = phrases("rektor på plats")
    assert phrase.unit is None


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("socialtjänstens fältgrupp Polisen", [("fältgrupp", "socialtjänsten"), ("Polisen", None)]),
        (
            "Polisen skolans kurator Socialtjänsten",
            [("Polisen", None), ("kurator", "skolan"), ("Socialtjänsten", None)],
        ),
        ("Rektor Grundskolan Polisen", [("Rektor", "Grundskolan"), ("Polisen", None)]),
        ("Polisen Rektor Grundskolan", [("Polisen", None), ("Rektor", "Grundskolan")]),
    ],
)
def test_a_role_of_a_unit_run_together_with_other_names_is_one_of_them(cell, expected):
    assert [(p.name, p.unit) for p in phrases(cell)] == expected


def test_a_role_before_a_small_letter_word_is_not_read_as_at_a_unit():
    [phrase] = phrases("rektor sjöängsskolan")
    assert phrase.unit is None


def test_a_role_at_a_placeholder_is_two_actors():
    assert [p.unit for p in phrases("Rektor Övriga")] == [None, None]


def test_role_at_unit_with_a_hedge_keeps_the_hedge_out_of_the_unit():
    [phrase] = phrases("Rektor Sjöängsskolan vid behov")
    assert (phrase.unit, phrase.hedge) == ("Sjöängsskolan", "vid behov")


# -- 3. distributive ----------------------------------------------------------------------------


def test_cheferna_for_forskola_skola_och_fritid_are_the_chief_of_each():
    cell = "cheferna för förskola, skola och fritid"
    found = phrases(cell)
    assert [(p.name, p.unit) for p in found] == [("Förskolechef", None), ("cheferna", "skola"), ("cheferna", "fritid")]
    assert all(p.text == cell and "distributive" in p.rules for p in found)
    _, actors = actors_of(cell)
    assert [a.name for a in actors] == ["Förskolechef", "Chef (Skolan)", "Chef (Fritidsverksamheten)"]


def test_the_commas_of_a_distributive_list_never_split_it():
    names = [p.text for p in phrases("cheferna för förskola, skola och fritid")]
    assert "skola" not in names and "fritid" not in names


def test_rektorerna_for_grundskolan_och_gymnasiet_are_two_heads():
    plan, actors = actors_of("rektorerna för grundskolan och gymnasiet")
    assert [a.name for a in actors] == ["Rektor (Grundskolan)", "Rektor (Gymnasieskolan)"]
    assert [a.parent for a in actors] == [f"{ORG}/grundskolan", f"{ORG}/gymnasieskolan"]
    assert [i.rule for i in notes_of(plan)] == ["distributive, plural"] * 2


def test_a_distributive_list_among_other_actors():
    cell = "Polisen, rektorerna för grundskolan och gymnasiet samt socialtjänsten"
    assert [(p.name, p.unit) for p in phrases(cell)] == [
        ("Polisen", None),
        ("rektorerna", "grundskolan"),
        ("rektorerna", "gymnasiet"),
        ("socialtjänsten", None),
    ]


def test_a_distributive_area_the_registry_does_not_know_is_reported():
    plan, actors = actors_of("rektorerna för grundskolan och särskolan")
    assert [a.name for a in actors] == ["Rektor (Grundskolan)", "Rektor (särskolan)"]
    assert [i.problem for i in notes_of(plan) if i.problem] == ["unknown-actor"]


def test_one_chief_for_two_areas_is_not_distributive():
    assert [(p.name, p.unit) for p in phrases("chefen för förskola och fritid")] == [
        ("chefen för förskola och fritid", None)
    ]


def test_without_a_registry_a_distributive_list_is_split_at_its_separators_as_before():
    assert [p.name for p in split_actor_cell("rektorerna för grundskolan och gymnasiet")] == [
        "rektorerna för grundskolan",
        "gymnasiet",
    ]


# -- 4. suspended compounds ----------------------------------------------------------------------

COMBINED_BODIES = [
    "barn- och utbildningsförvaltningen",
    "bygg- och miljönämnden",
    "kultur- och fritidsnämnden",
    "vård- och omsorgsförvaltningen",
    "social- och arbetsmarknadsförvaltningen",
    "Barn- och utbildningsnämnden",
    "miljö- och hälsoskyddsnämnden",
    "teknik- och fastighetsförvaltningen",
    "individ- och familjeomsorgen",
]


@pytest.mark.parametrize("body", COMBINED_BODIES)
@pytest.mark.parametrize("registry", [REGISTRY, None], ids=["registry", "none"])
def test_a_combined_body_stays_one_body(body, registry):
    [phrase] = split_actor_cell(body, registry)
    assert phrase.name == body and phrase.text == body


@pytest.mark.parametrize("body", COMBINED_BODIES)
def test_a_combined_body_the_registry_lacks_is_one_unknown_actor_noted_kept_whole(body):
    plan, [actor] = actors_of(body)
    assert actor.unknown and actor.name == body
    [note] = notes_of(plan)
    assert note.rule == "kept-whole" and note.problem == "unknown-actor"


@pytest.mark.parametrize("body", COMBINED_BODIES)
def test_a_combined_body_in_a_list_never_becomes_a_name_nobody_wrote(body):
    cell = f"Polisen, {body} och socialtjänsten"
    names = [p.name for p in phrases(cell)]
    assert names == ["Polisen", body, "socialtjänsten"]


def test_a_comma_list_of_suspended_compounds_expands_to_one_board_each():
    found = phrases("arbetsmarknads-, idrotts- och kulturnämnden")
    assert [p.name for p in found] == ["arbetsmarknadsnämnden", "idrottsnämnden", "kulturnämnden"]
    assert all(p.rules == ("expanded-list",) for p in found)
    _, actors = actors_of("arbetsmarknads-, idrotts- och kulturnämnden")
    assert [a.name for a in actors] == ["Arbetsmarknadsnämnden", "Idrottsnämnden", "Kulturnämnden"]


def test_the_barn_och_utbildningsforvaltningen_is_one_body_with_the_bundled_registry(registry):
    assert [p.name for p in split_actor_cell("barn- och utbildningsförvaltningen", registry)] == [
        "barn- och utbildningsförvaltningen"
    ]


# -- 5. plurals, counts and places ------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, actor_id",
    [
        ("fältassistenterna", "faltassistent"),
        ("kuratorerna", "kurator"),
        ("rektorerna", "rektor"),
        ("kuratorer", "kurator"),
        ("Rektorer", "rektor"),
        ("samordnarna", "samordnare"),
    ],
)
def test_a_plural_names_the_role_and_says_so(cell, actor_id):
    [phrase] = phrases(cell)
    assert phrase.rules == ("plural",)
    plan, [actor] = actors_of(cell)
    assert actor.id == f"{ORG}/{actor_id}"
    [note] = notes_of(plan)
    assert note.rule == "plural" and note.problem is None


@pytest.mark.parametrize("cell", ["Rektor", "rektorn", "Kurator", "kuratorn", "Polisen", "Fältassistent"])
def test_a_singular_is_no_plural_reading(cell):
    [phrase] = phrases(cell)
    assert phrase.rules == ()


def test_a_count_before_a_plural_role_names_both_rules_and_keeps_the_count():
    [phrase] = phrases("två fältassistenter")
    assert (phrase.name, phrase.remark, phrase.rules) == ("fältassistenter", "två", ("count", "plural"))


def test_a_place_after_a_name_is_a_remark_and_a_rule():
    [phrase] = phrases("skolorna i området")
    assert (phrase.name, phrase.remark, phrase.rules) == ("skolorna", "i området", ("place", "plural"))


def test_the_bundled_registry_reads_fältassistenterna_as_a_plural(registry):
    [phrase] = split_actor_cell("fältassistenterna", registry)
    assert "plural" in phrase.rules


# -- 6. a rule on every reading beyond a direct match ---------------------------------------------------


@pytest.mark.parametrize(
    "cell, rules",
    [
        ("Polisen", [()]),
        ("Socialtjänsten Polisen", [("run-together",), ("run-together",)]),
        ("representanter från Polisen", [("lead-in",)]),
        ("Polisen vid behov", [()]),  # a hedge is no rule: it stays on the actor
        ("Polisen (LPO)", [()]),  # nor is a remark
        ("bygg- och miljönämnden", [("kept-whole",)]),
        ("arbetsmarknads-, idrotts- och kulturnämnden", [("expanded-list",)] * 3),
        ("två kuratorer", [("count", "plural")]),
        ("skolans kurator", [("genitive",)]),
        ("Rektor Sjöängsskolan", [("role-at-unit",)]),
    ],
)
def test_each_phrase_names_the_rules_that_read_it(cell, rules):
    assert [p.rules for p in phrases(cell)] == rules


def test_the_ledger_names_the_rules_of_a_run_together_cell():
    plan, _ = actors_of("Socialtjänsten Polisen")
    assert [i.rule for i in notes_of(plan)] == ["run-together", "run-together"]


def test_a_hedge_and_a_remark_stay_visible_on_the_actor_reference():
    plan = plan_of("skolans kurator (heltid) vid behov")
    [ref] = plan.measures[0].responsible
    assert (ref.name, ref.remark, ref.hedge) == ("Kurator (Skolan)", "heltid", "vid behov")


# -- readings the evidence corpus asked for (data/plans/examples) -------------------------------------


def test_kommunstyrelsen_genom_kommunledningskontoret_is_the_board_and_its_office():
    assert [p.name for p in phrases("Kommunstyrelsen genom kommunledningskontoret")] == [
        "Kommunstyrelsen",
        "kommunledningskontoret",
    ]


def test_genom_at_the_start_is_still_a_lead_in():
    [phrase] = phrases("genom socialtjänsten")
    assert (phrase.name, phrase.rules) == ("socialtjänsten", ("lead-in",))


def test_socialtjänsten_i_kommunerna_is_social_services_in_a_place():
    [phrase] = phrases("Socialtjänsten i kommunerna")
    assert (phrase.name, phrase.remark, phrase.rules) == ("Socialtjänsten", "i kommunerna", ("place",))


def test_a_known_name_followed_by_the_plans_own_place_is_that_actor_with_the_place_as_a_remark():
    plan = plan_of("Socialtjänsten Norrby")
    [ref] = plan.measures[0].responsible
    assert (ref.id, ref.remark) == (f"{ORG}/socialtjansten", "Norrby")
    [note] = notes_of(plan)
    assert note.rule == "place" and note.problem is None


def test_a_known_name_followed_by_another_place_stays_one_unknown_actor():
    _, [actor] = actors_of("Socialtjänsten Hagaby")
    assert actor.unknown and actor.name == "Socialtjänsten Hagaby"


@pytest.mark.parametrize(
    "cell", ["Alla nämnder och styrelser", "berörda förvaltningar och bolag", "samtliga skolor och förskolor"]
)
def test_a_group_word_said_of_several_kinds_is_one_collective(cell):
    [phrase] = phrases(cell)
    assert (phrase.name, phrase.rules) == (cell, ("kept-whole",))
    plan, [actor] = actors_of(cell)
    assert actor.kind == "collective"
    [note] = notes_of(plan)
    assert note.rule == "kept-whole, vague-by-form" and note.problem is None


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("alla skolor och socialtjänsten", ["alla skolor", "socialtjänsten"]),  # a known actor after "och"
        ("Berörda chefer och Polisen", ["Berörda chefer", "Polisen"]),  # a capitalised name after it
        ("berörda och Polisen", ["berörda", "Polisen"]),
    ],
)
def test_a_group_before_och_and_a_named_actor_are_two(cell, expected):
    assert [p.name for p in phrases(cell)] == expected


# -- a composite actor is an ordinary actor node ------------------------------------------------------


def test_a_composite_actor_is_an_actor_node_part_of_its_body_in_the_graph():
    from graphmodel.build import build_graph
    from graphmodel.model import PART_OF, RESPONSIBLE_FOR

    plan = plan_of("skolans kurator", "Rektor Sjöängsskolan")
    graph = build_graph([plan])
    edges = set(graph.edges(keys=True))
    assert (f"{ORG}/kurator@skolan", f"{ORG}/skolan", PART_OF) in edges
    assert (f"{ORG}/rektor@unknown-sjoangsskolan", f"{ORG}/unknown-sjoangsskolan", PART_OF) in edges
    assert (f"{ORG}/kurator@skolan", plan.measures[0].id, RESPONSIBLE_FOR) in edges
    assert graph.nodes[f"{ORG}/kurator@skolan"]["name"] == "Kurator (Skolan)"


def test_a_composite_actor_id_is_the_same_in_every_reading_of_the_plan():
    first = plan_of("skolans kurator, Rektor Sjöängsskolan")
    again = plan_of("Rektor Sjöängsskolan och skolans kurator")
    assert {r.id for r in first.measures[0].responsible} == {r.id for r in again.measures[0].responsible}


@pytest.mark.parametrize("cell", ["Fryshuset/Exit", "Exit/Fryshuset", "Fryshuset / Exit"])
def test_fryshuset_slash_exit_is_exit_whose_name_the_two_spell(cell):
    [phrase] = phrases(cell)
    assert (phrase.text, phrase.name, phrase.rules) == (cell, "Exit", ("merged",))
    plan, [actor] = actors_of(cell)
    assert (actor.id, actor.parent) == ("exit", "fryshuset")


def test_a_body_and_its_part_that_do_not_spell_one_name_are_two_actors():
    assert [p.name for p in phrases("Socialtjänsten/Fältgruppen")] == ["Socialtjänsten", "Fältgruppen"]
    assert [p.name for p in phrases("Polisen/Fryshuset")] == ["Polisen", "Fryshuset"]


def test_a_slash_pair_among_other_actors():
    assert [p.name for p in phrases("Polisen, Fryshuset/Exit och socialtjänsten")] == [
        "Polisen",
        "Exit",
        "socialtjänsten",
    ]


def test_a_role_before_the_plans_own_place_is_the_role_there():
    plan = plan_of("Samordnare Norrby")
    [ref] = plan.measures[0].responsible
    assert (ref.id, ref.remark) == (f"{ORG}/samordnare", "Norrby")
    [note] = notes_of(plan)
    assert note.rule == "place" and note.problem is None
    assert not [a for a in plan.actors.values() if a.unknown]


def test_a_role_before_another_place_is_the_role_at_an_unknown_unit():
    plan, [actor] = actors_of("Samordnare Hagaby")
    assert actor.name == "Samordnare (Hagaby)" and plan.actors[actor.parent].unknown


@pytest.mark.parametrize("cell", ["rektorerna för och och och", "cheferna för för, för och för"])
def test_function_words_are_no_areas_of_a_distributive_list(cell):
    assert all("distributive" not in p.rules for p in phrases(cell))
