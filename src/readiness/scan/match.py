"""Applying the detectors chosen for one file to its text, and turning hits into findings.

Each view of a file (comment-free text, Python facts, YAML documents, workflow
jobs, Dockerfile instructions) is built at most once and only if a detector
needs it; a Python file is parsed only if it imports a module some detector
names. One finding per detector and file: the first hit, by line.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any

from readiness.scan import pyfacts, structured
from readiness.scan.catalog import Catalog, Compiled, Group
from readiness.scan.model import Evidence, Finding, Skipped

EXCERPT_CHARS = 120
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SECRETS = re.compile(
    r"(AKIA[0-9A-Z]{12,}|ASIA[0-9A-Z]{12,}|sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{12,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9\-]{10,}"
    r"|AIza[0-9A-Za-z_\-]{20,}|hf_[A-Za-z0-9]{20,})"
)
_ASSIGNED_SECRET = re.compile(r"""(?i)((?:key|token|secret|passw(?:or)?d|pwd|credential)s?["']?\s*[:=]\s*["']?)([^"'\s,)]{4,})""")
_HASH_COMMENTS = (
    ".py",
    ".sh",
    ".bash",
    ".yaml",
    ".yml",
    ".toml",
    ".cfg",
    ".ini",
    ".txt",
    ".tf",
    ".hcl",
    ".r",
    ".R",
    "Makefile",
    "Dockerfile",
    ".conf",
    ".env",
    ".properties",
    ".pbtxt",
)
_SLASH_COMMENTS = (".tf", ".hcl", ".js", ".ts", ".go", ".java", ".json5", ".rego", ".scala", ".kt", ".cs")
_HASH_LINE = re.compile(r"(?m)^[ \t]*#.*$")
_HASH_TRAILING = re.compile(r"(?m)[ \t]+#[^\n'\"]*$")
_SLASH_LINE = re.compile(r"(?m)^[ \t]*//.*$")
_BLOCK = re.compile(r"/\*.*?\*/", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def excerpt(line: str) -> str:
    """One line made safe to print anywhere: no control characters, secrets masked, bounded length."""
    text = _CONTROL.sub(" ", line).strip()
    text = _SECRETS.sub(lambda m: m.group(0)[:4] + "***", text)
    text = _ASSIGNED_SECRET.sub(lambda m: m.group(1) + "***", text)
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def clean_path(path: str) -> str:
    """A path made printable: undecodable bytes and control characters become visible escapes."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _blank(match: re.Match) -> str:
    return "\n" * match.group().count("\n")


def strip_comments(path: str, text: str) -> str:
    """The text with comments blanked out, line numbers kept."""
    if path.endswith((".md", ".rst", ".html")):
        return _HTML_COMMENT.sub(_blank, text)
    if path.endswith(_SLASH_COMMENTS):
        text = _SLASH_LINE.sub("", _BLOCK.sub(_blank, text))
    if path.endswith(_HASH_COMMENTS) or "Dockerfile" in path.rsplit("/", 1)[-1]:
        text = _HASH_TRAILING.sub("", _HASH_LINE.sub("", text))
    return text


class FileView:
    """Lazily built views of one file's text."""

    def __init__(self, path: str, text: str, catalog: Catalog, skipped: list[Skipped]):
        self.path, self.text, self.catalog, self.skipped = path, text, catalog, skipped
        self.notebook_mode = path.endswith(".ipynb")
        self._clean: str | None = None
        self._lines: list[str] | None = None
        self._facts: Any = ...
        self._notebook: Any = ...
        self._units: dict[str, list] = {}
        self.heads: frozenset[str] | None = None
        self.present: dict[str, bool] = {}  # quick literals already looked up in this file
        self._keywords: list[tuple[bool, int]] | None = None
        self._imports_module: bool | None = None

    @property
    def keywords(self) -> list[tuple[bool, int]]:
        if self._keywords is None:
            self._keywords = import_keywords(self.text)
        return self._keywords

    @property
    def imports_module(self) -> bool:
        """The file imports a module some detector names; without one, no Python detector can hit, so none is tried."""
        if self._imports_module is None:
            self._imports_module = imports_module(self.text, self.catalog.module_heads, self.keywords)
        return self._imports_module

    @property
    def clean(self) -> str:
        if self._clean is None:
            self._clean = strip_comments(self.path, self.code)
        return self._clean

    @property
    def code(self) -> str:
        if self.notebook_mode:
            notebook = self.notebook
            return notebook.source if notebook is not None else ""
        return self.text

    @property
    def notebook(self):
        if self._notebook is ...:
            self._notebook = pyfacts.notebook_source(self.text)
            if self._notebook is None:
                self.skipped.append(Skipped(self.path, "not a readable notebook (invalid JSON or no cells)"))
        return self._notebook

    def line(self, number: int) -> str:
        if self._lines is None:
            self._lines = self.code.split("\n")
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""

    def evidence(self, number: int) -> Evidence:
        cell = None
        shown = number
        if self.notebook_mode and self.notebook is not None:
            cell, shown = pyfacts.cell_of(self.notebook, number)
        return Evidence(clean_path(self.path), shown, excerpt(self.line(number)), cell)

    @property
    def facts(self):
        if self._facts is ...:
            self._facts = None
            if self.imports_module and self.code:
                code = self.code
                if self.notebook_mode:
                    trees = pyfacts.notebook_trees(self.notebook, self.path)
                else:
                    tree = pyfacts.parse_python(code, self.path)
                    trees = [tree] if tree is not None else []
                    if tree is None:
                        self.skipped.append(Skipped(self.path, "not valid Python 3 syntax; its imports and calls were not read"))
                if trees:
                    self._facts = pyfacts.facts_of(trees, self.catalog.python_calls)
        return self._facts

    def units(self, kind: str) -> list:
        if kind not in self._units:
            self._units[kind] = self._build_units(kind)
        return self._units[kind]

    def _build_units(self, kind: str) -> list:
        if kind == "dockerfile":
            return [structured.dockerfile_unit(self.text)]
        documents, problem = structured.yaml_documents(self.text, clean_path(self.path))
        if problem:
            self.skipped.append(Skipped(self.path, f"YAML not read: {problem}"))
        if kind == "yaml":
            return [structured.flatten(data, marks) for data, marks in documents]
        units: list[structured.Unit] = []
        for data, marks in documents:
            gitlab = self.path.endswith("gitlab-ci.yml")
            units.extend(structured.gitlab_jobs(data, marks) if gitlab else structured.github_jobs(data, marks))
        return units


def _holds(unit, condition) -> int | None:
    key_re, value_re = condition
    for entry in unit:
        if not key_re.match(entry.key):
            continue
        if value_re is None:
            return entry.line
        found = value_re.search(entry.value) if entry.value is not None else None
        if found:
            if "\n" in entry.value:  # a block scalar starts on the line after its 'key: |'
                return entry.line + 1 + entry.value.count("\n", 0, found.start())
            return entry.line
    return None


def _structured_hit(detector: Compiled, view: FileView) -> int | None:
    for unit in view.units(detector.spec.kind):
        lines = [_holds(unit, c) for c in detector.match]
        if any(line is None for line in lines):
            continue
        if any(_holds(unit, c) is not None for c in detector.unless_match):
            continue
        return lines[0] or 1
    return None


def _text_gate(detector: Compiled, view: FileView) -> bool:
    spec = detector.spec
    if not (spec.require or spec.unless):
        return True
    clean = view.clean
    return all(p.search(clean) for p in detector.require) and not any(p.search(clean) for p in detector.unless)


# A line that holds regular-expression syntax is a pattern someone wrote to find the text (a linter's rule, a scanner's
# detector), not configuration that does it: a text detector skips its matches there.
_PATTERN_SOURCE = re.compile(r"\\[sSbBdDwW]|\(\?[:=!<P]")


def _on_pattern_line(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return _PATTERN_SOURCE.search(text, start, len(text) if end < 0 else end) is not None


def _first_match(pattern: re.Pattern, text: str) -> re.Match | None:
    for found in pattern.finditer(text):
        if not _on_pattern_line(text, found.start()):
            return found
    return None


def _text_hit(detector: Compiled, view: FileView) -> tuple[int, Any] | None:
    clean = view.clean
    best = None
    for pattern in detector.patterns:
        found = _first_match(pattern, clean)
        if found and (best is None or found.start() < best.start()):
            best = found
    if best is None or not _text_gate(detector, view):
        return None
    value = excerpt(best.group(1)) if detector.spec.value_from_match and best.groups() else detector.spec.value
    return clean.count("\n", 0, best.start()) + 1, value


def _keywords_ok(spec, call: pyfacts.Call) -> bool:
    for name, expected in spec.keywords.items():
        if name not in call.keywords or (expected != "*" and call.keywords[name] != expected):
            return False
    for name, unwanted in spec.unless_keywords.items():
        if name in call.keywords:
            value = call.keywords[name]
            if unwanted == "*" or value == unwanted or not isinstance(value, (str, int, float, bool, type(None))):
                return False
    if spec.arg0 and not (isinstance(call.arg0, str) and any(fnmatch.fnmatchcase(call.arg0, p) for p in spec.arg0)):
        return False
    if spec.arg_names and not any(fnmatch.fnmatchcase(a.lower(), p) for a in (*call.args, call.name) for p in spec.arg_names):
        return False
    return not (spec.not_swallowed and call.swallowed)


def _python_hit(detector: Compiled, view: FileView) -> int | None:
    spec = detector.spec
    if view.notebook_mode and spec.notebook == "skip":
        return None
    facts = view.facts
    if facts is None:
        return None
    if spec.requires_import and not any(m in facts.modules for m in spec.requires_import):
        return None
    lines: list[int] = []
    if detector.calls is not None:
        lines.extend(c.line for c in facts.calls if detector.calls.match(c.name) and _keywords_ok(spec, c))
    if detector.decorators is not None:
        lines.extend(line for name, line in facts.decorators if detector.decorators.match(name))
    if detector.bases is not None:
        lines.extend(line for name, line in facts.bases if detector.bases.match(name))
    if not lines or not _text_gate(detector, view):
        return None
    return min(lines)


_HIT = {"text": _text_hit, "python": _python_hit, "yaml": _structured_hit, "workflow": _structured_hit, "dockerfile": _structured_hit}


# An import line as the catalog reads it: 'import' or 'from' and a blank, after the start of a line or a '"' (a
# notebook's JSON holds its source lines in strings) and blanks. Each keyword is found by str.find, then what precedes
# it is checked: the same lines a regex anchored on '^|"' finds, at a fraction of its cost (and of one regex for both).
_REST = re.compile(r'[ \t]*([^\n"\\#]*)')


def import_keywords(text: str) -> list[tuple[bool, int]]:
    """``(is 'from', offset after the keyword and its first blank)`` for each import line of ``text``."""
    found: list[tuple[int, bool]] = []
    for keyword, is_from in (("import", False), ("from", True)):
        width = len(keyword)
        at = text.find(keyword)
        while at >= 0:
            after = at + width
            if text[after : after + 1] in (" ", "\t"):
                start = at
                while start and text[start - 1] in " \t":
                    start -= 1
                if not start or text[start - 1] in '\n"':
                    found.append((after + 1, is_from))
            at = text.find(keyword, after)
    found.sort()
    return [(is_from, end) for end, is_from in found]


def imported_heads(text: str, keywords: list[tuple[bool, int]] | None = None) -> frozenset[str]:
    """Top-level modules named on import lines (also inside a notebook's JSON), read before any parsing."""
    heads: set[str] = set()
    for is_from, end in import_keywords(text) if keywords is None else keywords:
        rest = _REST.match(text, end).group(1)  # type: ignore[union-attr]  # the pattern matches the empty string
        names = [rest.split()[0]] if is_from and rest.split() else [part.split()[0] for part in rest.split(",") if part.split()]
        heads.update(name.split(".")[0] for name in names)
    return frozenset(heads)


def imports_module(text: str, names: frozenset[str], keywords: list[tuple[bool, int]]) -> bool:
    """Whether an import line names one of ``names`` as a word after its keyword (``Catalog.module_heads``'s test)."""
    for _, end in keywords:
        line_end = text.find("\n", end)
        if not names.isdisjoint(_WORD.findall(text, end, len(text) if line_end < 0 else line_end)):
            return True
    return False


_WORD = re.compile(r"\w+")


def _worth_it(detector: Compiled, view: FileView) -> bool:
    """Cheap tests before any parsing: the modules a Python detector needs are imported, and the literals one of its names needs are present."""
    if detector.heads is not None:
        if view.heads is None:
            view.heads = imported_heads(view.text, view.keywords)
        if not detector.heads & view.heads:
            return False
    quick = detector.quick
    if quick is None:
        return True
    seen = view.present
    text = view.text
    for literals in quick:
        for literal in literals:
            found = seen.get(literal)
            if found is None:
                found = seen[literal] = literal in text
            if not found:
                break
        else:
            return True
    return False


def scan_text(path: str, text: str, groups: list[Group], catalog: Catalog, skipped: list[Skipped]) -> list[Finding]:
    view = FileView(path, text, catalog, skipped)
    findings = []
    for group in groups:
        detectors = group.detectors if len(group.not_python) == len(group.detectors) or view.imports_module else group.not_python
        for detector in detectors:
            if not _worth_it(detector, view):
                continue
            kind = detector.spec.kind
            if kind == "python" and view.facts is None:
                continue
            hit = _HIT[kind](detector, view)
            if hit is None:
                continue
            spec = detector.spec
            line, value = hit if isinstance(hit, tuple) else (hit, spec.value)
            if view.notebook_mode and spec.kind == "python" and spec.notebook is not None:
                value = spec.notebook
            findings.append(
                Finding(spec.field, value, spec.id, view.evidence(line), spec.answers, tuple(spec.contradicts), spec.contradicts_always)
            )
    return findings
