"""The prebuilt entries a wheel ships: a cold run finds every one, writes nothing, and prints what a run without any cache prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import readiness
from conftest import ROOT, run_cli

PREBUILD = ROOT / "tools" / "prebuild.py"
FORMATS = ("text", "markdown", "html", "json", "junit", "sarif", "github", "gitlab")


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("prebuilt")
    subprocess.run([sys.executable, str(PREBUILD), str(out)], check=True, capture_output=True)
    return out


def _files(folder: Path) -> list[str]:
    """The cache entries written; ``pyc/`` is bytecode for an installation without any (readiness.common.bytecode), not an entry."""
    return sorted(n for p in folder.rglob("*") if p.is_file() and not (n := p.relative_to(folder).as_posix()).startswith("pyc/"))


def _assess(fmt: str, env: dict, *options: str):
    return run_cli("assess", "examples/enterprise-scale.yaml", "-f", fmt, *options, cwd=ROOT, env=env)


def _served(fmt: str, cache: Path, prebuilt: Path, *options: str):
    """A run whose only cache entries are ``prebuilt``'s; anything it must compile lands in ``cache``."""
    return _assess(fmt, {"READINESS_CACHE_DIR": str(cache), "READINESS_PREBUILT_DIR": str(prebuilt)}, *options)


def _compiled(fmt: str, nowhere: Path, *options: str):
    """A run with no cache at all: everything compiled from the sources."""
    return _assess(fmt, {"READINESS_NO_CACHE": "1", "READINESS_PREBUILT_DIR": str(nowhere)}, *options)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cold_run_is_served_by_the_prebuilt_entries(prebuilt, tmp_path, fmt):
    empty = tmp_path / "cache"
    served = _served(fmt, empty, prebuilt, "--framework", "all")
    compiled = _compiled(fmt, tmp_path / "none", "--framework", "all")
    assert served.returncode == compiled.returncode
    assert served.stdout == compiled.stdout
    assert not empty.exists() or _files(empty) == []


def test_the_organization_rubric_and_its_base_are_served_too(prebuilt, tmp_path):
    """The organization rubric as installed (a copy elsewhere is the user's own file, compiled into the user cache)."""
    from readiness.rubric.bundled import default_rubric_path

    empty = tmp_path / "cache"
    organization = default_rubric_path().parent / "health-regulated.yaml"
    result = run_cli(
        "assess",
        "examples/organization/claims-triage.yaml",
        "--rubric",
        organization,
        "-f",
        "json",
        cwd=ROOT,
        env={"READINESS_CACHE_DIR": str(empty), "READINESS_PREBUILT_DIR": str(prebuilt)},
    )
    assert result.returncode in (0, 1), result.stderr
    assert not empty.exists() or _files(empty) == []


def test_an_entry_for_other_code_is_never_found(prebuilt, monkeypatch, tmp_path):
    from readiness.rubric import load as rubric

    monkeypatch.setenv("READINESS_PREBUILT_DIR", str(prebuilt))
    monkeypatch.setenv("READINESS_CACHE_DIR", str(tmp_path / "cache"))
    compiled, compile_file = [], rubric.parse_rubric
    monkeypatch.setattr("readiness.rubric.load.parse_rubric", lambda *a, **k: compiled.append(a) or compile_file(*a, **k))
    rubric.load_rubric()
    assert compiled == []
    monkeypatch.setattr("readiness.common.cache.CODE_STAMP", "an edited checkout")
    rubric.load_rubric()
    assert len(compiled) == 1


def test_the_check_fails_when_an_entry_is_missing(prebuilt, tmp_path):
    import shutil

    partial = tmp_path / "partial"
    shutil.copytree(prebuilt, partial)
    next(partial.glob("rubric-*.pickle")).unlink()
    result = subprocess.run([sys.executable, str(PREBUILD), "--check", str(partial)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "do not match the sources" in result.stderr and "rubric-" in result.stderr


def test_the_installed_entries_are_what_the_sources_build(prebuilt, tmp_path):
    """An installed wheel's entries are what a fresh build makes, if it was built with these libraries; a source checkout ships none.

    A wheel built in an isolated environment (newest libraries) and installed beside older ones (CI's lowest-direct
    run) ships entries that never fit: then a cold run must compile what it needs and print the same report.
    """
    installed = Path(readiness.__file__).parent / "prebuilt"
    if Path(readiness.__file__).resolve().is_relative_to(ROOT / "src"):
        assert not installed.exists(), "an editable install ships no prebuilt entries"
        return
    here = subprocess.run([sys.executable, str(PREBUILD), "--built-with"], check=True, capture_output=True, text=True).stdout
    empty = tmp_path / "cache"
    served = _served("html", empty, installed)
    assert served.returncode in (0, 1), served.stderr
    if (installed / "BUILT_WITH").read_text(encoding="utf-8") != here:
        compiled = _compiled("html", tmp_path / "none")
        assert served.stdout == compiled.stdout
        assert _files(empty), "entries built with other libraries were served"
        return
    assert _files(installed) == _files(prebuilt)
    subprocess.run([sys.executable, str(PREBUILD), "--check", str(installed)], check=True)
    assert not empty.exists() or _files(empty) == []
