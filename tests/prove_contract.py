"""Proves issue 11's contract on a scratch copy: add a criterion to rubrics/default.yaml, run
`python -m pytest --update-golden`, then `python -m pytest`: the suite passes with no hand edits, and only
generated files changed.

Not a test (about three minutes: the whole suite, twice). Run it before merging a change to the tests:
    python tests/prove_contract.py [minor|blocker]
The copy imports its own src/ (PYTHONPATH), so the installed `readiness` command runs the copy's code.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATED = re.compile(r"^(tests/golden/.*|tests/corpus/.*\.err|docs/.*\.md|README\.md|rubrics/default\.yaml)$")

CRITERIA = {
    # On a field the examples answer differently; a late, minor criterion.
    "minor": ("monitor.drift_alerting", "monitoring.drift_detection", "at_least: automated_with_alerts", "minor", "enterprise_scale"),
    # A prototype blocker the production-hardening example fails: its phase, blockers and roadmap all change.
    "blocker": ("security.no_broad_privilege", "security.privilege", "at_least: least_privilege", "blocker", "prototype"),
}


def add_criterion(rubric: Path, variant: str) -> None:
    id, field, operator, severity, phase = CRITERIA[variant]
    text = rubric.read_text(encoding="utf-8")
    anchor = "  - id: monitor.service_metrics\n"
    dimension = "monitoring" if id.startswith("monitor.") else "security"
    block = (
        f"  - id: {id}\n    dimension: {dimension}\n    title: Added to prove the test contract\n"
        f'    rationale: Seed 001 says so.\n    sources: ["001"]\n    check:\n      field: {field}\n      {operator}\n'
        f"    weight: 2\n    severity: {severity}\n    phase: {phase}\n    effort: S\n    remediation: Do it.\n\n"
    )
    assert anchor in text
    rubric.write_text(text.replace(anchor, block + anchor, 1), encoding="utf-8")


def run(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(copy / "src"))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=copy, env=env, capture_output=True, text=True
    )


def prove(variant: str) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "readiness"
        files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
        for name in filter(None, files):
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
        subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
        subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
        subprocess.run(["git", "-c", "user.name=p", "-c", "user.email=p@p", "commit", "-qm", "base"], cwd=copy, check=True)
        add_criterion(copy / "rubrics" / "default.yaml", variant)
        update = run(copy, "--update-golden")
        check = run(copy)
        changed = subprocess.run(["git", "status", "--porcelain"], cwd=copy, capture_output=True, text=True, check=True).stdout.splitlines()
        changed = sorted(line[3:] for line in changed)
        stray = [name for name in changed if not GENERATED.match(name)]
        print(f"{variant}: --update-golden run: {update.stdout.strip().splitlines()[-1]}")
        print("".join(f"  {line}\n" for line in update.stdout.splitlines() if line.startswith("FAILED")), end="")
        print(f"{variant}: check run: {check.stdout.strip().splitlines()[-1]}")
        print(f"{variant}: {len(changed)} files changed, all generated: {not stray}", flush=True)
        if check.returncode or stray:
            print(check.stdout[-6000:], "\n".join(stray), flush=True)
            return False
        return True


if __name__ == "__main__":
    variants = sys.argv[1:] or list(CRITERIA)
    results = [prove(v) for v in variants]  # every variant runs and reports, even after one fails
    sys.exit(0 if all(results) else 1)
