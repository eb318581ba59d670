#!/usr/bin/env bash
# The checks CI runs before the tests (scripts/test.sh calls this): lint, format, types, layers.
#   ruff check / ruff format --check   style and likely bugs (pyproject [tool.ruff])
#   mypy                               strict types on the core and the analyses (pyproject [tool.mypy])
#   lint-imports                       the layers (pyproject [tool.importlinter]), on the built wheel:
#                                      viz/ of the repository is graphmodel.viz only once installed
# Usage: bash scripts/check.sh   (after scripts/test.sh has made .venv, or with the tools on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.venv/bin
[ -x "$bin/ruff" ] || bin=$(dirname "$(command -v ruff)")

"$bin/ruff" check graphmodel viz tests benchmarks data cypher
"$bin/ruff" format --check --quiet graphmodel viz tests benchmarks data cypher
"$bin/mypy"

work=$(mktemp -d)
trap 'rm -rf "$work" build' EXIT
"$bin/python" -m pip wheel --quiet --no-deps --disable-pip-version-check -w "$work/dist" . >/dev/null
"$bin/python" -m pip install --quiet --no-deps --disable-pip-version-check --target "$work/site" "$work"/dist/*.whl
root=$PWD
(cd "$work" && PYTHONPATH="$work/site" "$bin/lint-imports" --no-cache "$root/pyproject.toml" | tail -n 4)
