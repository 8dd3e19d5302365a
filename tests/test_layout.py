"""The package layout shows the pipeline: no import cycles, nothing imports from a layer above it, modules stay small."""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "readiness"
# Lowest first: a module may import from its own layer and the layers before it, never after.
LAYERS = ["common", "input", "manifest", "rubric", "scoring", "scan", "crosswalk", "reports", "trends", "portfolio", "api", "cli"]
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every readiness module a file imports, at any depth of the file (function-level imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("readiness"):
            assert node.level == 0, f"{path}: relative import"
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(
                    candidate
                    if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                    or (PACKAGE.parent / candidate.replace(".", "/")).is_dir()
                    else node.module
                )
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("readiness"))
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) - {module_name(p)} for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_no_module_imports_from_a_layer_above_it():
    upward = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        for target in targets
        if layer_of(module) is not None and layer_of(target) is not None and layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_import_cycles():
    edges = graph()
    cycles = []

    def visit(node, stack, seen):
        for target in sorted(edges.get(node, ())):
            if target in stack:
                cycles.append(" -> ".join(stack[stack.index(target) :] + [target]))
            elif target not in seen:
                seen.add(target)
                visit(target, stack + [target], seen)

    for start in sorted(edges):
        visit(start, [start], {start})
    assert cycles == []


def test_every_package_is_a_known_layer():
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages <= set(LAYERS)


def test_modules_stay_small():
    large = {module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert large == {}
