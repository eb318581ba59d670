"""The coordinator's first question on Skärholmen: who is in this plan, and what does each own or take part in?

Expected sets are written out by hand from the source (see data/README.md), not computed.
"""

from __future__ import annotations

import pytest

from graphmodel.read.plans import parse_plan, read_plan_info
from graphmodel.read.tables import parse_csv_text
from tests.conftest import SKARHOLMEN

ORG = "skarholmens-stadsdelsforvaltning"


def owners(plan, text_start):
    [measure] = [m for m in plan.measures if m.text.startswith(text_start)]
    return sorted(r.name for r in measure.responsible), sorted(r.name for r in measure.partners)


def test_skarholmen_has_seventeen_measures_in_the_plan_order(skarholmen):
    assert len(skarholmen.measures) == 17
    assert [m.area for m in skarholmen.measures] == (
        ["Organisation", "Lägesbild"]
        + ["Förebyggande"] * 6
        + ["Förhindrande"] * 6
        + ["Utbildning"] * 2
        + ["Uppföljning"]
    )
    assert [m.level for m in skarholmen.measures[2:8]] == ["Universellt"] * 4 + ["Selektivt", "Indikerat"]


def test_skarholmen_resolves_every_actor_with_no_unknowns(skarholmen):
    assert not [a for a in skarholmen.actors.values() if a.unknown]
    assert not [item for item in skarholmen.ledger if item.problem]


def test_who_owns_and_takes_part_in_the_coordination_measure(skarholmen):
    assert owners(skarholmen, "Samordning av involverade aktörer") == (
        ["Preventionssamordnare"],
        ["Berörda fackförvaltningar", "Polisen", "Skärholmens stadsdelsförvaltning", "Övriga berörda aktörer"],
    )


def test_hr_and_the_coordinator_share_the_measure_on_undue_influence(skarholmen):
    assert owners(skarholmen, "Uppmärksamma tjänstemän") == (
        ["HR-avdelningen", "Preventionssamordnare"],
        ["Medarbetare", "Politiker"],
    )


def test_three_managers_own_the_rules_for_association_grants(skarholmen):
    assert owners(skarholmen, "Skapa tydligare rutiner") == (
        [
            "Avdelningschef förskola och fritid",
            "Avdelningschef stadsutveckling och medborgarservice",
            "Stadsdelsdirektör",
        ],
        ["Civilsamhället", "Fryshuset"],
    )


def test_the_indicated_level_report_of_concern_has_no_owner(skarholmen):
    [measure] = [m for m in skarholmen.measures if m.level == "Indikerat"]
    assert measure.text == "Orosanmälan unga under 18 år"
    assert measure.responsible == () and measure.partners == ()


def test_socialtjansten_and_its_sig_group_own_the_exit_programme(skarholmen):
    assert owners(skarholmen, "Avhopparverksamhet") == (
        ["SIG 18-29 år", "Socialtjänsten"],
        ["Övriga aktörer efter behov"],
    )
    sig = skarholmen.actors[f"{ORG}/sig-18-29"]
    assert sig.parent == f"{ORG}/socialtjansten"


def test_polisen_is_partner_in_five_measures_and_owns_none(skarholmen):
    partner = [m for m in skarholmen.measures if any(r.id == "polisen" for r in m.partners)]
    owned = [m for m in skarholmen.measures if any(r.id == "polisen" for r in m.responsible)]
    assert len(partner) == 5 and owned == []
    assert {r.text for m in partner for r in m.partners if r.id == "polisen"} == {"Polis", "Polisen"}


def test_the_coordinator_owns_five_measures(skarholmen):
    owned = [m.text[:30] for m in skarholmen.measures if any(r.name == "Preventionssamordnare" for r in m.responsible)]
    assert len(owned) == 5


def test_placeholders_and_collectives_are_kept_and_marked(skarholmen):
    kinds = {a.name: a.kind for a in skarholmen.actors.values()}
    assert kinds["Övriga efter behov"] == "placeholder"
    assert kinds["Övriga berörda aktörer"] == "placeholder"
    assert kinds["Övriga aktörer efter behov"] == "placeholder"
    assert kinds["Berörda fackförvaltningar"] == "collective"
    assert kinds["Berörda chefer"] == "collective"
    assert kinds["Medarbetare"] == "collective"


def test_the_plans_own_roles_belong_to_skarholmen_and_national_actors_do_not(skarholmen):
    coordinator = skarholmen.actors[f"{ORG}/preventionssamordnare"]
    assert coordinator.scope == "organisation" and coordinator.organisation == ORG
    assert skarholmen.actors["polisen"].scope == "national"
    assert skarholmen.actors[ORG].parent == "stockholms-stad"


def test_statuses_are_read_with_their_dates(skarholmen):
    by_text = {m.text[:20]: m.status for m in skarholmen.measures}
    assert (
        by_text["Uppdatering enligt s"].state,
        by_text["Uppdatering enligt s"].start,
        by_text["Uppdatering enligt s"].due,
    ) == ("ongoing", "2017", "2019")
    assert (by_text["Anhörigstöd"].state, by_text["Anhörigstöd"].due) == ("in-development", "2017-autumn")
    assert by_text["Enligt anvisning i s"].state == "unknown"


def test_the_plan_metadata_comes_from_the_side_file():
    info = read_plan_info(SKARHOLMEN)
    assert (info.id, info.organisation_name, info.organisation_parent, info.year) == (
        "skarholmen-2017",
        "Skärholmens stadsdelsförvaltning",
        "Stockholms stad",
        2017,
    )


# --- stable ids -------------------------------------------------------------

PLAN_TEXT = "Område;Åtgärd;Ansvarig\nLägesbild;Uppdatera lägesbilden;Polisen\nFörhindrande;Anhörigstöd;Socialtjänsten\n"


def _ids(text, registry):
    info = read_plan_info("demo.csv")
    return [m.id for m in parse_plan(parse_csv_text(text, "demo.csv"), info, registry).measures]


def test_rereading_an_unchanged_file_gives_the_same_ids(skarholmen, registry):
    from graphmodel.read.plans import read_plan

    again = read_plan(SKARHOLMEN, registry)
    assert [m.id for m in again.measures] == [m.id for m in skarholmen.measures]
    assert len({m.id for m in skarholmen.measures}) == 17


def test_inserting_a_row_does_not_renumber_other_measures(registry):
    before = _ids(PLAN_TEXT, registry)
    inserted = PLAN_TEXT.replace("Förhindrande;", "Utbildning;Utbilda personal;HR\nFörhindrande;")
    after = _ids(inserted, registry)
    assert before[0] == after[0] and before[1] == after[2]


def test_editing_one_row_changes_only_that_measures_id(registry):
    before = _ids(PLAN_TEXT, registry)
    after = _ids(PLAN_TEXT.replace("Uppdatera lägesbilden", "Uppdatera lägesbilden årligen"), registry)
    assert before[0] != after[0] and before[1] == after[1]


def test_the_same_measure_twice_gets_two_ids(registry):
    ids = _ids(PLAN_TEXT + "Förhindrande;Anhörigstöd;Polisen\n", registry)
    assert len(set(ids)) == 3


def test_an_explicit_id_column_is_used_as_the_id(registry):
    ids = _ids("Nr;Åtgärd\n1.1;Samordning\n1.2;Lägesbild\n", registry)
    assert ids == ["demo#1-1", "demo#1-2"]


# --- nothing lost -----------------------------------------------------------


@pytest.mark.parametrize("plan_name", ["skarholmen", "norrtorp"])
def test_every_non_empty_cell_is_accounted_for(plan_name, request):
    from graphmodel.read.tables import read_table

    plan = request.getfixturevalue(plan_name)
    table = read_table(plan.info.file)
    cells = {(row.number, table.headers[col]) for row in table.rows for col, text in row.cells.items() if text.strip()}
    accounted = {(item.source.row, item.column) for item in plan.ledger}
    assert cells == accounted


@pytest.mark.parametrize("plan_name", ["skarholmen", "norrtorp"])
def test_every_word_of_an_actor_cell_is_in_what_it_became(plan_name, request):
    from graphmodel.read.tables import read_table

    plan = request.getfixturevalue(plan_name)
    table = read_table(plan.info.file)
    separators = {"och", "samt", "tillsammans", "med", "eller"}
    by_row = {m.source.row: m for m in plan.measures}
    for row in table.rows:
        measure = by_row[row.number]
        for column, refs in (("responsible", measure.responsible), ("partners", measure.partners)):
            written = " ".join(r.text for r in refs) + " " + " ".join(r.remark or "" for r in refs)
            for word in row.cells.get(column, "").replace(",", " ").replace("/", " ").split():
                assert word.strip("().") in written or word.lower() in separators, (row.number, word)


def test_an_unknown_actor_is_kept_with_suggestions_and_reported(norrtorp):
    typo = norrtorp.actors["norrtorps-kommun/unknown-polisn"]
    assert typo.unknown and typo.kind == "unknown" and "Polisen" in typo.suggestions
    [item] = [i for i in norrtorp.ledger if i.text == "Polisn"]
    assert item.problem == "unknown-actor" and item.column == "Samverkanspartner"


def test_an_unreadable_status_is_kept_and_reported(norrtorp):
    [item] = [i for i in norrtorp.ledger if i.problem == "status-not-understood"]
    assert item.text == "se bilaga 3"
    [measure] = [m for m in norrtorp.measures if m.status.text == "se bilaga 3"]
    assert measure.status.state == "unknown"


def test_a_column_graphmodel_does_not_know_is_kept_on_the_measure(registry):
    table = parse_csv_text("Åtgärd;Kostnad\nAnhörigstöd;50 000 kr\n", "demo.csv")
    plan = parse_plan(table, read_plan_info("demo.csv"), registry)
    assert plan.measures[0].extra == (("Kostnad", "50 000 kr"),)
    problems = [(i.column, i.problem) for i in plan.ledger if i.problem and i.problem != "organisation-unknown"]
    assert problems == [("Kostnad", "unrecognised-column")]


def test_an_area_written_once_for_a_group_of_rows_carries_down(registry):
    table = parse_csv_text(
        "Område;Nivå;Åtgärd\nFörebyggande;Universellt;A\n;;B\n;Selektivt;C\nFörhindrande;;D\n", "d.csv"
    )
    plan = parse_plan(table, read_plan_info("d.csv"), registry)
    assert [(m.area, m.level) for m in plan.measures] == [
        ("Förebyggande", "Universellt"),
        ("Förebyggande", "Universellt"),
        ("Förebyggande", "Selektivt"),
        ("Förhindrande", None),
    ]


def test_every_non_empty_cell_of_generated_plans_is_accounted_for(tmp_path, registry):
    from benchmarks.synthetic import write_corpus
    from graphmodel.api import read_plans
    from graphmodel.read.tables import read_table

    paths = write_corpus(tmp_path, plans=12, measures=40, seed=7)
    for path, plan in zip(paths, read_plans(paths, registry)):
        table = read_table(path)
        cells = {
            (row.number, table.headers[col]) for row in table.rows for col, text in row.cells.items() if text.strip()
        }
        assert cells == {(item.source.row, item.column) for item in plan.ledger}
        assert len(plan.measures) == 40


def test_a_title_above_the_table_names_the_plan_and_is_accounted_for(tmp_path, registry):
    from graphmodel.read.plans import read_plan

    path = tmp_path / "botkyrka.csv"
    path.write_text(
        "Handlingsplan mot våldsbejakande extremism, Botkyrka 2019;;\nÅtgärd;Ansvarig;Tid\nSamordning;Polisen;2019\n",
        encoding="utf-8",
    )
    plan = read_plan(path, registry)
    assert plan.info.title == "Handlingsplan mot våldsbejakande extremism, Botkyrka 2019"
    assert (1, "(above the table)") in {(i.source.row, i.column) for i in plan.ledger}


def test_suggestions_are_the_closest_names_of_the_whole_registry_for_misspelt_names(registry):
    from rapidfuzz import fuzz, process

    pairs = [(n.casefold(), e.name) for e in registry.entries.values() for n in e.names if e.id != "organisation"]
    choices, owner = [folded for folded, _ in pairs], dict(pairs)

    def closest_of_all(query):  # every name scored: what suggest() must equal while scoring fewer
        names = []
        for choice, _, _ in process.extract(query, choices, scorer=fuzz.ratio, limit=12, score_cutoff=70):
            if owner[choice] not in names:
                names.append(owner[choice])
        return names[:3]

    queries = {q for folded, _ in pairs for q in (folded[:-1], folded[1:], folded + "s", folded.replace("e", "a", 1))}
    queries |= {"", "x", "föreningen kommun00044 0", "polisn", "socialtjänst skärholmen och polisen"}
    assert sum(1 for q in queries if closest_of_all(q)) > 1000  # most of them have suggestions to compare
    assert all(registry.suggest(q) == closest_of_all(q) for q in queries)
