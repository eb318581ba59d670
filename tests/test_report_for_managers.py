"""The report a coordinator hands to a manager (issue 13, part 5): with several plans each finding says
whose it is, a finding shows the measures it is about, two actors of the same name say their organisation,
counts take the right number, the coverage table fits a laptop screen and A4, and the plan's source is
what its metadata says."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

import graphmodel as gm
from graphmodel.analyse.gaps import GapSettings
from tests.conftest import NORRTORP, ROOT, SKARHOLMEN
from tests.test_views_browser import browser, chromium_path  # noqa: F401  (the browser fixture)

VRETBY = ROOT / "data" / "plans" / "examples" / "stadsdel-2019.csv"
ALL_BUNDLED = [SKARHOLMEN, *sorted((ROOT / "data" / "plans" / "examples").glob("*.csv")),
               *sorted((ROOT / "data" / "plans" / "examples").glob("*.xlsx"))]  # fmt: skip
AS_OF = dt.date(2026, 12, 1)


def _report(tmp_path: Path, plans: list[Path], lang: str = "sv") -> str:
    gm.report(plans, tmp_path / lang, settings=GapSettings(as_of=AS_OF, lang=lang))
    return (tmp_path / lang / "report.html").read_text(encoding="utf-8")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("\u00ad", "").split())


def _findings(page: str) -> list[str]:
    """Each finding's list item as text, its measures included."""
    section = page[page.index('<section id="brister">') : page.index('<section id="aktorer">')]
    items, depth, start = [], 0, 0
    for tag in re.finditer(r"<(/?)li\b[^>]*>", section):
        if not tag.group(1):
            if depth == 0:
                start = tag.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                items.append(_text(section[start : tag.end()]))
    return items


@pytest.fixture(scope="module")
def several(tmp_path_factory):
    return _report(tmp_path_factory.mktemp("managers"), [SKARHOLMEN, NORRTORP, VRETBY])


def test_a_sole_owner_of_one_measure_shows_that_measure(several):
    # Norrtorp's Utbildningsförvaltningen is the only owner of one measure: which one?
    finding = next(f for f in _findings(several) if "Om Utbildningsförvaltningen faller bort" in f)
    assert finding == (
        "hög Om Utbildningsförvaltningen faller bort står 1 åtgärd utan egentlig ansvarig. "
        "(Handlingsplan mot våldsbejakande extremism, Norrtorps kommun 2019–2021) "
        "Undervisning i demokrati, mänskliga rättigheter och källkritik på nätet (rad 7)"
    )


def test_a_finding_that_quotes_its_measure_names_its_plan_and_row(several):
    finding = next(f for f in _findings(several) if "”Orosanmälan unga under 18 år” har ingen ansvarig" in f)
    assert finding.endswith(
        "(Handlingsplan mot våldsbejakande extremism, Skärholmens stadsdelsförvaltning 2017, rad 9)"
    )


def test_every_finding_names_its_plan_when_there_are_several(several):
    titles = (
        "Skärholmens stadsdelsförvaltning 2017",
        "Norrtorps kommun 2019–2021",
        "Vretby stadsdelsförvaltning 2019–2020",
    )
    findings = _findings(several)
    assert len(findings) > 30
    for finding in findings:
        assert any(f"{title})" in finding or f"{title}, rad" in finding for title in titles), finding


def test_two_socialtjansten_of_two_districts_say_their_organisation(several):
    load = _text(several[several.index('<section id="aktorer">') : several.index('<section id="tackning">')])
    assert "Socialtjänsten (Skärholmens stadsdelsförvaltning)" in load
    assert "Socialtjänsten (Vretby stadsdelsförvaltning)" in load
    assert "Polisen (" not in load  # one actor of that name: as it is


def test_one_plan_names_its_actors_as_they_are(tmp_path):
    load = _text(_report(tmp_path, [SKARHOLMEN]).split('<section id="aktorer">')[1].split("</section>")[0])
    assert "Socialtjänsten" in load and "Socialtjänsten (" not in load


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_counts_take_the_right_number(tmp_path, lang):
    page = _text(_report(tmp_path, [SKARHOLMEN, NORRTORP, VRETBY], lang))
    assert not re.search(r"\w\((er|s)\)", page)
    if lang == "sv":
        assert re.search(r"står 1 åtgärd utan", page) and re.search(r"står [2-9] åtgärder utan", page)
    else:
        assert re.search(r" 1 measure is left", page) and re.search(r" [2-9] measures are left", page)


def _sources(page: str) -> list[str]:
    summary = page[page.index('<section id="sammanfattning">') : page.index('<section id="brister">')]
    return [_text(row.split("</td>")[-2]) for row in re.findall(r"<tr>(.*?)</tr>", summary)[1:]]


def test_the_plans_source_is_what_its_metadata_says(several):
    sources = _sources(several)
    assert sources[0].startswith("Skärholmens stadsdelsförvaltning, Stockholms stad: Handlingsplan")
    assert all(not re.search(r"shared/|seeds|\.txt|invented|example", s) for s in sources), sources


@pytest.mark.parametrize(("lang", "said"), [("sv", "filen egen-plan.csv"), ("en", "the file egen-plan.csv")])
def test_a_plan_without_metadata_names_its_file_not_its_folder(tmp_path, lang, said):
    plan = tmp_path / "somewhere" / "deep" / "egen-plan.csv"
    plan.parent.mkdir(parents=True)
    shutil.copyfile(NORRTORP, plan)
    assert _sources(_report(tmp_path, [plan], lang)) == [said]


def test_coverage_names_each_plan_once_above_its_rows(several):
    coverage = several[several.index('<section id="tackning">') :]
    groups = re.findall(r'<th colspan="\d+" scope="colgroup" class="group">(.*?)</th>', coverage)
    assert len(groups) == 3
    assert '<th scope="col">Plan</th>' not in coverage


@pytest.mark.browser
@pytest.mark.parametrize(("width", "media"), [(1366, "screen"), (round((210 - 20) / 25.4 * 96), "print")])
def test_the_coverage_of_every_bundled_plan_fits_a_laptop_screen_and_a4(tmp_path, browser, width, media):  # noqa: F811
    assert len(ALL_BUNDLED) >= 13
    _report(tmp_path, ALL_BUNDLED)
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((tmp_path / "sv" / "report.html").resolve().as_uri())
        page.emulate_media(media=media)
        table, room = page.evaluate(
            "[document.querySelector('#tackning table').scrollWidth, document.querySelector('#tackning').clientWidth]"
        )
        assert table <= room, (table, room)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        page.close()
