"""The views in a real browser: Debian's chromium driven by Playwright (no browser download).

These run in CI and never skip: without chromium they fail and say how to install it.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

import graphmodel as gm
from graphmodel import viz
from graphmodel.analyse.gaps import find_gaps
from graphmodel.model import MEASURE, PARTNER_IN, RESPONSIBLE_FOR
from tests.conftest import SKARHOLMEN
from tests.test_views import PAYLOAD_ACTOR, PAYLOAD_MEASURE, PAYLOAD_STATUS, payload_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"


def chromium_path() -> str:
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not path:
        pytest.fail(
            "The browser tests need Debian's chromium: apt-get install chromium "
            "(scripts/test.sh installs it when run as root).",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("The browser tests need Playwright for Python: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def graph():
    return gm.build_graph(gm.read_plans([SKARHOLMEN]))


@pytest.fixture(scope="module")
def pages(graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    findings = find_gaps(graph)
    return {
        "plan": viz.write_view(viz.plan_view(graph, findings), out / "plan.html"),
        "actors": viz.write_view(viz.actor_view(graph, findings), out / "actors.html"),
        "ego": viz.write_view(viz.ego_view(graph, "Polisen", findings), out / "ego.html"),
    }


class Opened:
    def __init__(self, browser, path: Path, **options):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000}, **options)
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.wait_until("!!(window.__view && window.__view.drawn)")

    def wait_until(self, expression: str, timeout: float = 15.0) -> None:
        """Poll from Python: the page's CSP forbids the eval that page.wait_for_function uses."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def visible_keys(self, kind: str) -> set[str]:
        return set(
            self.js(f"""window.__view.nodes.get({{filter: n => !n.hidden && n.type === "{kind}"}})
                               .map(n => n.key)""")
        )


@pytest.fixture()
def open_page(browser):
    opened = []

    def open_(path):
        page = Opened(browser, path)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.page.close()


def role_edge_count(graph):
    return sum(1 for _, _, r in graph.edges(keys=True) if r in (RESPONSIBLE_FOR, PARTNER_IN))


@pytest.mark.parametrize("name", ["plan", "actors", "ego"])
def test_loads_offline_without_errors_and_draws_everything(name, pages, graph, open_page, tmp_path):
    page = open_page(pages[name])
    assert page.errors == []
    assert page.requests == [page.url]  # nothing but the file itself
    drawn = page.js(
        "[window.__view.nodes.length, window.__view.edges.length,"
        " window.__view.network.body.nodeIndices.length, window.__view.network.body.edgeIndices.length]"
    )
    view = {
        "plan": lambda: viz.plan_view(graph),
        "actors": lambda: viz.actor_view(graph),
        "ego": lambda: viz.ego_view(graph, "Polisen"),
    }[name]()
    assert drawn == [len(view.nodes), len(view.edges), len(view.nodes), len(view.edges)]
    if name == "plan":
        actors = {a for a, _, r in graph.edges(keys=True) if r in (RESPONSIBLE_FOR, PARTNER_IN)}
        measures = [n for n, d in graph.nodes(data=True) if d["label"] == MEASURE]
        assert drawn[:2] == [len(actors) + len(measures), role_edge_count(graph)]
    page.page.screenshot(path=str(tmp_path / f"{name}.png"))
    assert (tmp_path / f"{name}.png").stat().st_size > 20_000


def test_search_finds_polisen_by_name(pages, open_page):
    page = open_page(pages["plan"])
    found = page.js("window.__view.search('Polisen').map(id => window.__view.nodes.get(id).key)")
    assert "polisen" in found
    assert (
        page.page.locator("#hits").inner_text().endswith("träffar")
        or "träff" in page.page.locator("#hits").inner_text()
    )
    assert page.js("window.__view.network.getSelectedNodes().length") == len(found)
    # search is by label, not by id: the id's slug finds nothing the name does not
    assert page.js("window.__view.search('skarholmens-stadsdelsforvaltning/').length") == 0
    assert page.errors == []


def test_filters_hide_what_they_should(pages, graph, open_page):
    page = open_page(pages["plan"])
    police_measures = {m for a, m, r in graph.edges(keys=True) if a == "polisen" and r == PARTNER_IN}
    page.page.select_option("select[data-filter=kind]", "police")
    assert page.visible_keys("measure") == police_measures
    assert page.visible_keys("actor") == {"polisen"}
    page.page.select_option("select[data-filter=kind]", "*")
    page.page.select_option("select[data-filter=area]", "Förhindrande")
    expected = {n for n, d in graph.nodes(data=True) if d["label"] == MEASURE and d.get("area") == "Förhindrande"}
    assert page.visible_keys("measure") == expected and len(expected) == 6
    actors = page.visible_keys("actor")
    assert "polisen" in actors and "skarholmens-stadsdelsforvaltning/hr-avdelningen" not in actors
    visible_rows = page.page.locator("table tbody tr:visible").count()
    assert visible_rows == len(expected) + len(actors)  # the tables follow the filters
    page.page.click("#reset")
    assert len(page.visible_keys("measure")) == 17
    assert page.errors == []


def test_click_highlights_the_neighbourhood(pages, open_page):
    page = open_page(pages["ego"])
    point = page.js("""(() => { const v = window.__view; const id = v.nodes.get({filter: n => n.key === 'polisen'})[0].id;
                       return v.network.canvasToDOM(v.network.getPositions([id])[id]); })()""")
    page.page.locator("#network canvas").click(position={"x": point["x"], "y": point["y"]})
    dimmed = page.js(
        "window.__view.nodes.get({filter: n => n.opacity !== undefined && n.opacity < 1}).map(n => n.type)"
    )
    assert dimmed and all(kind == "actor" for kind in dimmed)  # Polisen's five measures stay lit
    assert "Polisen" in page.page.locator("#selected").inner_text()


@pytest.mark.parametrize("name", ["plan", "actors", "ego"])
def test_hostile_plan_text_stays_text(name, browser, tmp_path):
    graph = payload_graph()
    findings = find_gaps(graph)
    view = {
        "plan": lambda: viz.plan_view(graph, findings),
        "actors": lambda: viz.actor_view(graph, findings),
        "ego": lambda: viz.ego_view(graph, "polisen", findings),
    }[name]()
    page = Opened(browser, viz.write_view(view, tmp_path / f"{name}.html"))
    try:
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.errors == []
        assert page.requests == [page.url]  # the <img src=x> never became an element
        body = page.page.locator("section.tables").inner_text()
        assert PAYLOAD_ACTOR in body
        if name != "actors":
            assert PAYLOAD_MEASURE in body
        if name == "plan":
            assert PAYLOAD_STATUS in body
        # hover the actor: the tooltip shows the payload as text
        point = page.js("""(() => { const v = window.__view; const id = v.nodes.get({filter: n => n.key === 'polisen'})[0].id;
                           return v.network.canvasToDOM(v.network.getPositions([id])[id]); })()""")
        page.page.mouse.move(point["x"] + 1, point["y"] + 1)
        page.page.mouse.move(point["x"], point["y"])
        box = page.page.locator("#network").bounding_box()
        page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_until(
            "!!document.querySelector('.vis-tooltip') && "
            "document.querySelector('.vis-tooltip').style.visibility === 'visible'",
            timeout=5,
        )
        tip = page.js("document.querySelector('.vis-tooltip').textContent")
        assert PAYLOAD_ACTOR in tip
        assert page.js("document.querySelectorAll('.vis-tooltip img, .vis-tooltip a, body img').length") == 0
        assert page.js("typeof window.__pwned") == "undefined"
        page.page.screenshot(path=str(tmp_path / f"payload-{name}.png"))
    finally:
        page.page.close()


def test_big_view_builds_tables_and_tooltips_lazily(graph, open_page, tmp_path):
    """Above BIG nodes the table is built when opened, and tooltips when the pointer first gets there."""
    view = viz.actor_view(graph, find_gaps(graph))
    view.big = True  # Skärholmen is small; the big page's code paths are the same
    page = open_page(viz.write_view(view, tmp_path / "big.html"))
    assert page.errors == []
    assert page.js("document.querySelectorAll('section.tables tr[data-n]').length") == 0
    page.page.click("section.tables summary")
    rows = sum(len(table.rows) for table in view.tables)
    page.wait_until(f"document.querySelectorAll('section.tables tr[data-n]').length === {rows}", timeout=5)
    assert PAYLOAD_ACTOR not in page.page.locator("section.tables").inner_text()  # plain Skärholmen
    page.page.select_option("select[data-filter=kind]", "police")
    assert 0 < page.page.locator("section.tables tbody tr:visible").count() < rows
    # hover the middle of the heaviest edge: its tooltip lists the shared measures
    heaviest = max(view.edges, key=lambda e: e["weight"])
    page.page.select_option("select[data-filter=kind]", "*")
    page.js("window.scrollTo(0, 0)")
    # a point on the edge that no node or other edge covers (other lines may cross its middle)
    point = page.js(f"""(() => {{ const v = window.__view, p = v.network.getPositions([{heaviest["from"]}, {heaviest["to"]}]);
        const a = p[{heaviest["from"]}], b = p[{heaviest["to"]}];
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65]) {{
            const dom = v.network.canvasToDOM({{x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y)}});
            if (v.network.getNodeAt(dom) === undefined && v.network.getEdgeAt(dom) === {heaviest["id"]!r}) return dom;
        }}
        return null; }})()""")
    assert point is not None, "no free point on the heaviest edge"
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.move(box["x"] + point["x"] + 1, box["y"] + point["y"])
    page.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_until(
        "!!document.querySelector('.vis-tooltip') && "
        "document.querySelector('.vis-tooltip').style.visibility === 'visible'",
        timeout=5,
    )
    tip = page.js("document.querySelector('.vis-tooltip').textContent")
    assert "gemensamma åtgärder" in tip and "•" in tip
    assert page.errors == []
