"""The framework gate (`--min-framework-coverage nist-ai-rmf=60`) and the choice of packs a run loads.

A gate reads a section's ``evidenced_percent``: of the in-scope
requirements the rubric addresses, the share met or supported. ``met``
alone cannot be the gate's figure: only a ``satisfies`` link makes a
requirement met, and most links of the bundled packs are ``contributes``,
so even a mature project would fail any useful minimum. Not-covered
requirements are outside the figure, so every failure also says how much
of the framework the rubric addresses; a rubric that addresses none of the
in-scope requirements fails any minimum above 0, since it evidences nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from readiness.common.errors import UsageError
from readiness.crosswalk.load import Pack, available_packs, load_pack
from readiness.rubric.model import Rubric

ALL = "all"


class FrameworkGate(NamedTuple):
    framework: str  # a pack id
    minimum: float  # percent of the addressed in-scope requirements that are met or supported


def parse_min_coverage(value: str) -> FrameworkGate:
    """Parse ``PACK=PERCENT`` (``60`` or ``60%``, from 0 to 100)."""
    name, sep, number = value.partition("=")
    name, number = name.strip(), number.strip().removesuffix("%").strip()
    if not sep or not name:
        head, colon, tail = value.strip().rpartition(":" if ":" in value else " ")
        hint = (
            f"did you mean '{head.strip()}={tail.strip()}'?"
            if colon and head.strip() and tail.strip()
            else "e.g. --min-framework-coverage nist-ai-rmf=60"
        )
        raise UsageError(f"--min-framework-coverage expects FRAMEWORK=PERCENT, got '{value}'", hint)
    try:
        minimum = float(number)
    except ValueError:
        raise UsageError(
            f"--min-framework-coverage: '{number}' is not a number", "give a percentage from 0 to 100, e.g. nist-ai-rmf=60"
        ) from None
    if not 0 <= minimum <= 100:
        raise UsageError(f"--min-framework-coverage: {minimum:g} is not between 0 and 100", "give a percentage from 0 to 100")
    return FrameworkGate(name, minimum)


def select_packs(frameworks: Iterable[str], gates: Iterable[FrameworkGate], rubric: Rubric) -> tuple[Pack, ...]:
    """The packs a run reports: each `--framework` (a bundled name, `all`, or a pack file), plus any pack a gate names.

    Packs are returned sorted by id, one per id; two different files with one id are a usage error.
    """
    requested = list(frameworks)
    names: list[str] = []
    for item in requested:
        for name in available_packs() if item == ALL else [item]:
            if name not in names:
                names.append(name)
    packs: dict[str, Pack] = {}
    for name in names:
        _add(packs, load_pack(name, rubric))
    for gate in gates:
        if gate.framework not in packs:
            _add(packs, load_pack(gate.framework, rubric))
    return tuple(packs[i] for i in sorted(packs))


def gates_by_id(gates: Iterable[FrameworkGate], packs: Iterable[Pack]) -> tuple[FrameworkGate, ...]:
    """The gates with a pack given by its file (``./mrp.yaml=60``) renamed to the pack's id, which sections carry; sorted."""
    from pathlib import Path

    by_file = {}
    for pack in packs:
        try:
            by_file[Path(pack.file).resolve()] = pack.id
        except OSError:
            continue
    renamed = {}
    for gate in gates:
        try:
            framework = by_file.get(Path(gate.framework).resolve(), gate.framework)
        except OSError:
            framework = gate.framework
        renamed[framework] = FrameworkGate(framework, gate.minimum)
    return tuple(renamed[name] for name in sorted(renamed))


def _add(packs: dict[str, Pack], pack: Pack) -> None:
    other = packs.get(pack.id)
    if other is not None and other.file != pack.file:
        raise UsageError(f"two framework packs have the id '{pack.id}': {other.file} and {pack.file}", "give each pack a unique id")
    packs[pack.id] = pack


def check_coverage(gates: Iterable[FrameworkGate], sections: Iterable[dict]) -> tuple[str, ...]:
    """Every failed framework gate, with by how much and the ceiling this rubric allows, like :func:`readiness.gate.check`."""
    by_id = {s["id"]: s for s in sections}
    failures = []
    for gate in sorted(gates, key=lambda g: g.framework):
        section = by_id.get(gate.framework)
        if section is None:
            raise UsageError(
                f"--min-framework-coverage names '{gate.framework}', which this run does not report",
                f"reported frameworks: {', '.join(sorted(by_id)) or 'none'}",
            )
        figures = section["figures"]
        if figures["in_scope"] == 0:
            continue  # no requirement applies to this project, so none can be missed
        evidenced = figures["evidenced_percent"]
        scope = f"the rubric addresses {figures['addressed']} of {figures['in_scope']} in-scope requirements"
        if evidenced is None:
            if gate.minimum > 0:
                failures.append(f"framework {gate.framework}: {scope}, so it evidences none, below the minimum {gate.minimum:g}%")
        elif evidenced < gate.minimum:
            failures.append(
                f"framework {gate.framework}: {evidenced:g}% of the addressed requirements met or supported "
                f"({figures['evidenced']} of {figures['addressed']}; {figures['met']} met), below the minimum {gate.minimum:g}% "
                f"(short by {round(gate.minimum - evidenced, 1):g}); {scope}"
            )
    return tuple(failures)
