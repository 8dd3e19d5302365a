"""Diagnostics for bad input.

Every problem a user can cause is reported as a :class:`Diagnostic` that names
the file and, where the problem has one, the line and column. The CLI prints
them one per line and exits with code 2; library callers catch
:class:`InputError` and get the same structured data.
"""

from typing import NamedTuple

from readiness.common.text import printable


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
        """Two lines at most, whatever the file name, message or hint hold: each is escaped (see :func:`printable`)."""
        text = f"error: {printable(self.location())}: {printable(self.message)}"
        if self.hint:
            text += f"\n  hint: {printable(self.hint)}"
        return text

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.message)


# Diagnostics shown per file: past this, one more line says how many were left out (a file of 100,000 unknown keys
# would otherwise print 200,000 lines). Documented with the other input limits in docs/manifest.md.
MAX_DIAGNOSTICS = 50


class InputError(Exception):
    """One or more problems with a file the user gave us (at most :data:`MAX_DIAGNOSTICS` per file, then a count)."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic, more: int = 0):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = _capped(sorted(diagnostics, key=Diagnostic.sort_key), more)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def _capped(diagnostics: list[Diagnostic], more: int) -> list[Diagnostic]:
    """The first :data:`MAX_DIAGNOSTICS` of each file, then "and N more"; ``more`` counts problems never built."""
    kept: list[Diagnostic] = []
    left_out: dict[str, int] = {}
    shown: dict[str, int] = {}
    for diagnostic in diagnostics:
        if shown.get(diagnostic.file, 0) < MAX_DIAGNOSTICS:
            shown[diagnostic.file] = shown.get(diagnostic.file, 0) + 1
            kept.append(diagnostic)
        else:
            left_out[diagnostic.file] = left_out.get(diagnostic.file, 0) + 1
    if more and diagnostics:
        left_out[diagnostics[-1].file] = left_out.get(diagnostics[-1].file, 0) + more
    for file, count in left_out.items():
        kept.append(Diagnostic(file, f"and {count} more problem{'s' if count > 1 else ''} not shown", hint="fix the ones above first"))
    return kept


class UsageError(Exception):
    """A command-line usage problem that no file caused (bad flag value, missing folder)."""

    def __init__(self, message: str, hint: str | None = None):
        self.message = message
        self.hint = hint
        super().__init__(message)

    def format(self) -> str:
        text = f"error: {printable(self.message)}"
        if self.hint:
            text += f"\n  hint: {printable(self.hint)}"
        return text
