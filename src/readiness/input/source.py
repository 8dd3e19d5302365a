"""Reading YAML files that anyone may have edited, safely and with positions.

PyYAML's loaders are not enough for files edited by a whole organization:
they silently keep the last of two duplicate keys, expand aliases without
limit, build arbitrary objects from tags in the unsafe loaders, and forget
where each value came from. This module builds plain data (dicts, lists,
scalars) from libyaml's event stream in one pass, and on the way

* rejects duplicate keys at any depth, naming both lines;
* rejects tags other than YAML's core scalar and collection tags;
* bounds nesting depth and the number of nodes aliases may add;
* records the line and column of every key and value, so later validation
  errors (pydantic, rubric checks) point at the YAML node they came from.

The limits are documented in ``docs/manifest.md``.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn, cast

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from readiness.common.errors import Diagnostic, InputError
from readiness.input import scalars
from readiness.input.files import display_name, read_text
from readiness.input.yamlerrors import deep_bracket, yaml_diagnostic

MAX_DEPTH = 64
MAX_ALIAS_NODES = 10_000

_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# Plain scalars already read (text -> resolved tag and value): manifests repeat 'true', 'automated' and the like.
# Values are immutable (str, int, float, bool, None, date), so sharing them is safe.
_PLAIN: dict[str, tuple[str, Any]] = {}
# Escapes in double-quoted strings are the only way control characters get past libyaml's reader.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

Path_ = tuple[str | int, ...]


class Mark(NamedTuple):
    line: int
    column: int


@dataclass(slots=True)
class Document:
    """Plain data from one YAML file, with the position of every node.

    A document parsed without its marks (``parse(..., marks=False)``) keeps its text instead, and reads the
    marks from it the first time they are asked for: only a file with a problem to point at pays for them.
    """

    name: str
    data: Any
    _value_marks: dict[Path_, Mark | tuple[int, int]] | None = None
    _key_marks: dict[Path_, Mark | tuple[int, int]] | None = None
    text: str | None = field(default=None, repr=False)

    @property
    def value_marks(self) -> dict[Path_, Mark | tuple[int, int]]:
        if self._value_marks is None:
            self._read_marks()
        return cast("dict[Path_, Mark | tuple[int, int]]", self._value_marks)

    @property
    def key_marks(self) -> dict[Path_, Mark | tuple[int, int]]:
        if self._key_marks is None:
            self._read_marks()
        return cast("dict[Path_, Mark | tuple[int, int]]", self._key_marks)

    def _read_marks(self) -> None:
        marked = parse(self.text, self.name) if self.text is not None else None  # the text parsed once: it parses again
        self._value_marks = marked.value_marks if marked is not None else {}
        self._key_marks = marked.key_marks if marked is not None else {}
        self.text = None

    def locate(self, path: Path_, *, key: bool = False) -> Mark | None:
        """Position of ``path``, or of its closest ancestor that exists in the file."""
        path = tuple(path)
        if key and path in self.key_marks:
            return _as_mark(self.key_marks[path])
        while True:
            if path in self.value_marks:
                return _as_mark(self.value_marks[path])
            if path in self.key_marks:
                return _as_mark(self.key_marks[path])
            if not path:
                return None
            path = path[:-1]

    def diagnostic(self, path: Path_, message: str, hint: str | None = None, *, key: bool = False) -> Diagnostic:
        mark = self.locate(path, key=key)
        if mark is None:
            return Diagnostic(self.name, message, hint=hint)
        return Diagnostic(self.name, message, mark.line, mark.column, hint)


def _as_mark(stored) -> Mark:
    """Marks are stored as (line, column) tuples while parsing, the cheapest thing to build per node."""
    return Mark(*stored)


def load(path: str | Path, *, what: str = "file", marks: bool = True) -> Document:
    return parse(read_text(path, what=what), display_name(path), marks=marks)


def parse(text: str, name: str, *, marks: bool = True) -> Document:
    """Build a :class:`Document` from YAML text; every problem raises :class:`InputError`.

    ``marks=False`` leaves the positions of nodes to be read when first asked for (see :class:`Document`): what
    a portfolio does, since most manifests never need them. The checks and their errors are the same.
    """
    builder = _Builder(name, marks)
    parser = _Loader(text)
    try:
        builder.consume(parser.get_event)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):
            raise InputError(_too_deep(name, text, exc)) from None
        raise InputError(yaml_diagnostic(name, text, exc)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise InputError(
            Diagnostic(name, f"character U+{exc.character:04X} is not allowed in YAML", line, column, hint="remove the control character")
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(Diagnostic(name, f"invalid YAML: {exc}")) from None
    finally:
        parser.dispose()
    if not marks:
        return Document(name, builder.result, text=text)
    return Document(name, builder.result, builder.value_marks, builder.key_marks)


_DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels"
_DEPTH_HINT = "a manifest or rubric is only a few levels deep"


def _too_deep(name: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """The project's depth limit, where libyaml's own fired first (PyYAML 6.0.4 and later scan far ahead of the parser).

    The text up to the first bracket past the limit (found by a scan that skips quoted text and comments) is read
    again: it holds no more brackets than the limit, so libyaml does not stop early and the builder reports the
    exact node where the project's limit is crossed.
    """
    end = deep_bracket(text, MAX_DEPTH)
    if end is not None:
        try:
            parse(text[: end + 1], name)
        except InputError as inner:
            if inner.diagnostics[0].message == _DEPTH_MESSAGE:
                return inner.diagnostics[0]
    mark = exc.problem_mark
    return Diagnostic(name, _DEPTH_MESSAGE, mark.line + 1 if mark else None, mark.column + 1 if mark else None, _DEPTH_HINT)


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_lines", "path", "size")

    def __init__(self, container, path, anchor):
        self.container = container
        self.path = path
        self.key = _NO_KEY
        self.key_lines: dict[str, int] = {}
        self.size = 1
        self.anchor = anchor


_NO_KEY = object()


class _Builder:
    """Turns libyaml events into plain data plus marks, enforcing the limits."""

    def __init__(self, name: str, marks: bool = True):
        self.name = name
        self.marks = marks
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_nodes = 0
        self.documents = 0
        self.result: Any = None
        self.value_marks: dict[Path_, Mark | tuple[int, int]] = {}
        self.key_marks: dict[Path_, Mark | tuple[int, int]] = {}

    def fail(self, event, message: str, hint: str | None = None) -> NoReturn:
        mark = event.start_mark
        raise InputError(Diagnostic(self.name, message, mark.line + 1, mark.column + 1, hint))

    def consume(self, get_event) -> None:
        """Every event up to the end of the stream; scalars (most events, most of reading a manifest, and a portfolio
        reads thousands) are handled here with the state in locals, :meth:`feed` takes the other events."""
        stack = self.stack
        value_marks = self.value_marks
        key_marks = self.key_marks
        marks = self.marks
        plain_scalars = _PLAIN
        while True:
            event = get_event()
            cls = type(event)
            if cls is not ScalarEvent:
                if cls is MappingEndEvent or cls is SequenceEndEvent:
                    frame = stack.pop()
                    if frame.key is not _NO_KEY:
                        self.fail(event, "mapping key without a value")
                    if frame.anchor is not None:
                        self.anchors[frame.anchor] = (frame.container, frame.size)
                    self.attach(frame.container, frame.size, event, None)
                elif cls is StreamEndEvent or event is None:
                    return
                else:
                    self.feed(event)
                continue
            tag = event.tag
            value = event.value
            if event.style == '"' and (control := _CONTROL.search(value)):
                self.control_character(event, control.group())
            untagged = tag is None or tag == "!"
            if not untagged and tag not in _SCALAR_TAGS:
                self.fail(event, f"YAML tag {tag_name(tag)} is not allowed", "remove the tag: only plain YAML data is accepted")
            top = stack[-1] if stack else None
            if top is not None and top.key is _NO_KEY and type(top.container) is dict:  # a key: text, its tag never resolved
                if value in top.key_lines or value.strip() in ("", "~") or (value == "<<" and event.implicit[0]):
                    self.bad_key(event, top, value)
                mark = event.start_mark
                line = mark.line + 1
                top.key_lines[value] = line
                top.key = value
                if marks:
                    key_marks[top.path + (value,)] = (line, mark.column + 1)
                continue
            plain = untagged and event.implicit[0]
            known = plain_scalars.get(value) if plain else None
            if known is not None:
                tag, data = known
            elif untagged:
                tag = resolve(value) if plain else _STR
            if known is None:
                try:
                    data = value if tag == _STR else scalars.build(tag, value)
                except (ValueError, TypeError, OverflowError, KeyError, yaml.constructor.ConstructorError):
                    self.unreadable(event, value, tag, plain)
                if plain and len(value) <= 64 and len(plain_scalars) < 8192:
                    plain_scalars[value] = (tag, data)
            if event.anchor is not None:
                self.anchors[event.anchor] = (data, 1)
            if top is None:
                if marks:
                    mark = event.start_mark
                    value_marks[()] = (mark.line + 1, mark.column + 1)
                self.result = data
                continue
            top.size += 1
            container = top.container
            if type(container) is list:
                if marks:
                    mark = event.start_mark
                    value_marks[top.path + (len(container),)] = (mark.line + 1, mark.column + 1)
                container.append(data)
            else:
                if marks:
                    mark = event.start_mark
                    value_marks[top.path + (top.key,)] = (mark.line + 1, mark.column + 1)
                container[top.key] = data
                top.key = _NO_KEY

    def feed(self, event) -> None:
        """One event other than a scalar or the end of a collection."""
        cls = type(event)
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            self.start(event, cls is MappingStartEvent)
        elif cls is AliasEvent:
            self.alias(event)
        elif cls is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "more than one YAML document in the file", "remove the '---' separator and the second document")

    def child_path(self) -> Path_ | None:
        """Path of the node about to be attached; None when it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return top.path + (len(top.container),)
        if top.key is _NO_KEY:
            return None
        return top.path + (top.key,)

    def key_expected(self) -> Path_ | None:
        """Without marks, what :meth:`child_path` tells apart without building the path: None where a key is due."""
        top = self.stack[-1] if self.stack else None
        return None if top is not None and top.key is _NO_KEY and type(top.container) is dict else ()

    def start(self, event, is_mapping: bool) -> None:
        tag = event.tag
        expected = _MAP if is_mapping else _SEQ
        if tag not in (None, "!", expected):
            self.fail(event, f"YAML tag {tag_name(tag)} is not allowed", "remove the tag: only plain YAML data is accepted")
        path = self.child_path() if self.marks else self.key_expected()
        if path is None:
            self.fail(event, "a mapping key must be a plain scalar, not a collection")
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, _DEPTH_MESSAGE, _DEPTH_HINT)
        if self.marks:
            mark = event.start_mark
            self.value_marks[path] = (mark.line + 1, mark.column + 1)
        self.stack.append(_Frame({} if is_mapping else [], path, event.anchor))

    def control_character(self, event, bad: str) -> NoReturn:
        self.fail(
            event,
            f"control character U+{ord(bad):04X} in a quoted string",
            "remove it: reports must not carry terminal escape sequences",
        )

    def unreadable(self, event, value: str, tag: str, plain: bool) -> NoReturn:
        self.fail(
            event,
            f"cannot read {value[:40]!r} as {tag_name(tag)[2:]}",
            "quote the value to make it text" if plain else "remove the tag, or write a value of that type",
        )

    def bad_key(self, event, frame: _Frame, value: str) -> NoReturn:
        if value == "<<" and event.implicit[0]:
            self.fail(event, "YAML merge keys ('<<') are not supported", "write the keys out in full")
        if value.strip() in ("", "~"):
            self.fail(event, "empty mapping key", "give the key a name")
        self.fail(
            event,
            f"duplicate key '{value}' (first defined on line {frame.key_lines[value]})",
            "remove one of the two; YAML would silently keep only the last",
        )

    def alias(self, event) -> None:
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY:
            self.fail(event, "an alias cannot be used as a mapping key")
        try:
            data, size = self.anchors[event.anchor]
        except KeyError:
            self.fail(event, f"unknown alias '*{event.anchor}'", "define the anchor '&name' before using it")
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            self.fail(
                event, f"aliases expand to more than {MAX_ALIAS_NODES} nodes", "this looks like an alias bomb; write the data out instead"
            )
        self.attach(data, size, event, self.child_path() if self.marks else None)

    def attach(self, data, size: int, event, path: Path_ | None) -> None:
        """Put ``data`` (``size`` nodes) where the next node goes, marked at ``path`` unless that is None."""
        if path is not None:
            mark = event.start_mark
            self.value_marks[path] = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.result = data
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            top.container.append(data)
        else:
            top.container[top.key] = data
            top.key = _NO_KEY


def resolve(value: str) -> str:
    """A plain scalar's tag, by the YAML 1.2 core schema (see :mod:`readiness.input.scalars`)."""
    return scalars.resolve(value)


def tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
