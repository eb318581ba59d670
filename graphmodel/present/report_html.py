"""``report.html``: one self-contained page for the coordinator and the managers, in Swedish
(default) or English.

Plan summary, findings grouped by kind with the measures they name, the
actors' load, and the coverage table. Every word of the page's own comes from
the catalogue (``graphmodel.catalogue``), so that a page is in one language.
No request leaves the page: no scripts or fonts from elsewhere, and a
Content-Security-Policy that forbids them. Every piece of plan text goes
through ``html.escape`` (and ``clean_text``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from html import escape as html_escape
from pathlib import PurePath

from ..catalogue import FINDING_TITLES, KIND_NAMES, REPORT, SEVERITY_NAMES, SHEETS
from ..text import clean_text

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1d2630;background:#f6f7f9}
a{color:#0b57d0} a:visited{color:#5b3a9e}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;z-index:10;background:#fff;color:#0b57d0;padding:.4rem .8rem;border-radius:4px;font-weight:600}
.skip:focus{top:.5rem}
header{background:#1f3a5f;color:#fff;padding:1.2rem 2rem}
header h1{margin:0;font-size:1.5rem} header p{margin:.3rem 0 0;color:#e3e9f1}
nav.contents{max-width:1200px;margin:0 auto;padding:.8rem 2rem 0} nav.contents a{margin-right:1rem}
main{max-width:1200px;margin:0 auto;padding:0 2rem 3rem} main:focus{outline:none}
section{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:1rem 1.3rem;margin:1rem 0}
h2{font-size:1.2rem;margin:.2rem 0 .8rem} h3{font-size:1rem;margin:1rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem} th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e6e9ee;vertical-align:top}
th{background:#f0f3f7} td.num{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:.8rem} .card{flex:1 1 140px;background:#f0f3f7;border-radius:6px;padding:.6rem .8rem}
.card b{display:block;font-size:1.6rem}
.sev{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.8rem;color:#fff}
.sev-high{background:#b42318}.sev-medium{background:#b0561a}.sev-low{background:#5b6b7f}.sev-info{background:#667386}
ul.findings{padding-left:1.1rem} ul.findings li{margin:.3rem 0} .measures{color:#4a5563;font-size:.85rem}
.muted{color:#5c6776}
.scroll{overflow-x:auto}
table.coverage th[scope=col]{vertical-align:bottom} table.coverage th[scope=row]{font-weight:normal;background:none}
table.coverage th.group{background:#e4e9f0;font-weight:600} table.coverage .level{display:block;color:#5c6776}
table.coverage td.zero{color:#6b7380}
@media print{
@page{size:A4;margin:12mm 10mm}
body{background:#fff;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.skip,nav.contents{display:none}
header{background:none;color:#000;padding:0 0 4mm;border-bottom:2px solid #1f3a5f}
header p{color:#333}
main{max-width:none;padding:0}
section{border:0;border-radius:0;padding:0;margin:0 0 6mm}
h2,h3{break-after:avoid} .cards{gap:3mm} .card{flex:1 1 25mm;border:1px solid #ccd3db}
table{font-size:8pt;width:100%} th,td{padding:1mm 1.2mm} td.num{white-space:nowrap}
thead{display:table-header-group} tr,li{break-inside:avoid}
a{color:#000;text-decoration:none}
.scroll{overflow:visible} table.coverage{font-size:7.5pt} table.coverage th,table.coverage td{padding:1mm .7mm}
}
"""


def escape(text: str) -> str:
    """Plan text as HTML: markup escaped, and no character an HTML parser calls an error (``clean_text``)."""
    return html_escape(clean_text(text))


def _table(headings: list[str], rows: list[list[object]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(str(v))}</td>' if i in numeric else f"<td>{escape(str(v))}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _source(plan: dict, t: dict[str, str]) -> str:
    """Where the plan comes from: what its metadata says, else the file it was read from (its name only:
    a folder on the coordinator's computer says nothing to a manager)."""
    if plan.get("source"):
        return str(plan["source"])
    file = plan.get("file")
    return t["source_file"].format(file=PurePath(file).name) if file else ""


# Where the coverage table's headings may break ("|" becomes a soft hyphen): long compounds would
# otherwise set the width of a column of small numbers. Browsers' own hyphenation of Swedish needs a
# dictionary that an offline browser may not have.
_HEADING_BREAKS = {
    "sv": ("Åtgär|der", "Närings|liv", "Civil|samhälle", "Kollek|tiv", "Förvalt|ning/", "Myndig|het", "Plats|hållare", "Poli|tik"),
    "en": ("Meas|ures", "Admini|stration/", "Muni|cipality", "Politi|cal", "Nation|al", "Civil| society", "Busi|ness",
           "Collec|tive", "Place|holder"),
}  # fmt: skip


def _breakable(heading: str, lang: str) -> str:
    """``heading`` as HTML, with soft hyphens where ``_HEADING_BREAKS`` allows a break and a break
    allowed after a slash."""
    html = escape(heading)
    for word in _HEADING_BREAKS.get(lang, ()):
        html = html.replace(word.replace("|", ""), word.replace("|", "&shy;"))
    return html.replace("/", "/<wbr>")


def _coverage(
    coverage: list[dict], plan_titles: dict[str, str], t: dict[str, str], kind_names: dict[str, str], lang: str
) -> str:
    """The coverage table, narrow enough for a laptop screen and A4: the level under its area in one
    column, each plan a heading row over its own rows (with several plans), kinds without any link left out,
    and headings that may break after a slash."""
    kinds = sorted({k for row in coverage for k, n in row["kinds"].items() if n})
    width = 2 + len(kinds)
    head = "".join(
        f'<th scope="col">{_breakable(h, lang)}</th>'
        for h in [t["area"], t["measures"], *[kind_names.get(k, k) for k in kinds]]
    )
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in coverage:
        groups[row["plan"]].append(row)
    bodies = []
    for plan, rows in groups.items():
        lines = []
        if plan_titles:
            lines.append(
                f'<tr><th colspan="{width}" scope="colgroup" class="group">{escape(plan_titles.get(plan, plan))}</th></tr>'
            )
        for r in rows:
            where = escape(r["area"] or "") + (f'<span class="level">{escape(r["level"])}</span>' if r["level"] else "")
            counts = "".join(
                f'<td class="num">{r["kinds"].get(k, 0)}</td>'
                if r["kinds"].get(k, 0)
                else '<td class="num zero">0</td>'
                for k in kinds
            )
            lines.append(f'<tr><th scope="row">{where}</th><td class="num">{r["measures"]}</td>{counts}</tr>')
        bodies.append("<tbody>" + "".join(lines) + "</tbody>")
    table = f'<table class="coverage"><thead><tr>{head}</tr></thead>{"".join(bodies)}</table>'
    # On a narrow screen the table scrolls by itself, not the page; focusable so a keyboard can scroll it.
    return f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(t["coverage"])}">{table}</div>'


def _review_line(t: dict[str, str], lang: str, to_review: tuple[int, int] | None) -> str:
    """What ``check`` lists, counted, and the files that list it (nothing when not counted)."""
    if to_review is None:
        return ""
    problems, interpretations = to_review
    text = t["to_review"].format(
        problems=problems,
        interpretations=interpretations,
        file="check.csv",
        sheet=SHEETS[lang]["ledger"],
        workbook="measures.xlsx",
    )
    return f'<p id="att-granska">{escape(text)}</p>'


def render_report(
    plans: list[dict],
    measures: list[dict],
    findings: list[dict],
    metrics: list[dict],
    coverage: list[dict],
    as_of: dt.date,
    views: dict[str, str] | None = None,
    lang: str = "sv",
    *,
    to_review: tuple[int, int] | None = None,
) -> str:
    """The whole page as a string, in ``lang`` (``sv`` or ``en``). ``views`` maps a title to a view
    file name to link (optional). ``to_review``: how many cells have a problem and how many were read
    by a reading rule (``api.to_review``), said in the summary with where they are listed."""
    if lang not in REPORT:
        raise ValueError(f"unknown language {lang!r}; choose sv or en")
    t = REPORT[lang]
    kind_names = KIND_NAMES[lang]
    severity_names = SEVERITY_NAMES[lang]
    title = plans[0]["title"] if len(plans) == 1 else t["plans_n"].format(n=len(plans))
    counts = defaultdict(int)
    for finding in findings:
        counts[finding["kind"]] += 1
    owned = sum(1 for m in measures if m["responsible"])
    cards = [
        (t["card_measures"], len(measures)),
        (t["card_owned"], owned),
        (t["card_actors"], len(metrics)),
        (t["card_high"], sum(f["severity"] == "high" for f in findings)),
        (t["card_findings"], len(findings)),
    ]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f'<a class="skip" href="#main">{escape(t["skip"])}</a>',
        f"<header><h1>{escape(title)}</h1><p>{escape(t['subtitle'].format(as_of=as_of.isoformat()))}</p></header>",
        f'<nav class="contents" aria-label="{escape(t["contents"])}"><a href="#sammanfattning">{escape(t["summary"])}</a><a href="#brister">{escape(t["findings"])}</a>'
        f'<a href="#aktorer">{escape(t["load_nav"])}</a><a href="#tackning">{escape(t["coverage_nav"])}</a>'
        + (f'<a href="#natverk">{escape(t["network"])}</a>' if views else "")
        + "</nav>",
        '<main id="main" tabindex="-1">',
        f'<section id="sammanfattning"><h2>{escape(t["summary"])}</h2><div class="cards">',
        "".join(f"<div class='card'><b>{escape(str(v))}</b>{escape(k)}</div>" for k, v in cards),
        "</div>",
        _review_line(t, lang, to_review),
        _table(
            [t["plan"], t["organisation"], t["year"], t["measures"], t["source"]],
            [[p["title"], p["organisation_name"], p.get("year") or "", p["measures"], _source(p, t)] for p in plans],
            numeric={3},
        ),
        "</section>",
        f'<section id="brister"><h2>{escape(t["findings"])}</h2>',
    ]
    if not findings:
        parts.append(f"<p>{escape(t['no_findings'])}</p>")
    # With several plans, each finding names its plan, and each measure of a finding across plans
    # names the plan its row is in: "(rad 3)" alone would not say which plan's row 3.
    several = len(plans) > 1
    plan_title = {p["id"]: p["title"] for p in plans}

    def row_label(finding: dict, measure: dict) -> str:
        row = t["row"].format(row=measure["row"])
        if not several or finding["plan"] is not None:
            return row
        plan = measure["id"].rpartition("#")[0]
        return f"{plan_title.get(plan, plan)}, {row}"

    for kind, kind_title in FINDING_TITLES[lang].items():
        of_kind = [f for f in findings if f["kind"] == kind]
        if not of_kind:
            continue
        parts.append(f'<h3 id="{escape(kind)}">{escape(kind_title)} ({len(of_kind)})</h3><ul class="findings">')
        for finding in of_kind:
            shown = finding["measures"]
            # A finding about one measure whose message quotes it names only its row; any other
            # finding lists the measures it is about, so "6 åtgärder" says which six.
            quoted = len(shown) == 1 and f"”{shown[0]['text']}”" in finding["message"].replace("“", "”")
            measures_html = "".join(
                f"<li>{escape(m['text'])} <span class='muted'>({escape(row_label(finding, m))})</span></li>"
                for m in shown[:12]
            )
            more = len(shown) - 12
            if more > 0:
                measures_html += f"<li class='muted'>{escape(t['more'].format(n=more))}</li>"
            where = (
                [plan_title.get(finding["plan"], finding["plan"])] if several and finding["plan"] is not None else []
            )
            if quoted:
                where.append(row_label(finding, shown[0]))
            parts.append(
                f"<li><span class='sev sev-{escape(finding['severity'])}'>{escape(severity_names[finding['severity']])}</span> "
                f"{escape(finding['message'])}"
                + (f" <span class='muted'>({escape(', '.join(where))})</span>" if where else "")
                + (f"<ul class='measures'>{measures_html}</ul>" if measures_html and not quoted else "")
                + "</li>"
            )
        parts.append("</ul>")
    parts.append("</section>")
    parts.append(f"<section id=\"aktorer\"><h2>{escape(t['load'])}</h2><p class='muted'>{escape(t['load_note'])}</p>")
    parts.append(
        _table(
            [t["actor"], t["kind"], t["responsible"], t["partner"], t["share"], t["degree"], t["betweenness"]],
            [
                [
                    m.get("display_name", m["name"]),
                    kind_names.get(m["kind"], m["kind"]),
                    m["responsible_count"],
                    m["partner_count"],
                    f"{100 * m['share']:.0f} %",
                    m["degree"],
                    f"{m['betweenness']:.2f}",
                ]
                for m in metrics
            ],
            numeric={2, 3, 4, 5, 6},
        )
    )
    parts.append("</section>")
    parts.append(
        f"<section id=\"tackning\"><h2>{escape(t['coverage'])}</h2><p class='muted'>{escape(t['coverage_note'])}</p>"
    )
    parts.append(_coverage(coverage, plan_title if several else {}, t, kind_names, lang))
    parts.append("</section>")
    if views:
        parts.append(f'<section id="natverk"><h2>{escape(t["network"])}</h2><ul>')
        parts.extend(f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for label, href in views.items())
        parts.append("</ul></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)
