"""The detector catalog: ``detectors/*.yaml`` read with the hardened reader, validated and compiled.

Detectors are data (id, rationale, field, value, files and patterns); this
module turns them into compiled regular expressions and groups them by file
selection, so choosing the detectors for a file costs a few ``endswith``
checks and one regex match per group, not one per detector.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from readiness.common.errors import Diagnostic, InputError
from readiness.input.files import display_name, read_text
from readiness.input.source import parse

if TYPE_CHECKING:
    from readiness.scan.detectorfile import Detector

FOLDER = Path(__file__).with_name("detectors")
DEFAULT_FILES = {
    "python": ["**/*.py", "**/*.ipynb"],
    "workflow": [".github/workflows/*.yml", ".github/workflows/*.yaml", ".gitlab-ci.yml", "**/*.gitlab-ci.yml"],
    "dockerfile": ["**/Dockerfile", "**/Dockerfile.*", "**/*.dockerfile", "**/Containerfile"],
    "yaml": ["**/*.yaml", "**/*.yml"],
}
# Tests, docs and examples describe or exercise a practice; they are not the pipeline doing it.
_AUXILIARY = re.compile(
    r"(^|/)(tests?|testing|docs?|examples?|site|vendor|third_party|fixtures?)/|(^|/)(test_[^/]*|[^/]*_test\.py|conftest\.py)$"
)


class Compiled:
    """One detector: its prefilter (literals, imported modules) at once, its patterns compiled on first use.

    In a given repository most detectors never get past their prefilter, and
    compiling every pattern up front cost each run about 25 ms, most of the
    scan's own start-up. A bad bundled pattern is caught by the test suite
    (every bundled detector is compiled there) and at run time still ends in
    the usual one-line error naming the detector.
    """

    __slots__ = ("_compiled", "heads", "quick", "spec")

    def __init__(self, spec: Detector):
        self.spec = spec
        self.quick: tuple[tuple[str, ...], ...] | None = _quick(spec)  # every literal of one alternative must be in the file
        self.heads: frozenset[str] | None = _heads(spec)  # python: the file must import one of these top-level modules (None: no filter)
        self._compiled: list | None = None

    def _part(self, index: int) -> Any:
        """One kind of pattern, compiled on first use: most detectors that get past the prefilter never need their
        ``require``, ``unless`` or ``unless_match`` patterns, which are read only after a hit."""
        if self._compiled is None:
            self._compiled = [_UNCOMPILED] * len(_PARTS)
        compiled = self._compiled[index]
        if compiled is _UNCOMPILED:
            spec = self.spec
            try:
                compiled = self._compiled[index] = _PARTS[index](spec)
            except re.error as exc:
                raise InputError(Diagnostic(str(FOLDER), f"detector '{spec.id}': bad pattern: {exc}")) from None
        return compiled

    def compile_all(self) -> None:
        for index in range(len(_PARTS)):
            self._part(index)

    @property
    def patterns(self) -> tuple[re.Pattern, ...]:
        return self._part(0)

    @property
    def require(self) -> tuple[re.Pattern, ...]:
        return self._part(1)

    @property
    def unless(self) -> tuple[re.Pattern, ...]:
        return self._part(2)

    @property
    def match(self) -> tuple[tuple[re.Pattern, re.Pattern | None], ...]:
        return self._part(3)

    @property
    def unless_match(self) -> tuple[tuple[re.Pattern, re.Pattern | None], ...]:
        return self._part(4)

    @property
    def calls(self) -> re.Pattern | None:
        return self._part(5)

    @property
    def decorators(self) -> re.Pattern | None:
        return self._part(6)

    @property
    def bases(self) -> re.Pattern | None:
        return self._part(7)


_UNCOMPILED = object()
_PARTS: tuple[Callable[[Detector], Any], ...] = (
    lambda spec: tuple(map(re.compile, spec.patterns)),
    lambda spec: tuple(map(re.compile, spec.require)),
    lambda spec: tuple(map(re.compile, spec.unless)),
    lambda spec: _conditions(spec.match),
    lambda spec: _conditions(spec.unless_match),
    lambda spec: _names(spec.calls),
    lambda spec: _names(spec.decorators),
    lambda spec: _names(spec.bases),
)


class Group(NamedTuple):
    """Detectors sharing one file selection."""

    suffixes: tuple[str, ...]  # a path must end with one of these to be worth the regex
    select: re.Pattern
    exclude: re.Pattern | None
    auxiliary: bool  # tests/docs/examples included
    detectors: tuple[Compiled, ...]
    by_suffix: bool  # every glob is '**/*<suffix>': ending with a suffix is the whole test, no regex needed
    not_python: tuple[Compiled, ...]  # the detectors that remain when a file imports no module any detector names


class Catalog(NamedTuple):
    detectors: tuple[Compiled, ...]
    groups: tuple[Group, ...]
    python_calls: re.Pattern  # only calls whose last name matches are resolved
    by_extension: dict[str, tuple[Group, ...]]  # the groups a path with this extension can belong to
    any_extension: tuple[Group, ...]  # groups with a suffix that has no dot ('Dockerfile', ''): any path may belong
    module_heads: frozenset[str]  # a Python file is parsed only if an import line names one (:func:`readiness.scan.match.imports_module`)

    def by_field(self) -> dict[str, list[str]]:
        fields: dict[str, list[str]] = {}
        for d in self.detectors:
            if d.spec.answers:
                fields.setdefault(d.spec.field, []).append(d.spec.id)
        return fields

    def select(self, path: str) -> list[Group]:
        chosen = []
        auxiliary = None
        name = path.rpartition("/")[2]
        dot = name.rfind(".")
        for group in self.by_extension.get(name[dot + 1 :], self.any_extension) if dot >= 0 else self.any_extension:
            if not path.endswith(group.suffixes) or not (group.by_suffix or group.select.match(path)):
                continue
            if group.exclude is not None and group.exclude.match(path):
                continue
            if not group.auxiliary:
                if auxiliary is None:
                    auxiliary = bool(_AUXILIARY.search(path))
                if auxiliary:
                    continue
            chosen.append(group)
        return chosen


def _glob(patterns: list[str]) -> re.Pattern:
    parts = []
    for pattern in patterns:
        if pattern.startswith("**/"):
            rest = fnmatch.translate(pattern[3:]).removeprefix("(?s:").removesuffix(")\\Z")
            parts.append(f"(?:.*/)?{rest}")
        else:
            parts.append(fnmatch.translate(pattern).removeprefix("(?s:").removesuffix(")\\Z"))
    return re.compile("(?s:" + "|".join(parts) + r")\Z")


def _suffix(pattern: str) -> str:
    tail = pattern.rsplit("/", 1)[-1]
    literal = re.split(r"[*?\[]", tail)[-1]
    return literal


def _names(patterns: list[str]) -> re.Pattern | None:
    return _glob(patterns) if patterns else None


def _conditions(conditions) -> tuple:
    return tuple((_glob(c.key.split("|")), re.compile(c.value) if c.value is not None else None) for c in conditions)


def _literal_prefix(pattern: str) -> str | None:
    """The text every match of a regex starts with (at least 3 characters), or None."""
    # the standard library's own regex parser; typeshed does not describe these private modules
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    chars = []
    for op, value in parsed:
        if op is c.LITERAL:
            chars.append(chr(value))
        elif op is c.AT and not chars:
            continue
        else:
            break
    return "".join(chars) if len(chars) >= 3 else None


def _glob_literal(name: str) -> str | None:
    """The longest plain run of the last segment of a name glob that has one ('log_metric*' -> 'log_metric', 'x.agent.*' -> 'agent')."""
    for segment in reversed(name.split(".")):
        runs = _runs(segment)
        if runs:
            return max(runs, key=len)
    return None


def _runs(glob: str) -> list[str]:
    """The plain runs (3 characters or more) that every name or key path matching ``glob`` spells out.

    Dots, slashes, brackets and parentheses separate them: a resolved Python name joins the identifiers it was
    written with by dots and adds ``()`` after calls, and a key path joins keys by slashes, so each run lies within
    one identifier or key, which the file's text holds. A character class is never a run.
    """
    plain = re.sub(r"\[[^\]]*\]", "*", glob)
    return [run for run in re.split(r"[*?.()\[\]/]", plain) if len(run) >= 3]


def _quick(spec: Detector) -> tuple[tuple[str, ...], ...] | None:
    """Alternatives of literals: a file can hold a hit only if it contains every literal of one alternative.

    Text patterns give their literal prefix. A Python name must be written out in the file, module and
    attributes alike (``kserve.Model`` needs both 'kserve' and 'Model'), and a YAML key path needs each of its keys.
    """
    found: list[tuple[str, ...] | None]
    if spec.kind == "text":
        found = [None if (prefix := _literal_prefix(p)) is None else (prefix,) for p in spec.patterns]
    elif spec.kind == "python":
        found = [_name_literals(n, call=True) for n in spec.calls]
        found += [_name_literals(n, call=False) for n in (*spec.decorators, *spec.bases)]
    elif spec.kind == "yaml" and spec.match:
        found = [tuple(sorted({r for r in _runs(k) if _is_key_text(r)})) or None for k in spec.match[0].key.split("|")]
    else:
        return None
    if not found or any(f is None for f in found):
        return None
    return tuple(sorted(set(cast("list[tuple[str, ...]]", found))))  # none is None: checked just above


def _name_literals(name: str, *, call: bool) -> tuple[str, ...] | None:
    """The literals a Python name needs; a call whose last name is exact is written 'name(' ('__init__' must not pass for 'wandb.init')."""
    *front, last = name.split(".")
    if call and re.fullmatch(r"[\w.]*\.\w+|\w+", name):
        needed = {f"{last}("}
    else:
        tail = _glob_literal(name)
        if tail is None:
            return None
        needed = {tail}
    needed.update(r for segment in front for r in _runs(segment))
    return tuple(sorted(needed))


def _is_key_text(run: str) -> bool:
    """A run a YAML key writes as is: keys read as booleans, numbers or null are spelled otherwise in a key path."""
    from readiness.input.scalars import STR, resolve

    return run not in ("None", "True", "False") and resolve(run) == STR


def compile_detector(spec: Detector) -> Compiled:
    """The detector with every pattern compiled now (a bad one raises :class:`InputError`)."""
    compiled = Compiled(spec)
    compiled.compile_all()
    return compiled


def _heads(spec: Detector) -> frozenset[str] | None:
    if spec.kind != "python":
        return None
    if spec.requires_import:
        return frozenset(m.split(".")[0] for m in spec.requires_import)
    heads = {n.split(".")[0] for n in (*spec.calls, *spec.decorators, *spec.bases)}
    return None if any(not h or any(ch in h for ch in "*?[(") for h in heads) else frozenset(heads)


def build(specs: list[Detector]) -> Catalog:
    compiled = [Compiled(s) for s in specs]
    grouped: dict[tuple, list[Compiled]] = {}
    for detector in compiled:
        spec = detector.spec
        files = tuple(spec.files or DEFAULT_FILES.get(spec.kind, []))
        grouped.setdefault((files, tuple(spec.exclude), spec.include_tests), []).append(detector)
    groups = []
    for (files, exclude, auxiliary), members in sorted(grouped.items()):
        suffixes = tuple(sorted({_suffix(f) for f in files}))
        by_suffix = all(f.startswith("**/*") and not any(ch in f[4:] for ch in "*?[]/") for f in files)
        groups.append(
            Group(
                suffixes,
                _glob(list(files)),
                _glob(list(exclude)) if exclude else None,
                auxiliary,
                tuple(members),
                by_suffix,
                tuple(d for d in members if d.spec.kind != "python"),
            )
        )
    modules = set()
    for detector in compiled:
        spec = detector.spec
        if spec.kind == "python":
            for name in (*spec.calls, *spec.decorators, *spec.bases, *spec.requires_import):
                head = name.split(".")[0]
                if head and not any(ch in head for ch in "*?[("):
                    modules.add(head)
    tails = sorted({c.split(".")[-1] or "*" for d in compiled if d.spec.kind == "python" for c in d.spec.calls})
    calls_re = _glob(tails) if "*" not in tails else re.compile(".*")
    return Catalog(
        tuple(compiled),
        tuple(groups),
        calls_re,
        *_extension_index(groups),
        frozenset(modules),
    )


def _extension_index(groups: list[Group]) -> tuple[dict[str, tuple[Group, ...]], tuple[Group, ...]]:
    """Which groups a path can belong to, by the text after the last dot of its name.

    A path ending with a suffix that holds a dot ('.yaml', 'dvc.lock') has
    the suffix's last part as its extension, so only those groups and the
    ones whose suffix has no dot need the full test; the order stays the
    catalog's.
    """
    extensions = {s.rpartition(".")[2] for g in groups for s in g.suffixes if "." in s}
    anywhere = tuple(g for g in groups if any("." not in s for s in g.suffixes))
    index = {
        e: tuple(g for g in groups if g in anywhere or any("." in s and s.rpartition(".")[2] == e for s in g.suffixes))
        for e in sorted(extensions)
    }
    return index, anywhere


@functools.cache
def default_catalog() -> Catalog:
    """The bundled detectors, through the compiled cache (the wheel ships the entry); a broken bundled file is a bug,
    reported like any bad input.

    Reading and validating the six detector files cost each scan about as much as scanning a thousand files
    (docs/scan.md), so the built catalog is cached like a compiled rubric, keyed by the files' text and the code.
    """
    from readiness.common import cache

    texts = {path: read_text(path, what="detector file") for path in sorted(FOLDER.glob("*.yaml"))}
    key = cache.digest(*(f"{path.name}\0{text}" for path, text in texts.items()))
    cached = cache.get("detectors", key)
    if isinstance(cached, Catalog):
        return cached
    catalog = build(_specs(texts))
    cache.put("detectors", key, catalog)
    return catalog


def _specs(texts: dict[Path, str]) -> list[Detector]:
    """The detectors of the files, as records (the cached catalog then needs no model to be read)."""
    from readiness.common.records import from_model
    from readiness.input.validation import validate
    from readiness.scan.detectorfile import DetectorFile

    specs: list[Detector] = []
    seen: dict[str, str] = {}
    for path, text in texts.items():
        parsed = validate(DetectorFile, parse(text, display_name(path)))
        for spec in parsed.detectors:  # patterns are compiled on first use (see Compiled)
            if spec.id in seen:
                raise InputError(Diagnostic(str(path), f"duplicate detector id '{spec.id}' (also in {seen[spec.id]})"))
            seen[spec.id] = path.name
            specs.append(from_model(spec))
    return specs
