"""axe-core (npm, pinned in ``package-lock.json`` here) for the accessibility tests.

``ensure_axe()`` runs ``npm ci`` in this folder on first use (again only when the lock file changes)
and returns the path of ``axe.min.js``; ``run_axe(page)`` injects it into a Playwright page (opened
with ``bypass_csp=True``: our pages' CSP forbids any script but their own) and returns axe's
violations. axe is never part of a page we write.
"""

from __future__ import annotations

from pathlib import Path

from tests.graph_readers.readers import _fingerprint, _locked, _needed, _run

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def ensure_axe() -> Path:
    """``npm ci`` here unless node_modules was installed from the same package-lock.json."""
    lock = HERE / "package-lock.json"
    stamp = HERE / "node_modules" / ".graphmodel-stamp"

    def installed() -> bool:
        return AXE_JS.is_file() and stamp.is_file() and stamp.read_text().strip() == _fingerprint([lock])

    if not installed():
        with _locked(HERE / ".install.lock"):
            if not installed():
                _needed("node", "nodejs")
                _run([_needed("npm", "npm"), "ci", "--no-audit", "--no-fund"], HERE, "npm ci of axe-core")
                stamp.write_text(_fingerprint([lock]) + "\n")
    return AXE_JS


def run_axe(page) -> list[dict]:
    """axe's violations on the page as it is now (every rule axe runs by default: WCAG 2.0/2.1 A and
    AA and best practices), each with ``id``, ``impact``, ``help`` and ``nodes`` (``target``, ``summary``)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(ensure_axe()))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
        }"""
    )


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SERIOUS]


def describe(violations: list[dict], limit: int = 6) -> str:
    """Rule ids with their impact, and the first nodes of each, for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
        for node in v["nodes"][:limit]:
            summary = " ".join((node["summary"] or "").split())[:220]
            lines.append(f"    {node['target']}  {summary}")
    return "\n".join(lines)
