"""How free Swedish status cells ("Pågående/planer") become a Status."""

from __future__ import annotations

from datetime import date

import pytest

from graphmodel.model import STATES, Status
from graphmodel.periods import is_overdue, period_bounds
from graphmodel.read.status import parse_status

# --- The five phrasings of the Skärholmen 2017 plan -------------------------


def test_pagaende_alone_is_ongoing_without_dates():
    assert parse_status("Pågående") == Status("ongoing", None, None, "Pågående", True)


def test_ongoing_during_2017_to_2019_has_start_and_due():
    status = parse_status("Pågående under 2017-2019")
    assert (status.state, status.start, status.due) == ("ongoing", "2017", "2019")


def test_planned_during_2017_starts_and_is_due_within_2017():
    status = parse_status("Planerat under 2017")
    assert (status.state, status.start, status.due) == ("planned", "2017", "2017")


def test_under_development_ready_autumn_2017_is_due_then_without_start():
    status = parse_status("Under utveckling klart hösten 2017")
    assert (status.state, status.start, status.due) == ("in-development", None, "2017-autumn")


def test_under_development_with_implementation_starting_2017_has_start_only():
    status = parse_status("Under utveckling genomförande påbörjas under 2017")
    assert (status.state, status.start, status.due) == ("in-development", "2017", None)


# --- The phrasing table -----------------------------------------------------

PHRASINGS = [
    # done
    ("Klart", "done", None, None),
    ("Klar", "done", None, None),
    ("Genomfört", "done", None, None),
    ("Avslutat", "done", None, None),
    ("Slutfört", "done", None, None),
    ("Ja, genomfört 2018", "done", None, "2018"),
    # ongoing
    ("Pågår", "ongoing", None, None),
    ("Löpande", "ongoing", None, None),
    ("Pågående arbete", "ongoing", None, None),
    ("Kontinuerligt", "ongoing", None, None),
    ("Årligen", "ongoing", None, None),
    ("PÅGÅENDE", "ongoing", None, None),
    ("Pågående 2018", "ongoing", "2018", "2018"),
    # in development
    ("Under utveckling", "in-development", None, None),
    ("Utvecklas", "in-development", None, None),
    ("Under \n utveckling klart\nhösten 2017", "in-development", None, "2017-autumn"),
    ("  under   UTVECKLING  ", "in-development", None, None),
    # planned: words
    ("Planerad", "planned", None, None),
    ("Planeras 2018", "planned", "2018", "2018"),
    ("Ej påbörjat", "planned", None, None),
    ("Inte klart", "planned", None, None),
    ("Påbörjas 2018", "planned", "2018", None),
    ("Startar ht 2018", "planned", "2018-autumn", None),
    ("Start HT 2018", "planned", "2018-autumn", None),
    ("Startar vt 2019", "planned", "2019-spring", None),
    ("Start VT19", "planned", "2019-spring", None),
    ("Ska genomföras under våren 2018", "planned", "2018-spring", "2018-spring"),
    ("Klart hösten 2017", "planned", None, "2017-autumn"),
    ("Startar ht 2018, klart vt 2019", "planned", "2018-autumn", "2019-spring"),
    # planned: dates without a state word
    ("2018–2020", "planned", "2018", "2020"),
    ("2017-2019", "planned", "2017", "2019"),
    ("2017-19", "planned", "2017", "2019"),
    ("fr.o.m. 2018", "planned", "2018", None),
    ("Från och med 2018", "planned", "2018", None),
    ("t.o.m. 2019", "planned", None, "2019"),
    ("till och med 2019", "planned", None, "2019"),
    ("Från 2018 till 2020", "planned", "2018", "2020"),
    ("Senast december 2018", "planned", None, "2018-12"),
    ("Första halvåret 2018", "planned", "2018-H1", "2018-H1"),
    ("andra halvåret 2018", "planned", "2018-H2", "2018-H2"),
    ("Q3 2018", "planned", "2018-Q3", "2018-Q3"),
    ("kvartal 3 2018", "planned", "2018-Q3", "2018-Q3"),
    ("tredje kvartalet 2018", "planned", "2018-Q3", "2018-Q3"),
    ("hösten -17", "planned", "2017-autumn", "2017-autumn"),
    ("våren 2018", "planned", "2018-spring", "2018-spring"),
    ("sommaren 2018", "planned", "2018-summer", "2018-summer"),
    ("vintern 2019", "planned", "2019-winter", "2019-winter"),
    ("vt 2019", "planned", "2019-spring", "2019-spring"),
    ("januari 2019", "planned", "2019-01", "2019-01"),
    ("Maj 2019", "planned", "2019-05", "2019-05"),
    ("december 2019", "planned", "2019-12", "2019-12"),
    ("Klart 2018-06-30", "planned", None, "2018-06"),
    ("Senast 2018-06-30", "planned", None, "2018-06"),
    ("Från 2018-06-30", "planned", "2018-06", None),
    ("Påbörjas 2018-09-01", "planned", "2018-09", None),
    ("2017-05", "planned", "2017-05", "2017-05"),
]


@pytest.mark.parametrize(("text", "state", "start", "due"), PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_phrasing_is_read_as_state_start_and_due(text, state, start, due):
    status = parse_status(text)
    assert (status.state, status.start, status.due) == (state, start, due)
    assert status.interpreted
    assert status.text == text


def test_every_phrasing_gives_a_known_state():
    assert all(parse_status(text).state in STATES for text, *_ in PHRASINGS)


# --- Empty, unreadable and paused cells -------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_cell_is_unknown_but_not_an_error(text):
    assert parse_status(text) == Status(state="unknown", text=text, interpreted=True)


def test_text_that_says_nothing_about_state_or_date_is_not_interpreted():
    status = parse_status("Se bilaga")
    assert (status.state, status.interpreted) == ("unknown", False)


def test_vilande_is_unknown_state_but_interpreted():
    status = parse_status("Vilande")
    assert (status.state, status.interpreted) == ("unknown", True)


def test_text_is_kept_exactly_as_written_including_spaces():
    assert parse_status("  Pågående \n").text == "  Pågående \n"


def test_two_digit_year_counts_only_after_a_season_word():
    assert parse_status("Ansvarig SIG 18-29 år").interpreted is False


def test_under_development_wins_over_a_following_klart():
    assert parse_status("Under utveckling, klart 2018").state == "in-development"


def test_ongoing_wins_over_planned():
    status = parse_status("Pågående, planeras utökas 2019")
    assert status.state == "ongoing"


# --- period_bounds -----------------------------------------------------------

BOUNDS = [
    ("2017", date(2017, 1, 1), date(2017, 12, 31)),
    ("2017-spring", date(2017, 1, 1), date(2017, 6, 30)),
    ("2017-summer", date(2017, 6, 1), date(2017, 8, 31)),
    ("2017-autumn", date(2017, 8, 1), date(2017, 12, 31)),
    ("2017-winter", date(2017, 1, 1), date(2017, 2, 28)),
    ("2020-winter", date(2020, 1, 1), date(2020, 2, 29)),
    ("2017-H1", date(2017, 1, 1), date(2017, 6, 30)),
    ("2017-H2", date(2017, 7, 1), date(2017, 12, 31)),
    ("2017-Q1", date(2017, 1, 1), date(2017, 3, 31)),
    ("2017-Q4", date(2017, 10, 1), date(2017, 12, 31)),
    ("2017-05", date(2017, 5, 1), date(2017, 5, 31)),
    ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
]


@pytest.mark.parametrize(("period", "first", "last"), BOUNDS, ids=[b[0] for b in BOUNDS])
def test_period_bounds_are_first_and_last_day(period, first, last):
    assert period_bounds(period) == (first, last)


@pytest.mark.parametrize("period", ["", "17", "2017-fall", "2017-13", "2017-Q5", "2017-h1", "hösten 2017"])
def test_malformed_period_raises_value_error(period):
    with pytest.raises(ValueError):
        period_bounds(period)


@pytest.mark.parametrize("text", [text for text, *_ in PHRASINGS])
def test_every_parsed_period_has_bounds(text):
    status = parse_status(text)
    for period in (status.start, status.due):
        if period is not None:
            first, last = period_bounds(period)
            assert first <= last


# --- is_overdue --------------------------------------------------------------


def test_measure_due_autumn_2017_is_overdue_in_2018():
    status = parse_status("Under utveckling klart hösten 2017")
    assert is_overdue(status, date(2018, 1, 1))


def test_measure_is_not_overdue_on_the_last_day_of_its_due_period():
    status = parse_status("Under utveckling klart hösten 2017")
    assert not is_overdue(status, date(2017, 12, 31))


def test_done_measure_is_never_overdue():
    assert not is_overdue(parse_status("Ja, genomfört 2018"), date(2025, 1, 1))


def test_measure_without_due_is_never_overdue():
    assert not is_overdue(parse_status("Pågående"), date(2025, 1, 1))


@pytest.mark.parametrize(
    "text", ["Ska inte genomföras", "Utgår", "Utgått 2019", "Ej aktuell", "Avbruten", "Kommer inte att genomföras"]
)
def test_a_cancelled_measure_is_read_but_neither_planned_nor_overdue(text):
    status = parse_status(text)
    assert status.state == "unknown" and status.interpreted
    assert not is_overdue(status, date(2030, 1, 1))


@pytest.mark.parametrize(
    "text", ["Klart Q1 0000", "0000-05-01", "december 0000", "våren 0000", "1850-1860", "första halvåret 0001"]
)
def test_a_year_outside_1900_to_2099_is_no_period_and_overdue_can_still_be_asked(text):
    status = parse_status(text)
    assert status.start is None and status.due is None
    assert not is_overdue(status, date(2020, 1, 1))


# --- Statuses plans write: recurring, started, finished, terms, months, weeks --

RECURRING = [
    ("Varje termin", None),
    ("Genomförs varje termin", None),
    ("Varje år", None),
    ("Varje år 2018", "2018"),
    ("En gång per termin", None),
    ("Två gånger per år", None),
    ("2 ggr/år", None),
    ("1 gång i månaden", None),
    ("Årligen", None),
    ("Årligen sedan 2016", "2016"),
    ("Årlig uppföljning 2018", "2018"),
    ("Löpande", None),
    ("Löpande 2018", "2018"),
    ("Återkommande", None),
    ("Kontinuerligt 2017-2019", "2017"),
    ("Varje vecka", None),
    ("Varannan vecka", None),
    ("Månadsvis", None),
    ("Vid behov", None),
    ("Sker varje läsår från HT 2018", "2018-autumn"),
]


@pytest.mark.parametrize(("text", "start"), RECURRING, ids=[r[0] for r in RECURRING])
def test_a_measure_run_again_and_again_is_ongoing_and_never_overdue(text, start):
    status = parse_status(text)
    assert (status.state, status.start, status.due, status.interpreted) == ("ongoing", start, None, True)
    assert not is_overdue(status, date(2030, 1, 1))


def test_a_recurring_measure_with_a_year_is_no_overdue_finding_in_the_gap_analysis(registry):
    from graphmodel.analyse.gaps import GapSettings, find_gaps
    from graphmodel.build import build_graph
    from graphmodel.read.plans import parse_plan, read_plan_info
    from graphmodel.read.tables import parse_csv_text

    rows = ["Löpande 2018", "Varje termin 2018", "Årligen 2017-2019", "Vid behov", "Klart hösten 2020", "Planerat 2030"]
    text = "Åtgärd;Ansvarig;Pågående/planer\n" + "".join(f"M{i};Skolan;{row}\n" for i, row in enumerate(rows))
    graph = build_graph([parse_plan(parse_csv_text(text, "demo.csv"), read_plan_info("demo.csv"), registry)])
    overdue = [f for f in find_gaps(graph, GapSettings(as_of=date(2026, 11, 26))) if f["kind"] == "overdue"]
    assert [m["text"] for f in overdue for m in f["measures"]] == ["M4"]  # only "Klart hösten 2020"


STARTED = [
    ("Påbörjat 2018", "ongoing", "2018", None),
    ("Påbörjad hösten 2018", "ongoing", "2018-autumn", None),
    ("Startade 2017", "ongoing", "2017", None),
    ("Igång sedan 2016", "ongoing", "2016", None),
    ("Sedan 2016", "ongoing", "2016", None),
    ("Pågående sedan 2016", "ongoing", "2016", None),
    ("Arbetet påbörjades under våren 2019", "ongoing", "2019-spring", None),
    ("Inleddes HT 2018", "ongoing", "2018-autumn", None),
    ("Har startat, klart 2020", "ongoing", None, "2020"),
    ("Påbörjat 2017, genomfört 2019", "done", "2017", "2019"),
    ("Ej påbörjat", "planned", None, None),
    ("Ännu inte påbörjat", "planned", None, None),
    ("Ska vara påbörjat 2019", "planned", "2019", None),
    ("Påbörjat men pausat", "unknown", None, None),
]


@pytest.mark.parametrize(("text", "state", "start", "due"), STARTED, ids=[s[0] for s in STARTED])
def test_a_measure_that_has_started_is_ongoing_from_its_start(text, state, start, due):
    status = parse_status(text)
    assert (status.state, status.start, status.due, status.interpreted) == (state, start, due, True)


FINISHED = [
    ("Klart", None),
    ("Avslutat 2018", "2018"),
    ("Genomfört", None),
    ("Slutfört våren 2019", "2019-spring"),
    ("Genomförd HT 2018", "2018-autumn"),
    ("Avslutades december 2018", "2018-12"),
]


@pytest.mark.parametrize(("text", "due"), FINISHED, ids=[f[0] for f in FINISHED])
def test_a_finished_measure_is_done_by_its_due_date(text, due):
    status = parse_status(text)
    assert (status.state, status.start, status.due, status.interpreted) == ("done", None, due, True)
    assert not is_overdue(status, date(2030, 1, 1))


TERMS = [
    ("HT 2018", "2018-autumn"),
    ("HT18", "2018-autumn"),
    ("ht -18", "2018-autumn"),
    ("ht-19", "2019-autumn"),
    ("höstterminen 2018", "2018-autumn"),
    ("VT 2019", "2019-spring"),
    ("vårterminen 2020", "2020-spring"),
    ("Genomförs HT 2018", "2018-autumn"),
]


@pytest.mark.parametrize(("text", "period"), TERMS, ids=[t[0] for t in TERMS])
def test_a_school_term_is_read_as_its_season(text, period):
    status = parse_status(text)
    assert (status.state, status.start, status.due, status.interpreted) == ("planned", period, period, True)


MONTHS_AND_WEEKS = [
    ("jan–mars 2019", "2019-01", "2019-03"),
    ("januari-mars 2019", "2019-01", "2019-03"),
    ("sept-dec 2018", "2018-09", "2018-12"),
    ("Under oktober–november 2018", "2018-10", "2018-11"),
    ("december–januari 2019", "2018-12", "2019-01"),
    ("mars 2019", "2019-03", "2019-03"),
    ("2019-01 – 2019-03", "2019-01", "2019-03"),
    ("från april 2019", "2019-04", None),
    ("v. 12 2019", "2019-03", "2019-03"),
    ("vecka 12, 2019", "2019-03", "2019-03"),
    ("Vecka 1 2020", "2020-01", "2020-01"),  # its Monday is 30 December 2019; ISO dates a week by its Thursday
    ("v. 5 2019", "2019-01", "2019-01"),  # Monday 28 January to Sunday 3 February
    ("v 53 2020", "2020-12", "2020-12"),
    ("Klart v. 40 2018", None, "2018-10"),
    ("v. 10-14 2019", "2019-03", "2019-04"),
]


@pytest.mark.parametrize(("text", "start", "due"), MONTHS_AND_WEEKS, ids=[m[0] for m in MONTHS_AND_WEEKS])
def test_months_month_ranges_and_weeks_are_read_as_months(text, start, due):
    status = parse_status(text)
    assert (status.state, status.start, status.due, status.interpreted) == ("planned", start, due, True)
    for period in (status.start, status.due):
        if period is not None:
            period_bounds(period)


YEARLESS = [
    ("maj–juni", "2019-05", "2019-06"),
    ("v12", "2019-03", "2019-03"),
    ("vecka 12", "2019-03", "2019-03"),
    ("Mars", "2019-03", "2019-03"),
    ("Klart maj", None, "2019-05"),
    ("Från mars", "2019-03", None),
]


@pytest.mark.parametrize(("text", "start", "due"), YEARLESS, ids=[y[0] for y in YEARLESS])
def test_a_month_or_week_without_a_year_takes_the_plans_year_or_gives_no_date(text, start, due):
    in_plan_year = parse_status(text, year=2019)
    assert (in_plan_year.state, in_plan_year.start, in_plan_year.due) == ("planned", start, due)
    alone = parse_status(text)
    assert (alone.state, alone.start, alone.due, alone.interpreted) == ("planned", None, None, True)


def test_a_year_written_with_the_week_wins_over_the_plans_year():
    assert parse_status("v. 12 2019", year=2017).start == "2019-03"


def test_a_plan_year_outside_1900_to_2099_dates_nothing():
    assert (parse_status("v12", year=0).start, parse_status("v12", year=0).interpreted) == (None, True)


@pytest.mark.parametrize("text", ["v. 53 2019", "Jan Svensson", "vecka 0 2019", "v. 14-10 2019"])
def test_a_week_that_does_not_exist_or_a_name_like_a_month_is_not_guessed(text):
    status = parse_status(text)
    assert (status.state, status.start, status.due, status.interpreted) == ("unknown", None, None, False)


SEASONS_AND_WEEKS_WITHOUT_A_YEAR_BESIDE_THEM = [
    ("Planeras till hösten", 2020, "planned", None, "2020-autumn"),
    ("Genomförs under våren", 2021, "planned", "2021-spring", "2021-spring"),
    ("HT", 2019, "planned", "2019-autumn", "2019-autumn"),
    ("Klart till vårterminen", 2019, "planned", None, "2019-spring"),
    ("2019 v. 12", None, "planned", "2019-03", "2019-03"),
    ("2020, vecka 1", None, "planned", "2020-01", "2020-01"),
    ("Uppstart feb 2019", None, "planned", "2019-02", None),
]


@pytest.mark.parametrize(
    ("text", "year", "state", "start", "due"),
    SEASONS_AND_WEEKS_WITHOUT_A_YEAR_BESIDE_THEM,
    ids=[s[0] for s in SEASONS_AND_WEEKS_WITHOUT_A_YEAR_BESIDE_THEM],
)
def test_a_season_without_a_year_is_in_the_plans_year_and_a_year_before_a_week_dates_it(text, year, state, start, due):
    status = parse_status(text, year)
    assert (status.state, status.start, status.due, status.interpreted) == (state, start, due, True)


def test_a_season_without_a_year_gives_no_date_when_the_plans_year_is_unknown():
    status = parse_status("Klart till hösten")
    assert (status.state, status.start, status.due, status.interpreted) == ("planned", None, None, True)


SAID_IN_SENTENCES = [
    ("Varje höst", 2021, "ongoing", None, None),
    ("Varje vår och höst", 2021, "ongoing", None, None),
    ("Varje år i december", 2018, "ongoing", None, None),
    ("Varje år i december från 2019", 2018, "ongoing", "2019", None),
    ("Rutinen är klar och antogs av kommunstyrelsen i mars 2020", 2020, "done", None, "2020-03"),
    ("Planen är antagen", 2020, "done", None, None),
    ("Beslutades i KS maj 2019", 2019, "done", None, "2019-05"),
    ("Ej beslutad", 2019, "planned", None, None),
    ("Ska vara klart", 2019, "planned", None, None),
]


@pytest.mark.parametrize(
    ("text", "year", "state", "start", "due"), SAID_IN_SENTENCES, ids=[s[0] for s in SAID_IN_SENTENCES]
)
def test_a_status_written_as_a_sentence_is_read_as_a_careful_reader_would(text, year, state, start, due):
    status = parse_status(text, year)
    assert (status.state, status.start, status.due, status.interpreted) == (state, start, due, True)


def test_a_decision_to_be_made_in_a_period_happens_within_it():
    status = parse_status("Beslut fattas under hösten 2020", 2020)
    assert (status.state, status.start, status.due) == ("planned", "2020-autumn", "2020-autumn")


NEGATED_OR_LATER = [
    ("Beslutades ej", "planned", None, None),
    ("Antogs inte", "planned", None, None),
    ("Påbörjades inte", "planned", None, None),
    ("Beslutad i KF 2018-03-01, genomförs 2019", "planned", "2019", "2019"),
]


@pytest.mark.parametrize(("text", "state", "start", "due"), NEGATED_OR_LATER, ids=[n[0] for n in NEGATED_OR_LATER])
def test_a_decision_or_start_negated_after_its_verb_or_followed_by_the_work_to_come_is_not_done(
    text, state, start, due
):
    status = parse_status(text, 2019)
    assert (status.state, status.start, status.due, status.interpreted) == (state, start, due, True)


@pytest.mark.parametrize(
    ("text", "state", "start", "due"),
    [
        ("Pågår\nUtvärderas 2023", "ongoing", None, None),
        ("Pågår, klart 2024, utvärderas 2025", "ongoing", None, "2024"),
        ("Start 2022, följs upp HT 2023", "planned", "2022", None),
        ("Rutinen revideras 2024", "unknown", None, None),
    ],
)
def test_when_a_measure_is_evaluated_is_not_when_it_is_due(text, state, start, due):
    """A year after "utvärderas", "följs upp", "revideras" dates a look at the measure: a measure 'evaluated
    in 2023' is not overdue after 2023."""
    status = parse_status(text, 2022)
    assert (status.state, status.start, status.due) == (state, start, due)
