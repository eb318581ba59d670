"""Write the invented document plans of data/plans/documents/ as Word files and export them to PDF.

Every plan is invented (its municipality does not exist); national agencies and civil-society bodies
appear under their real names. Each plan imitates a layout real Swedish municipalities use for their
handlingsplan mot våldsbejakande extremism, to test the PDF reader on PDFs made the way municipalities
make them: written in Word and exported to PDF. Here the Word file is written with python-docx and
exported with LibreOffice headless (``soffice --convert-to pdf``), all files in one call.

The content is fixed: no dates of today, no randomness. The .docx files are written with fixed zip
timestamps; the PDFs carry LibreOffice's creation date, so they differ byte-wise between runs but not
in content.

Run: ``.venv/bin/python scripts/make_document_plans.py`` (needs ``soffice`` on the PATH).
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "data" / "plans" / "documents"
FIXED = datetime.datetime(2021, 3, 1, 9, 0, 0)


# --------------------------------------------------------------------------------------------------
# Word helpers


def new_document(org: str, title: str, *, landscape: bool, font: str = "Arial", size: float = 10) -> Document:
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name = font
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        srpr = style.element.get_or_add_rPr()
        sfonts = srpr.find(qn("w:rFonts"))
        if sfonts is None:
            sfonts = OxmlElement("w:rFonts")
            srpr.insert(0, sfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            sfonts.set(qn(attr), font)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if sfonts.get(qn(attr)) is not None:
                del sfonts.attrib[qn(attr)]
    props = doc.core_properties
    props.author = org
    props.last_modified_by = org
    props.title = title
    props.created = FIXED
    props.modified = FIXED
    props.last_printed = FIXED
    props.revision = 1
    props.comments = ""
    return doc


def add_field(paragraph, instr: str, shown: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) as w:fldSimple, so the PDF shows the real number."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def header_text(doc: Document, text: str, align=WD_ALIGN_PARAGRAPH.LEFT, size: float = 9) -> None:
    p = doc.sections[0].header.paragraphs[0]
    p.text = ""
    run = p.add_run(text)
    run.font.size = Pt(size)
    p.alignment = align


def footer_page_of(doc: Document) -> None:
    """Footer 'Sida X av Y' with PAGE and NUMPAGES fields, centred."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Sida ")
    add_field(p, "PAGE")
    p.add_run(" av ")
    add_field(p, "NUMPAGES")


def footer_page(doc: Document, align=WD_ALIGN_PARAGRAPH.RIGHT) -> None:
    """Footer with the page number alone ('3')."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = align
    add_field(p, "PAGE")


def set_cell(cell, content, *, bold: bool = False, size: float | None = None) -> None:
    """Cell text; a list is written one paragraph per item (Enter in Word)."""
    lines = content if isinstance(content, list) else [content]
    paragraph = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph.text = ""
    for index, line in enumerate(lines):
        p = paragraph if index == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def repeat_header(row) -> None:
    """Mark a row as a header row repeated at the top of each page (w:tblHeader)."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _insert_tblpr(table, element) -> None:
    tblpr = table._tbl.tblPr
    look = tblpr.find(qn("w:tblLook"))
    layout = tblpr.find(qn("w:tblLayout"))
    anchor = layout if layout is not None else look
    if anchor is not None:
        anchor.addprevious(element)
    else:
        tblpr.append(element)


def set_borders(table, **sides: str | None) -> None:
    """Table borders: each side (top, left, bottom, right, insideH, insideV) 'single' or None (nil)."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        kind = sides.get(side)
        if kind is None:
            el.set(qn("w:val"), "nil")
        else:
            el.set(qn("w:val"), kind)
            el.set(qn("w:sz"), "6")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "808080")
        borders.append(el)
    old = table._tbl.tblPr.find(qn("w:tblBorders"))
    if old is not None:
        old.getparent().remove(old)
    _insert_tblpr(table, borders)


def new_table(
    doc: Document,
    headers: list[str],
    widths_cm: list[float],
    *,
    style: str | None = "Table Grid",
    size: float | None = None,
):
    table = doc.add_table(rows=1, cols=len(headers))
    if style:
        table.style = doc.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(width * 567)))
    for cell, head in zip(table.rows[0].cells, headers, strict=True):
        set_cell(cell, head, bold=True, size=size)
    table._widths = widths_cm
    table._size = size
    return table


def add_row(table, values: list) -> object:
    row = table.add_row()
    for cell, value in zip(row.cells, values, strict=True):
        set_cell(cell, value, size=table._size)
    return row


def fix_widths(table) -> None:
    for row in table.rows:
        for cell, width in zip(row.cells, table._widths, strict=False):
            cell.width = Cm(width)


def full_width_row(table, text: str, fill: str | None = "D9E2F3", bold: bool = True):
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    set_cell(merged, text, bold=bold, size=table._size)
    if fill:
        shade(merged, fill)
    return row


def paragraphs(doc: Document, texts: list[str]) -> None:
    for text in texts:
        doc.add_paragraph(text)


def save(doc: Document, path: Path) -> None:
    """Save with fixed zip timestamps, so the .docx is the same bytes on every run."""
    raw = path.with_suffix(".tmp")
    doc.save(raw)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2021, 3, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    raw.unlink()


def join(items: list[str]) -> str:
    return ", ".join(items)


# --------------------------------------------------------------------------------------------------
# 1. Höglunda kommun: portrait, introduction, Heading 2 per area, 5 columns, header and "Sida X av Y",
#    an owner cell merged down over three measures.

HOGLUNDA = {
    "Organisation": [
        (
            "Utse en samordnare mot våldsbejakande extremism med ansvar för att hålla ihop kommunens arbete.",
            ["Kommunledningskontoret"],
            ["Socialtjänsten", "Lokalpolisområdet"],
            "Klart",
        ),
        (
            "Bilda en lokal samverkansgrupp med representanter från skola, socialtjänst, fritid och polis "
            "som träffas minst fyra gånger per år.",
            ["Säkerhetssamordnare"],
            ["Socialtjänsten", "Skolan", "Fältgruppen", "Polisen"],
            "Pågår",
        ),
        (
            "Ta fram en rutin för hur information om personer som riskerar att radikaliseras ska "
            "hanteras och delas inom ramen för sekretesslagstiftningen.",
            ["Socialtjänsten"],
            ["Polisen", "Säpo"],
            "VT 2021",
        ),
    ],
    "Lägesbild": [
        (
            "Ta fram en lokal lägesbild över våldsbejakande extremism i Höglunda i samverkan med lokalpolisområdet.",
            ["Säkerhetssamordnare"],
            ["Lokalpolisområdet", "Länsstyrelsen i Västra Götalands län"],
            "Årligen",
        ),
        (
            "Samla in iakttagelser från skolor, fritidsgårdar och fältgruppen inför varje samverkansmöte.",
            ["Fältgruppen"],
            ["Skolan", "Kultur- och fritidsförvaltningen"],
            "Löpande",
        ),
        (
            "Genomföra en enkät om trygghet och attityder bland elever i årskurs 8 och gymnasiets år 2.",
            ["Barn- och utbildningsförvaltningen"],
            ["Elevhälsan"],
            "HT 2021",
        ),
    ],
    "Förebyggande": [
        (
            "Erbjuda alla högstadieskolor en temadag om demokrati, mänskliga rättigheter och källkritik.",
            ["Rektor"],
            ["Kultur- och fritidsförvaltningen", "Studieförbunden"],
            "Årligen",
        ),
        (
            "Utveckla fritidsgårdarnas arbete med demokratifrågor genom samtalsgrupper för unga.",
            ["Kultur- och fritidsförvaltningen"],
            ["Fältgruppen"],
            "Pågår",
        ),
        (
            "Stödja föreningslivet i att ta fram egna handlingsplaner mot hot, våld och extremism.",
            None,
            ["Studieförbunden", "Svenska kyrkan"],
            "Start 2022",
        ),
        (
            "Anordna föreläsningar för föräldrar om hur unga påverkas av propaganda på nätet.",
            None,
            ["Fryshuset", "Socialtjänsten"],
            "VT 2022",
        ),
        (
            "Erbjuda stödsamtal till unga som visar tecken på att dras in i våldsbejakande miljöer.",
            ["Socialtjänsten"],
            ["Elevhälsan", "Fältgruppen"],
            "Löpande",
        ),
    ],
    "Förhindrande": [
        (
            "Säkerställa att orosanmälningar som rör radikalisering bedöms skyndsamt av socialtjänsten.",
            ["Socialtjänsten"],
            ["Polisen"],
            "Pågår",
        ),
        (
            "Erbjuda individuellt stöd till personer som vill lämna en våldsbejakande miljö.",
            ["Socialtjänsten"],
            ["Exit Fryshuset", "Frivården"],
            "Löpande",
        ),
        (
            "Informera hyresvärdar och föreningar om hur de kan göra en orosanmälan.",
            ["Säkerhetssamordnare"],
            ["Höglundahem AB"],
            "Planeras 2022",
        ),
    ],
    "Utbildning": [
        (
            "Genomföra grundutbildning om våldsbejakande extremism för all personal inom skola, "
            "socialtjänst och fritid.",
            ["Säkerhetssamordnare"],
            ["Center mot våldsbejakande extremism"],
            "2021–2023",
        ),
        (
            "Utbilda chefer i hur de hanterar hot och påverkan mot medarbetare och förtroendevalda.",
            ["HR-avdelningen"],
            ["Länsstyrelsen i Västra Götalands län"],
            "HT 2022",
        ),
        (
            "Ge nyanställda inom socialtjänsten en introduktion i kommunens rutiner mot extremism.",
            ["Socialtjänsten"],
            [],
            "Löpande",
        ),
    ],
    "Uppföljning": [
        (
            "Följa upp handlingsplanen årligen och rapportera resultatet till kommunstyrelsen.",
            ["Kommunledningskontoret"],
            ["Säkerhetssamordnare"],
            "Årligen",
        ),
        (
            "Revidera handlingsplanen inför nästa planperiod utifrån uppföljningen och lägesbilden.",
            ["Kommunledningskontoret"],
            ["Socialtjänsten", "Polisen"],
            "HT 2023",
        ),
    ],
}


def make_hoglunda() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2021–2023"
    doc = new_document("Höglunda kommun", title, landscape=False)
    header_text(doc, "Höglunda kommun")
    footer_page_of(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Antagen av kommunstyrelsen den 17 februari 2021, § 23. Dnr KS 2020/412.")
    doc.add_heading("Bakgrund", level=1)
    paragraphs(
        doc,
        [
            "Våldsbejakande extremism är ett hot mot demokratin och mot enskilda människors säkerhet. "
            "Höglunda kommun har sedan 2017 arbetat med frågan inom ramen för det brottsförebyggande "
            "rådet. Den lokala lägesbilden visar att antalet orosanmälningar är lågt men att unga i "
            "kommunen exponeras för propaganda på nätet.",
            "Regeringens nationella strategi och Center mot våldsbejakande extremism betonar att "
            "kommunerna har en central roll i det förebyggande arbetet. Arbetet bygger på samverkan "
            "mellan kommunens verksamheter, polisen och civilsamhället.",
        ],
    )
    doc.add_heading("Syfte", level=1)
    paragraphs(
        doc,
        [
            "Handlingsplanen ska ge kommunens verksamheter en gemensam bild av vilka åtgärder som ska "
            "genomföras under perioden 2021–2023, vem som ansvarar för dem och vilka aktörer som ska "
            "involveras.",
            "Åtgärderna är indelade i sex områden. För varje åtgärd anges ansvarig förvaltning, "
            "samverkanspartner och tidplan.",
        ],
    )
    doc.add_heading("Åtgärder", level=1)
    number = 0
    for area, measures in HOGLUNDA.items():
        doc.add_heading(area, level=2)
        table = new_table(doc, ["Nr", "Åtgärd", "Ansvarig", "Samverkan", "Tidplan"], [0.8, 5.8, 4.4, 4.0, 2.0], size=9)
        first_row = None
        merged_owner = None
        for text, owner, partners, status in measures:
            number += 1
            row = add_row(table, [str(number), text, join(owner or []), join(partners), status])
            if area == "Förebyggande" and text.startswith("Utveckla"):
                first_row, merged_owner = row, owner
            elif owner is None and first_row is not None:
                last = row
        if first_row is not None:
            top = first_row.cells[2]
            merged = top.merge(last.cells[2])
            set_cell(merged, join(merged_owner), size=table._size)
        fix_widths(table)
        doc.add_paragraph()
    return doc


# --------------------------------------------------------------------------------------------------
# 2. Sjövalla kommun: landscape, one long table, header row repeated on each page, areas (and levels)
#    as full-width merged rows, long measure texts, rows allowed to break across pages.

SJOVALLA = [
    (
        "Organisation",
        [
            (
                "Inrätta en styrgrupp för kommunens arbete mot våldsbejakande extremism med "
                "förvaltningscheferna för socialtjänst, utbildning och kultur och fritid. Styrgruppen "
                "ansvarar för att handlingsplanen genomförs, fördelar resurser mellan förvaltningarna "
                "och tar ställning till behov av nya åtgärder när lägesbilden förändras.",
                ["Kommunledningskontoret"],
                ["Socialtjänsten", "Barn- och utbildningsförvaltningen", "Kultur- och fritidsförvaltningen"],
                "Klart",
            ),
            (
                "Utse en lokal samordnare som är kommunens kontaktperson gentemot Center mot "
                "våldsbejakande extremism, polisen och länsstyrelsen. Samordnaren håller samman den "
                "operativa arbetsgruppen, dokumenterar arbetet och rapporterar till styrgruppen två gånger "
                "per år.",
                ["Kommunledningskontoret"],
                ["Center mot våldsbejakande extremism", "Länsstyrelsen i Dalarnas län"],
                "Klart",
            ),
            (
                "Ta fram en gemensam rutin för informationsutbyte mellan socialtjänst, skola och polis "
                "i enskilda ärenden, med stöd av samtycke eller sekretessbrytande bestämmelser, och "
                "förankra rutinen hos berörda chefer.",
                ["Socialtjänsten"],
                ["Polisen", "Barn- och utbildningsförvaltningen"],
                "VT 2022",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Sammanställa en lokal lägesbild varje år med underlag från polisen, socialtjänsten, "
                "skolorna, fritidsgårdarna och civilsamhället. Lägesbilden ska beskriva förekomsten av "
                "våldsbejakande miljöer, rekrytering och propaganda i kommunen, samt vilka grupper som "
                "bedöms vara särskilt utsatta. Den redovisas för styrgruppen och för kommunstyrelsen.",
                ["Kommunledningskontoret"],
                ["Lokalpolisområdet", "Socialtjänsten", "Säpo"],
                "Årligen",
            ),
            (
                "Följa utvecklingen av extremistisk propaganda på sociala medier som riktar sig till unga "
                "i kommunen, i samarbete med fältgruppen och fritidsgårdarna, och återkoppla iakttagelserna "
                "till den operativa arbetsgruppen.",
                ["Fältgruppen"],
                ["Kultur- och fritidsförvaltningen", "Lokalpolisområdet"],
                "Löpande",
            ),
            (
                "Genomföra en enkät om ungas trygghet, framtidstro och attityder till demokrati och våld "
                "i årskurs 9 och i gymnasiets år 2, och använda resultatet i den lokala lägesbilden.",
                ["Barn- och utbildningsförvaltningen"],
                ["Elevhälsan"],
                "VT 2023",
            ),
        ],
    ),
    (
        "Förebyggande – universell nivå",
        [
            (
                "Arbeta med demokrati, värdegrund och källkritik i undervisningen i alla årskurser. "
                "Skolorna ska planera arbetet i sina likabehandlingsplaner och använda Skolverkets "
                "stödmaterial om demokratiuppdraget. Eleverna ska få möjlighet att diskutera "
                "kontroversiella frågor i en trygg miljö med lärare som har fått stöd i hur sådana samtal "
                "leds.",
                ["Barn- och utbildningsförvaltningen"],
                ["Elevhälsan"],
                "Pågår",
            ),
            (
                "Erbjuda meningsfull fritid för unga genom öppna fritidsgårdar, lovaktiviteter och "
                "stöd till föreningar som arbetar med barn och unga i utsatta bostadsområden.",
                ["Kultur- och fritidsförvaltningen"],
                ["Studieförbunden", "Svenska kyrkan", "Sjövalla IF"],
                "Pågår",
            ),
            (
                "Genomföra föräldraträffar om ungas nätanvändning, grupptryck och risken för "
                "radikalisering, på flera språk och i samarbete med civilsamhällets organisationer.",
                ["Socialtjänsten"],
                ["Studieförbunden", "Fryshuset"],
                "HT 2022",
            ),
            (
                "Ge biblioteken och fritidsgårdarna stöd i att anordna samtal, filmvisningar och "
                "utställningar om demokrati, yttrandefrihet och källkritik för unga och deras föräldrar. "
                "Verksamheten ska nå unga i alla kommundelar och utformas tillsammans med unga själva, "
                "till exempel genom kommunens ungdomsråd.",
                ["Kultur- och fritidsförvaltningen"],
                ["Studieförbunden", "Stiftelsen Expo"],
                "2022–2024",
            ),
        ],
    ),
    (
        "Förebyggande – selektiv nivå",
        [
            (
                "Förstärka fältgruppens närvaro i de områden och på de tider där lägesbilden visar att "
                "unga riskerar att dras in i kriminella eller våldsbejakande miljöer. Fältgruppen ska "
                "arbeta uppsökande kvällar och helger, särskilt under lov, och samverka med polisen och "
                "fritidsgårdarna om var insatserna gör mest nytta. Arbetet ska dokumenteras så att det "
                "kan följas upp och jämföras mellan åren. Fältgruppen ska också delta i skolornas "
                "trygghetsvandringar och i de föräldraträffar som anordnas i området, samt hålla kontakt "
                "med bostadsbolaget och de fastighetsägare som har bostäder i området. Vid behov ska "
                "fältgruppen kunna förstärkas med personal från fritidsgårdarna under perioder då "
                "oron bland unga är stor, till exempel efter allvarliga händelser i kommunen eller i "
                "grannkommunerna.",
                ["Fältgruppen"],
                ["Lokalpolisområdet", "Kultur- och fritidsförvaltningen"],
                "Pågår",
            ),
            (
                "Erbjuda samtalsgrupper för unga som uttrycker sympati för våldsbejakande budskap, "
                "ledda av personal med särskild utbildning.",
                ["Socialtjänsten"],
                ["Elevhälsan", "Fryshuset"],
                "Start 2022",
            ),
            (
                "Använda SSPF-samverkan för att tidigt fånga upp unga som skolan, socialtjänsten, polisen "
                "eller fritidsverksamheten är oroliga för, och upprätta en gemensam plan för varje "
                "individ.",
                ["Socialtjänsten"],
                ["Skolan", "Polisen", "Kultur- och fritidsförvaltningen"],
                "Löpande",
            ),
        ],
    ),
    (
        "Förebyggande – indikerad nivå",
        [
            (
                "Ge individuellt stöd till personer som vill lämna en våldsbejakande miljö, bland annat "
                "genom samtal, hjälp med boende, sysselsättning och kontakt med anhöriga. Stödet ges "
                "utifrån en samlad bedömning av personens behov och i samverkan med de myndigheter och "
                "organisationer som kan bidra.",
                ["Socialtjänsten"],
                ["Exit Fryshuset", "Frivården", "Arbetsförmedlingen"],
                "Löpande",
            ),
            (
                "Erbjuda anhöriga till personer som befinner sig i en våldsbejakande miljö råd och stöd "
                "från socialtjänsten.",
                ["Socialtjänsten"],
                ["Center mot våldsbejakande extremism"],
                "Pågår",
            ),
        ],
    ),
    (
        "Förhindrande",
        [
            (
                "Säkerställa att kommunens lokaler inte upplåts till organisationer eller arrangemang "
                "som sprider våldsbejakande budskap, genom en gemensam rutin för uthyrning och bidrag till "
                "föreningar.",
                ["Kultur- och fritidsförvaltningen"],
                ["Kommunledningskontoret", "Säpo"],
                "VT 2022",
            ),
            (
                "Granska att föreningsbidrag inte går till verksamheter som motverkar demokratins "
                "grundläggande värderingar.",
                ["Kultur- och fritidsförvaltningen"],
                [],
                "Start 2022",
            ),
            (
                "Samverka med polisen och Säkerhetspolisen kring personer som återvänder från "
                "konfliktområden, så att barn och vuxna får stöd och eventuella hot kan hanteras.",
                ["Socialtjänsten"],
                ["Polisen", "Säpo", "Migrationsverket"],
                "Löpande",
            ),
        ],
    ),
    (
        "Utbildning",
        [
            (
                "Genomföra kompetenshöjande insatser om våldsbejakande extremism för medarbetare inom "
                "skola, socialtjänst och fritid, med stöd av Center mot våldsbejakande extremism och "
                "länsstyrelsen. Utbildningen ska ge kunskap om tecken på radikalisering, om vart man "
                "vänder sig vid oro och om hur man bemöter unga som uttrycker extrema åsikter.",
                ["Kommunledningskontoret"],
                ["Center mot våldsbejakande extremism", "Länsstyrelsen i Dalarnas län"],
                "2022–2023",
            ),
            (
                "Utbilda förtroendevalda i hur de kan hantera hot, hat och otillåten påverkan.",
                ["Kommunledningskontoret"],
                ["Polisen"],
                "HT 2022",
            ),
            (
                "Erbjuda skolpersonal fortbildning i att leda samtal om kontroversiella och känsliga "
                "frågor i klassrummet, med stöd av Skolverkets material.",
                ["Barn- och utbildningsförvaltningen"],
                ["Skolverket"],
                "HT 2023",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Följa upp handlingsplanens åtgärder varje år och redovisa resultatet för "
                "kommunstyrelsen tillsammans med den lokala lägesbilden.",
                ["Kommunledningskontoret"],
                ["Socialtjänsten", "Lokalpolisområdet"],
                "Årligen",
            ),
        ],
    ),
]


def make_sjovalla() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2022–2024"
    doc = new_document("Sjövalla kommun", title, landscape=True, size=11)
    header_text(doc, "Sjövalla kommun – Kommunledningskontoret", align=WD_ALIGN_PARAGRAPH.RIGHT)
    footer_page(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        "Planen är antagen av kommunfullmäktige den 28 mars 2022. Åtgärderna redovisas per insatsområde "
        "och preventionsnivå i tabellen nedan."
    )
    table = new_table(doc, ["Åtgärd", "Ansvarig", "Samverkan", "Tidplan"], [13.0, 5.2, 5.2, 2.3])
    repeat_header(table.rows[0])
    for cell in table.rows[0].cells:
        shade(cell, "1F3A5F")
        for run in cell.paragraphs[0].runs:
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    for area, measures in SJOVALLA:
        full_width_row(table, area)
        for text, owner, partners, status in measures:
            add_row(table, [text, join(owner), join(partners), status])
    fix_widths(table)
    return doc


# --------------------------------------------------------------------------------------------------
# 3. Brånäs kommun: landscape, one long table whose header is NOT repeated on later pages; columns
#    Aktivitet, Preventionsnivå, Ansvarig, Samverkanspartner, Status; areas as full-width rows.

BRANAS = [
    (
        "Organisation och samverkan",
        [
            (
                "Ge kommunens brottsförebyggande råd i uppdrag att samordna arbetet mot våldsbejakande "
                "extremism och att varje år föreslå vilka aktiviteter som ska prioriteras. Rådet består "
                "av kommunstyrelsens ordförande, förvaltningscheferna och lokalpolisområdets chef.",
                "",
                ["Kommunstyrelsen"],
                ["Lokalpolisområdet"],
                "Klart",
            ),
            (
                "Upprätta en operativ arbetsgrupp med fältgruppen, elevhälsan, socialtjänstens "
                "mottagningsenhet och kommunpolisen, som träffas varannan vecka och hanterar ärenden där "
                "det finns oro för radikalisering.",
                "",
                ["Socialtjänsten"],
                ["Fältgruppen", "Elevhälsan", "Kommunpolisen"],
                "Pågår",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Ta fram en gemensam lägesbild med polisen två gånger per år, som grund för vilka "
                "aktiviteter som ska prioriteras och var insatserna ska göras.",
                "",
                ["Kommunledningskontoret"],
                ["Lokalpolisområdet", "Säpo"],
                "Löpande",
            ),
            (
                "Kartlägga vilka mötesplatser, föreningar och digitala forum som unga i Brånäs använder, "
                "för att veta var det förebyggande arbetet når dem bäst.",
                "",
                ["Kultur- och fritidsförvaltningen"],
                ["Fältgruppen", "Studieförbunden"],
                "HT 2021",
            ),
        ],
    ),
    (
        "Förebyggande arbete",
        [
            (
                "Genomföra värdegrundsarbete i förskola och skola med fokus på demokrati, "
                "jämställdhet och alla människors lika värde, enligt läroplanerna. Varje skola "
                "beskriver arbetet i sin plan mot diskriminering och kränkande behandling och följer upp "
                "det i det systematiska kvalitetsarbetet. Arbetet ska omfatta alla elever och ske "
                "kontinuerligt under hela läsåret, inte bara under särskilda temadagar.",
                "Universell",
                ["Barn- och utbildningsförvaltningen"],
                ["Elevhälsan"],
                "Löpande",
            ),
            (
                "Arrangera en årlig demokrativecka för gymnasieelever med föreläsningar, samtal och "
                "möten med förtroendevalda, i samarbete med studieförbunden och civilsamhället.",
                "Universell",
                ["Gymnasieskolan"],
                ["Studieförbunden", "Sensus"],
                "Årligen",
            ),
            (
                "Erbjuda öppna verksamheter på fritidsgårdar och bibliotek under kvällar och lov, med "
                "vuxna som unga kan prata med om det som oroar dem.",
                "Universell",
                ["Kultur- och fritidsförvaltningen"],
                ["Svenska kyrkan", "Röda Korset"],
                "Pågår",
            ),
            (
                "Ge stöd till föräldrar genom föräldraskapsprogram och föräldraträffar där frågor om "
                "extremism, nätet och grupptryck tas upp.",
                "Universell",
                ["Socialtjänsten"],
                ["Studieförbunden"],
                "VT 2022",
            ),
            (
                "Identifiera unga som befinner sig i riskzonen genom SSPF och ge dem och deras familjer "
                "stöd i ett tidigt skede. Stödet ska utgå från den unges behov och kan bestå av "
                "samtalsstöd, mentorskap, meningsfull fritid eller stöd i skolan. Insatserna ska "
                "dokumenteras och följas upp tillsammans med den unge och vårdnadshavarna.",
                "Selektiv",
                ["Socialtjänsten"],
                ["Skolan", "Polisen", "Fältgruppen"],
                "Pågår",
            ),
            (
                "Arbeta uppsökande i områden där unga riskerar att rekryteras till kriminella eller "
                "våldsbejakande grupper.",
                "Selektiv",
                ["Fältgruppen"],
                ["Lokalpolisområdet", "Nattvandrarna"],
                "Löpande",
            ),
            (
                "Erbjuda mentorskap för unga som har hamnat utanför skola och arbete, i samarbete med "
                "civilsamhället och arbetsmarknadsenheten.",
                "Selektiv",
                ["Socialtjänsten"],
                ["Arbetsförmedlingen", "Fryshuset"],
                "Start 2022",
            ),
            (
                "Erbjuda individuellt anpassade insatser till personer som vill lämna våldsbejakande "
                "extremistiska miljöer, med stöd av Center mot våldsbejakande extremism och andra "
                "aktörer med erfarenhet av avhopparverksamhet. Insatserna samordnas av socialtjänsten "
                "och följs upp regelbundet.",
                "Indikerad",
                ["Socialtjänsten"],
                ["Center mot våldsbejakande extremism", "Exit Fryshuset"],
                "Löpande",
            ),
            (
                "Samverka med kriminalvården och frivården inför och efter frigivning av personer som "
                "dömts för brott med extremistiska motiv.",
                "Indikerad",
                ["Socialtjänsten"],
                ["Kriminalvården", "Frivården"],
                "Vid behov",
            ),
        ],
    ),
    (
        "Förhindrande",
        [
            (
                "Ta fram riktlinjer för hur kommunen hanterar lokalbokningar och bidrag så att kommunens "
                "resurser inte används av aktörer som sprider våldsbejakande budskap.",
                "",
                ["Kommunledningskontoret"],
                ["Kultur- och fritidsförvaltningen"],
                "Planeras 2022",
            ),
            (
                "Rapportera misstänkta brott med extremistiska motiv till polisen enligt kommunens rutin.",
                "",
                ["Kommunens förvaltningar"],
                ["Polisen"],
                "Löpande",
            ),
        ],
    ),
    (
        "Kompetens och utbildning",
        [
            (
                "Genomföra utbildning om våldsbejakande extremism och om kommunens rutiner för alla "
                "medarbetare inom skola, socialtjänst och fritid, med en fördjupning för chefer och "
                "nyckelpersoner. Utbildningen ska upprepas varje år för nyanställda.",
                "",
                ["Kommunledningskontoret"],
                ["Center mot våldsbejakande extremism", "Länsstyrelsen i Hallands län"],
                "2021–2023",
            ),
            (
                "Erbjuda ledare i föreningslivet en kortare utbildning om tecken på radikalisering.",
                "",
                ["Kultur- och fritidsförvaltningen"],
                ["RF-SISU"],
                "HT 2022",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Redovisa genomförda aktiviteter och resultat till kommunstyrelsen i samband med årsredovisningen.",
                "",
                ["Kommunledningskontoret"],
                [],
                "Årligen",
            ),
        ],
    ),
]


def make_branas() -> Document:
    title = "Handlingsplan för att förebygga våldsbejakande extremism 2021–2023"
    doc = new_document("Brånäs kommun", title, landscape=True, font="Arial", size=11)
    header_text(doc, "BRÅNÄS KOMMUN", size=8)
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("Handlingsplan mot våldsbejakande extremism, sida ")
    add_field(p, "PAGE")
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        "Aktiviteterna nedan genomförs under planperioden. Preventionsnivå anges för det förebyggande "
        "arbetet: universell (alla), selektiv (riskgrupper) och indikerad (individer)."
    )
    table = new_table(
        doc,
        ["Aktivitet", "Preventionsnivå", "Ansvarig", "Samverkanspartner", "Status"],
        [9.2, 3.7, 5.0, 5.3, 2.5],
    )
    for area, measures in BRANAS:
        full_width_row(table, area, fill="EDEDED")
        for text, level, owner, partners, status in measures:
            add_row(table, [text, level, join(owner), join(partners), status])
    fix_widths(table)
    return doc


# --------------------------------------------------------------------------------------------------
# 4. Ljungsala kommun: tables without any ruling lines, a heading above each table, 4 columns,
#    several actors in a cell one per paragraph.

LJUNGSALA = [
    (
        "Organisation",
        [
            (
                "Utse en strategisk samordnare för arbetet mot våldsbejakande extremism.",
                ["Kommundirektören"],
                ["Kommunstyrelsen"],
                "Klart",
            ),
            (
                "Inrätta en operativ samverkansgrupp för ärenden där det finns oro för radikalisering.",
                ["Socialtjänsten"],
                ["Polisen", "Skolan", "Fältgruppen"],
                "Pågår",
            ),
            (
                "Ta fram en kontaktlista för vart medarbetare vänder sig vid oro.",
                ["Säkerhetssamordnare"],
                ["HR-avdelningen", "Kommunikationsavdelningen"],
                "VT 2021",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Ta fram en lokal lägesbild tillsammans med polisen.",
                ["Säkerhetssamordnare"],
                ["Lokalpolisområdet", "Säpo"],
                "Årligen",
            ),
            (
                "Samla in skolornas och fritidsgårdarnas iakttagelser om ungas attityder och nätanvändning.",
                ["Barn- och utbildningsförvaltningen", "Kultur- och fritidsförvaltningen"],
                ["Elevhälsan"],
                "Löpande",
            ),
        ],
    ),
    (
        "Förebyggande arbete",
        [
            (
                "Arbeta med demokrati och källkritik i undervisningen i alla årskurser.",
                ["Rektor"],
                ["Biblioteket"],
                "Pågår",
            ),
            (
                "Erbjuda lovaktiviteter och öppen verksamhet för unga i alla kommundelar.",
                ["Kultur- och fritidsförvaltningen"],
                ["Studieförbunden", "Svenska kyrkan", "Ljungsala BK"],
                "Pågår",
            ),
            (
                "Genomföra föräldraträffar om ungas liv på nätet.",
                ["Socialtjänsten"],
                ["Skolan", "Föreningen Trygga Ljungsala"],
                "HT 2021",
            ),
            (
                "Ge stöd till unga som riskerar att dras in i våldsbejakande miljöer.",
                ["Socialtjänsten"],
                ["Fältgruppen", "Elevhälsan", "Fryshuset"],
                "Löpande",
            ),
        ],
    ),
    (
        "Förhindrande",
        [
            (
                "Följa upp att kommunens lokaler och bidrag inte används av våldsbejakande aktörer.",
                ["Kultur- och fritidsförvaltningen"],
                ["Säpo"],
                "Start 2022",
            ),
            (
                "Samordna stöd till personer som vill lämna våldsbejakande miljöer.",
                ["Socialtjänsten"],
                ["Exit Fryshuset", "Frivården", "Polisen"],
                "Löpande",
            ),
        ],
    ),
    (
        "Utbildning",
        [
            (
                "Utbilda medarbetare i skola, socialtjänst och fritid om våldsbejakande extremism.",
                ["Säkerhetssamordnare"],
                ["Center mot våldsbejakande extremism", "Länsstyrelsen i Värmlands län"],
                "2021–2023",
            ),
            (
                "Erbjuda utbildning till förtroendevalda om hot och påverkan.",
                ["Kommunledningskontoret"],
                ["Polisen"],
                "VT 2022",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Följa upp planen och rapportera till kommunstyrelsen.",
                ["Säkerhetssamordnare"],
                [],
                "Årligen",
            ),
        ],
    ),
]


def make_ljungsala() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2021–2023"
    doc = new_document("Ljungsala kommun", title, landscape=False, font="Times New Roman", size=11)
    header_text(doc, "Ljungsala kommun\tKommunstyrelsens förvaltning")
    footer_page_of(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph(
        "Planen beskriver de åtgärder som Ljungsala kommun genomför för att förebygga och förhindra "
        "våldsbejakande extremism. Den har tagits fram av kommunstyrelsens förvaltning i samverkan "
        "med polisen."
    )
    for area, measures in LJUNGSALA:
        doc.add_heading(area, level=2)
        table = new_table(doc, ["Åtgärd", "Ansvarig", "Samverkan", "Status"], [6.0, 4.3, 4.8, 1.9], style=None, size=10)
        set_borders(table)
        for text, owner, partners, status in measures:
            add_row(table, [text, owner, partners or "", status])
        fix_widths(table)
    return doc


# --------------------------------------------------------------------------------------------------
# 5. Torsvik kommun: a short plan, one table with an area column, shaded header row, horizontal rules
#    only, the page number alone in the footer, and a closing section of text after the table.

TORSVIK = [
    (
        "Organisation",
        "Utse en samordnare för kommunens arbete mot våldsbejakande extremism.",
        ["Kommunchefen"],
        "Klart",
    ),
    (
        "Organisation",
        "Bilda en samverkansgrupp med skola, socialtjänst, fritid och polis.",
        ["Socialtjänsten", "Lokalpolisområdet"],
        "Klart",
    ),
    (
        "Lägesbild",
        "Ta fram en lokal lägesbild i samverkan med polisen.",
        ["Säkerhetssamordnare"],
        "Årligen",
    ),
    (
        "Förebyggande",
        "Arbeta med demokrati och mänskliga rättigheter i skolans undervisning.",
        ["Rektor"],
        "Pågår",
    ),
    (
        "Förebyggande",
        "Erbjuda öppen fritidsverksamhet för unga på kvällar och lov.",
        ["Kultur- och fritidsförvaltningen"],
        "Pågår",
    ),
    (
        "Förebyggande",
        "Genomföra föräldraträffar om radikalisering och nätet.",
        ["Socialtjänsten"],
        "VT 2022",
    ),
    (
        "Förebyggande",
        "Ge stöd till unga som visar tecken på radikalisering.",
        ["Socialtjänsten"],
        "Löpande",
    ),
    (
        "Förhindrande",
        "Ta fram en rutin för uthyrning av kommunens lokaler.",
        ["Kommunledningskontoret"],
        "Planeras 2022",
    ),
    (
        "Förhindrande",
        "Samverka med polisen om personer som återvänder från konfliktområden.",
        ["Socialtjänsten", "Polisen"],
        "Löpande",
    ),
    (
        "Utbildning",
        "Utbilda personal i skola, socialtjänst och fritid.",
        ["Säkerhetssamordnare"],
        "HT 2021",
    ),
    (
        "Utbildning",
        "Utbilda förtroendevalda om hot och påverkan.",
        ["Kommunledningskontoret"],
        "Start 2022",
    ),
    (
        "Uppföljning",
        "Följa upp åtgärderna i handlingsplanen.",
        ["Säkerhetssamordnare"],
        "Årligen",
    ),
]


def make_torsvik() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2021–2023"
    doc = new_document("Torsviks kommun", title, landscape=False, font="Arial", size=10)
    footer_page(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Torsviks kommun. Antagen av kommunstyrelsen 2021-04-12.")
    table = new_table(doc, ["Område", "Åtgärd", "Ansvarig", "Status"], [3.0, 7.6, 4.4, 2.0], style=None)
    set_borders(table, top="single", bottom="single", insideH="single")
    for cell in table.rows[0].cells:
        shade(cell, "BDD7EE")
    repeat_header(table.rows[0])
    for area, text, owner, status in TORSVIK:
        add_row(table, [area, text, join(owner), status])
    fix_widths(table)
    doc.add_heading("Uppföljning av planen", level=2)
    paragraphs(
        doc,
        [
            "Uppföljning av planen sker årligen i samband med kommunstyrelsens verksamhetsuppföljning. "
            "Samordnaren sammanställer en rapport om genomförda åtgärder och om lägesbilden.",
            "Planen revideras inför nästa planperiod. Synpunkter på planen lämnas till kommunledningskontoret.",
        ],
    )
    return doc


# --------------------------------------------------------------------------------------------------
# 6. Västanå kommun: a column the reader does not know (Indikator), and one measure with an empty
#    Ansvarig cell.

VASTANA = [
    (
        "Organisation",
        [
            (
                "Fastställa en organisation för arbetet med samordnare och samverkansgrupp.",
                ["Kommunstyrelsen"],
                ["Polisen"],
                "Organisationen är beslutad",
                "Klart",
            ),
            (
                "Ta fram en rutin för hantering av orosanmälningar om radikalisering.",
                ["Socialtjänsten"],
                ["Polisen", "Skolan"],
                "Rutinen finns och är känd",
                "VT 2022",
            ),
        ],
    ),
    (
        "Lägesbild",
        [
            (
                "Ta fram en lägesbild varje år tillsammans med lokalpolisområdet.",
                ["Säkerhetssamordnare"],
                ["Lokalpolisområdet"],
                "Lägesbilden är framtagen",
                "Årligen",
            ),
        ],
    ),
    (
        "Förebyggande",
        [
            (
                "Arbeta med värdegrund och demokrati i alla skolor.",
                ["Rektor"],
                ["Elevhälsan"],
                "Andel skolor som arbetar med temat",
                "Pågår",
            ),
            (
                "Erbjuda lovaktiviteter och meningsfull fritid för unga.",
                ["Kultur- och fritidsförvaltningen"],
                ["Studieförbunden", "Svenska kyrkan"],
                "Antal deltagare",
                "Pågår",
            ),
            (
                "Genomföra uppsökande arbete på kvällar och helger.",
                ["Fältgruppen"],
                ["Lokalpolisområdet"],
                "Antal kvällar med fältarbete",
                "Löpande",
            ),
            (
                "Starta en föräldragrupp för föräldrar som oroar sig för sina barn.",
                [],
                ["Socialtjänsten", "Studieförbunden"],
                "Gruppen har startat",
                "Planeras 2022",
            ),
        ],
    ),
    (
        "Förhindrande",
        [
            (
                "Ge stöd till personer som vill lämna våldsbejakande miljöer.",
                ["Socialtjänsten"],
                ["Exit Fryshuset", "Frivården"],
                "Antal personer som fått stöd",
                "Löpande",
            ),
            (
                "Informera föreningar om villkoren för kommunala bidrag.",
                ["Kultur- och fritidsförvaltningen"],
                [],
                "Informationen är skickad",
                "HT 2022",
            ),
        ],
    ),
    (
        "Utbildning",
        [
            (
                "Utbilda personal i skola, socialtjänst och fritid om extremism.",
                ["Säkerhetssamordnare"],
                ["Center mot våldsbejakande extremism"],
                "Andel utbildad personal",
                "2022–2023",
            ),
            (
                "Utbilda chefer i kommunens rutiner vid oro.",
                ["HR-avdelningen"],
                ["Säkerhetssamordnare"],
                "Antal utbildade chefer",
                "Start 2022",
            ),
        ],
    ),
    (
        "Uppföljning",
        [
            (
                "Följa upp planen och redovisa till kommunstyrelsen.",
                ["Kommunledningskontoret"],
                [],
                "Rapporten är redovisad",
                "Årligen",
            ),
        ],
    ),
]


def make_vastana() -> Document:
    title = "Handlingsplan mot våldsbejakande extremism 2022–2023"
    doc = new_document("Västanå kommun", title, landscape=False, font="Arial", size=9)
    header_text(doc, "Västanå kommun", align=WD_ALIGN_PARAGRAPH.RIGHT)
    footer_page_of(doc)
    doc.add_heading(title, level=0)
    doc.add_paragraph("Antagen av kommunfullmäktige 2022-01-24, § 5.")
    number = 0
    for area, measures in VASTANA:
        doc.add_heading(area, level=2)
        table = new_table(
            doc,
            ["Nr", "Åtgärd", "Ansvarig", "Samverkan", "Indikator", "Tidplan"],
            [0.8, 4.2, 4.1, 3.6, 2.6, 1.7],
        )
        for text, owner, partners, indicator, status in measures:
            number += 1
            add_row(table, [str(number), text, join(owner), join(partners), indicator, status])
        fix_widths(table)
    return doc


PLANS = {
    "hoglunda-2021": make_hoglunda,
    "sjovalla-2022": make_sjovalla,
    "branas-2021": make_branas,
    "ljungsala-2021": make_ljungsala,
    "torsvik-2021": make_torsvik,
    "vastana-2022": make_vastana,
}


def write_plans(plans: dict, profile_prefix: str) -> int:
    """Each plan as .docx in OUT, and as PDF made from it by LibreOffice headless in one run (as Word users
    export); the sizes printed. Also used by make_document_plans_2.py."""
    OUT.mkdir(parents=True, exist_ok=True)
    docx_files = []
    for name, make in plans.items():
        path = OUT / f"{name}.docx"
        save(make(), path)
        docx_files.append(path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("soffice not found: wrote the .docx files only", file=sys.stderr)
        return 1
    profile = Path(tempfile.mkdtemp(prefix=profile_prefix))
    try:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(OUT),
                *map(str, docx_files),
            ],
            check=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for path in docx_files:
        pdf = path.with_suffix(".pdf")
        print(f"{path.name} {path.stat().st_size} B, {pdf.name} {pdf.stat().st_size} B")
    return 0


def main() -> int:
    return write_plans(PLANS, "lo-profile-docplans-")


if __name__ == "__main__":
    raise SystemExit(main())
