"""Errors a user can meet: one base class, typed ingest errors collected per file.

A user mistake never becomes a traceback: the CLI prints ``str(error)`` and
exits with code 2. Messages name the file, the row as a person counts it in
Excel, the column, and what would fix the problem.
"""

from __future__ import annotations

from dataclasses import dataclass


class GraphmodelError(Exception):
    """Base class of every error graphmodel reports to a user."""


@dataclass(frozen=True)
class IngestError:
    """One problem in an input file.

    ``code`` is a fixed kebab-case identifier (``missing-measure-column``,
    ``undecodable-bytes``, ...), ``row`` is 1-based as Excel shows it (None
    for whole-file problems), ``column`` the header as written in the file.
    """

    path: str
    code: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message} [{self.code}]"


class IngestFailed(GraphmodelError):
    """A file (or several) could not be read; carries every error found."""

    def __init__(self, errors: list[IngestError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class UnknownActorError(GraphmodelError):
    """A question named an actor that no plan or registry knows."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No such actor: {name!r}.{hint}")


class AmbiguousActorError(GraphmodelError):
    """A name typed without diacritics (or with other ones) fits actors of different names: no guess is made."""

    def __init__(self, name: str, matches: list[str]):
        self.name = name
        self.matches = matches
        super().__init__(
            f"Ambiguous actor: {name!r}. It could be: {', '.join(matches)}; type the name as written, with å, ä, ö."
        )


class RegistryError(GraphmodelError):
    """The actor registry file is malformed (duplicate ids, unknown parents...)."""
