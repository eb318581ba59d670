"""The bundled actor registry (data/actors.csv) as a user relies on it: every name finds its own actor,
every row is sound, and the actors Swedish prevention plans name are known in their usual forms.

The registry is read as the tool reads it (``read_registry()``, the session fixture ``registry``); the
row checks read the file itself, so that a row the Registry would silently override is seen too.
"""

from __future__ import annotations

import csv
import re

import pytest

from graphmodel.model import ACTOR_KINDS, NATIONAL, ORGANISATION
from graphmodel.read.registry_file import COLUMNS, DEFAULT_REGISTRY
from graphmodel.registry import OWN_ORGANISATION

COUNTIES = (
    "Stockholms",
    "Uppsala",
    "Södermanlands",
    "Östergötlands",
    "Jönköpings",
    "Kronobergs",
    "Kalmar",
    "Gotlands",
    "Blekinge",
    "Skåne",
    "Hallands",
    "Västra Götalands",
    "Värmlands",
    "Örebro",
    "Västmanlands",
    "Dalarnas",
    "Gävleborgs",
    "Västernorrlands",
    "Jämtlands",
    "Västerbottens",
    "Norrbottens",
)
REGIONS = (
    "Region Stockholm",
    "Region Uppsala",
    "Region Sörmland",
    "Region Östergötland",
    "Region Jönköpings län",
    "Region Kronoberg",
    "Region Kalmar län",
    "Region Gotland",
    "Region Blekinge",
    "Region Skåne",
    "Region Halland",
    "Västra Götalandsregionen",
    "Region Värmland",
    "Region Örebro län",
    "Region Västmanland",
    "Region Dalarna",
    "Region Gävleborg",
    "Region Västernorrland",
    "Region Jämtland Härjedalen",
    "Region Västerbotten",
    "Region Norrbotten",
)


PLACE_FRAME = {"kommun", "stad", "region", "länsstyrelsen", "i", "län", "läns", "landsting", "landstinget"}


def rows() -> list[dict[str, str]]:
    with DEFAULT_REGISTRY.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def municipalities(registry):
    return [e for e in registry.entries.values() if e.kind == "municipality"]


# -- every name finds its actor -------------------------------------------------------------------


def test_every_registry_name_finds_its_own_actor(registry):
    """A name or alias that stems to another entry's name would make both unknown: none does."""
    lost = [
        (entry.id, name, getattr(registry.named(name), "id", None))
        for entry in registry.entries.values()
        for name in entry.names
        if registry.named(name) is not entry
    ]
    assert lost == []


def test_no_two_entries_share_a_name_written_differently(registry):
    owners: dict[str, set[str]] = {}
    for entry in registry.entries.values():
        for name in entry.names:
            owners.setdefault(" ".join(name.casefold().split()), set()).add(entry.id)
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


# -- every row is sound ---------------------------------------------------------------------------


def test_each_row_has_a_known_kind_scope_and_parent():
    table = rows()
    ids = [row["id"] for row in table]
    assert list(table[0]) == list(COLUMNS)
    assert len(ids) == len(set(ids))
    problems = [
        row["id"]
        for row in table
        if None in row
        or row["kind"] not in ACTOR_KINDS
        or row["kind"] == "unknown"
        or row["scope"] not in (NATIONAL, ORGANISATION)
        or (row["parent"] and row["parent"] not in ids)
        or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"])
    ]
    assert problems == []


def test_a_national_actor_never_has_an_organisation_scoped_parent(registry):
    wrong = [
        entry.id
        for entry in registry.entries.values()
        if entry.scope == NATIONAL and entry.parent and registry[entry.parent].scope == ORGANISATION
    ]
    assert wrong == []


def test_only_the_own_organisation_is_called_kommunen(registry):
    assert registry.named("kommunen").id == OWN_ORGANISATION
    assert registry.named("förvaltningen").id == OWN_ORGANISATION
    others = [
        (entry.id, name)
        for entry in registry.entries.values()
        if entry.id != OWN_ORGANISATION
        for name in entry.names
        if name.casefold() in ("kommunen", "kommun", "staden", "förvaltningen", "förvaltning")
    ]
    assert others == []


# -- municipalities, regions, county boards -------------------------------------------------------


def test_all_290_municipalities_are_known(registry):
    found = municipalities(registry)
    names = [e.name for e in found]
    assert len(found) == 290
    assert len(set(names)) == 290
    assert all(e.scope == NATIONAL and e.parent is None for e in found)
    # The 14 that were there first keep their ids; the others are kommun-<place>.
    assert sum(not e.id.startswith("kommun-") for e in found) == 14
    assert all(re.search(r" (kommun|stad|Stad)$", n) for n in names if n != "Region Gotland")


@pytest.mark.parametrize(
    "written, name",
    [
        ("Malmö kommun", "Malmö stad"),
        ("Malmö stad", "Malmö stad"),
        ("Malmö stads", "Malmö stad"),
        ("Göteborgs kommun", "Göteborgs Stad"),
        ("Stockholms kommun", "Stockholms stad"),
        ("Ale kommun", "Ale kommun"),
        ("Marks kommun", "Marks kommun"),
        ("Mark kommun", "Marks kommun"),
        ("Upplands Väsby kommun", "Upplands Väsby kommun"),
        ("Falu kommun", "Falu kommun"),
        ("Trollhättans kommun", "Trollhättans stad"),
        ("Gotlands kommun", "Region Gotland"),
    ],
)
def test_a_municipality_written_either_way_is_one_actor(registry, written, name):
    entry = registry.named(written)
    assert entry is not None and (entry.kind, entry.name) == ("municipality", name)


@pytest.mark.parametrize("place", ["Malmö", "Stockholm", "Göteborg", "Ale", "Mark", "Vara", "Uppsala", "Gotland"])
def test_a_bare_place_name_is_no_actor(registry, place):
    """A place is a word inside other names ("Polisregion Stockholm", "Vara kommun"): never an actor alone."""
    assert registry.named(place) is None


def test_no_alias_is_a_bare_place_name(registry):
    """The place in a municipality's, region's or county board's name ("Ale", "Mark", "Malmö", "Dalarna")
    is a word inside other names: it is never an alias of anything."""
    places = set()
    for entry in registry.entries.values():
        if entry.scope == NATIONAL and (entry.kind in ("municipality", "region") or entry.parent == "lansstyrelsen"):
            for name in entry.names:
                words = name.split()
                place = [w for w in words if w.casefold() not in PLACE_FRAME]
                if place and len(place) < len(words):
                    places |= {" ".join(place), " ".join(place).removesuffix("s")}
    assert len(places) > 300
    bare = [(e.id, n) for e in registry.entries.values() for n in e.names if n in places]
    assert bare == []


def test_all_21_regions_are_known(registry):
    found = [registry.named(name) for name in REGIONS]
    assert None not in found and len({e.id for e in found}) == 21
    assert all(e.scope == NATIONAL for e in found)
    # Gotland's municipality has the region's tasks: one actor, the municipality.
    assert [e.name for e in found if e.kind != "region"] == ["Region Gotland"]
    national_regions = [e for e in registry.entries.values() if e.kind == "region" and e.scope == NATIONAL]
    assert len(national_regions) == 20


@pytest.mark.parametrize(
    "written, name",
    [
        ("SLL", "Region Stockholm"),
        ("Stockholms läns landsting", "Region Stockholm"),
        ("Landstinget i Uppsala län", "Region Uppsala"),
        ("VGR", "Västra Götalandsregionen"),
        ("Landstinget Dalarna", "Region Dalarna"),
    ],
)
def test_a_region_is_found_by_its_landsting_name(registry, written, name):
    assert registry.named(written).name == name


def test_all_21_lansstyrelser_are_known(registry):
    boards = [registry.named(f"Länsstyrelsen i {county} län") for county in COUNTIES]
    assert None not in boards and len({b.id for b in boards}) == 21
    assert all(b.kind == "national-agency" and b.parent == "lansstyrelsen" for b in boards)
    assert sum(e.parent == "lansstyrelsen" for e in registry.entries.values()) == 21
    assert registry.named("Länsstyrelsen Stockholm") is boards[0]
    assert registry.named("Länsstyrelsen Dalarna").name == "Länsstyrelsen i Dalarnas län"
    assert registry.named("Länsstyrelserna").id == "lansstyrelsen"


# -- agencies, the municipality's bodies, civil society ---------------------------------------------


@pytest.mark.parametrize(
    "written, entry_id",
    [
        ("Säpo", "sakerhetspolisen"),
        ("Brå", "bra"),
        ("CVE", "cve"),
        ("SKL", "skr"),
        ("SiS", "sis"),
        ("MUCF", "mucf"),
        ("Försvarshögskolan", "forsvarshogskolan"),
        ("DO", "diskrimineringsombudsmannen"),
        ("NOA", "nationella-operativa-avdelningen"),
        ("Polisregion Syd", "polisregion-syd"),
        ("Räddningstjänsten Syd", "raddningstjansten-syd"),
        ("Storstockholms brandförsvar", "storstockholms-brandforsvar"),
        ("Södertörns brandförsvarsförbund", "sodertorns-brandforsvarsforbund"),
        ("Fryshuset", "fryshuset"),
        ("Rädda Barnen", "radda-barnen"),
        ("Save the Children", "radda-barnen"),
        ("Studiefrämjandet", "studieframjandet"),
        ("Scouterna", "scouterna"),
        ("Islamiska förbundet", "islamiska-forbundet"),
    ],
)
def test_a_common_actor_is_known(registry, written, entry_id):
    assert registry.named(written).id == entry_id


def test_exit_is_part_of_fryshuset(registry):
    exit_ = registry.named("Exit")
    assert exit_.name == "Exit Fryshuset" and "fryshuset" in registry.ancestors(exit_.id)
    assert registry.named("Passus").parent == "fryshuset"


def test_the_national_bra_is_not_the_local_council(registry):
    national, local = registry.named("Brottsförebyggande rådet"), registry.named("lokala BRÅ")
    assert (national.id, national.scope) == ("bra", NATIONAL)
    assert (local.scope, local.kind) == (ORGANISATION, "municipal-unit")
    assert registry.named("BRÅ-rådet") is local


@pytest.mark.parametrize(
    "written, name, kind",
    [
        ("stadskontoret", "Stadskontoret", "municipal-unit"),
        ("kommunledningskontoret", "Kommunledningskontoret", "municipal-unit"),
        ("IFO", "Individ- och familjeomsorgen", "municipal-unit"),
        ("fältsekreterare", "Fältassistenter", "role"),
        ("fältgruppen", "Fältgruppen", "municipal-unit"),
        ("ordföranden", "Ordförande", "role"),
        ("trygghetsvärdar", "Trygghetsvärdar", "role"),
        ("SSPF", "SSPF", "municipal-unit"),
        ("krisledningsnämnden", "Krisledningsnämnden", "political-body"),
        ("Individ- och familjeomsorgsnämnden", "Individ- och familjeomsorgsnämnden", "political-body"),
        ("Bygg- och miljönämnden", "Bygg- och miljönämnden", "political-body"),
        ("Social- och arbetsmarknadsförvaltningen", "Social- och arbetsmarknadsförvaltningen", "municipal-unit"),
    ],
)
def test_a_municipal_body_or_role_is_known_per_organisation(registry, written, name, kind):
    entry = registry.named(written)
    assert (entry.name, entry.kind, entry.scope) == (name, kind, ORGANISATION)


@pytest.mark.parametrize(
    "predecessor_or_part, other",
    [
        ("Rikspolisstyrelsen", "Polisen"),
        ("Rikskriminalpolisen", "NOA"),
        ("Räddningsverket", "MSB"),
        ("Krisberedskapsmyndigheten", "MSB"),
        ("Statens folkhälsoinstitut", "Folkhälsomyndigheten"),
        ("Justitiedepartementet", "Regeringen"),
        ("Equmenia", "Equmeniakyrkan"),
        ("SiS-hem", "SiS"),
        ("Individ- och familjenämnden", "Socialnämnden"),
        ("ungdomspolis", "lokalpolisområdet"),
    ],
)
def test_a_predecessor_or_part_is_its_own_actor_never_an_alias(registry, predecessor_or_part, other):
    first, second = registry.named(predecessor_or_part), registry.named(other)
    assert first is not None and second is not None and first is not second


def test_respektive_verksamhet_is_a_slot_not_the_collective(registry):
    assert registry.named("respektive verksamhet") is None
    assert registry.lookup("respektive verksamhet").kind == "placeholder"


def test_the_field_group_is_a_unit_and_its_field_workers_a_role_of_it(registry):
    group, workers = registry.named("Fältgruppen"), registry.named("fältassistenterna")
    assert (group.kind, group.parent) == ("municipal-unit", "socialtjansten")
    assert (workers.kind, workers.parent) == ("role", group.id)
    assert registry.named("två fältsekreterare") is None or registry.named("fältsekreterare") is workers


def test_a_unit_head_written_alone_is_a_role_not_a_group(registry):
    assert registry.named("Enhetschef").kind == "role"
    assert registry.named("avdelningschefen").kind == "role"
    assert registry.lookup("samtliga enhetschefer").kind == "collective"


def test_a_fritidsledare_is_a_role_that_can_own_a_measure_and_the_staff_a_group(registry):
    assert registry.named("Fritidsledare").kind == "role"
    assert registry.named("fritidsledarna").id == "fritidsledare"
    assert registry.named("fritidsgårdspersonal").kind == "collective"


def test_a_verksamhetschef_is_a_head_of_one_operation_not_the_group_of_those_responsible(registry):
    assert registry.named("Verksamhetschef").name == "Verksamhetschef"
    assert registry.named("Verksamhetsansvariga").name == "Verksamhetsansvariga"
    assert registry.lookup("respektive verksamhetsansvarig").kind == "placeholder"


# -- an alias is another spelling of the same name, never a related body (issue 11) ------------------


def test_no_alias_joins_two_bodies_with_och_unless_the_name_does(registry):
    """An alias "x och y" whose x and y are each another actor would swallow a cell naming both ("Förskola
    och fritid" read as Fritidsverksamheten loses Förskolan): only a name with "och" in it may have one."""
    joined = []
    for entry in registry.entries.values():
        if " och " in entry.name.casefold():
            continue
        for alias in entry.aliases:
            parts = re.split(r"\s+och\s+", alias.casefold())
            if len(parts) < 2:
                continue
            found = [registry.named(part) for part in parts]
            others = {part.id for part in found if part is not None and part is not entry}
            if None not in found and len(others) > 1:
                joined.append((entry.id, alias))
    assert joined == []
    assert registry.named("förskola och fritid") is None
    assert (registry.named("förskola").id, registry.named("fritid").id) == ("forskolan", "fritidsverksamheten")
    assert registry.named("Avdelningschef förskola och fritid").kind == "role"


def test_a_committee_is_its_own_actor_part_of_its_board(registry):
    """An utskott is part of its board: its own actor with the board as parent, never the board's alias."""
    aliased = [
        (entry.id, alias)
        for entry in registry.entries.values()
        for alias in entry.aliases
        if "utskott" in alias.casefold() and "utskott" not in entry.name.casefold()
    ]
    assert aliased == []
    committees = [entry for entry in registry.entries.values() if "utskott" in entry.name.casefold()]
    assert committees and all(
        entry.kind == "political-body" and registry[entry.parent].kind == "political-body" for entry in committees
    )
    assert registry.named("KSAU") is registry.named("kommunstyrelsens arbetsutskott")
    assert registry.named("KSAU").parent == registry.named("Kommunstyrelsen").id
    assert registry.named("socialutskottet").parent == registry.named("Socialnämnden").id


@pytest.mark.parametrize(
    "predecessor, successor",
    [
        ("närpolisen", "lokalpolisområdet"),
        ("närpolis", "lokalpolisen"),
        ("Ungdomsstyrelsen", "MUCF"),
        ("Statens invandrarverk", "Migrationsverket"),
        ("Invandrarverket", "Migrationsverket"),
        ("SIV", "Migrationsverket"),
        ("Kriminalvårdsverket", "Kriminalvården"),
        ("KVV", "Kriminalvården"),
        ("Rikspolisstyrelsens säkerhetsavdelning", "Säpo"),
        ("Socialtjänst- och arbetsmarknadsförvaltningen", "Socialförvaltningen i Stockholms stad"),
        ("Nämnden för statligt stöd till trossamfund", "SST"),
        ("Samarbetsnämnden för statsbidrag till trossamfund", "SST"),
        ("Delmos", "Segregationsmyndigheten"),
    ],
)
def test_a_predecessor_is_its_own_actor_not_an_alias(registry, predecessor, successor):
    first, second = registry.named(predecessor), registry.named(successor)
    assert first is not None and second is not None and first is not second
    assert "predecessor" in first.note or "of its own" in first.note


@pytest.mark.parametrize(
    "related, other",
    [
        ("grundskolenämnden", "Utbildningsnämnden"),
        ("gymnasienämnden", "Utbildningsnämnden"),
        ("gymnasienämnden", "grundskolenämnden"),
        ("fritidsnämnden", "Kultur- och fritidsnämnden"),
        ("äldrenämnden", "Vård- och omsorgsnämnden"),
        ("kulturchef", "Kultur- och fritidschef"),
        ("fritidschef", "Kultur- och fritidschef"),
        ("grundskolechef", "Skolchef"),
        ("kommunstyrelsens ordförande", "Kommunalråd"),
        ("KSO", "Kommunalråd"),
        ("trygghetsrådet", "lokala BRÅ"),
        ("Fritidsnämnden", "Fritidsförvaltningen"),
    ],
)
def test_a_related_board_or_head_is_its_own_actor(registry, related, other):
    first, second = registry.named(related), registry.named(other)
    assert first is not None and second is not None and first is not second


@pytest.mark.parametrize(
    "part, whole",
    [
        ("högstadiet", "Grundskolan"),
        ("högstadieskolor", "Grundskolan"),
        ("mellanstadiet", "Grundskolan"),
        ("centrala elevhälsan", "Elevhälsan"),
        ("skolhälsovården", "Elevhälsan"),
        ("vuxenpsykiatrin", "Psykiatrin"),
        ("hemtjänsten", "Äldreomsorgen"),
        ("kommunstyrelsens arbetsutskott", "Kommunstyrelsen"),
        ("socialutskottet", "Socialnämnden"),
        ("kommunstyrelsens ordförande", "Kommunstyrelsen"),
        ("familjebehandlarna", "Familjebehandling"),
    ],
)
def test_a_stage_part_or_role_of_a_body_is_its_own_actor_under_it(registry, part, whole):
    first, second = registry.named(part), registry.named(whole)
    assert first is not None and second is not None and first is not second
    assert second.id in registry.ancestors(first.id)


def test_no_board_is_an_alias_of_an_administration_or_the_reverse(registry):
    """A nämnd (political) and a förvaltning (its officials) are two actors: neither is the other's alias."""
    crossed = [
        (entry.id, alias)
        for entry in registry.entries.values()
        if entry.kind in ("municipal-unit", "political-body") and entry.id != OWN_ORGANISATION
        for alias in entry.aliases
        if ("nämnd" in alias.casefold() and entry.kind == "municipal-unit")
        or ("förvaltning" in alias.casefold() and entry.kind == "political-body")
    ]
    assert crossed == []


def test_no_head_or_staff_is_an_alias_of_its_unit(registry):
    """A unit's head or workers ("fritidschef", "familjebehandlarna") are a role, not the unit's alias."""
    heads = re.compile(r"(chef|direktör|behandlare|sekreterare|assistent|kurator|rektor)(en|er|erna|na|n)?$")
    wrong = [
        (entry.id, alias)
        for entry in registry.entries.values()
        if entry.kind not in ("role", "collective", "placeholder")
        for alias in entry.aliases
        if heads.search(alias.casefold())
    ]
    assert wrong == []


def test_a_bare_chef_is_a_role_and_the_group_is_a_collective_by_its_form(registry):
    """As for Enhetschef: "chef" and its plurals name the role, "alla chefer" the group."""
    assert registry.named("chef").kind == "role"
    assert registry.named("cheferna") is registry.named("chef")
    assert registry.named("alla chefer").kind == "collective"
    assert registry.named("samtliga chefer") is registry.named("alla chefer")
    singular_roles = {entry.name.casefold() for entry in registry.entries.values() if entry.kind == "role"}
    groups = [
        (entry.id, alias)
        for entry in registry.entries.values()
        if entry.kind == "collective"
        for alias in entry.aliases
        if alias.casefold() in singular_roles
    ]
    assert groups == []


def test_region_stockholm_polisen_is_a_spelling_of_the_police_region_not_the_health_region(registry):
    assert registry.named("Region Stockholm polisen").id == "polisregion-stockholm"
    assert registry.named("Region Stockholm").id == "region-stockholm"


def test_a_housing_company_whose_name_two_municipalities_share_is_not_national(registry):
    """Stockholm and Göteborg each have a Familjebostäder: a national entry would make Göteborg's
    company Stockholm's, so it is the plan's municipality's company of that name."""
    company = registry.named("Familjebostäder")
    assert (company.scope, company.parent) == (ORGANISATION, None)
    assert registry.named("Svenska Bostäder").scope == NATIONAL  # a name only Stockholm's company has
