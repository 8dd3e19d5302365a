"""What a Python file (or a notebook's code cells) imports and calls, read with ``ast.parse`` and never run.

Detectors match resolved dotted names: ``from openai import OpenAI`` then
``client = OpenAI()`` and ``client.chat.completions.create(...)`` resolves to
``openai.OpenAI().chat.completions.create``. Resolution is deliberately simple
(one flow-insensitive table of assignments per file): it is enough to tell a
library that is called from one that is only installed, and a class merely
named ``LLM`` from ``vllm.LLM``.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import warnings
from typing import Any, Literal, NamedTuple, TypeAlias, cast

MAX_NOTEBOOK_CELLS = 5000
_EXITS = {"sys.exit", "exit", "quit", "os._exit"}


class Call(NamedTuple):
    name: str
    line: int
    keywords: dict[str, Any]
    arg0: Any
    swallowed: bool
    args: tuple[str, ...] = ()  # the first two positional arguments as written (names and attribute chains)


class Facts(NamedTuple):
    modules: frozenset[str]
    calls: list[Call]
    decorators: list[tuple[str, int]]
    bases: list[tuple[str, int]]


_UNKNOWN = object()


def _literal(node: ast.AST) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    return _UNKNOWN


class _Resolver:
    def __init__(self):
        self.aliases: dict[str, str] = {}
        self.modules: set[str] = set()
        self.assigned: dict[str, ast.expr] = {}

    def collect_one(self, node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._module(alias.name)
                if alias.asname:
                    self.aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    self.aliases[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            self._module(node.module)
            for alias in node.names:
                if alias.name != "*":
                    self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                    self._module(f"{node.module}.{alias.name}")
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                key = _chain(target)
                if key and "?" not in key and key not in self.aliases:
                    self.assigned[key] = node.value  # resolved lazily, once aliases are all known
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            key = _chain(node.optional_vars)
            if key and "?" not in key:
                self.assigned[key] = node.context_expr

    def _module(self, name: str) -> None:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            self.modules.add(".".join(parts[:i]))

    def name(self, node: ast.AST, depth: int = 0) -> str:
        if depth > 8:
            return "?"
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            value = self.assigned.get(node.id)
            if value is not None and not isinstance(value, str):
                resolved = self.name(value, depth + 1)
                return resolved if resolved != "?" else node.id
            return node.id
        if isinstance(node, ast.Attribute):
            key = _chain(node)
            if key in self.assigned:
                resolved = self.name(self.assigned[key], depth + 1)
                if resolved != "?":
                    return resolved
            return f"{self.name(node.value, depth)}.{node.attr}"
        if isinstance(node, ast.Call):
            return f"{self.name(node.func, depth)}()"
        if isinstance(node, ast.Subscript):
            return f"{self.name(node.value, depth)}[]"
        if isinstance(node, ast.Await):
            return self.name(node.value, depth)
        return "?"


def _chain(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _chain(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _arg_text(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        inner = _chain(node.func)
        return f"{inner}()" if inner else ""
    return _chain(node) or ""


def _swallows(handler: ast.ExceptHandler, resolver: _Resolver) -> bool:
    for node in ast.walk(handler):
        if isinstance(node, ast.Raise):
            return False
        if isinstance(node, ast.Call) and resolver.name(node.func) in _EXITS:
            return False
    return True


_SKIP_FIELDS = frozenset({"ctx"})
# False, or the innermost enclosing try statement paired with the marker outside it.
_Marker: TypeAlias = "Literal[False] | tuple[ast.Try, _Marker]"
# Nodes without child nodes (a name's ctx is skipped) that no rule reads: not pushed at all, the most common ones.
_LEAVES = frozenset({ast.Name, ast.Constant, ast.alias, ast.Load, ast.Store, ast.Del})
_FIELDS: dict[type, tuple[str, ...]] = {}  # per node type, the fields that may hold child nodes


def _scan(tree: ast.AST, resolver: _Resolver, pending: list, definitions: list) -> None:
    """One pass: imports and assignments into the resolver, calls and definitions kept for resolution afterwards."""
    stack: list[tuple[ast.AST, _Marker]] = [(tree, False)]
    pop, push = stack.pop, stack.append
    Call_, Try_ = ast.Call, ast.Try
    while stack:
        node, swallowed = pop()
        kind = type(node)
        if kind is Call_:
            pending.append((node, swallowed))
        elif kind is Try_ or kind is getattr(ast, "TryStar", None):
            node = cast(ast.Try, node)  # or ast.TryStar, which has the same fields
            inner = (node, swallowed)
            for child in node.body:
                push((child, inner))
            for part in (*node.handlers, *node.orelse, *node.finalbody):
                push((part, swallowed))
            continue
        elif kind is ast.Import or kind is ast.ImportFrom or kind is ast.Assign or kind is ast.AnnAssign or kind is ast.withitem:
            resolver.collect_one(node)
        elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.ClassDef:
            definitions.append(node)
        fields = _FIELDS.get(kind)
        if fields is None:
            fields = _FIELDS[kind] = tuple(f for f in node._fields if f not in _SKIP_FIELDS)
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, ast.AST) and type(item) not in _LEAVES:
                        push((item, swallowed))
            elif isinstance(value, ast.AST) and type(value) not in _LEAVES:
                push((value, swallowed))


def _is_swallowed(marker: _Marker, resolver: _Resolver, cache: dict) -> bool:
    """``marker`` is False, or a (Try node, outer marker) pair: inside a try whose handlers swallow errors."""
    while marker:
        node, outer = marker
        verdict = cache.get(id(node))
        if verdict is None:
            verdict = cache[id(node)] = any(_swallows(h, resolver) for h in node.handlers)
        if verdict:
            return True
        marker = outer
    return False


def facts_of(trees: list[ast.AST], wanted: re.Pattern | None = None) -> Facts:
    """Facts of the trees; with ``wanted``, only calls whose last name matches it are resolved (the rest cannot match)."""
    resolver = _Resolver()
    pending: list = []
    definitions: list = []
    for tree in trees:
        _scan(tree, resolver, pending, definitions)
    facts = Facts(frozenset(resolver.modules), [], [], [])
    cache: dict = {}
    for node, swallowed in pending:
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if wanted is not None and not wanted.match(last):
            continue
        keywords = {k.arg: _literal(k.value) for k in node.keywords if k.arg}
        arg0 = _literal(node.args[0]) if node.args else _UNKNOWN
        args = tuple(_arg_text(a) for a in node.args[:2])
        facts.calls.append(Call(resolver.name(func), node.lineno, keywords, arg0, _is_swallowed(swallowed, resolver, cache), args))
    for node in definitions:
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            facts.decorators.append((resolver.name(target), decorator.lineno))
        if isinstance(node, ast.ClassDef):
            facts.bases.extend((resolver.name(base), node.lineno) for base in node.bases)
    return facts


def parse_python(text: str, name: str) -> ast.AST | None:
    """The syntax tree, or None for a file that is not valid Python (of this interpreter's grammar)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, name)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


class Notebook(NamedTuple):
    source: str  # code cells joined, magics blanked, so lines keep their numbers
    starts: list[int]  # first line (1-based) of each code cell in ``source``


def notebook_source(text: str) -> Notebook | None:
    """The code cells of a Jupyter notebook: only cell sources are read, never outputs or metadata."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return None
    lines: list[str] = []
    starts: list[int] = []
    for cell in cells[:MAX_NOTEBOOK_CELLS]:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            continue
        starts.append(len(lines) + 1)
        for line in source.split("\n"):
            stripped = line.lstrip()
            lines.append("" if stripped.startswith(("%", "!", "?")) else line)
    return Notebook("\n".join(lines), starts)


def cell_of(notebook: Notebook, line: int) -> tuple[int, int]:
    """(cell number, line within the cell), both 1-based, for a line of the joined source."""
    import bisect

    index = bisect.bisect_right(notebook.starts, line) - 1
    return index + 1, line - notebook.starts[index] + 1


def notebook_trees(notebook: Notebook, name: str) -> list[ast.AST]:
    """One tree for the whole notebook, or one per cell that parses when some cell does not."""
    whole = parse_python(notebook.source, name)
    if whole is not None:
        return [whole]
    lines = notebook.source.split("\n")
    trees = []
    bounds = notebook.starts + [len(lines) + 1]
    for start, end in itertools.pairwise(bounds):
        padded = "\n" * (start - 1) + "\n".join(lines[start - 1 : end - 1])
        tree = parse_python(padded, name)
        if tree is not None:
            trees.append(tree)
    return trees
