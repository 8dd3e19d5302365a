"""Compile the entries the wheel ships in ``readiness/prebuilt``, then prove that a cold run finds every one.

A first run on a fresh machine (every CI runner) would otherwise compile the bundled rubric, build the
manifest validator and compile the report templates, which costs more than the rest of the run (issue 17).
The build hook (``hatch_build.py``) runs this with the interpreter and libraries the package is built with;
the entries are ordinary cache entries (:mod:`readiness.common.cache`), keyed by the code's content, the
Python and library versions and each input's text, so an entry that does not fit the installation is never
found, only compiled again.

    python tools/prebuild.py OUT            compile into OUT (emptied first), then check
    python tools/prebuild.py --check OUT    only check: a cold run served from OUT writes nothing
    python tools/prebuild.py --built-with   print what OUT/BUILT_WITH records for this interpreter

The check runs the same loads with an empty user cache and OUT as the prebuilt folder; any entry that is
missing or stale would be compiled and written to the user cache, and the build fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("pydantic", "pydantic-core", "pyyaml", "jinja2", "markupsafe")
BUILT_WITH = "BUILT_WITH"


def built_with() -> str:
    """The interpreter and libraries the entries are made with: a wheel built in an isolated environment may be
    installed beside other versions, and then its entries never fit (tests/test_prebuilt.py tells the cases apart)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "absent"

    lines = [f"python {sys.version.split()[0]}", *(f"{name} {installed(name)}" for name in LIBRARIES)]
    return "\n".join(lines) + "\n"


def warm() -> None:
    """Everything a run may compile for bundled inputs: each bundled rubric, each deferred model's validator, each template,
    the scan's detector catalog."""
    from readiness.cli.config import defaults
    from readiness.cli.configmodel import ProjectConfig
    from readiness.crosswalk.model import PackFile
    from readiness.input.validation import validator_of
    from readiness.manifest import plain
    from readiness.manifest.model import Manifest
    from readiness.reports.templating import PACKAGE_TEMPLATES, environment
    from readiness.rubric.fileformat import RubricExtension, RubricFile
    from readiness.rubric.load import load_rubric
    from readiness.rubric.named import bundled, bundled_ids
    from readiness.scan.catalog import default_catalog
    from readiness.scan.detectorfile import DetectorFile
    from readiness.trends.baseline import Report

    for rubric_id in bundled_ids():
        load_rubric(bundled(rubric_id))
    for model in (Manifest, PackFile, Report, ProjectConfig, RubricFile, RubricExtension, DetectorFile):
        validator_of(model)
    plain.validator()  # the manifest's records, and the field table without the models
    plain.section_order()
    defaults()
    default_catalog()
    names = sorted(p.relative_to(PACKAGE_TEMPLATES).as_posix() for p in PACKAGE_TEMPLATES.rglob("*.j2"))
    for kind in ("html", "markdown"):
        env = environment(kind, None)
        for name in names:
            env.get_template(name)


def _run(mode: str, cache: Path, prebuilt: Path) -> None:
    env = {**os.environ, "READINESS_CACHE_DIR": str(cache), "READINESS_PREBUILT_DIR": str(prebuilt)}
    env.pop("READINESS_NO_CACHE", None)
    subprocess.run([sys.executable, __file__, f"--{mode}-in-process"], env=env, check=True)


def build(out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as nothing:
        _run("warm", out, Path(nothing) / "none")
    check(out)
    (out / BUILT_WITH).write_text(built_with(), encoding="utf-8")


def check(out: Path) -> None:
    with tempfile.TemporaryDirectory() as empty:
        _run("warm", Path(empty), out)
        written = sorted(str(p.relative_to(empty)) for p in Path(empty).rglob("*") if p.is_file())
    if written:
        raise SystemExit(f"prebuilt entries in {out} do not match the sources: a cold run compiled {', '.join(written)}")


def main(argv: list[str]) -> None:
    if argv == ["--warm-in-process"]:
        sys.path.insert(0, str(ROOT / "src"))  # the sources being built, not an installed copy
        warm()
    elif argv == ["--built-with"]:
        sys.stdout.write(built_with())
    elif len(argv) == 2 and argv[0] == "--check":
        check(Path(argv[1]))
    elif len(argv) == 1 and not argv[0].startswith("-"):
        build(Path(argv[0]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
