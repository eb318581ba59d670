"""WCAG 2.1 AA in a real browser (issue 13, part 4): axe-core on report.html and on every view, and the
keyboard alone from the search field to a node's details.

axe-core comes from npm (``tests/a11y``, ``npm ci`` from its package-lock.json on first use) and is
injected by the test only, into a page opened with ``bypass_csp=True``. Browser-marked: runs in CI.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import graphmodel as gm
from graphmodel.analyse.gaps import GapSettings
from tests.a11y.axe import describe, run_axe, serious
from tests.conftest import NORRTORP, SKARHOLMEN
from tests.test_views_browser import Opened, browser, chromium_path  # noqa: F401  (the browser fixture)

pytestmark = pytest.mark.browser

REPORTS = {  # name -> (plans, language)
    "sv-one": ([SKARHOLMEN], "sv"),
    "en-one": ([SKARHOLMEN], "en"),
    "sv-several": ([SKARHOLMEN, NORRTORP], "sv"),
    "en-several": ([SKARHOLMEN, NORRTORP], "en"),
}
VIEWS = ("natverk-plan.html", "natverk-aktorer.html", "natverk-polisen.html")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y")
    out = {}
    for name, (plans, lang) in REPORTS.items():
        gm.report(plans, root / name, settings=GapSettings(lang=lang))
        out[name] = root / name
    return out


def open_static(browser, path: Path):  # noqa: F811
    page = browser.new_page(viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page.goto(path.resolve().as_uri())
    return page


def assert_nothing_serious(violations: list[dict], where: str) -> None:
    bad = serious(violations)
    assert bad == [], f"axe: serious or critical violations in {where}:\n{describe(bad)}"


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_has_no_serious_axe_violations(name, reports, browser):  # noqa: F811
    page = open_static(browser, reports[name] / "report.html")
    try:
        assert_nothing_serious(run_axe(page), f"{name}/report.html")
    finally:
        page.close()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("name", ["sv-one", "en-several"])
def test_view_has_no_serious_axe_violations(name, view, reports, browser):  # noqa: F811
    page = Opened(browser, reports[name] / view, bypass_csp=True)
    try:
        assert_nothing_serious(run_axe(page.page), f"{name}/{view}")
        # and with a node selected and the details panel filled
        page.js("window.__view.search('Polisen')")
        assert_nothing_serious(run_axe(page.page), f"{name}/{view} after a search")
    finally:
        page.page.close()


def tab_until(page, expression: str, limit: int = 120) -> int:
    """Press Tab until ``expression`` (about document.activeElement) holds; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(expression):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {expression}")


QUERY = {
    "natverk-plan.html": "Polisen",
    "natverk-aktorer.html": "Polisen",
    "natverk-polisen.html": "Preventionssamordnare",
}
FOCUS_SHOWN = "getComputedStyle(document.activeElement).outlineStyle !== 'none'"


@pytest.mark.parametrize("view", VIEWS)
def test_keyboard_alone_walks_from_the_search_field_to_a_nodes_details(view, reports, browser):  # noqa: F811
    page = Opened(browser, reports["sv-one"] / view)
    try:
        keys = page.page.keyboard
        tab_until(page.page, "document.activeElement.id === 'search'")
        assert page.js(FOCUS_SHOWN)
        keys.type(QUERY[view])  # Polisen has no row in its own view: the actors on its measures do
        keys.press("Enter")
        assert "träff" in page.page.locator("#hits").inner_text()
        # on through the filters and buttons (each reached, each showing its focus) to Polisen's row
        stops = []
        for _ in range(200):
            keys.press("Tab")
            stops.append(page.js("document.activeElement.tagName + '#' + document.activeElement.id"))
            assert page.js(FOCUS_SHOWN), f"no visible focus on {stops[-1]}"
            if page.js("document.activeElement.matches('tr.hit')"):
                break
        else:
            raise AssertionError(f"Tab never reached a row Polisen is in: {stops}")
        assert {"SELECT#", "BUTTON#fit", "BUTTON#reset"} <= set(stops)
        row_nodes = page.js("document.activeElement.getAttribute('data-n').split(' ').map(Number)")
        keys.press("Enter")
        # the details: focus is in the panel, which names Polisen, and the network selected the row's nodes
        assert page.js("document.activeElement.id") == "selected"
        details = page.page.locator("#selected").inner_text()
        assert QUERY[view] in details
        assert sorted(page.js("window.__view.network.getSelectedNodes()")) == sorted(row_nodes)
        # and back to the row, by keyboard
        tab_until(
            page.page, "document.activeElement.tagName === 'BUTTON' && !!document.activeElement.closest('#selected')"
        )
        keys.press("Enter")
        assert page.js("document.activeElement.matches('tr.hit')")
        # Space opens a row too
        keys.press("Tab")
        other = page.js("document.activeElement.getAttribute('data-n')")
        assert other is not None
        keys.press(" ")
        assert page.js("document.activeElement.id") == "selected"
        assert sorted(page.js("window.__view.network.getSelectedNodes()")) == sorted(map(int, other.split()))
        assert page.errors == []
    finally:
        page.page.close()


@pytest.mark.parametrize("view", VIEWS)
def test_the_network_points_to_its_text_equivalent(view, reports, browser):  # noqa: F811
    page = Opened(browser, reports["en-one"] / view)
    try:
        network = page.page.locator("#network")
        assert network.get_attribute("aria-hidden") is None
        assert network.get_attribute("role") == "region"
        assert "table" in network.get_attribute("aria-label")
        note = page.page.locator("#" + network.get_attribute("aria-describedby"))
        assert note.locator("a[href='#tabell']").count() == 1
        assert page.page.locator("#tabell").count() == 1
        # every row of the table is a tab stop, and the skip links lead to the content and the table
        assert page.js("[...document.querySelectorAll('tr[data-n]')].every(tr => tr.tabIndex === 0)")
        assert page.js("[...document.querySelectorAll('a.skip')].map(a => a.getAttribute('href'))") == [
            "#main",
            "#tabell",
        ]
        assert page.page.locator("main").count() == 1
    finally:
        page.page.close()


def test_a_serious_gap_differs_from_another_by_more_than_colour(reports, browser):  # noqa: F811
    page = Opened(browser, reports["sv-one"] / "natverk-plan.html")
    try:
        widths = page.js("""(() => { const v = window.__view, out = {};
            v.meta.filter(n => n.g).forEach(n => { out[n.g] = v.nodes.get(n.id).borderWidth; }); return out; })()""")
        assert widths.get("high") and widths.get("medium") and widths["high"] > widths["medium"]
        labels = page.js("window.__view.meta.filter(n => n.g).map(n => window.__view.nodes.get(n.id).label)")
        assert labels and all(label.startswith("\u26a0") for label in labels)
    finally:
        page.page.close()


A4_CONTENT_PX = round((210 - 20) / 25.4 * 96)  # A4 less the print stylesheet's 10 mm margins, in CSS px


@pytest.mark.parametrize("name", ["sv-several", "en-one"])
def test_report_prints_on_a4_with_nothing_cut(name, reports, browser, tmp_path):  # noqa: F811
    page = browser.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})
    try:
        page.goto((reports[name] / "report.html").resolve().as_uri())
        page.emulate_media(media="print")
        # nothing wider than the printable width: no table, cell or line runs off the page
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_PX
        too_wide = page.evaluate(
            f"""[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > {A4_CONTENT_PX} + 0.5
                                                           || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible')
                   .map(e => e.tagName + ' ' + e.textContent.slice(0, 40))"""
        )
        assert too_wide == []
        assert page.evaluate("getComputedStyle(document.querySelector('nav.contents')).display") == "none"
        pdf = tmp_path / "report.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        assert pdf.read_bytes().startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "MediaBox" not in text
        # every column heading (the coverage table's may break inside a word), and the coverage table's
        # last row, are on paper
        headings = page.evaluate("[...document.querySelectorAll('th:not(#tackning th)')].map(th => th.textContent)")
        flat = " ".join(text.split())

        def words(text: str) -> list[str]:  # a line may break after a hyphen
            return [w for w in re.split(r"[\s-]+", text) if w]

        for heading in headings:
            assert all(word in flat for word in words(heading)), heading
        last = page.evaluate(
            "[...document.querySelectorAll('#tackning tbody tr:last-child td')].map(td => td.textContent)"
        )
        assert all(all(word in flat for word in words(cell)) for cell in last), last
    finally:
        page.close()
