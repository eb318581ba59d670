"""Rows that continue the row above: cells wrapped in Excel or Word (issue 11, class 7).

A municipality's plan often comes from a Word table pasted into Excel, where
one tall cell became two rows: the second holds only the rest of the partners,
or only the rest of the status. Such a row joins the measure above and is
flagged ``continuation-row`` for review; a measure text that may go on from the
one above is flagged ``possible-continuation`` and kept on its own. The
expected readings are written out by hand from the plans below.
"""

from __future__ import annotations

import pytest

from graphmodel.errors import IngestFailed
from graphmodel.model import PlanInfo
from graphmodel.read.plans import parse_plan
from graphmodel.read.status import parse_status
from graphmodel.read.tables import parse_csv_text

INFO = PlanInfo("plan", "Plan", "", "Testkommun", file="plan.csv")


def read(text, registry):
    return parse_plan(parse_csv_text(text, "plan.csv"), INFO, registry)


def names(refs):
    return [ref.name for ref in refs]


def problems(plan, code):
    return [(item.source.row, item.column, item.text) for item in plan.ledger if item.problem == code]


# A Word table pasted into Excel: the partners' cell and the status cell ran over two rows each.
WORD_PASTE = (
    "Område;Åtgärd;Ansvarig;Övriga aktörer;Pågående/planer\n"
    "Förebyggande;Samordning av involverade aktörer;Preventionssamordnaren;Polisen,;Pågående\n"
    ";;;Socialtjänsten, skolan;\n"
    ";Föräldrastöd i samverkan med föreningar;Socialtjänsten;;Planeras\n"
    ";;;;hösten 2018\n"
)


def test_are_partners_on_the_row_below_a_measure_added_to_that_measure(registry):
    plan = read(WORD_PASTE, registry)
    assert [m.text for m in plan.measures] == [
        "Samordning av involverade aktörer",
        "Föräldrastöd i samverkan med föreningar",
    ]
    first = plan.measures[0]
    assert names(first.responsible) == ["Preventionssamordnare"]
    assert names(first.partners) == ["Polisen", "Socialtjänsten", "Skolan"]
    assert first.source.row == 2  # the measure is where its text is


def test_is_a_status_on_the_row_below_joined_to_the_status_and_read_as_a_whole(registry):
    plan = read(WORD_PASTE, registry)
    second = plan.measures[1]
    assert second.status == parse_status("Planeras hösten 2018")
    assert names(second.responsible) == ["Socialtjänsten"]
    assert second.partners == ()


def test_does_check_list_each_joined_row_for_review(registry):
    plan = read(WORD_PASTE, registry)
    assert problems(plan, "continuation-row") == [
        (3, "Övriga aktörer", "Socialtjänsten, skolan"),
        (5, "Pågående/planer", "hösten 2018"),
    ]
    [status_note] = [i for i in plan.ledger if i.problem == "continuation-row" and i.source.row == 5]
    assert "row 4" in status_note.became and "Planeras hösten 2018" in status_note.became
    # the actors the joined row names are accounted for as in any row
    assert [i.became for i in plan.ledger if i.source.row == 3 and i.problem is None] == [
        "actor: Socialtjänsten (testkommun/socialtjansten)",
        "actor: Skolan (testkommun/skolan)",
    ]


# An Excel plan where the responsible and the partners both wrapped, below a heading row.
EXCEL_WRAP = (
    "Nr;Åtgärd;Ansvarig;Samverkan;Tidplan\n"
    "1;Utbildning för personal på fritidsgårdar;Fritidsgårdarna;Polisen;2018\n"
    ";;Socialtjänsten;Räddningstjänsten;\n"
    ";;;Polisen;\n"
)


def test_does_a_wrapped_row_with_a_responsible_and_partners_add_both(registry):
    plan = read(EXCEL_WRAP, registry)
    [measure] = plan.measures
    assert measure.id == "plan#1"
    assert names(measure.responsible) == ["Fritidsgårdar", "Socialtjänsten"]
    assert names(measure.partners) == ["Polisen", "Räddningstjänsten"]  # Polisen named twice, counted once
    assert measure.status == parse_status("2018")
    assert [row for row, _, _ in problems(plan, "continuation-row")] == [3, 3, 4]


def test_does_an_unknown_actor_in_a_joined_row_stay_flagged_as_unknown(registry):
    plan = read("Åtgärd;Ansvarig;Övriga aktörer\nSamordning;Polisen;Skolan\n;;Kvarnbyns hembygdsförening\n", registry)
    [measure] = plan.measures
    assert names(measure.partners) == ["Skolan", "Kvarnbyns hembygdsförening"]
    assert measure.partners[1].unknown
    assert problems(plan, "unknown-actor") == [(3, "Övriga aktörer", "Kvarnbyns hembygdsförening")]
    assert problems(plan, "continuation-row") == [(3, "Övriga aktörer", "Kvarnbyns hembygdsförening")]


def test_does_a_wrapped_unknown_column_join_the_measures_attribute(registry):
    plan = read("Åtgärd;Övriga aktörer;Kommentar\nSamordning;Polisen;Behöver\n;Skolan;följas upp\n", registry)
    [measure] = plan.measures
    assert measure.extra == (("Kommentar", "Behöver följas upp"),)
    assert problems(plan, "continuation-row") == [(3, "Övriga aktörer", "Skolan"), (3, "Kommentar", "följas upp")]


# A heading row ("Förhindrande" alone) stays a heading, and ends what a later row may continue.
HEADINGS = (
    "Område;Åtgärd;Ansvarig;Övriga aktörer;Status\n"
    "Förebyggande;Samordning;Preventionssamordnaren;Polisen;Pågående\n"
    "Förhindrande;;;;\n"
    ";Orosanmälningar;Socialtjänsten;;Klart\n"
)


def test_does_a_row_with_only_an_area_stay_a_heading(registry):
    plan = read(HEADINGS, registry)
    assert [(m.text, m.area) for m in plan.measures] == [
        ("Samordning", "Förebyggande"),
        ("Orosanmälningar", "Förhindrande"),
    ]
    assert names(plan.measures[0].partners) == ["Polisen"]
    assert not [i for i in plan.ledger if i.problem]


def test_is_a_status_under_a_heading_row_still_refused_for_it_has_no_measure_to_join(registry):
    with pytest.raises(IngestFailed) as caught:
        read("Område;Åtgärd;Status\nFörebyggande;Samordning;Pågående\nFörhindrande;;\n;;Klart\n", registry)
    assert [(e.code, e.row) for e in caught.value.errors] == [("actors-without-measure", 4)]


def test_is_a_first_row_without_a_measure_still_refused(registry):
    with pytest.raises(IngestFailed) as caught:
        read("Åtgärd;Övriga aktörer\n;Polisen\nSamordning;Skolan\n", registry)
    assert [(e.code, e.row) for e in caught.value.errors] == [("actors-without-measure", 2)]


def test_is_a_row_naming_only_a_responsible_still_refused_as_a_measure_without_text(registry):
    with pytest.raises(IngestFailed) as caught:
        read("Åtgärd;Ansvarig\nSamordning;Polisen\n;Skolan\n", registry)
    assert [(e.code, e.row) for e in caught.value.errors] == [("actors-without-measure", 3)]


def test_is_a_row_with_an_area_and_partners_still_refused(registry):
    with pytest.raises(IngestFailed) as caught:
        read("Område;Åtgärd;Övriga aktörer\nA;Samordning;Polisen\nB;;Skolan\n", registry)
    assert [(e.code, e.row) for e in caught.value.errors] == [("actors-without-measure", 3)]


# Measure text that ran over two rows: flagged, not merged, for text cannot be told from a new measure.
SPLIT_TEXT = (
    "Åtgärd;Ansvarig\n"
    "Kartlägga riskmiljöer i området tillsammans med polisen;Preventionssamordnaren\n"
    "och föreningslivet\n"
    "Utbilda personalen i skolan,\n"
    "Fritidsgårdar och socialtjänst\n"
    "Ta fram en lägesbild samt\n"
    "Uppdatera den årligen\n"
    "Informera föräldrar.\n"
    "lägga ut materialet på webben\n"
    "Samordning\n"
    "Lägesbild\n"
)


def test_is_measure_text_that_goes_on_from_the_one_above_joined_to_it(registry):
    plan = read(SPLIT_TEXT, registry)
    assert [m.text for m in plan.measures] == [
        "Kartlägga riskmiljöer i området tillsammans med polisen och föreningslivet",
        "Utbilda personalen i skolan, Fritidsgårdar och socialtjänst",
        "Ta fram en lägesbild samt Uppdatera den årligen",
        "Informera föräldrar.",
        "lägga ut materialet på webben",
        "Samordning",
    ]
    assert [row for row, _, _ in problems(plan, "continuation-row")] == [3, 5, 7]
    [note] = [i for i in plan.ledger if i.problem == "continuation-row" and i.source.row == 3]
    assert "row 2" in note.became and note.rule == "continuation"


def test_is_measure_text_that_may_continue_the_one_above_flagged_but_kept_as_a_measure(registry):
    plan = read(SPLIT_TEXT, registry)
    [(row, _, _)] = problems(plan, "possible-continuation")
    assert row == 9  # a small letter after a full stop
    assert "Lägesbild" not in [m.text for m in plan.measures]  # an area name alone is a heading


def test_is_a_row_with_a_short_numbered_title_only_the_area_of_the_rows_below(registry):
    plan = read(
        "Åtgärd;Ansvarig\n1. Förebyggande arbete\nSamtal med unga;Skolan\n2. Lägesbild\nKartlägga;Polisen\n"
        "Selektiv prevention\nMentorer;Fältgruppen\n",
        registry,
    )
    assert [(m.text, m.area, m.level) for m in plan.measures] == [
        ("Samtal med unga", "Förebyggande arbete", None),
        ("Kartlägga", "Lägesbild", None),
        ("Mentorer", "Lägesbild", "Selektivt"),
    ]
    headings = [i for i in plan.ledger if i.rule == "area-heading"]
    assert [(i.source.row, i.became) for i in headings] == [
        (2, "area heading: Förebyggande arbete"),
        (4, "area heading: Lägesbild"),
        (6, "level heading: Selektivt"),
    ]


def test_is_a_numbered_measure_without_owner_kept_as_a_measure_when_the_plan_numbers_its_measures(registry):
    plan = read("Åtgärd;Ansvarig\n1. Utse samordnare;Kommunchef\n2. Ta fram lägesbild\n", registry)
    assert [m.text for m in plan.measures] == ["1. Utse samordnare", "2. Ta fram lägesbild"]


def test_is_a_measure_with_actors_of_its_own_never_taken_for_a_continuation(registry):
    plan = read("Åtgärd;Ansvarig\nKartlägga riskmiljöer och\nutbilda personal;Skolan\n", registry)
    assert len(plan.measures) == 2
    assert not problems(plan, "possible-continuation")


def test_does_check_strict_fail_on_a_joined_row(tmp_path):
    from click.testing import CliRunner

    from graphmodel.cli import main

    plan = tmp_path / "plan.csv"
    plan.write_text(WORD_PASTE, encoding="utf-8")
    (tmp_path / "plan.plan.toml").write_text('organisation = "Testkommun"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--strict", str(plan)])
    assert result.exit_code == 1, result.output
    assert "2 to review" in result.output
    listed = CliRunner().invoke(main, ["check", "--format", "csv", str(plan)])
    assert listed.output.count("continuation-row") == 2


def test_is_a_roman_numeral_at_the_end_no_preposition_that_joins_the_next_measure(registry):
    plan = read("Åtgärd;Ansvarig\nUtbildning för personal, steg I\nUtbildning för personal, steg II\n", registry)
    assert [m.text for m in plan.measures] == ["Utbildning för personal, steg I", "Utbildning för personal, steg II"]


def test_is_a_longer_lettered_measure_without_owner_no_heading(registry):
    plan = read("Åtgärd;Ansvarig\nA. Ta fram en rutin för orosanmälan\nB. Utbilda personal;Skolan\n", registry)
    assert [m.text for m in plan.measures][:1] == ["A. Ta fram en rutin för orosanmälan"]


def test_is_a_heading_numbered_otherwise_than_the_measures_a_heading(registry):
    plan = read(
        "Åtgärd;Ansvarig\nI. Främjande insatser\n1. Utse samordnare;Kommunchef\nII. Tidiga insatser för unga\n"
        "2. Mentorer;Fältgruppen\n3. Ta fram lägesbild\n",
        registry,
    )
    assert [(m.text, m.area) for m in plan.measures] == [
        ("1. Utse samordnare", "Främjande insatser"),
        ("2. Mentorer", "Tidiga insatser för unga"),
        ("3. Ta fram lägesbild", "Tidiga insatser för unga"),
    ]
