"""The hostile-input corpus: every bad manifest or rubric gets its exact, located message and exit code 2.

Static fixtures live in tests/corpus/{manifests,rubrics}/NAME.yaml with the
exact expected stderr in NAME.err (regenerate with --update-golden and review
the diff). Cases that need bytes or sizes a text file cannot hold are built in
tmp_path below.
"""

import json
from pathlib import Path

import pytest

from conftest import ROOT, check_golden, run_cli

CORPUS = ROOT / "tests" / "corpus"
EARLY = ROOT / "examples" / "early-pilot.yaml"
HANG_GUARD = 10  # seconds; a case that needs more is a hang, not a slow run


def fixtures(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).glob("*.yaml"))


def check_stderr(fixture: Path, stderr: str, update: bool) -> None:
    check_golden(fixture.with_suffix(".err"), stderr, update)


@pytest.mark.parametrize("fixture", fixtures("manifests"), ids=lambda p: p.stem)
def test_bad_manifest(fixture, update_golden):
    result = run_cli("assess", fixture.relative_to(CORPUS), "--format", "json", cwd=CORPUS)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    check_stderr(fixture, result.stderr, update_golden)


@pytest.mark.parametrize("fixture", fixtures("rubrics"), ids=lambda p: p.stem)
def test_bad_rubric(fixture, update_golden):
    result = run_cli("rubric", "validate", fixture.relative_to(CORPUS), cwd=CORPUS)
    assert result.returncode == 2
    check_stderr(fixture, result.stderr, update_golden)
    assessed = run_cli("assess", EARLY, "--rubric", fixture.relative_to(CORPUS), cwd=CORPUS)
    assert (assessed.returncode, assessed.stderr) == (2, result.stderr)


def test_every_issue_case_has_a_fixture():
    names = {p.stem for p in fixtures("manifests")} | {p.stem for p in fixtures("rubrics")}
    assert names >= {
        "empty",
        "only-comments",
        "tab-indent",
        "unclosed-quote",
        "bad-indentation",
        "stray-colon",
        "top-level-list",
        "top-level-scalar",
        "top-level-null",
        "duplicate-key-nested",
        "unknown-keys",
        "wrong-types",
        "out-of-range",
        "unknown-enum",
        "unsupported-version",
        "python-tag",
        "alias-bomb",
        "deep-nesting",
        "unknown-field",
        "duplicate-id",
        "requires-cycle",
        "unknown-operator",
        "unknown-phase",
        "unknown-severity",
    }


KINDS = {
    "manifest": lambda path: ("assess", path),
    "rubric": lambda path: ("assess", EARLY, "--rubric", path),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("missing.yaml", None, "error: {path}: no such {kind}\n  hint: check the path\n"),
        ("folder", "dir", "error: {path}: is a directory, expected a {kind}\n  hint: give the path of a YAML file\n"),
        (
            "latin1.yaml",
            b"version: 1\nproject:\n  name: Caf\xe9\n",
            "error: {path}:3:12: not valid UTF-8 (byte 0xe9)\n  hint: save the file as UTF-8\n",
        ),
        (
            "huge-string.yaml",
            lambda: b"version: 1\nproject:\n  name: '" + b"x" * (10 * 1024 * 1024) + b"'\n",
            "error: {path}: file is larger than the 1024 KiB limit\n  hint: a manifest or rubric is a few KB; check this is the right file\n",
        ),
        (
            "nul.yaml",
            b"version: 1\x00\n",
            "error: {path}:1:11: character U+0000 is not allowed in YAML\n  hint: remove the control character\n",
        ),
    ],
    ids=["missing", "directory", "not-utf8", "huge-string", "nul-byte"],
)
def test_file_level_problems(tmp_path, kind, name, content, expected):
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content() if callable(content) else content)
    result = run_cli(*KINDS[kind](path))
    assert result.returncode == 2
    assert result.stderr == expected.format(path=path, kind=kind)


def test_unreadable_file(tmp_path, monkeypatch):
    """Permission bits do not stop root (CI runs as root), so the refusal is simulated at open()."""
    from readiness.common.errors import InputError
    from readiness.input.source import load

    path = tmp_path / "secret.yaml"
    path.write_text("version: 1\n")
    import os

    real_open = os.open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(InputError) as caught:
        load(path, what="manifest")
    assert str(caught.value) == f"error: {path}: permission denied\n  hint: make the file readable"


def test_bom_and_crlf_are_accepted(tmp_path):
    plain = EARLY.read_bytes()
    variant = tmp_path / "windows.yaml"
    variant.write_bytes(b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n"))
    scored = [json.loads(run_cli("assess", p, "-f", "json").stdout) for p in (EARLY, variant)]
    assert scored[0]["score"] == scored[1]["score"]
    assert [c["location"] for c in scored[0]["criteria"]] == [c["location"] for c in scored[1]["criteria"]]


def test_hostile_text_stays_inert_in_markdown(tmp_path):
    manifest = tmp_path / "hostile.yaml"
    manifest.write_text(
        "version: 1\nproject:\n"
        '  name: "# Pwned | col `code` <img src=x onerror=alert(1)> [link](https://evil.example) ![i](x.png) {{ 7*7 }}"\n'
        '  owner: "line one\\nline two | <b>bold</b>"\n'
    )
    report = run_cli("assess", manifest, "-f", "markdown").stdout
    (title,) = [line for line in report.splitlines() if line.startswith("# ")]
    assert title == (
        "# AI production readiness: \\# Pwned \\| col \\`code\\` &lt;img src=x onerror=alert(1)&gt; "
        "\\[link\\](https\\://evil.example) !\\[i\\](x.png) {{ 7\\*7 }}"
    )
    (owner_row,) = [line for line in report.splitlines() if line.startswith("- **Owner:**")]
    assert owner_row == "- **Owner:** line one line two \\| &lt;b&gt;bold&lt;/b&gt;"
    assert "49" not in title
