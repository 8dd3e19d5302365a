"""An installation without bytecode (``pip install --no-compile`` plus PYTHONDONTWRITEBYTECODE) keeps it in the user cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from readiness.common import cache

RUN = "import sys; sys.path.insert(0, sys.argv.pop(1)); from readiness.cli import main; main()"


def _install(tmp_path: Path) -> Path:
    """The package laid out as a wheel installs it, without any compiled file."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "src" / "readiness", site / "readiness", ignore=shutil.ignore_patterns("__pycache__", "prebuilt"))
    for data in ("rubrics", "frameworks"):
        shutil.copytree(ROOT / data, site / "readiness" / data)
    return site


def _assess(site: Path, cache_dir: Path, **env: str) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if k not in ("READINESS_NO_CACHE", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    environment = {**inherited, "READINESS_CACHE_DIR": str(cache_dir), **env}
    return subprocess.run(
        [sys.executable, "-c", RUN, str(site), "assess", str(ROOT / "examples" / "enterprise-scale.yaml"), "-f", "json"],
        capture_output=True,
        text=True,
        env=environment,
    )


def _compiled(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pyc"))


def test_without_bytecode_the_modules_are_compiled_into_the_cache(tmp_path):
    site, cache_dir = _install(tmp_path), tmp_path / "cache"
    first = _assess(site, cache_dir, PYTHONDONTWRITEBYTECODE="1")
    assert first.returncode == 0, first.stderr
    kept = _compiled(cache_dir / "pyc")
    assert any(p.name.startswith("app.") for p in kept) and any("yaml" in str(p) for p in kept)
    assert _compiled(site) == []
    second = _assess(site, cache_dir, PYTHONDONTWRITEBYTECODE="1")
    assert second.stdout == first.stdout
    assert cache.clear(cache_dir)[0] >= len(kept)
    assert not (cache_dir / "pyc").exists()


def test_an_installation_with_bytecode_is_left_alone(tmp_path):
    site, cache_dir = _install(tmp_path), tmp_path / "cache"
    assert _assess(site, cache_dir).returncode == 0
    assert _compiled(site)
    assert not (cache_dir / "pyc").exists()


def test_no_cache_means_no_compiled_files_either(tmp_path):
    site, cache_dir = _install(tmp_path), tmp_path / "cache"
    assert _assess(site, cache_dir, PYTHONDONTWRITEBYTECODE="1", READINESS_NO_CACHE="1").returncode == 0
    assert not (cache_dir / "pyc").exists() and _compiled(site) == []
