import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest

from readiness.input.source import parse
from readiness.rubric.load import load_rubric, parse_rubric
from readiness.rubric.model import Rubric

ROOT = Path(__file__).resolve().parents[1]

# An installed wheel ships prebuilt cache entries (readiness.common.cache.prebuilt_folder); they would serve the tests'
# cold runs, so a test of the user cache would find nothing written. Tests opt in by naming a folder themselves.
os.environ["READINESS_PREBUILT_DIR"] = str(Path(tempfile.gettempdir()) / f"readiness-tests-no-prebuilt-{os.getpid()}")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def default_rubric() -> Rubric:
    return load_rubric()


def rubric_from(text: str, name: str = "test-rubric.yaml") -> Rubric:
    return parse_rubric(parse(textwrap.dedent(text), name))


PHASES = """
phases:
  - {id: prototype, name: Prototype, start_month: 0, end_month: 6}
  - {id: production_hardening, name: Production hardening, start_month: 6, end_month: 18}
  - {id: enterprise_scale, name: Enterprise scale, start_month: 18, end_month: 36}
  - {id: optimization, name: Optimization, start_month: 36}
"""


def criterion_yaml(id, check, dimension="ops", weight=1, severity="major", phase="prototype", effort="M", requires=(), applies_if=None):
    lines = [
        f"  - id: {id}",
        f"    dimension: {dimension}",
        f"    title: Title of {id}",
        "    rationale: Seed 001 says so.",
        "    sources: ['001']",
        f"    check: {check}",
        f"    weight: {weight}",
        f"    severity: {severity}",
        f"    phase: {phase}",
        f"    effort: {effort}",
        "    remediation: Do the thing.",
    ]
    if requires:
        lines.append(f"    requires: [{', '.join(requires)}]")
    if applies_if:
        lines.append(f"    applies_if: {applies_if}")
    return "\n".join(lines)


def make_rubric(*criteria: str, dimensions=("ops",), aggregation="weighted_mean", dimension_weights=None) -> Rubric:
    dims = "\n".join(f"  - {{id: {d}, name: {d.title()}, weight: {(dimension_weights or {}).get(d, 1)}}}" for d in dimensions)
    text = (
        f"id: test\nversion: '1'\ntitle: Test\naggregation: {aggregation}\n{PHASES}\ndimensions:\n{dims}\ncriteria:\n"
        + "\n".join(criteria)
        + "\n"
    )
    return parse_rubric(parse(text, "test-rubric.yaml"))


def readiness_command() -> list[str]:
    """The installed console script; the CLI tests exercise what users run."""
    found = shutil.which("readiness")
    if found is None:
        pytest.fail("the `readiness` command is not installed; run the README's test command (pip install '.[test]')")
    return [found]


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")}
    environment.update(env or {})
    return subprocess.run(
        readiness_command() + [str(a) for a in args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=environment,
        timeout=60,
    )


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite every generated file (tests/golden/, tests/corpus/*.err, docs/manifest.md and the quoted output in the "
        "README and docs) from the current output; review the diff.",
    )


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


REGENERATE = "if intended, run `python -m pytest --update-golden` and review the diff"


def check_golden(path: Path, text: str, update: bool) -> None:
    """A whole generated file: rewritten under --update-golden, else compared byte for byte."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing {path.relative_to(ROOT)}: {REGENERATE}"
    assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)} differs; {REGENERATE}"


def check_region(path: Path, name: str, text: str, update: bool) -> None:
    """A generated region of a hand-written file, between `<!-- NAME:start ... -->` and `<!-- NAME:end -->` lines."""
    pattern = re.compile(rf"(<!-- {re.escape(name)}:start[^\n]*-->\n)(.*?)(<!-- {re.escape(name)}:end -->)", re.S)
    original = path.read_text(encoding="utf-8")
    found = pattern.findall(original)
    assert len(found) == 1, f"{path.relative_to(ROOT)} needs exactly one region {name}, found {len(found)}"
    if update:
        original = pattern.sub(lambda m: m.group(1) + text + m.group(3), original)
        path.write_text(original, encoding="utf-8", newline="\n")
    assert pattern.search(original).group(2) == text, f"{path.relative_to(ROOT)}: region {name} is stale; {REGENERATE}"


def _hypothesis_profiles():
    """CI explores a fixed set of examples (a red build must be reproducible); local runs explore new ones."""
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()
