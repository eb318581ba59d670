"""Second held-out round: more invented plans for data/plans/documents/, in layouts the first did not use.

Like ``make_document_plans.py`` (whose helpers this imports), every plan is invented (its municipality
does not exist); national agencies and civil-society bodies appear under their real names. Layouts:

* asbacka-2023: a two-row header, "Ansvar" over Ansvarig | Samverkan and "Tid" over Start | Klart.
* ekbacka-2022: measures numbered 1.1, 1.2 in their own column, the area a first column merged down
  over its rows, narrow columns so that long compound words break inside the word.
* martsboda-2022: Arial Narrow, no vertical rules, a rule under the header only, 6 pt space after
  cell paragraphs, two-line statuses.
* fjardinge-2021: one long table over a page break without repeated header, an owner cell merged
  down across the page break.
* lunnarp-2023: text and headings between tables of the same columns, header with municipality and
  date, footer "Sida X (Y)".
* gronhamra-2022: 6 columns with "Kostnad" and "Uppföljning/indikator", a landscape section between
  portrait pages.

Run: ``.venv/bin/python scripts/make_document_plans_2.py`` (needs ``soffice`` on the PATH).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_document_plans import (  # noqa: E402
    add_field,
    add_row,
    fix_widths,
    footer_page_of,
    full_width_row,
    header_text,
    join,
    new_document,
    new_table,
    paragraphs,
    repeat_header,
    set_borders,
    set_cell,
    shade,
    write_plans,
)


def footer_page_paren(doc: Document) -> None:
    """Footer 'Sida X (Y)' with PAGE and NUMPAGES fields, right."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("Sida ")
    add_field(p, "PAGE")
    p.add_run(" (")
    add_field(p, "NUMPAGES")
    p.add_run(")")


def cell_border(cell, **sides: str) -> None:
    """Borders of one cell (w:tcBorders): side -> 'single' or 'nil'."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side, kind in sides.items():
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), kind)
        if kind != "nil":
            el.set(qn("w:sz"), "8")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tcpr.append(borders)


def space_after(table, points: float) -> None:
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(points)


def set_page(section, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)


# --------------------------------------------------------------------------------------------------
# 1. Åsbacka kommun: portrait, one table with a two-row header ("Ansvar" over Ansvarig | Samverkan,
#    "Tid" over Start | Klart), both header rows repeated, areas as full-width rows.

ASBACKA = [
    (
        "Organisation och samordning",
        [
            (
                "Utse en kommunövergripande samordnare för arbetet mot våldsbejakande extremism.",
                ["Kommunledningskontoret"],
                ["Socialtjänsten", "Polisen"],
                "2023",
                "2023",
            ),
            (
                "Inrätta en styrgrupp med förvaltningscheferna som följer arbetet två gånger per år.",
                ["Kommunstyrelsen"],
                ["Kommunledningskontoret"],
                "Pågår",
                "Löpande",
            ),
            (
                "Ta fram en rutin för informationsdelning mellan skola, socialtjänst och polis inom ramen för SSPF.",
                ["Socialtjänsten"],
                ["Skolan", "Polisen"],
                "VT 2023",
                "HT 2023",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Ta fram en lokal lägesbild tillsammans med lokalpolisområdet och uppdatera den varje år.",
                ["Säkerhetssamordnare"],
                ["Lokalpolisområdet", "Säkerhetspolisen"],
                "2023",
                "Årligen",
            ),
            (
                "Samla in iakttagelser från fältgruppen, fritidsgårdarna och skolorna inför varje möte i "
                "samverkansgruppen.",
                ["Fältgruppen"],
                ["Fritidsgårdarna", "Skolan"],
                "Pågår",
                "Löpande",
            ),
        ],
    ),
    (
        "Förebyggande arbete",
        [
            (
                "Genomföra temadagar om demokrati, källkritik och mänskliga rättigheter i årskurs 7–9.",
                ["Barn- och utbildningsförvaltningen"],
                ["Elevhälsan", "Studieförbunden"],
                "HT 2023",
                "VT 2025",
            ),
            (
                "Utveckla lovverksamhet och öppna mötesplatser för unga i alla kommundelar.",
                ["Kultur- och fritidsförvaltningen"],
                ["Idrottsföreningar", "Svenska kyrkan"],
                "2023",
                "2025",
            ),
            (
                "Erbjuda föräldraskapsstöd i grupp till föräldrar med barn i tonåren.",
                ["Socialtjänsten"],
                ["Familjecentralen"],
                "2024",
                "2024",
            ),
            (
                "Erbjuda stödsamtal och individuella insatser till unga som riskerar att dras in i "
                "våldsbejakande miljöer.",
                ["Socialtjänsten"],
                ["Elevhälsan", "Fältgruppen"],
                "Pågår",
                "2025",
            ),
        ],
    ),
    (
        "Förhindrande arbete",
        [
            (
                "Ta fram riktlinjer för uthyrning av kommunala lokaler och för bidrag till föreningar.",
                ["Kultur- och fritidsförvaltningen"],
                ["Kommunledningskontoret"],
                "VT 2024",
                "VT 2024",
            ),
            (
                "Erbjuda stöd till personer som vill lämna en våldsbejakande miljö.",
                ["Socialtjänsten"],
                ["Exit Fryshuset", "Kriminalvården"],
                "Pågår",
                "Löpande",
            ),
        ],
    ),
    (
        "Utbildning och kompetens",
        [
            (
                "Utbilda medarbetare i skola, socialtjänst och fritid om radikalisering och om kommunens "
                "rutin vid oro.",
                ["Säkerhetssamordnare"],
                ["Center mot våldsbejakande extremism"],
                "2023",
                "2024",
            ),
            (
                "Genomföra en övning för kommunens krisledning om hot mot demokratiska institutioner.",
                ["Säkerhetschef"],
                ["Länsstyrelsen i Östergötlands län", "Räddningstjänsten"],
                "HT 2024",
                "HT 2024",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Följa upp handlingsplanen och redovisa resultatet för kommunstyrelsen.",
                ["Kommunledningskontoret"],
                ["Säkerhetssamordnare"],
                "Årligen",
                "",
            ),
        ],
    ),
]


def make_asbacka() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2023–2025"
    doc = new_document("Åsbacka kommun", title, landscape=False, font="Arial", size=10)
    header_text(doc, "Åsbacka kommun", align=WD_ALIGN_PARAGRAPH.RIGHT)
    footer_page_of(doc)
    doc.add_heading(title, level=1)
    doc.add_paragraph("Antagen av kommunfullmäktige 2023-02-20, § 14.")
    paragraphs(
        doc,
        [
            "Åsbacka kommun arbetar mot våldsbejakande extremism inom ramen för det brottsförebyggande "
            "arbetet. Planen beskriver vilka åtgärder kommunen genomför under 2023–2025, vem som ansvarar "
            "för dem, vilka som medverkar och när de ska starta och vara klara.",
            "Planen bygger på den lokala lägesbilden, som tas fram tillsammans med polisen, och på de "
            "erfarenheter som gjordes under föregående planperiod. Då visade uppföljningen att samverkan "
            "mellan skola, socialtjänst och fritid fungerade väl men att rutinerna för att dela information "
            "behövde bli tydligare och att fler medarbetare behövde utbildning.",
            "Kommunstyrelsen har det övergripande ansvaret för planen. Varje nämnd ansvarar för att de "
            "åtgärder som ligger inom nämndens område genomförs och följs upp inom ordinarie budget.",
            "Åtgärderna redovisas i tabellen nedan, indelade i sex områden.",
        ],
    )
    widths = [0.9, 6.0, 3.3, 3.6, 1.6, 1.6]
    table = new_table(doc, ["Nr", "Åtgärd", "Ansvar", "", "Tid", ""], widths, size=10)
    second = table.add_row()
    for cell, head in zip(second.cells, ["", "", "Ansvarig", "Samverkan", "Start", "Klart"], strict=True):
        set_cell(cell, head, bold=True, size=10)
    top = table.rows[0]
    set_cell(top.cells[0].merge(second.cells[0]), "Nr", bold=True, size=10)
    set_cell(top.cells[1].merge(second.cells[1]), "Åtgärd", bold=True, size=10)
    ansvar = top.cells[2].merge(top.cells[3])
    set_cell(ansvar, "Ansvar", bold=True, size=10)
    ansvar.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    tid = top.cells[4].merge(top.cells[5])
    set_cell(tid, "Tid", bold=True, size=10)
    tid.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in (top, second):
        repeat_header(row)
        for cell in row.cells:
            shade(cell, "E2EFD9")
    number = 0
    for area, measures in ASBACKA:
        full_width_row(table, area, fill="F2F2F2")
        for text, owner, partners, start, done in measures:
            number += 1
            add_row(table, [str(number), text, join(owner), join(partners), start, done])
    fix_widths(table)
    doc.add_paragraph()
    doc.add_paragraph("Planen följs upp årligen och revideras inför nästa planperiod.")
    return doc


# --------------------------------------------------------------------------------------------------
# 2. Ekbacka stad: portrait, narrow columns, the area a first column merged down over its rows,
#    measures numbered 1.1, 1.2, 2.1.

EKBACKA = [
    (
        "Organisation",
        [
            (
                "Utse en strategisk samordnare mot våldsbejakande extremism med placering på "
                "stadsledningsförvaltningen.",
                "Stadsledningsförvaltningen",
                "Socialförvaltningen",
                "Klart",
            ),
            (
                "Inrätta en samverkansgrupp med representanter för förvaltningarna, polisen och civilsamhället.",
                "Säkerhetssamordnare",
                "Polisen, Civilsamhället",
                "Pågår",
            ),
            (
                "Ta fram en kommunikationsplan för hur staden informerar invånare och medarbetare om arbetet.",
                "Kommunikationsavdelningen",
                "Stadsledningsförvaltningen",
                "HT 2022",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Ta fram en gemensam lägesbild med polisen och uppdatera den två gånger per år.",
                "Säkerhetssamordnare",
                "Lokalpolisområdet, Säkerhetspolisen",
                "Två gånger per år",
            ),
            (
                "Kartlägga hur unga i Ekbacka möter extremistisk propaganda i sociala medier.",
                "Stadsledningsförvaltningen",
                "Utbildningsförvaltningen, Fältgruppen",
                "VT 2023",
            ),
        ],
    ),
    (
        "Förebyggande",
        [
            (
                "Arbeta med demokrati och källkritik i undervisningen i alla grundskolor och gymnasieskolor.",
                "Utbildningsförvaltningen",
                "Elevhälsan, Biblioteken",
                "Pågår",
            ),
            (
                "Erbjuda feriearbeten och praktikplatser till unga som saknar sysselsättning.",
                "Arbetsmarknadsförvaltningen",
                "Arbetsförmedlingen",
                "Årligen",
            ),
            (
                "Stärka föreningslivets arbete med värdegrund genom utbildning för ledare i idrottsföreningar.",
                "Kultur- och fritidsförvaltningen",
                "RF-SISU, Idrottsföreningar",
                "2023–2024",
            ),
            (
                "Erbjuda arbetsmarknadsinsatser till unga vuxna som riskerar att radikaliseras.",
                "Arbetsmarknadsförvaltningen",
                "Socialförvaltningen",
                "Start 2023",
            ),
        ],
    ),
    (
        "Förhindrande",
        [
            (
                "Ge stöd till personer som vill lämna våldsbejakande miljöer.",
                "Socialförvaltningen",
                "Exit Fryshuset, Frivården",
                "Pågår",
            ),
            (
                "Granska ansökningar om föreningsbidrag och lokaluthyrning mot stadens demokrativillkor.",
                "Kultur- och fritidsförvaltningen",
                "Stadsledningsförvaltningen",
                "Klart",
            ),
        ],
    ),
    (
        "Utbildning",
        [
            (
                "Utbilda chefer och nyckelpersoner om våldsbejakande extremism och stadens rutiner.",
                "Säkerhetssamordnare",
                "Center mot våldsbejakande extremism",
                "2022–2023",
            ),
            (
                "Utbilda handläggare på arbetsmarknadsförvaltningen i att uppmärksamma tecken på radikalisering.",
                "Arbetsmarknadsförvaltningen",
                "Säkerhetssamordnare",
                "HT 2023",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Följa upp planen och redovisa resultatet till kommunstyrelsen varje år.",
                "Stadsledningsförvaltningen",
                "",
                "Årligen",
            ),
        ],
    ),
]


def make_ekbacka() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2022–2025"
    doc = new_document("Ekbacka stad", title, landscape=False, font="Arial", size=10)
    header_text(doc, "Ekbacka stad · Stadsledningsförvaltningen")
    footer_page_of(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Beslutad av kommunstyrelsen 2022-05-11. Diarienummer KS 2022/118.")
    doc.add_heading("Inledning", level=1)
    paragraphs(
        doc,
        [
            "Ekbacka stad ska förebygga att människor ansluter sig till våldsbejakande miljöer och stödja "
            "dem som vill lämna. Planen omfattar stadens alla förvaltningar och bolag och gäller för "
            "perioden 2022–2025.",
            "Stadsledningsförvaltningen samordnar arbetet. Förvaltningarna ansvarar för sina åtgärder och "
            "rapporterar till stadens säkerhetssamordnare, som sammanställer en årlig uppföljning.",
        ],
    )
    doc.add_heading("Åtgärder", level=1)
    doc.add_paragraph(
        "Åtgärderna är numrerade per område. Ansvarig är den förvaltning eller funktion som ansvarar för "
        "att åtgärden genomförs."
    )
    widths = [2.6, 1.0, 5.4, 2.4, 2.6, 1.8]
    table = new_table(doc, ["Område", "Nr", "Åtgärd", "Ansvarig", "Samverkan", "Status"], widths, size=10)
    repeat_header(table.rows[0])
    for index, (area, measures) in enumerate(EKBACKA, start=1):
        rows = []
        for number, (text, owner, partners, status) in enumerate(measures, start=1):
            rows.append(add_row(table, ["", f"{index}.{number}", text, owner, partners, status]))
        cell = rows[0].cells[0]
        if len(rows) > 1:
            cell = cell.merge(rows[-1].cells[0])
        set_cell(cell, area, bold=True, size=10)
    fix_widths(table)
    return doc


# --------------------------------------------------------------------------------------------------
# 3. Mårtsboda kommun: Arial Narrow 10 pt, a table per area (and per level) with no vertical rules,
#    only a rule under the header, 6 pt after each cell paragraph, two-line statuses.

MARTSBODA = [
    (
        "Organisation",
        None,
        [
            (
                "Kommunens trygghetsråd leder och samordnar arbetet mot våldsbejakande extremism.",
                "Kommunstyrelsen",
                "Lokalpolisområdet",
                ["Pågår", "klart 2023"],
            ),
        ],
    ),
    (
        "Lägesbild",
        None,
        [
            (
                "Sammanställa en lägesbild utifrån polisens underlag, skolornas rapporter och fältgruppens "
                "iakttagelser.",
                "Trygghetssamordnare",
                "Lokalpolisområdet, Skolan, Fältgruppen",
                ["Löpande", "två gånger per år"],
            ),
            (
                "Genomföra en trygghetsmätning bland invånarna i samarbete med polisen.",
                "Trygghetssamordnare",
                "Polisen",
                ["Genomfört", "2022"],
            ),
        ],
    ),
    (
        "Förebyggande",
        "Universellt",
        [
            (
                "Arbeta med skolans demokratiuppdrag och elevernas förmåga till källkritik.",
                "Rektor",
                "Biblioteken",
                ["Pågår", "Utvärderas 2023"],
            ),
            (
                "Erbjuda meningsfull fritid genom öppna fritidsgårdar, lovaktiviteter och föreningsliv.",
                "Kultur- och fritidsförvaltningen",
                "Idrottsföreningar, Studieförbunden",
                ["Pågår", "sedan 2021"],
            ),
        ],
    ),
    (
        "Förebyggande",
        "Selektivt",
        [
            (
                "Arbeta med SSPF för unga som riskerar att hamna i kriminalitet eller extremism.",
                "Socialtjänsten",
                "Skolan, Polisen, Fältgruppen",
                ["Pågår", "klart 2024"],
            ),
            (
                "Erbjuda mentorer till unga i riskzonen genom en ideell organisation.",
                "Socialtjänsten",
                "Fryshuset",
                ["Planeras", "HT 2022"],
            ),
        ],
    ),
    (
        "Förebyggande",
        "Indikerat",
        [
            (
                "Erbjuda individuella stödinsatser till personer som har anknytning till våldsbejakande miljöer.",
                "Socialtjänsten",
                "Center mot våldsbejakande extremism, Exit Fryshuset",
                ["Pågår"],
            ),
            (
                "Samverka med Kriminalvården kring personer som friges och återvänder till kommunen.",
                "Socialtjänsten",
                "Kriminalvården, Frivården",
                ["Start", "VT 2023"],
            ),
        ],
    ),
    (
        "Förhindrande",
        None,
        [
            (
                "Kontrollera att föreningar som får bidrag eller hyr lokaler följer kommunens demokrativillkor.",
                "Kultur- och fritidsförvaltningen",
                "Kommunledningskontoret",
                ["Klart"],
            ),
        ],
    ),
    (
        "Utbildning",
        None,
        [
            (
                "Utbilda personal inom skola och socialtjänst i att upptäcka och agera vid oro för radikalisering.",
                "Trygghetssamordnare",
                "Center mot våldsbejakande extremism, Länsstyrelsen i Dalarnas län",
                ["Planeras", "2023"],
            ),
            (
                "Erbjuda förtroendevalda en utbildning om hot och hat mot demokratin.",
                "Kommunledningskontoret",
                "Länsstyrelsen i Dalarnas län",
                ["Pågår", "klart 2023"],
            ),
        ],
    ),
    (
        "Uppföljning",
        None,
        [
            (
                "Följa upp handlingsplanen och rapportera till kommunstyrelsen.",
                "Trygghetssamordnare",
                "",
                ["Löpande", "(årligen)"],
            ),
        ],
    ),
]

LEVEL_HEADINGS = {
    "Universellt": "Universellt förebyggande",
    "Selektivt": "Selektivt förebyggande",
    "Indikerat": "Indikerat förebyggande",
}


def make_martsboda() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2022–2024"
    doc = new_document("Mårtsboda kommun", title, landscape=False, font="Arial Narrow", size=10)
    header_text(doc, "MÅRTSBODA KOMMUN  |  Kommunledningskontoret", size=8)
    footer_page_of(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Antagen av kommunfullmäktige den 14 mars 2022.")
    doc.add_paragraph(
        "Planen är indelad i områden. Det förebyggande arbetet beskrivs på tre nivåer: universellt, "
        "selektivt och indikerat förebyggande arbete."
    )
    last_area = None
    for area, level, measures in MARTSBODA:
        if area != last_area:
            doc.add_heading(area, level=2)
            last_area = area
        if level:
            doc.add_heading(LEVEL_HEADINGS[level], level=3)
        table = new_table(doc, ["Åtgärd", "Ansvarig", "Samverkan", "Status"], [7.8, 3.4, 3.8, 2.0], style=None)
        set_borders(table)
        for cell in table.rows[0].cells:
            cell_border(cell, bottom="single")
        for text, owner, partners, status in measures:
            add_row(table, [text, owner, partners, status])
        space_after(table, 6)
        fix_widths(table)
    return doc


# --------------------------------------------------------------------------------------------------
# 4. Fjärdinge kommun: portrait, one long ruled table whose header row is NOT repeated, an owner cell
#    merged down over five measures that straddle the page break.

FJARDINGE = [
    (
        "Organisation",
        [
            (
                "Utse en samordnare för arbetet mot våldsbejakande extremism och en ersättare.",
                "Kommunledningskontoret",
                "Socialtjänsten",
                "Klart",
            ),
            (
                "Inrätta en lokal samverkansgrupp mellan kommunen, polisen och trossamfunden.",
                "Lokala brottsförebyggande rådet",
                "Lokalpolisområdet, Trossamfunden",
                "Pågår",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Ta fram en lokal lägesbild om våldsbejakande extremism tillsammans med polisen.",
                "Preventionssamordnare",
                "Säkerhetspolisen, Lokalpolisområdet",
                "Varje år",
            ),
            (
                "Följa utvecklingen i sociala medier och rapportera till samverkansgruppen.",
                "Fältgruppen",
                "Polisen",
                "Löpande",
            ),
        ],
    ),
    (
        "Förebyggande",
        [
            (
                "Genomföra värdegrundsarbete med fokus på demokrati och mänskliga rättigheter i förskola och skola.",
                "Barn- och utbildningsförvaltningen",
                "Elevhälsan",
                "Pågår",
            ),
            (
                "Erbjuda lovaktiviteter på fritidsgårdar och bibliotek för alla barn och unga.",
                "Kultur- och fritidsförvaltningen",
                "Studieförbunden, Svenska kyrkan",
                "Årligen",
            ),
            (
                "Erbjuda föräldraskapsstöd till föräldrar som oroar sig för att deras barn dras in i extremism.",
                "Socialtjänsten",
                "Familjecentralen, Fryshuset",
                "HT 2022",
            ),
            (
                "Arbeta uppsökande på platser där unga vistas kvällar och helger.",
                None,
                "Fältgruppen, Nattvandrarna",
                "Löpande",
            ),
            (
                "Erbjuda stödsamtal till unga som visar tecken på radikalisering.",
                None,
                "Elevhälsan",
                "Pågår",
            ),
            (
                "Ge stöd till personer som vill lämna våldsbejakande miljöer.",
                None,
                "Exit Fryshuset, Frivården",
                "Pågår",
            ),
            (
                "Samverka med Kriminalvården inför frigivning av personer som dömts för brott med ideologiska motiv.",
                None,
                "Kriminalvården",
                "Start 2023",
            ),
        ],
    ),
    (
        "Förhindrande",
        [
            (
                "Ta fram en rutin för hantering av lokalbokningar och föreningsbidrag.",
                "Kultur- och fritidsförvaltningen",
                "Kommunledningskontoret",
                "VT 2022",
            ),
        ],
    ),
    (
        "Utbildning",
        [
            (
                "Genomföra grundutbildning om våldsbejakande extremism för all personal i skola och socialtjänst.",
                "Preventionssamordnare",
                "Center mot våldsbejakande extremism",
                "2022–2023",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Följa upp handlingsplanen årligen i kommunstyrelsen.",
                "Kommunledningskontoret",
                "Preventionssamordnare",
                "Årligen",
            ),
        ],
    ),
]

FJARDINGE_INTRO = [
    "Fjärdinge kommun har sedan 2017 arbetat för att förebygga våldsbejakande extremism. Arbetet leds "
    "av kommunledningskontoret och bedrivs i samverkan med polisen, civilsamhället och trossamfunden. "
    "Den lokala lägesbilden visar att risken för radikalisering främst finns bland unga som saknar "
    "sysselsättning och som söker gemenskap på nätet.",
    "Kommunens arbete utgår från den nationella strategin mot våldsbejakande extremism och från Center "
    "mot våldsbejakande extremisms stöd till kommunerna. Arbetet ska vara kunskapsbaserat, bygga på "
    "samverkan och följas upp varje år.",
    "Planen gäller för 2021–2024 och omfattar alla kommunens förvaltningar och bolag. Varje förvaltning "
    "ansvarar för att de åtgärder som den har ansvar för genomförs inom ramen för ordinarie budget.",
    "Förebyggande åtgärder riktar sig till alla barn och unga, till grupper som riskerar att dras in i "
    "våldsbejakande miljöer och till enskilda personer som redan befinner sig i sådana miljöer. "
    "Socialtjänsten har ett samlat ansvar för de insatser som riktar sig till enskilda.",
    "Åtgärderna i tabellen nedan är indelade i områden. För varje åtgärd anges ansvarig förvaltning "
    "eller funktion, de aktörer som kommunen samverkar med och åtgärdens status vid planens antagande. "
    "Statusen uppdateras i samband med den årliga uppföljningen.",
]


def make_fjardinge() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2021–2024"
    doc = new_document("Fjärdinge kommun", title, landscape=False, font="Arial", size=11)
    header_text(doc, "Fjärdinge kommun")
    footer_page_of(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Antagen av kommunfullmäktige 2021-06-14, § 61.")
    doc.add_heading("Inledning", level=1)
    paragraphs(doc, FJARDINGE_INTRO)
    doc.add_heading("Åtgärder", level=1)
    table = new_table(doc, ["Åtgärd", "Ansvarig", "Samverkan", "Status"], [8.0, 3.6, 3.6, 1.8], size=10)
    for cell in table.rows[0].cells:
        shade(cell, "DEEAF6")
    merged_rows = []
    for area, measures in FJARDINGE:
        full_width_row(table, area, fill=None)
        for text, owner, partners, status in measures:
            row = add_row(table, [text, owner or "", partners, status])
            if owner is None:
                merged_rows.append(row)
    first = merged_rows[0]
    # the owner cell of the row before the first None-owner row ("Socialtjänsten"), merged down over
    # it and the rest
    trs = [row._tr for row in table.rows]
    top_row = table.rows[trs.index(first._tr) - 1]
    merged = top_row.cells[1].merge(merged_rows[-1].cells[1])
    set_cell(merged, "Socialtjänsten", size=10)
    fix_widths(table)
    return doc


# --------------------------------------------------------------------------------------------------
# 5. Lunnarps kommun: header with municipality and date, footer "Sida X (Y)", an introduction on its
#    own page, then tables of the same columns with short texts and headings between them.

LUNNARP = [
    (
        "Organisation och lägesbild",
        None,
        [
            (
                "Utse en samordnare och en ersättare för arbetet mot våldsbejakande extremism.",
                "Kommunledningskontoret",
                "Socialtjänsten",
                "Klart",
            ),
            (
                "Samverka med polisen enligt medborgarlöftet och ta fram en gemensam lägesbild.",
                "Kommunstyrelsen",
                "Lokalpolisområdet",
                "Årligen",
            ),
            (
                "Skapa en rutin för hur medarbetare rapporterar oro för radikalisering.",
                "Säkerhetssamordnare",
                "HR-avdelningen, Socialtjänsten",
                "VT 2023",
            ),
        ],
        "Samordnaren sammankallar kommunens samverkansgrupp fyra gånger per år och rapporterar till kommundirektören.",
    ),
    (
        "Förebyggande arbete",
        None,
        [
            (
                "Erbjuda alla elever i årskurs 8 en temadag om demokrati och extremism.",
                "Barn- och utbildningsförvaltningen",
                "Fryshuset",
                "Årligen",
            ),
            (
                "Ge unga tillgång till meningsfull fritid genom föreningsliv och fritidsgårdar.",
                "Kultur- och fritidsförvaltningen",
                "Idrottsföreningar, RF-SISU",
                "Pågår",
            ),
            (
                "Utveckla det uppsökande arbetet i samverkan med polis och socialtjänst.",
                "Fältgruppen",
                "Polisen, Socialtjänsten",
                "HT 2023",
            ),
            (
                "Erbjuda insatser inom ramen för SSPF till unga som riskerar att radikaliseras.",
                "Socialtjänsten",
                "Skolan, Polisen",
                "Pågår",
            ),
        ],
        None,
    ),
    (
        "Förhindrande arbete",
        "Insatserna riktar sig till personer som redan ingår i eller har lämnat våldsbejakande miljöer.",
        [
            (
                "Erbjuda stöd till personer som vill lämna en våldsbejakande miljö, i samverkan med Exit.",
                "Socialtjänsten",
                "Exit Fryshuset",
                "Löpande",
            ),
            (
                "Informera hyresvärdar om hur de kan uppmärksamma och rapportera oro.",
                "Säkerhetssamordnare",
                "Bostadsbolaget",
                "2024",
            ),
        ],
        None,
    ),
    (
        "Utbildning",
        None,
        [
            (
                "Utbilda personal i förskola, skola och socialtjänst om våldsbejakande extremism.",
                "Säkerhetssamordnare",
                "Center mot våldsbejakande extremism",
                "2023–2024",
            ),
            (
                "Genomföra en seminarieserie för förtroendevalda om hot mot demokratin.",
                "Kommunledningskontoret",
                "Länsstyrelsen Skåne",
                "HT 2024",
            ),
        ],
        "Utbildningarna erbjuds även kommunens bolag.",
    ),
    (
        "Uppföljning",
        None,
        [
            (
                "Följa upp handlingsplanen och rapportera resultatet till kommunstyrelsen.",
                "Kommunledningskontoret",
                "",
                "Årligen",
            ),
        ],
        None,
    ),
]

LUNNARP_INTRO = {
    "Bakgrund": [
        "Våldsbejakande extremism är ett hot mot demokratin, mot enskilda människor och mot samhällets "
        "grundläggande värden. Lunnarps kommun har ett ansvar att förebygga att människor dras in i "
        "våldsbejakande miljöer och att stödja dem som vill lämna.",
        "Enligt den lokala lägesbilden är antalet personer i kommunen som ingår i våldsbejakande miljöer "
        "litet, men propaganda sprids via sociala medier och unga kan påverkas utan att vuxna märker det.",
    ],
    "Definitioner": [
        "Med våldsbejakande extremism avses rörelser, ideologier eller grupper som inte accepterar en "
        "demokratisk samhällsordning och som använder våld, förespråkar våld eller stödjer våld för att "
        "främja en ideologisk sak.",
        "Förebyggande arbete delas in i tre nivåer: universellt arbete som riktar sig till alla, selektivt "
        "arbete som riktar sig till grupper i riskzonen och indikerat arbete som riktar sig till enskilda.",
    ],
    "Ansvar och organisation": [
        "Kommunstyrelsen har det övergripande ansvaret för planen. Kommunledningskontoret samordnar "
        "arbetet och varje förvaltning ansvarar för att genomföra sina åtgärder.",
        "Arbetet bedrivs i nära samverkan med lokalpolisområdet, civilsamhället och de regionala aktörer "
        "som stöder kommunerna, bland annat länsstyrelsen.",
    ],
}


def make_lunnarp() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2023–2026"
    doc = new_document("Lunnarps kommun", title, landscape=False, font="Times New Roman", size=11)
    header_text(doc, "Lunnarps kommun, 2023-03-01", align=WD_ALIGN_PARAGRAPH.RIGHT)
    footer_page_paren(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Antagen av kommunfullmäktige 2023-02-27, § 12. Dnr KS 2022/305.")
    for heading, texts in LUNNARP_INTRO.items():
        doc.add_heading(heading, level=1)
        paragraphs(doc, texts)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Åtgärder", level=1)
    doc.add_paragraph("I tabellerna nedan anges åtgärd, ansvarig, samverkanspart och tidplan för varje område.")
    for area, before, measures, after in LUNNARP:
        doc.add_heading(area, level=2)
        if before:
            doc.add_paragraph(before)
        table = new_table(doc, ["Åtgärd", "Ansvarig", "Samverkan", "Tidplan"], [7.4, 3.9, 3.9, 1.8], size=11)
        for text, owner, partners, status in measures:
            add_row(table, [text, owner, partners, status])
        fix_widths(table)
        if after:
            doc.add_paragraph(after)
        doc.add_paragraph()
    doc.add_heading("Uppföljning och revidering av planen", level=1)
    paragraphs(
        doc,
        [
            "Planen följs upp varje år av kommunledningskontoret, som redovisar genomförda åtgärder och "
            "lägesbilden för kommunstyrelsen.",
            "Inför nästa planperiod revideras planen utifrån uppföljningen, den lokala lägesbilden och "
            "nationella riktlinjer.",
        ],
    )
    return doc


# --------------------------------------------------------------------------------------------------
# 6. Grönhamra kommun: 6 columns with "Kostnad" and "Uppföljning/indikator"; portrait page, a
#    landscape section with the continuation, portrait again.

GRONHAMRA_HEAD = ["Åtgärd", "Ansvarig", "Samverkan", "Kostnad", "Uppföljning/indikator", "Status"]

GRONHAMRA = [
    (
        "Organisation",
        [
            (
                "Utse en samordnare mot våldsbejakande extremism.",
                "Kommunledningskontoret",
                "Socialtjänsten",
                "Inom befintlig ram",
                "Samordnare utsedd",
                "Klart",
            ),
            (
                "Inrätta en samverkansgrupp som träffas varje kvartal.",
                "Preventionssamordnare",
                "Polisen, Skolan, Socialtjänsten",
                "Inom befintlig ram",
                "Antal möten per år",
                "Pågår",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Ta fram en lokal lägesbild tillsammans med polisen.",
                "Preventionssamordnare",
                "Lokalpolisområdet",
                "Inom befintlig ram",
                "Lägesbild redovisad",
                "Årligen",
            ),
        ],
    ),
    (
        "Förebyggande",
        [
            (
                "Genomföra demokratidagar för elever i årskurs 9 och gymnasiets första år med externa föreläsare.",
                "Barn- och utbildningsförvaltningen",
                "Fryshuset, Studieförbunden",
                "60 000 kr per år",
                "Antal elever som deltagit",
                "Årligen",
            ),
            (
                "Erbjuda föräldraträffar om ungas nätvanor och propaganda på nätet.",
                "Socialtjänsten",
                "Familjecentralen, Studieförbunden",
                "20 000 kr",
                "Antal träffar och deltagare",
                "HT 2022",
            ),
            (
                "Utveckla fältgruppens uppsökande arbete kvällar och helger.",
                "Fältgruppen",
                "Nattvandrarna, Polisen",
                "Statsbidrag",
                "Antal fältkvällar",
                "Pågår",
            ),
            (
                "Erbjuda stödsamtal till unga som visar tecken på radikalisering.",
                "Socialtjänsten",
                "Elevhälsan",
                "Inom befintlig ram",
                "Antal ärenden",
                "Löpande",
            ),
        ],
    ),
    (
        "Förhindrande",
        [
            (
                "Ge stöd till personer som vill lämna våldsbejakande miljöer.",
                "Socialtjänsten",
                "Exit Fryshuset, Kriminalvården",
                "Inom befintlig ram",
                "Antal personer som fått stöd",
                "Pågår",
            ),
            (
                "Ta fram demokrativillkor för föreningsbidrag och lokaluthyrning.",
                "Kultur- och fritidsförvaltningen",
                "Kommunledningskontoret",
                "Inom befintlig ram",
                "Villkoren antagna",
                "VT 2023",
            ),
        ],
    ),
    (
        "Utbildning",
        [
            (
                "Utbilda medarbetare i skola, socialtjänst och fritid om våldsbejakande extremism.",
                "Preventionssamordnare",
                "Center mot våldsbejakande extremism",
                "40 000 kr",
                "Andel utbildade medarbetare",
                "2022–2023",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Följa upp planen och redovisa till kommunstyrelsen.",
                "Kommunledningskontoret",
                "Preventionssamordnare",
                "Inom befintlig ram",
                "Rapport till kommunstyrelsen",
                "Årligen",
            ),
        ],
    ),
]


def gronhamra_table(doc: Document, areas: list, widths: list[float]) -> None:
    table = new_table(doc, GRONHAMRA_HEAD, widths, size=9)
    for cell in table.rows[0].cells:
        shade(cell, "FCE4D6")
    repeat_header(table.rows[0])
    for area, measures in areas:
        full_width_row(table, area, fill="F2F2F2")
        for values in measures:
            add_row(table, list(values))
    fix_widths(table)


def make_gronhamra() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2022–2024"
    doc = new_document("Grönhamra kommun", title, landscape=False, font="Arial", size=10)
    header_text(doc, "Grönhamra kommun")
    footer_page_of(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Antagen av kommunstyrelsen 2022-03-08, § 40.")
    doc.add_heading("Inledning", level=1)
    paragraphs(
        doc,
        [
            "Planen beskriver kommunens åtgärder mot våldsbejakande extremism under 2022–2024. För varje "
            "åtgärd anges ansvarig, samverkanspart, kostnad, hur åtgärden följs upp och status.",
            "Kostnader som ryms inom förvaltningarnas budget anges som inom befintlig ram.",
        ],
    )
    doc.add_heading("Åtgärder", level=1)
    gronhamra_table(doc, GRONHAMRA[:2], [4.6, 2.9, 2.9, 2.1, 2.6, 1.9])
    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(landscape, landscape=True)
    doc.add_heading("Åtgärder, forts.", level=2)
    gronhamra_table(doc, GRONHAMRA[2:5], [8.6, 4.2, 4.4, 2.8, 3.8, 1.9])
    portrait = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(portrait, landscape=False)
    gronhamra_table(doc, GRONHAMRA[5:], [4.6, 2.9, 2.9, 2.1, 2.6, 1.9])
    doc.add_heading("Uppföljning av planen", level=1)
    paragraphs(
        doc,
        [
            "Planen följs upp årligen. Indikatorerna i tabellerna redovisas i kommunstyrelsens verksamhetsberättelse.",
            "Planen revideras under hösten 2024 inför nästa planperiod.",
        ],
    )
    return doc


PLANS = {
    "asbacka-2023": make_asbacka,
    "ekbacka-2022": make_ekbacka,
    "martsboda-2022": make_martsboda,
    "fjardinge-2021": make_fjardinge,
    "lunnarp-2023": make_lunnarp,
    "gronhamra-2022": make_gronhamra,
}


def main() -> int:
    return write_plans(PLANS, "lo-profile-docplans2-")


if __name__ == "__main__":
    raise SystemExit(main())
