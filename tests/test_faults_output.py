"""Issue 16, data loss: "a failed run writes nothing", tried against every way a second report can fail."""

import os
import stat
import sys

import pytest

from conftest import ROOT, run_cli
from readiness.cli.assess import AssessRequest, assess
from readiness.cli.console import run_guarded
from readiness.common.errors import UsageError
from readiness.reports.output import target, write_all

EX = ROOT / "examples" / "production-hardening.yaml"
ON_POSIX = sys.platform != "win32"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*pairs, **extra) -> int:
    formats = [f for f, _ in pairs]
    outputs = [o for _, o in pairs]
    return run_guarded(False, lambda: assess(AssessRequest(str(EX), formats=formats, outputs=outputs, no_config=True, **extra)))


def test_a_failing_second_report_leaves_the_first_untouched(tmp_path):
    first = tmp_path / "a.json"
    first.write_text("OLD")
    assert run(("json", first), ("markdown", "/dev/full")) == 2
    assert first.read_text() == "OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temporary file left


@pytest.mark.skipif(AS_ROOT or not ON_POSIX, reason="root writes into read-only folders")
def test_a_read_only_folder_fails_before_anything_is_replaced(tmp_path):
    first = tmp_path / "a.json"
    first.write_text("OLD")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert run(("json", first), ("markdown", locked / "r.md")) == 2
    finally:
        locked.chmod(0o700)
    assert first.read_text() == "OLD"


def test_a_failure_while_staging_never_leaves_a_temporary_file(tmp_path, monkeypatch):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text("OLD")

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken)
    with pytest.raises(UsageError):
        write_all([(first, "new"), (second, "new")])
    assert first.read_text() == "OLD" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_dev_stdout_writes_to_the_stream_and_keeps_the_log_it_is_appended_to(tmp_path):
    log = tmp_path / "ci.log"
    log.write_text("precious log\n")
    import subprocess

    from conftest import readiness_command

    with open(log, "a") as handle:
        subprocess.run(
            readiness_command() + ["assess", str(EX), "-f", "json", "-o", "/dev/stdout", "--no-config"],
            stdout=handle,
            check=False,
            timeout=60,
        )
    text = log.read_text()
    assert text.startswith("precious log\n{") and '"schema_version": 1' in text


def test_dev_stdout_to_a_pipe_is_written_not_renamed():
    result = run_cli("assess", EX, "-f", "json", "-o", "/dev/stdout", "--no-config")
    assert result.returncode == 0 and result.stdout.startswith("{")


@pytest.mark.parametrize("spelling", ["-", "/dev/stdout", "/dev/fd/1"])
def test_stdout_spellings_are_the_stream(spelling):
    assert target(spelling).kind == "stream"


@pytest.mark.skipif(not ON_POSIX, reason="FIFOs")
def test_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert target(fifo).kind == "direct"
    with pytest.raises(UsageError, match="no process is reading"):
        write_all([(fifo, "x")])
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(not ON_POSIX, reason="FIFOs")
def test_a_fifo_with_a_reader_is_written_directly(tmp_path):
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    import time

    for _ in range(100):  # wait until the reader has the FIFO open
        try:
            write_all([(fifo, "hello")])
            break
        except UsageError:
            time.sleep(0.02)
    reader.join(5)
    assert received == [b"hello"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_two_spellings_of_one_file_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(("json", "r.json"), ("markdown", tmp_path / "r.json")) == 2
    (tmp_path / "real.json").write_text("OLD")
    (tmp_path / "link.json").symlink_to("real.json")
    assert run(("json", "real.json"), ("markdown", "link.json")) == 2
    os.link(tmp_path / "real.json", tmp_path / "hard.json")
    assert run(("json", "real.json"), ("markdown", "hard.json")) == 2
    assert run(("json", None), ("text", "/dev/stdout")) == 2
    assert (tmp_path / "real.json").read_text() == "OLD" and not (tmp_path / "r.json").exists()


def test_a_300_character_output_name_is_a_usage_error(tmp_path, capsys):
    assert run(("json", tmp_path / ("x" * 300 + ".json"))) == 2
    assert "too long" in capsys.readouterr().err


def test_a_long_but_valid_name_is_written(tmp_path):
    long = tmp_path / ("x" * 250 + ".json")
    assert run(("json", long)) == 0 and long.read_text().startswith("{")


def test_init_force_on_a_symlink_replaces_the_linked_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "readiness.yaml"
    link.symlink_to(real)
    from readiness.cli import starter

    with pytest.raises(UsageError):
        starter.init(str(link), False, None, False, True)
    assert starter.init(str(link), True, None, False, True) == 0
    assert link.is_symlink() and real.read_text().startswith("#")
