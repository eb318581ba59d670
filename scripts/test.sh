#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run all of them.
#   - a virtualenv with graphmodel and its test extras (pytest, Playwright's Python package, and the
#     checkers scripts/check.sh runs first: ruff, mypy, import-linter);
#   - Debian's chromium for the browser tests (Playwright drives it; no browser download);
#   - Java 17 and Maven for the real Neo4j the store tests start and the Gephi toolkit the graph reader
#     tests open the graph files with (their jars come from Maven Central);
#   - Node.js and npm for graphology and graphology-gexf (tests/graph_readers/graphology, `npm ci` from
#     its package-lock.json), what Gephi Lite and sigma.js read the graph files with;
#   - and for axe-core (tests/a11y, `npm ci`), which the accessibility tests inject into report.html and the views;
#   - LibreOffice Calc and poppler, which print the workbooks to PDF and read the pages back (tests/test_xlsx.py),
#     and LibreOffice Writer, which exports Word plans to PDF as Word users do (tests/test_pdf.py);
#   - the checks of scripts/check.sh, then the fast tests against the lowest declared versions
#     (.venv-lowest), then every test.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || command -v localc >/dev/null || missing+=(libreoffice-calc-nogui)
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || command -v lowriter >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "scripts/test.sh: please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
        exit 2
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'

bash scripts/check.sh

# The graph readers (tests/graph_readers): the Gephi reader built with Maven, graphology installed with
# `npm ci`. The tests do it on first use too; here a download problem shows before any test runs.
.venv/bin/python -c "from tests.graph_readers import readers; readers.ensure_gephi(); readers.ensure_graphology()"
# axe-core for the accessibility tests (tests/a11y, `npm ci` from its package-lock.json; the tests do it too).
.venv/bin/python -c "from tests.a11y import axe; axe.ensure_axe()"

# The fast tests once more against the lowest versions pyproject.toml allows (constraints/lowest.txt),
# so that a lower bound is a version the tests passed on. Skipped when pytest is given arguments.
if [ $# -eq 0 ]; then
    python3 -m venv .venv-lowest
    # igraph: tests/test_graph_readers.py reads graph.graphml with it; pillow: tests/test_pdf_hostile.py makes
    # scanned pages with it (test tools, not pinned by lowest.txt)
    .venv-lowest/bin/pip install --quiet --disable-pip-version-check -c constraints/lowest.txt -e . pytest hypothesis igraph pillow
    .venv-lowest/bin/python -m pytest -q -p no:cacheprovider -m "not neo4j and not browser and not slow"
fi

exec .venv/bin/python -m pytest "$@"
