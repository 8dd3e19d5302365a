"""Issue 16: "a bad cache only costs speed", tried by corrupting, truncating, replacing and locking every kind of entry."""

import os
import sys

import pytest

from conftest import ROOT
from readiness import api
from readiness.common import cache
from readiness.reports import templating

EX = ROOT / "examples" / "production-hardening.yaml"
ON_POSIX = sys.platform != "win32"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("READINESS_CACHE_DIR", str(folder))
    monkeypatch.delenv("READINESS_NO_CACHE", raising=False)
    templating.environment.cache_clear()
    yield folder
    templating.environment.cache_clear()


def reports() -> dict:
    """Every cached kind at once: the rubric, the manifest's validator and the Markdown and HTML bytecode."""
    from readiness.input import validation

    validation._validators.clear()
    templating.environment.cache_clear()
    outcome = api.assess_file(EX)
    return {name: api.render(outcome, name) for name in ("markdown", "html", "json")}


def entries(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def corruptions():
    yield "truncated", lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])
    yield "garbage", lambda p: p.write_bytes(b"\x00garbage" * 10)
    yield "empty", lambda p: p.write_bytes(b"")
    yield "flipped", lambda p: p.write_bytes(bytes(b ^ 0x55 for b in p.read_bytes()))
    if ON_POSIX:
        yield "fifo", lambda p: (p.unlink(), os.mkfifo(p))
    yield "folder", lambda p: (p.unlink(), p.mkdir())


@pytest.mark.parametrize("kind", ["rubric-", "__jinja2_"])
@pytest.mark.parametrize("name,corrupt", list(corruptions()), ids=[n for n, _ in corruptions()])
def test_every_corrupted_entry_is_a_miss(cache_dir, kind, name, corrupt):
    expected = reports()
    targets = [p for p in entries(cache_dir) if p.name.startswith(kind)]
    assert targets, f"no {kind} entry was written"
    for path in targets:
        corrupt(path)
    assert reports() == expected


@pytest.mark.parametrize("name,corrupt", list(corruptions()), ids=[n for n, _ in corruptions()])
def test_every_corrupted_validator_entry_is_a_miss(cache_dir, name, corrupt):
    from readiness.input.validation import _cached_validator
    from readiness.manifest.model import Manifest

    _cached_validator(Manifest)  # writes the entry (the in-process model may be built already)
    (entry,) = cache_dir.glob("validator-*.pickle")
    corrupt(entry)
    validator = _cached_validator(Manifest)
    assert validator.validate_python({"version": 1, "project": {"name": "x"}}).project.name == "x"


def test_a_full_or_unwritable_cache_folder_only_costs_speed(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_CACHE_DIR", "/dev/full/readiness")
    monkeypatch.delenv("READINESS_NO_CACHE", raising=False)
    expected = reports()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("READINESS_CACHE_DIR", str(blocker))
    assert reports() == expected


@pytest.mark.skipif(not ON_POSIX or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_cache_folder_only_costs_speed(cache_dir):
    expected = reports()
    for folder in [cache_dir, *[p for p in cache_dir.iterdir() if p.is_dir()]]:
        folder.chmod(0o500)
    try:
        templating.environment.cache_clear()
        assert reports() == expected
    finally:
        for folder in [cache_dir, *[p for p in cache_dir.iterdir() if p.is_dir()]]:
            folder.chmod(0o700)


def test_a_jinja_write_that_fails_is_a_miss(cache_dir, monkeypatch):
    expected = reports()
    for path in entries(cache_dir):
        path.unlink()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tempfile.NamedTemporaryFile", full)
    assert reports() == expected


def test_entries_are_bounded_least_recently_used_first(cache_dir):
    reports()
    before = entries(cache_dir)
    assert len(before) > 4
    for index, path in enumerate(before):
        os.utime(path, (1000 + index, 1000 + index))
    removed = cache.evict(cache_dir, max_entries=3)
    after = entries(cache_dir)
    assert removed == len(before) - 3 and after == sorted(before[-3:])
    cache.evict(cache_dir, max_bytes=0)
    assert entries(cache_dir) == []


def test_a_run_keeps_the_folder_within_its_bounds(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    monkeypatch.setattr(cache.evict, "__defaults__", (None, 5, cache.MAX_BYTES))
    for version in range(8):  # eight rubrics: eight entries without eviction
        text = (ROOT / "rubrics" / "default.yaml").read_text().replace('version: "1.0.0"', f'version: "1.0.{version}"', 1)
        rubric = cache_dir.parent / f"r{version}.yaml"
        rubric.write_text(text)
        from readiness.rubric.load import load_rubric

        load_rubric(rubric)
    assert len(entries(cache_dir)) <= 5


def test_stale_temporary_files_are_removed(cache_dir):
    reports()
    stale = cache_dir / ".rubric-abc.tmp"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    cache.evict(cache_dir)
    assert not stale.exists()


def test_cache_clear_removes_entries_and_nothing_else(cache_dir, capsys):
    from readiness.cli import commands

    reports()
    mine = cache_dir / "notes.txt"
    mine.write_text("the user's own file")
    assert commands.cache_clear() == 0
    assert entries(cache_dir) == [mine]
    assert "removed" in capsys.readouterr().out


def test_the_default_folder_is_the_platforms(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.delenv("READINESS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert str(cache.folder()) == platformdirs.user_cache_dir("readiness", appauthor=False)
    if sys.platform.startswith("linux"):
        assert cache.folder() == tmp_path / "readiness"
