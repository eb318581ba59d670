"""Every code a reader gives a user, once: what it means and what fixes it.

A reading error (:class:`graphmodel.errors.IngestError`) stops reading a file;
a problem is a ledger entry that ``graphmodel check`` lists while the plan is
still read. Both are fixed kebab-case identifiers a user can search for, so
they live in one catalogue: the README's table is generated from it, and a
test holds it equal to the codes the source uses.

>>> entry("no-measures").kind
'error'
>>> for_error(IngestError("plan.csv", "unknown-actor", "...")).stops_reading
False
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import IngestError

ERROR = "error"  # stops reading the file; the command exits with code 2
PROBLEM = "problem"  # the cell is kept as well as it could be read; ``check`` lists it

_KIND_WORDS = {ERROR: "error: stops reading", PROBLEM: "problem: listed by `check`"}


@dataclass(frozen=True)
class ErrorCode:
    """One code: whether it stops reading, what it means and what fixes it (one line each)."""

    code: str
    kind: str  # ERROR or PROBLEM
    meaning: str
    fix: str

    @property
    def stops_reading(self) -> bool:
        return self.kind == ERROR


CODES: tuple[ErrorCode, ...] = (
    # Plan files: finding and opening them.
    ErrorCode(
        "no-plan-files",
        ERROR,
        "a folder was given that holds no .csv, .xlsx, .docx or .pdf file",
        "name the plan files",
    ),
    ErrorCode("file-not-found", ERROR, "no such file, or a folder where a file was expected", "check the path"),
    ErrorCode(
        "unreadable-file",
        ERROR,
        "the file cannot be opened (open in Excel, no permission, a device or pipe)",
        "close it in Excel and check that you may read it",
    ),
    ErrorCode(
        "unsupported-file-type",
        ERROR,
        "the file is neither .csv/.txt/.tsv, .xlsx/.xlsm, .docx nor .pdf",
        "save it from Excel as .xlsx or 'CSV UTF-8'",
    ),
    ErrorCode(
        "legacy-doc",
        ERROR,
        "a Word 97-2003 document (.doc, or a .doc renamed .docx), which cannot be read",
        "open it in Word and save it as 'Word Document (.docx)'",
    ),
    ErrorCode(
        "not-a-docx",
        ERROR,
        "a file named .docx that is damaged or not a Word document",
        "open it in Word and save it as 'Word Document (.docx)'",
    ),
    ErrorCode(
        "not-a-pdf",
        ERROR,
        "a file named .pdf that is damaged or not a PDF",
        "save the plan as PDF again, or give the Word document",
    ),
    ErrorCode(
        "pdf-encrypted",
        ERROR,
        "a PDF protected by a password",
        "save or print it as a PDF without protection, or give the Word document",
    ),
    ErrorCode(
        "pdf-no-text",
        ERROR,
        "a PDF with no text on any page: a scanned image (OCR is not supported)",
        "give the Word document or a searchable PDF, or type the table into Excel",
    ),
    ErrorCode(
        "pdf-columns-unclear",
        ERROR,
        "a PDF table without ruling lines whose text does not keep to its header's columns (the message names the page)",
        "give the Word document, or run 'graphmodel extract' and correct the workbook",
    ),
    ErrorCode(
        "no-plan-table",
        ERROR,
        "a Word document or PDF with no table whose header row names the measure column (the message lists the tables)",
        "name the column of measures 'Åtgärd' in the table's header row",
    ),
    ErrorCode("empty-file", ERROR, "the file or sheet holds no text", "give the file that holds the plan"),
    ErrorCode("no-measures", ERROR, "a header but no measure rows", "write the measures under the measure column"),
    ErrorCode(
        "not-a-table",
        ERROR,
        "no columns found, binary data, UTF-16 text, or not a readable workbook",
        "open it in Excel and save it as .xlsx or 'CSV UTF-8'",
    ),
    ErrorCode(
        "undecodable-bytes",
        ERROR,
        "a byte is neither UTF-8 nor Windows-1252 (plans and registry files)",
        "save the file as 'CSV UTF-8'",
    ),
    ErrorCode(
        "mixed-encodings",
        ERROR,
        "some lines are UTF-8 and others not, so å, ä and ö would come out wrong (plans and registry files)",
        "correct the letters that look wrong and save as 'CSV UTF-8'",
    ),
    ErrorCode("unbalanced-quote", ERROR, 'a quote (") opens a cell and is never closed', "close or delete the quote"),
    ErrorCode(
        "formula-without-value",
        ERROR,
        "a workbook cell holds a formula but no computed value",
        "open the file in Excel or LibreOffice and save it",
    ),
    ErrorCode(
        "missing-measure-column",
        ERROR,
        "no column header names the measures",
        "name the measure column with a known header, such as 'Åtgärd'",
    ),
    ErrorCode(
        "duplicate-column",
        ERROR,
        "two headers are read as the same column",
        "rename or delete one of them",
    ),
    ErrorCode(
        "sheet-not-found",
        ERROR,
        "the workbook has no sheet of the given name, or a sheet was given for a CSV file",
        "pass one of the workbook's sheet names, or leave out the sheet",
    ),
    # Plan files: rows.
    ErrorCode(
        "actors-without-measure",
        ERROR,
        "a row names actors or a status but has no measure text, and no measure above it to continue "
        "(or it starts a new area, level or id)",
        "write the measure or delete the row",
    ),
    ErrorCode("duplicate-id", ERROR, "two measures have the same id", "give each measure its own id"),
    ErrorCode(
        "extra-cells",
        ERROR,
        "text in a column without a header would be lost",
        "add a header for the column or move the text into a named column",
    ),
    ErrorCode(
        "duplicate-plan-id",
        ERROR,
        "two files give the same plan id",
        "give one of them another plan id in its .plan.toml",
    ),
    # Plan files: limits.
    ErrorCode(
        "file-too-large", ERROR, "the file is over the size limit", "check the file, or raise `--limit file-size`"
    ),
    ErrorCode(
        "too-many-rows", ERROR, "the table goes on past the row limit", "check the file, or raise `--limit rows`"
    ),
    ErrorCode(
        "too-many-columns",
        ERROR,
        "a row has text past the column limit",
        "check the file, or raise `--limit columns`",
    ),
    ErrorCode(
        "cell-too-long",
        ERROR,
        "a cell is over the cell length limit",
        "shorten the cell, or raise `--limit cell-length`",
    ),
    ErrorCode(
        "unpacked-too-large",
        ERROR,
        "the workbook unpacks past the limit (a 'zip bomb'?)",
        "check where the file comes from, or raise `--limit xlsx-unpacked`",
    ),
    ErrorCode(
        "too-many-actors",
        ERROR,
        "a cell names more actors than the limit",
        "split the cell, or raise `--limit actors-per-cell`",
    ),
    # .plan.toml files.
    ErrorCode(
        "bad-plan-metadata",
        ERROR,
        "the .plan.toml cannot be read: not a file, too large, not UTF-8 or not TOML",
        "fix the file or delete it",
    ),
    ErrorCode("unknown-metadata-key", ERROR, "a .plan.toml key is not a known one", "use one of the known keys"),
    ErrorCode(
        "bad-metadata-value",
        ERROR,
        "a .plan.toml value has the wrong type, range or characters",
        "write the value as the message says",
    ),
    ErrorCode(
        "metadata-takes-registry-actor",
        ERROR,
        "the plan's organisation would get the id of a registry actor",
        "give the organisation an organisation_id of its own, or name the registry's actor",
    ),
    # Registry files.
    ErrorCode(
        "registry-missing-column",
        ERROR,
        "the registry has no id, name, kind or scope column",
        "add the missing columns (id, name, kind and scope are required), separated by ';'",
    ),
    ErrorCode("registry-missing-value", ERROR, "an actor has no id or no name", "give every actor an id and a name"),
    ErrorCode("registry-duplicate-id", ERROR, "two actors have the same id", "give each actor its own id"),
    ErrorCode(
        "registry-unreadable-row",
        ERROR,
        "a registry row cannot be split into cells",
        'look for a quote (") that is opened and never closed',
    ),
    ErrorCode(
        "registry-value-too-long",
        ERROR,
        "an id, name or alias is over 200 characters",
        "shorten it",
    ),
    ErrorCode(
        "registry-too-many-aliases",
        ERROR,
        "an actor has over 100 aliases",
        "keep the spellings plans really use",
    ),
    # Problems `check` lists: the plan is read, these cells are not fully understood.
    ErrorCode(
        "unknown-actor",
        PROBLEM,
        "an actor cell names an actor the registry does not know",
        "add the actor or an alias to the registry, or correct the spelling",
    ),
    ErrorCode(
        "no-actor-in-cell",
        PROBLEM,
        "an actor cell holds text ('-', '/') that names nobody",
        "name the actor, or empty the cell",
    ),
    ErrorCode(
        "status-not-understood",
        PROBLEM,
        "a status cell could not be read as a state or a date",
        "write a state and period such as 'Pågående', 'Planerad 2025', 'Klar'",
    ),
    ErrorCode(
        "no-measure-in-row",
        PROBLEM,
        "a cell is in a row that has no measure",
        "write the measure, or move the text to the measure's row",
    ),
    ErrorCode(
        "continuation-row",
        PROBLEM,
        "a row without measure text (only actors or a status: a cell wrapped in Excel or Word), or of measure "
        "text only that goes on from the measure above (that one ends in a comma, a conjunction or a "
        "preposition), was joined to the measure above",
        "check that the row belongs to that measure, and merge the cells in the plan",
    ),
    ErrorCode(
        "possible-continuation",
        PROBLEM,
        "a measure's text, alone on its row, starts with a small letter and may continue the measure above; "
        "it is read as a measure of its own",
        "merge the two rows in the plan if they are one measure",
    ),
    ErrorCode(
        "parts-merged",
        PROBLEM,
        "two parts of one actor cell name the same actor (two spellings, or a registry alias that is really "
        "another body); the actor is counted once",
        "write the actor once, or, if they are two bodies, add the other to the registry (--registry) as its own actor",
    ),
    ErrorCode(
        "organisation-unknown",
        PROBLEM,
        "the plan names no organisation (no .plan.toml, no title row naming one), so the file name is used",
        'write organisation = "…" in the plan\'s .plan.toml, or give --organisation NAME',
    ),
    ErrorCode(
        "unrecognised-column",
        PROBLEM,
        "a column header is not a known one; its cells are kept as the measure's attributes",
        "rename the header to a known one if the column means one",
    ),
    ErrorCode(
        "control-characters",
        PROBLEM,
        "control characters were removed from a cell",
        "nothing, unless the cell reads wrong: then correct it in the file",
    ),
)

BY_CODE: dict[str, ErrorCode] = {c.code: c for c in CODES}


def entry(code: str) -> ErrorCode:
    """The catalogue's entry for a code; KeyError for a code that is not in it."""
    return BY_CODE[code]


def for_error(error: IngestError) -> ErrorCode:
    """The catalogue's entry for an error's code."""
    return BY_CODE[error.code]


def markdown_table() -> str:
    """The README's table of codes: one row per code, in catalogue order (no trailing newline)."""
    lines = ["| Code | Kind | Meaning | Fix |", "|---|---|---|---|"]
    lines += [f"| `{c.code}` | {_KIND_WORDS[c.kind]} | {c.meaning} | {c.fix} |" for c in CODES]
    return "\n".join(lines)


# Reading rules: how a cell was read when its reading is more than one direct registry match per part.
# ``check`` lists each cell a rule fired for as an interpretation ("to review"); none of them fails --strict
# (a problem code beside it does). Issue 11: nothing lost becomes nothing hidden.
READING_RULES: dict[str, str] = {
    "run-together": "names written one after another without a separator were split",
    "expanded-list": 'a list of suspended compounds was expanded ("a-, b- och cnämnden" is three bodies)',
    "kept-whole": 'an "och" inside one name was not read as a separator (a combined body, a manager\'s areas)',
    "plural": "a plural names the role or body class (the plural kept as a remark)",
    "count": 'a count names the role (the count kept as a remark: "två fältsekreterare")',
    "place": 'a place after the name is a remark ("skolorna i området")',
    "lead-in": 'a lead-in was peeled off ("representanter från", "via")',
    "genitive": 'a role or unit of a body is one actor ("skolans kurator"), part of that body',
    "role-at-unit": 'a role written before its unit is one actor ("Rektor Sjöängsskolan")',
    "distributive": 'a role for each of several areas is one actor per area ("cheferna för förskola och skola")',
    "vague-by-form": "a group or slot by its form (a collective or placeholder, never a real owner)",
    "merged": "two parts of the cell name one actor; it is listed once",
    "continuation": "the row continues the measure above (a cell wrapped in Excel or Word)",
    "body-and-part": 'a body written before a part of its own is that part ("Polisen LPO Landskrona")',
    "area-heading": 'a short title alone on its row is the area or level of the rows below ("1. Förebyggande arbete")',
}


def reading_rules_table() -> str:
    """The README's table of reading rules: one row per rule, in catalogue order (no trailing newline)."""
    lines = ["| Rule | What was read |", "|---|---|"]
    lines += [f"| `{rule}` | {meaning} |" for rule, meaning in READING_RULES.items()]
    return "\n".join(lines)
