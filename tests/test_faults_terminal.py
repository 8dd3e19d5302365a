"""Issue 16: streams, encodings, signals and injected lines: what reaches a terminal or a CI log is what was meant."""

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, readiness_command, run_cli
from readiness.cli.console import fail, use_color
from readiness.common.errors import Diagnostic, InputError, UsageError
from readiness.common.text import inert, no_commands, printable

EX = ROOT / "examples" / "production-hardening.yaml"
UNSAFE = ["\n", "\r", "\x1b[31m", "\x00", "\x85", "\u2028", "\u2029", "\u202e", "\u2066", "\u200f", "\udcff", "\x7f", "\x9b"]


@pytest.mark.parametrize("bad", UNSAFE)
def test_printable_escapes_every_line_breaking_or_reordering_character(bad):
    text = printable(f"a{bad}b")
    assert text.isprintable() and text.startswith("a\\") and text.endswith("b")


def test_printable_keeps_ordinary_text():
    for text in ("Café — 30\u202f% · 日本語 ✓", "tab-free", ""):
        assert printable(text) == text


def test_inert_folds_breaks_and_escapes_the_rest_everywhere_in_a_document():
    doc = {"project": {"name": "x\nReadiness score 100/100"}, "list": ["\u202eevil", 1, None], "k\x1b": ("t",)}
    safe = inert(doc)
    assert safe == {"project": {"name": "x Readiness score 100/100"}, "list": ["\\u202eevil", 1, None], "k\\x1b": ["t"]}


def test_no_commands_neutralizes_workflow_commands_at_any_line_start():
    assert no_commands("a\n::error::x\n  ::warning::y\nz ::notice::") == "a\n\\::error::x\n  \\::warning::y\nz ::notice::"


def test_a_diagnostic_is_at_most_two_lines_whatever_it_quotes(capsys):
    diagnostic = Diagnostic("m\n.yaml", "unknown key 'evil\nerror: fake.yaml:1:1: injected'", 1, 2, "hint\x1b[2J")
    assert diagnostic.format().count("\n") == 1 and "\x1b" not in diagnostic.format()
    fail(UsageError("bad \u2028 thing").format())
    fail(InputError(diagnostic).diagnostics[0].format())
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and not any(line.startswith("error: fake") for line in err.splitlines())


def test_an_injected_key_cannot_forge_an_error_line(tmp_path):
    manifest = tmp_path / "m.yaml"
    manifest.write_text('version: 1\nproject: {name: x}\n"evil\\nerror: fake.yaml:1:1: injected": 1\n')
    result = run_cli("validate", manifest)
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [result.stderr.splitlines()[0]]


def test_a_project_name_cannot_forge_report_lines_or_workflow_commands(tmp_path):
    from readiness import api
    from readiness.reports.options import RenderOptions

    manifest = tmp_path / "m.yaml"
    manifest.write_text("version: 1\nproject:\n  name: |\n    ::error::pwned\n    Readiness score 100.0/100\n")
    outcome = api.assess_file(manifest)
    for name in ("text", "markdown", "html", "junit"):
        text = api.render(outcome, name, RenderOptions())
        lines = text.splitlines()
        assert not any(line.lstrip().startswith("::") for line in lines), name
        assert not any(line.startswith("Readiness score 100.0/100") for line in lines), name


def test_file_names_with_escapes_are_escaped_in_portfolio_reports(tmp_path):
    from readiness.portfolio import report, run
    from readiness.reports import registry

    folder = tmp_path / "p"
    folder.mkdir()
    bad = folder / "a\x1b[2Jb.yaml"
    bad.write_text("version: 1\nproject: {name: x}\n")
    (folder / "c\nd.yaml").write_text("version: 1\nproject: [\n")
    doc = report.document(run.assess_many(run.discover([folder])))
    for name in ("text", "markdown", "html"):
        text = registry.render(registry.PORTFOLIO, name, doc)
        assert "\x1b" not in text and "c\nd" not in text, name


def test_term_dumb_gets_no_colour(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(Tty())
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(Tty())


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args",
    [
        ["assess", str(EX)],
        ["explain", "monitor.drift_detection"],
        ["diff", str(EX), str(ROOT / "examples" / "enterprise-scale.yaml")],
        ["portfolio", "-f", "text", str(ROOT / "examples")],
        ["rubric", "show"],
    ],
)
def test_narrow_encodings_degrade_instead_of_crashing(encoding, args):
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"} | {"PYTHONIOENCODING": encoding}
    result = subprocess.run(readiness_command() + args, capture_output=True, cwd=ROOT, env=env, timeout=60)
    stderr = result.stderr.decode(encoding)
    assert result.returncode in (0, 1), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    result.stdout.decode(encoding)  # what was written is in the encoding asked for


def test_a_non_ascii_file_name_validates_under_ascii(tmp_path):
    manifest = tmp_path / "münchen-ü.yaml"
    manifest.write_text("version: 1\nproject: {name: x}\n")
    result = run_cli("validate", manifest, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and "valid" in result.stdout


def run_into_closed_pipe(args: list[str], read: int) -> subprocess.CompletedProcess:
    """Run with standard output a pipe that is closed after ``read`` bytes, as ``| head -c N`` does."""
    process = subprocess.Popen(readiness_command() + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    process.stdout.read(read)
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(args, process.returncode, "", err.decode())


@pytest.mark.parametrize("args", [["schema"], ["rubric", "show"], ["assess", str(EX), "-f", "json"]])
def test_a_reader_that_stops_early_ends_the_run_quietly(args):
    result = run_into_closed_pipe(args, 5)
    assert result.returncode in (0, 141) and result.stderr == ""


def test_a_closed_pipe_before_anything_is_read_exits_141():
    process = subprocess.Popen(
        readiness_command() + ["rubric", "show", "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 141 and err == b""


def test_a_full_standard_output_is_an_error_line():
    with open("/dev/full", "w") as full:
        result = subprocess.run(readiness_command() + ["schema"], stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith("error: cannot write standard output")


def test_a_closed_stdin_is_a_diagnostic():
    result = subprocess.run(
        readiness_command() + ["assess", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    assert result.returncode == 2 and "standard input is closed" in result.stderr and "Traceback" not in result.stderr


def test_a_deleted_working_directory_does_not_break_config_discovery(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    result = subprocess.run(
        readiness_command() + ["assess", str(EX)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: (os.chdir(gone), os.rmdir(gone)),
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("signum,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signals_end_a_parallel_portfolio_with_no_traceback_no_orphans_no_temporary_files(tmp_path, signum, code):
    folder = tmp_path / "many"
    folder.mkdir()
    text = EX.read_text()
    for index in range(3000):
        (folder / f"m{index:04}.yaml").write_text(text)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        readiness_command() + ["portfolio", str(folder), "--workers", "2", "-o", str(out / "p.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    children: list[int] = []
    deadline = time.monotonic() + 30
    while len(children) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        children = _children(process.pid)
    time.sleep(0.2)
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    if process.returncode == 0:
        pytest.skip("the portfolio finished before the signal")
    assert process.returncode == code and b"Traceback" not in err and b"KeyboardInterrupt" not in err
    time.sleep(0.5)
    assert [pid for pid in children if _alive(pid)] == []
    assert list(out.iterdir()) == []


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return open(f"/proc/{pid}/stat").read().split()[2] not in ("Z", "X")
    except OSError:
        return False


def test_min_phase_with_a_non_ascii_digit_is_a_usage_error(capsys):
    result = run_cli("assess", EX, "--min-phase", "²")
    assert result.returncode == 2 and "internal error" not in result.stderr


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX streams and signals")
