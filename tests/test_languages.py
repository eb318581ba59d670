"""One language at a time (issue 10): ``report --lang en`` shows no Swedish word of the tool's own.

Plan content (measure texts, actor names as plan and registry write them, areas, levels, status
texts, plan titles) stays as written; every other word a person reads in report.html, the
workbooks and the views comes from the catalogues, and the English ones hold no Swedish.
"""

from __future__ import annotations

import csv
import html
import json
import re

import pytest
from click.testing import CliRunner
from graphmodel.viz import LABELS
from graphmodel.viz.text import TEXT
from openpyxl import load_workbook

import graphmodel as gm
from graphmodel import catalogue
from graphmodel.analyse import gaps
from graphmodel.cli import main
from graphmodel.text import Plural
from tests.conftest import SKARHOLMEN

VIEWS = ("natverk-plan.html", "natverk-aktorer.html", "natverk-polisen.html")
COMMON_SWEDISH = {
    "och", "åtgärd", "åtgärder", "aktör", "aktörer", "brist", "brister", "ansvarig", "ansvariga", "nivå",
    "område", "rad", "inga", "med", "utan", "för", "till", "som", "av", "på", "är", "har", "saknar",
    "planen", "handlingsplaner", "rapport", "sammanfattning", "täckning", "källa", "år", "slag", "andel",
}  # fmt: skip


def _catalogues() -> list[dict]:
    """Every catalogue of user-facing words, each as {language: words}."""
    return [
        catalogue.KIND_NAMES,
        catalogue.STATE_NAMES,
        catalogue.SEVERITY_NAMES,
        catalogue.FINDING_TITLES,
        catalogue.REPORT,
        catalogue.SHEETS,
        catalogue.HEADINGS,
        TEXT,
        LABELS,
        gaps.MESSAGES,
    ]


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, Plural):
        return [value.one, value.other]
    return [value] if isinstance(value, str) else []


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def _shape(value: object) -> object:
    """The keys of nested dicts, the values left out."""
    return {k: _shape(v) for k, v in value.items()} if isinstance(value, dict) else None


SV_WORDS = {w for c in _catalogues() for s in _strings(c["sv"]) for w in _words(s)}
EN_WORDS = {w for c in _catalogues() for s in _strings(c["en"]) for w in _words(s)}
STOP_WORDS = (SV_WORDS - EN_WORDS) | COMMON_SWEDISH


def test_the_languages_have_the_same_keys():
    for words in _catalogues():
        assert set(words) >= {"sv", "en"}
        assert _shape(words["en"]) == _shape(words["sv"])
    for kind in gaps.KINDS:
        assert {kind} <= catalogue.FINDING_TITLES["sv"].keys() & catalogue.SHEETS["sv"].keys()
    for name in _strings(catalogue.SHEETS):
        assert len(name) <= 31 and not set(name) & set(":\\/?*[]")


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    out = tmp_path_factory.mktemp("en")
    result = CliRunner().invoke(main, ["report", str(SKARHOLMEN), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def plan_content() -> list[str]:
    """Every string the plan and the registry wrote, longest first (to take out of the text)."""
    graph = gm.build_graph(gm.read_plans([str(SKARHOLMEN)]))
    strings = set()
    for measure in gm.measures(graph):
        strings |= {measure["text"], measure["area"] or "", measure["level"] or "", measure["status"]["text"]}
        strings |= {measure["source"]["file"], str(measure["source"].get("note") or "")}
    for actor in gm.actors(graph):
        strings |= {actor["name"], *actor["aliases_seen"]}
    for row in gm.ledger(gm.read_plans([str(SKARHOLMEN)])):
        strings |= {row["text"] or "", row.get("part") or ""}
    with SKARHOLMEN.open(encoding="utf-8-sig") as handle:
        strings |= {cell for row in csv.DictReader(handle, delimiter=";") for cell in row.values()}
    toml = SKARHOLMEN.with_name(SKARHOLMEN.stem + ".plan.toml").read_text(encoding="utf-8")
    strings |= set(re.findall(r'"([^"]*)"', toml))
    return sorted((s for s in strings if s.strip()), key=len, reverse=True)


def _swedish(text: str, plan_content: list[str]) -> set[str]:
    """The Swedish words in ``text`` once plan content (whole words only) is taken out."""
    text = re.sub(r"(?<!\w)(?:" + "|".join(map(re.escape, plan_content)) + r")(?!\w)", "\n", text)
    return {w for w in _words(text) if w in STOP_WORDS or set(w) & set("åäö")}


def _visible(page: str) -> str:
    """What a reader of the page sees: no scripts, styles or tags, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def test_report_in_english_has_no_swedish_ui_text(english, plan_content):
    page = (english / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert _swedish(_visible(page), plan_content) == set()

    for name, columns in (("measures.xlsx", {"state", "kind"}), ("gaps.xlsx", {"severity"})):
        book = load_workbook(english / name)
        for sheet in book.worksheets:
            assert _swedish(sheet.title, plan_content) == set(), sheet.title
            rows = list(sheet.iter_rows(values_only=True))
            header = [str(h) for h in rows[0]]
            assert _swedish(" \n".join(header), plan_content) == set(), header
            for column in columns & set(header):
                cells = [str(r[header.index(column)] or "") for r in rows[1:]]
                assert _swedish("\n".join(cells), plan_content) == set(), (name, column)

    for name in VIEWS:
        page = (english / name).read_text(encoding="utf-8")
        assert '<html lang="en">' in page
        assert _swedish(_visible(page), plan_content) == set(), name
        data = json.loads(re.search(r'<script type="application/json" id="view-data">(.*?)</script>', page).group(1))
        shown = [
            *(s for v in data["text"].values() for s in (v if isinstance(v, list) else [v])),
            *(b["label"] for b in data["bands"]),
            *(h["label"] for h in data["headers"]),
            *(line for n in data["nodes"] for line in n[7] if isinstance(line, str)),
            *data["strings"],
            *(e[4] for e in data["edges"] if isinstance(e[4], str)),
            *(s for table in data["tables"] or [] for s in [table["caption"], *table["headings"], table["note"]]),
        ]
        assert _swedish("\n".join(shown), plan_content) == set(), name


def test_report_in_swedish_is_unchanged_in_swedish(tmp_path, plan_content):
    result = CliRunner().invoke(main, ["report", str(SKARHOLMEN), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in page
    assert {"brister", "åtgärder", "sammanfattning"} <= _swedish(_visible(page), plan_content)  # the check sees
    for words in ("<h2>Brister</h2>", "Aktörernas belastning", "Åtgärder utan ansvarig", "Sammanfattning"):
        assert words in page
    measures = load_workbook(tmp_path / "measures.xlsx")
    assert measures.sheetnames == ["Åtgärder", "Aktörer", "Att granska"]
    header = [c.value for c in measures["Åtgärder"][1]]
    assert header[3] == "åtgärd" and header[6] == "status"
    assert {c.value for c in measures["Åtgärder"]["G"][1:]} <= set(catalogue.STATE_NAMES["sv"].values())
    assert {c.value for c in measures["Aktörer"]["E"][1:]} == {"hela landet", "den egna organisationen"}  # scope
    became = [c.value for c in measures["Att granska"]["F"][1:]]
    assert became and all(b.startswith("aktör: ") for b in became), became
    findings = load_workbook(tmp_path / "gaps.xlsx")
    assert "Utan ansvarig" in findings.sheetnames
    assert [c.value for c in findings.worksheets[0][1]][:3] == ["allvarlighet", "plan", "beskrivning"]
    # the CSV files are the contract: English, the same in every language
    assert (tmp_path / "measures.csv").read_text(encoding="utf-8-sig").startswith("id;area;level;measure;")
    assert ";ongoing;" in (tmp_path / "measures.csv").read_text(encoding="utf-8-sig")


def test_no_message_hedges_singular_and_plural():
    """ "1 åtgärd", "6 åtgärder": a count says its noun in the right number, never "åtgärd(er)"."""
    for words in _catalogues():
        for lang in ("sv", "en"):
            hedged = [s for s in _strings(words[lang]) if re.search(r"\w\((er|ar|or|s|es)\)", s)]
            assert hedged == []


def test_what_a_cell_became_is_said_in_swedish_in_the_workbook():
    from graphmodel.present.exports import _became

    said = _became(lambda row: row, "sv")
    assert said("actor: Polisen (polisen)") == "aktör: Polisen (polisen)"
    assert said("status: ongoing") == "status: pågående" and said("measure text") == "åtgärdens text"
    assert said("title or note; organisation: Norrtorps kommun; the plan's year: 2019") == (
        "titel eller anteckning; organisation: Norrtorps kommun; planens år: 2019"
    )
    assert said("genitive: skolans kurator → Kurator (Skolan)") == "genitive: skolans kurator → Kurator (Skolan)"
    assert _became(lambda row: row, "en")("actor: Polisen (polisen)") == "actor: Polisen (polisen)"


@pytest.mark.parametrize(
    ("count", "sv", "en"),
    [
        (1, "står 1 åtgärd utan egentlig ansvarig", "1 measure is left"),
        (2, "står 2 åtgärder utan egentlig ansvarig", "2 measures are left"),
    ],
)
def test_a_sole_owner_of_one_measure_is_said_in_the_singular(count, sv, en):
    for lang, expected in (("sv", sv), ("en", en)):
        message = gaps.MESSAGES[lang]["single-point-of-failure"].format(actor="Polisen", count=count)
        assert expected in message
