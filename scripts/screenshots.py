"""The README's screenshots, from the quick start's output: ``report.html`` and the views in headless
Chromium (Debian's ``chromium``, driven by Playwright), and ``graph.gexf`` as Gephi's Preview draws it
(the Gephi toolkit from Maven Central exports the Preview as SVG; Chromium turns that into a PNG).

Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR]   (default docs/screenshots)
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import graphmodel as gm  # noqa: E402
from tests.graph_readers import readers  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SKARHOLMEN = ROOT / "data" / "plans" / "skarholmen-2017.csv"
VIEWS = {  # page -> (screenshot, viewport height)
    "natverk-plan.html": ("plan-skarholmen.png", 1637),
    "natverk-aktorer.html": ("actors-skarholmen.png", 1237),
    "natverk-polisen.html": ("ego-polisen-skarholmen.png", 800),
}


def _wait_until_drawn(page, timeout: float = 30.0) -> None:
    """Poll from Python: the views' CSP forbids the eval that ``wait_for_function`` uses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate("!!(window.__view && window.__view.drawn)"):
        if time.monotonic() > deadline:
            raise RuntimeError("the view was not drawn in time")
        time.sleep(0.05)
    time.sleep(0.5)  # the last frame painted


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "out"
        gm.report([SKARHOLMEN], report)
        svg = readers.gephi_preview(report / "graph.gexf", Path(tmp) / "gephi.svg", label_size=70)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto((report / "report.html").as_uri())
            page.screenshot(path=str(out / "report-skarholmen.png"))
            for view, (name, height) in VIEWS.items():
                page = browser.new_page(viewport={"width": 1500, "height": height})
                page.goto((report / view).as_uri())
                _wait_until_drawn(page)
                page.screenshot(path=str(out / name))
            # Gephi's drawing is as wide as its labels reach: shown 1500 px wide, as tall as that makes it
            box = [float(v) for v in re.search(r'viewBox="([^"]+)"', svg.read_text(encoding="utf-8")).group(1).split()]
            width = 1500
            height = round(width * box[3] / box[2])
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(svg.as_uri())
            page.evaluate(
                f"() => {{ const s = document.documentElement; s.setAttribute('width', '{width}'); s.setAttribute('height', '{height}'); }}"
            )
            page.screenshot(path=str(out / "gephi-skarholmen.png"))
            browser.close()
    for name in ["report-skarholmen.png", *(n for n, _ in VIEWS.values()), "gephi-skarholmen.png"]:
        print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
