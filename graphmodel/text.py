"""Text every output can hold: the characters no format takes, and how they are cleaned.

One rule for the readers (which clean and report what plans hold, ``graphmodel check``) and for
every writer (CSV, XLSX, JSON, GraphML, GEXF, HTML), so that what one accepts the others can write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What no output may carry: C0 controls but tab, line feed and carriage return (XML 1.0 forbids
# them, openpyxl refuses them, HTML calls them errors), DEL and C1 controls, lone surrogates (no
# UTF-8 encoder takes them) and U+FFFE/U+FFFF (not characters in XML).
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85")  # Word's Shift+Enter is \x0b: a line break to a reader


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if char in LINE_BREAKS:
        return "\n"
    return "\ufffd" if char >= "\ud800" else ""


def clean_text(value: str) -> str:
    r"""Text that every output format can hold: what ``NOT_TEXT`` matches is replaced or dropped.

    Line-like controls (Word's Shift+Enter) become a line break, lone surrogates
    and U+FFFE/U+FFFF the replacement character, other controls are dropped.
    Text without any (nearly all) is returned as it is, after one regex search.

    >>> clean_text("Polisen\x0bSäpo\x00") == "Polisen\nSäpo"
    True
    """
    return NOT_TEXT.sub(_replacement, value) if NOT_TEXT.search(value) else value


def clean_data(value: object) -> object:
    """``value`` with ``clean_text`` applied to every string in it (dict keys included)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(v) for v in value]
    return value


# In encoded JSON, what may stand for a character NOT_TEXT matches: the character itself, or the
# escapes JSON encoders write for controls. Backslash-b or -f in text also match: then the text is
# only cleaned for nothing.
_JSON_ESCAPES = re.compile(r"\\u00[01]|\\u007[fF]|\\[bf]")
_JSON_SUSPECT_BYTES = re.compile(rb"\\u00[01]|\\u007[fF]|\\[bf]|\x7f|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]")


def json_needs_cleaning(encoded: str | bytes) -> bool:
    """Whether encoded JSON may hold a string ``clean_text`` would change (a cheap check of the output).

    Text is searched twice, for the characters and for the escapes: two literal-led scans are three
    times as fast as one pattern of both.
    """
    if isinstance(encoded, bytes):
        return _JSON_SUSPECT_BYTES.search(encoded) is not None
    return NOT_TEXT.search(encoded) is not None or _JSON_ESCAPES.search(encoded) is not None


@dataclass(frozen=True, slots=True)
class Plural:
    """A message with a singular and a plural form, chosen by a count when formatted.

    A drop-in for a ``str.format`` template in the catalogues: ``format`` picks ``one`` when the
    count (``n``, else ``count``) is 1, so a page says "1 åtgärd" and "6 åtgärder", never "åtgärd(er)".
    Written to JSON for a page's script as ``[one, other]``.

    >>> Plural("{n} åtgärd", "{n} åtgärder").format(n=1)
    '1 åtgärd'
    """

    one: str
    other: str

    def format(self, **values: object) -> str:
        count = values["n"] if "n" in values else values["count"]
        return (self.one if count == 1 else self.other).format(**values)


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and its English noun in the right number: ``counted(1, "plan")`` is "1 plan",
    ``counted(3, "plan")`` "3 plans" (``plural`` when not the noun and an s)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
