"""The bodies of the commands other than `assess`: each takes parsed arguments and returns an exit code.

No CLI framework is imported here; :mod:`readiness.cli.app` declares the commands and calls these.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from readiness.cli.console import (
    EXIT_GATE,
    EXIT_INPUT,
    EXIT_OK,
    fail,
    with_progress,
)
from readiness.cli.outputs import said_on_stdout, wrote
from readiness.common.errors import InputError, UsageError
from readiness.common.text import printable


def diff(old: Path, new: Path, rubric: Path | None, format: str | None, output: Path | None, fail_on_regression: bool, strict: bool) -> int:
    from readiness import api
    from readiness.reports import registry
    from readiness.reports.output import write_atomic
    from readiness.rubric.load import load_rubric
    from readiness.trends import diff as diffs

    format = registry.canonical(format) or (registry.for_suffix(registry.DIFF, str(output)) if output is not None else None) or "text"
    if registry.lookup(registry.DIFF, format) is None:
        raise UsageError(f"unknown format '{format}'", f"one of: {', '.join(registry.names(registry.DIFF))}")
    loaded = load_rubric(rubric) if rubric is not None else None
    document = diffs.compare(api.load_report(old, loaded), api.load_report(new, loaded))
    text = registry.render(registry.DIFF, format, document)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)
        wrote(output, format)
    found = diffs.regressions(document, strict=strict)
    if fail_on_regression and found:
        if not said_on_stdout([(format, text, output)], False):
            for reason in found:
                fail(f"regression: {reason}")
        return EXIT_GATE
    return EXIT_OK


def portfolio(*args: Any, **kwargs: Any) -> int:
    """:func:`readiness.cli.portfolio.portfolio`, imported only when it runs: its pool and renderers cost other commands nothing."""
    from readiness.cli.portfolio import portfolio as run

    return run(*args, **kwargs)


def frameworks(rubric: Path | None, format: str) -> int:
    """The bundled packs, and how much of each the rubric can speak to at all (before any manifest)."""
    from readiness.crosswalk import available_packs, load_pack
    from readiness.rubric.load import load_rubric

    if format not in ("text", "json"):
        raise UsageError(f"unknown format '{format}'", "one of: text, json")
    loaded = load_rubric(rubric)
    criteria = {c.spec.id for c in loaded.criteria}
    rows = []
    for name in available_packs():
        pack = load_pack(name, loaded)
        linked = {link.requirement for link in pack.links if link.criterion in criteria}
        satisfiable = {link.requirement for link in pack.links if link.criterion in criteria and link.relation == "satisfies"}
        rows.append(
            {
                "id": pack.id,
                "name": pack.name,
                "edition": pack.edition,
                "source": pack.source,
                "pack_version": pack.version,
                "requirements": len(pack.requirements),
                "addressed": len(linked),
                "with_satisfies_link": len(satisfiable),
            }
        )
    if format == "json":
        print(json.dumps({"rubric": {"id": loaded.id, "version": loaded.spec.version}, "frameworks": rows}, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        print(f"{row['id']}: {row['name']} (pack {row['pack_version']})")
        print(f"  edition:       {row['edition']}")
        print(f"  source:        {row['source']}")
        print(
            f"  requirements:  {row['requirements']}; rubric {loaded.id} addresses {row['addressed']} "
            f"({row['with_satisfies_link']} with a 'satisfies' link), before applicability"
        )
    print("\nUse one with: readiness assess MANIFEST --framework NAME (or a pack file, or all); see docs/frameworks.md.")
    return EXIT_OK


def validate(paths: list[str], rubric: Path | None, quiet: bool = False) -> int:
    """Check manifests against the model and against their rubric (its extension types and criterion ids), without scoring."""
    from readiness.cli import config as project_config
    from readiness.input.source import load
    from readiness.manifest.load import parse_manifest
    from readiness.portfolio.discover import discover
    from readiness.rubric.load import load_rubric
    from readiness.rubric.named import manifest_rubric
    from readiness.scoring.prepare import prepare

    manifests = [Path(p) for p in paths if p == "-"] + discover([p for p in paths if p != "-"])
    configured = project_config.discover().rubric
    rubrics: dict = {}

    def check_one(path: Path) -> None:
        document = load(path, what="manifest")
        manifest = parse_manifest(document)
        named = rubric or manifest_rubric(document, Path.cwd() if str(path) == "-" else path.parent) or configured
        if named not in rubrics:
            rubrics[named] = load_rubric(named)
        prepare(manifest, document, rubrics[named])

    def check_all(progress=None) -> list[tuple[bool, str]]:
        verdicts = []
        for done, path in enumerate(manifests, 1):
            try:
                check_one(path)
                verdicts.append((True, f"{printable(path)}: valid"))
            except InputError as exc:
                verdicts.extend((False, d.format()) for d in exc.diagnostics)
            if progress is not None:
                progress(done, len(manifests))
        return verdicts

    many = len(manifests) > 1 and sys.stderr.isatty()
    verdicts = with_progress(check_all, len(manifests), "validating") if many else check_all()
    for valid, line in verdicts:
        if valid:
            if not quiet:
                print(line)
        else:
            fail(line)
    return EXIT_OK if all(valid for valid, _ in verdicts) else EXIT_INPUT


def schema() -> int:
    from readiness.api import manifest_schema

    print(json.dumps(manifest_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def explain(criterion: str, rubric: Path | None) -> int:
    from readiness.common.suggest import did_you_mean
    from readiness.rubric.load import load_rubric
    from readiness.rubric.model import describe_check

    loaded = load_rubric(rubric)
    found = loaded.criterion(criterion)
    if found is None:
        ids = [c.spec.id for c in loaded.criteria]
        raise UsageError(
            f"no criterion '{criterion}' in rubric {loaded.id}", did_you_mean(criterion, ids, "list them with: readiness rubric show")
        )
    spec = found.spec
    phase = next(p for p in loaded.spec.phases if p.id == spec.phase)
    dimension = next(d for d in loaded.spec.dimensions if d.id == spec.dimension)
    phase_names = {p.id: p.name for p in loaded.spec.phases}
    lines = [
        f"{spec.id}: {spec.title}",
        f"  dimension:   {dimension.name}",
        f"  phase:       {phase.name} ({phase.months})",
        f"  severity:    {spec.severity}   effort: {spec.effort}   weight: {spec.weight:g}",
        f"  checks:      {'.'.join(found.tests[0].path)} {describe_check(found)}",
        f"  applies if:  {_describe_rule(applies_if)}"
        if (applies_if := loaded.as_data()["criteria"][found.position].get("applies_if"))
        else None,
        f"  requires:    {', '.join(spec.requires)}" if spec.requires else None,
        *(
            f"  profile:     {p.title}: {', '.join(x for x in (e.severity, e.phase and phase_names[e.phase]) if x)}"
            for p in loaded.spec.profiles
            for e in p.effects
            if e.criterion == spec.id
        ),
        *(
            f"  {'sources:' if i == 0 else '':<13}{r.describe()}{f' {r.url}' if r.url else ''}"
            for i, r in enumerate(loaded.references(spec.sources))
        ),
        "",
        "Why:",
        f"  {spec.rationale}",
        "",
        "What to do:",
        f"  {spec.remediation}",
    ]
    print("\n".join(line for line in lines if line is not None))
    return EXIT_OK


def _describe_rule(rule: dict) -> str:
    if "field" in rule:
        return f"{rule['field']} {'in ' + str(rule['in']) if 'in' in rule else 'is ' + json.dumps(rule.get('equals'))}"
    mode = "all" if "all" in rule else "any"
    return f"{mode} of (" + "; ".join(_describe_rule(r) for r in rule[mode]) + ")"


def rubric_show(rubric: Path | None, format: str) -> int:
    from readiness.rubric.load import load_rubric

    data = load_rubric(rubric).as_data()
    if format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif format == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    else:
        raise UsageError(f"unknown format '{format}'", "one of: yaml, json")
    return EXIT_OK


def rubric_validate(files: list[Path], quiet: bool = False) -> int:
    from readiness.rubric.load import load_rubric

    failed = False
    for path in files:
        try:
            loaded = load_rubric(path)
        except InputError as exc:
            failed = True
            for diagnostic in exc.diagnostics:
                fail(diagnostic.format())
            continue
        if not quiet:
            print(printable(f"{path}: valid rubric {loaded.id} {loaded.version} ({len(loaded.criteria)} criteria)"))
    return EXIT_INPUT if failed else EXIT_OK


def cache_clear() -> int:
    from readiness.common import cache

    where = cache.folder()
    files, size = cache.clear(where)
    print(f"removed {files} cache entr{'y' if files == 1 else 'ies'} ({size / 1024 / 1024:.1f} MB) from {printable(where)}")
    return EXIT_OK


def scan(path: Path, format: str | None, output: Path | None, rubric: Path | None, quiet: bool) -> int:
    """Read the repository at ``path`` (never running anything in it) and print or write what it shows."""
    from readiness.reports.output import write_all
    from readiness.rubric.load import load_rubric
    from readiness.scan import FORMATS, render, scan_repository

    if format is None:
        format = "text" if output is None and sys.stdout.isatty() else "yaml"
    if format not in FORMATS:
        raise UsageError(f"unknown format '{format}'", f"one of: {', '.join(FORMATS)}")
    result = scan_repository(path, load_rubric(rubric))
    write_all([(output, render(result, format))])
    if output is not None and not quiet:
        wrote(output, format)
    return EXIT_OK
