"""The cypher/ library without a server: every file is one statement with a header that tells the truth.

Each header's ``params:`` are exactly the ``$parameters`` its body uses, its
``returns:`` are exactly the columns of its final RETURN in order, every
query ends in a total ORDER BY, and ``mirrors:`` names a function that exists.
"""

from __future__ import annotations

import importlib
import re

import pytest

from graphmodel.store import cypher
from graphmodel.store.twins import TWINS

ALL = [s for kind in cypher.KINDS for s in cypher.library()[kind].values()]
QUERIES = list(cypher.library()["queries"].values())


def _strip_strings(body: str) -> str:
    return re.sub(r"'(?:[^'\\]|\\.)*'", "''", body)


def _final_return(body: str) -> str | None:
    """The text of the last top-level RETURN (at the start of a line), up to ORDER BY / end."""
    lines = body.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("RETURN ")]
    if not starts:
        return None
    text = " ".join(lines[starts[-1] :])
    return text[len("RETURN ") :]


def _columns(ret: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for i, ch in enumerate(ret):
        if depth == 0 and ret.startswith("ORDER BY", i):
            break
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    names = []
    for part in parts:
        part = part.strip()
        m = re.search(r"\bAS\s+([A-Za-z_][A-Za-z0-9_]*)$", part)
        names.append(m.group(1) if m else part)
    return names


def test_library_has_the_issue_queries():
    assert {
        "depends-on",
        "responsible-for",
        "works-with",
        "unassigned",
        "vague-owner",
        "overloaded",
        "partner-without-ownership",
        "sole-owners",
        "what-if",
        "overdue",
        "coverage",
    } <= set(cypher.library()["queries"])
    assert {"plan", "actors", "part-of", "measures", "responsible", "partners"} <= set(cypher.library()["load"])
    assert {"plan-id", "measure-id", "actor-id"} <= set(cypher.library()["schema"])


@pytest.mark.parametrize("stmt", ALL, ids=lambda s: f"{s.kind}/{s.name}")
def test_header_params_match_body(stmt):
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", _strip_strings(stmt.body)))
    assert used == {p.name for p in stmt.params}, stmt.path
    for p in stmt.params:
        if p.default is not None:
            p.parse(p.default)  # defaults are valid values of their type


@pytest.mark.parametrize("stmt", ALL, ids=lambda s: f"{s.kind}/{s.name}")
def test_header_returns_match_body(stmt):
    ret = _final_return(stmt.body)
    if ret is None:
        assert stmt.returns == (), f"{stmt.path}: returns {stmt.returns} but has no RETURN"
        return
    assert tuple(_columns(ret)) == stmt.returns, stmt.path


@pytest.mark.parametrize("stmt", ALL, ids=lambda s: f"{s.kind}/{s.name}")
def test_one_statement_plain_cypher(stmt):
    body = _strip_strings(stmt.body)
    assert ";" not in body.rstrip().rstrip(";"), f"{stmt.path}: one statement per file"
    assert not re.search(r"\b(apoc|gds)\.", body, re.IGNORECASE), f"{stmt.path}: no APOC / GDS (Aura)"
    assert "CALL db." not in body and "CALL dbms." not in body


@pytest.mark.parametrize("stmt", QUERIES, ids=lambda s: s.name)
def test_query_orders_totally_and_names_its_twin(stmt):
    ret = _final_return(stmt.body)
    assert ret and "ORDER BY" in ret, f"{stmt.path}: a query ends in ORDER BY so rows compare exactly"
    module, _, function = stmt.mirrors.split(" ")[0].rpartition(".")
    assert hasattr(importlib.import_module(module), function), stmt.mirrors
    assert stmt.name in TWINS, f"{stmt.name} has no twin in graphmodel/store/twins.py"


def test_no_twin_without_query():
    assert set(TWINS) == set(cypher.library()["queries"])


def test_header_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.cypher"
    bad.write_text("// answers: x\n// params:\n//   $a STRING\n// returns: none\n// mirrors: x.y\nRETURN 1\n")
    with pytest.raises(cypher.CypherLibraryError, match="bad.cypher"):
        cypher.parse("queries", bad)
    bad.write_text("// answers: x\n// returns: none\n// mirrors: x.y\nRETURN 1\n")
    with pytest.raises(cypher.CypherLibraryError, match="no 'params:'"):
        cypher.parse("queries", bad)


def test_bind_parses_types_and_defaults():
    q = cypher.query("overloaded")
    assert q.bind({"minCount": "3"}) == {"minCount": 3, "minShare": 0.25}
    with pytest.raises(cypher.ParamError, match="minCount"):
        q.bind({"minCount": "many"})
    with pytest.raises(cypher.ParamError, match="no parameter 'actor'"):
        q.bind({"actor": "Polisen"})
    with pytest.raises(cypher.ParamError, match="--param actor="):
        cypher.query("depends-on").bind({})
    assert cypher.query("depends-on").bind({"actor": "Polisen", "subunits": "false"})["subunits"] is False
    with pytest.raises(cypher.UnknownQueryError, match="depends-on"):
        cypher.query("depends_on")


@pytest.mark.parametrize("stmt", ALL, ids=lambda s: f"{s.kind}/{s.name}")
def test_names_are_folded_in_python_only(stmt):
    """One folding rule (graphmodel.registry.normalise): no Cypher copy of it, which folds differently
    (toLower keeps ß, the fi ligature and a dotted İ that casefold turns into ss, fi and i̇)."""
    body = _strip_strings(stmt.body)
    assert not re.search(r"\b(toLower|toUpper|normalize)\s*\(", body, re.IGNORECASE), stmt.path
    if stmt.param("actor"):
        assert stmt.param("actorKey") and stmt.param("actorKey").derived_from == "actor", stmt.path


def test_actor_key_is_derived_from_actor_with_the_python_rule():
    from graphmodel.registry import normalise

    q = cypher.query("depends-on")
    for name in ("Großstadt", "ﬁnans", "İstanbul", "Cafe\u0301", "HR- avdelningen"):
        assert q.bind({"actor": name})["actorKey"] == normalise(name)
    assert q.bind({"actor": "Großstadt"})["actorKey"] == "grossstadt"
    with pytest.raises(cypher.ParamError, match="computed from 'actor'"):
        q.bind({"actorKey": "polisen"})
    assert all(p.name != "actorKey" or not p.required for p in q.params)
