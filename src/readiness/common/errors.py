"""Diagnostics for bad input.

Every problem a user can cause is reported as a :class:`Diagnostic` that names
the file and, where the problem has one, the line and column. The CLI prints
them one per line and exits with code 2; library callers catch
:class:`InputError` and get the same structured data.
"""

from typing import NamedTuple


class Diagnostic(NamedTuple):
    file: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def location(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def format(self) -> str:
        text = f"error: {self.location()}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.message)


class InputError(Exception):
    """One or more problems with a file the user gave us."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class UsageError(Exception):
    """A command-line usage problem that no file caused (bad flag value, missing folder)."""

    def __init__(self, message: str, hint: str | None = None):
        self.message = message
        self.hint = hint
        super().__init__(message)

    def format(self) -> str:
        text = f"error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text
