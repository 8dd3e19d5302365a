"""A scanned repository is hostile: the scan never runs, follows or blocks on anything in it, and says what it skipped."""

import os
import subprocess
from pathlib import Path

import pytest

from readiness.common.errors import UsageError
from readiness.input.source import parse
from readiness.manifest.load import parse_manifest
from readiness.scan import render, scan_repository
from readiness.scan.gitindex import IndexUnreadable, parse_index
from readiness.scan.structured import cron_can_fire

TRACKING = "import mlflow\nmlflow.log_metric('acc', 1.0)\n"


def write(root: Path, path: str, text: str | bytes) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text if isinstance(text, bytes) else text.encode())
    return target


def fields(root: Path) -> dict:
    return {a.field: a.value for a in scan_repository(root).answers}


def reasons(root: Path) -> dict:
    return {s.path: s.reason for s in scan_repository(root).skipped}


def git(root: Path, *args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "HOME": str(root),
        "PATH": os.environ.get("PATH", ""),
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_missing_path_and_file_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="no such folder"):
        scan_repository(tmp_path / "nope")
    with pytest.raises(UsageError, match="not a folder"):
        scan_repository(write(tmp_path, "f.py", "x = 1\n"))


def test_symlink_loops_and_links_out_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "train.py", TRACKING)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "loop").symlink_to(repo / "loop")
    (repo / "dir").mkdir()
    (repo / "dir" / "up").symlink_to(repo)
    (repo / "root").symlink_to("/")
    (repo / "train.py").symlink_to(outside / "train.py")
    (repo / "src").symlink_to(outside)
    result = scan_repository(repo)
    assert result.answers == ()
    skipped = {s.path: s.reason for s in result.skipped}
    assert {"loop", "dir/up", "root", "train.py", "src"} <= set(skipped)
    assert all("symlink" in skipped[p] for p in ("loop", "dir/up", "root", "train.py", "src"))


def test_fifo_never_blocks(tmp_path):
    os.mkfifo(tmp_path / "train.py")
    write(tmp_path, "ok.py", TRACKING)
    assert "not a regular file" in reasons(tmp_path)["train.py"]
    assert fields(tmp_path)["deployment.experiment_tracking"] == "automated"


def test_huge_sparse_notebook_is_skipped_unread(tmp_path):
    with open(tmp_path / "big.ipynb", "wb") as handle:
        handle.seek(100 * 1024 * 1024)
        handle.write(b"}")
    assert "larger than" in reasons(tmp_path)["big.ipynb"]


def test_invalid_utf8_is_decoded_with_replacement(tmp_path):
    write(tmp_path, "train.py", b"# caf\xe9 \xff\xfe\n" + TRACKING.encode())
    assert fields(tmp_path)["deployment.experiment_tracking"] == "automated"


def test_binary_file_is_skipped(tmp_path):
    write(tmp_path, "model.py", b"\x00\x01" + TRACKING.encode())
    assert reasons(tmp_path)["model.py"] == "binary"


def test_deeply_nested_workflow_is_skipped_and_the_scan_finishes(tmp_path):
    write(tmp_path, ".github/workflows/deep.yml", "on: push\njobs:\n  a:\n    steps: " + "[" * 500 + "]" * 500 + "\n")
    write(tmp_path, ".github/workflows/deploy.yml", "on: push\njobs:\n  d:\n    steps:\n      - run: kubectl apply -f k8s\n")
    result = scan_repository(tmp_path)
    assert any(s.path == ".github/workflows/deep.yml" and "YAML not read" in s.reason for s in result.skipped)
    assert result.answer("deployment.automation").value == "ci_cd"


def test_odd_file_names_stay_printable_and_the_draft_stays_valid(tmp_path):
    name = "we\nird [x]*\u202e.py"
    write(tmp_path, name, TRACKING)
    os.makedirs(tmp_path / os.fsdecode(b"bad\xffdir"))
    write(tmp_path, os.fsdecode(b"bad\xffdir/train.py"), TRACKING)
    result = scan_repository(tmp_path)
    paths = {f.evidence.path for f in result.findings}
    assert "we\\x0aird [x]*\\u202e.py" not in paths  # escapes are hex, never raw control characters
    assert all("\n" not in p and "\u202e" not in p for p in paths)
    text = render(result, "yaml")
    manifest = parse_manifest(parse(text, "draft.yaml"))
    assert manifest.deployment.experiment_tracking.value == "automated"
    assert len(manifest.evidence["deployment.experiment_tracking"]) == 2
    for out in (render(result, "json"), render(result, "markdown"), render(result, "text")):
        assert "\u202e" not in out


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading, so the case cannot be built")
def test_unreadable_file_is_skipped(tmp_path):
    target = write(tmp_path, "train.py", TRACKING)
    target.chmod(0)
    assert "unreadable" in reasons(tmp_path)["train.py"]


def test_size_limit_per_file(tmp_path):
    write(tmp_path, "big.py", TRACKING + "#" * (2 * 1024 * 1024))
    assert "larger than" in reasons(tmp_path)["big.py"]
    assert "deployment.experiment_tracking" not in fields(tmp_path)


# ----------------------------------------------------------------- git index


def test_git_work_tree_reads_only_tracked_files_and_never_runs_git(tmp_path):
    write(tmp_path, "train.py", TRACKING)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "train.py")
    git(tmp_path, "commit", "-qm", "x")
    write(tmp_path, "untracked/serve.py", "import wandb\nwandb.init()\n")
    marker = tmp_path / "ran"
    git(tmp_path, "config", "core.fsmonitor", f"touch {marker}; false")
    result = scan_repository(tmp_path)
    assert result.mode == "git-index" and "tracked files" in result.note
    assert {f.evidence.path for f in result.findings} == {"train.py"}
    assert not marker.exists()


@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_index_versions(tmp_path, version):
    for i in range(3):
        write(tmp_path, f"pkg/sub{i}/train_{i}.py", TRACKING)
    write(tmp_path, "notes.md", "x")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    if version == "3":
        git(tmp_path, "update-index", "--skip-worktree", "notes.md")  # an extended flag makes git write version 3
    git(tmp_path, "update-index", "--index-version", version)
    data = (tmp_path / ".git" / "index").read_bytes()
    assert int.from_bytes(data[4:8], "big") == int(version)
    assert parse_index(data) == ["notes.md", "pkg/sub0/train_0.py", "pkg/sub1/train_1.py", "pkg/sub2/train_2.py"]


def test_index_rejects_garbage_and_unsafe_paths():
    with pytest.raises(IndexUnreadable):
        parse_index(b"NOPE" + b"\0" * 40)
    with pytest.raises(IndexUnreadable):
        parse_index(b"DIRC" + (2).to_bytes(4, "big") + (5).to_bytes(4, "big") + b"\0" * 30)


def test_tracked_file_under_a_symlinked_folder_is_skipped(tmp_path):
    repo = tmp_path / "repo"
    write(repo, "a/train.py", TRACKING)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    outside = tmp_path / "outside"
    write(outside, "train.py", TRACKING)
    (repo / "a" / "train.py").unlink()
    (repo / "a").rmdir()
    (repo / "a").symlink_to(outside)
    result = scan_repository(repo)
    assert result.findings == ()
    assert any(s.path == "a/train.py" and "symlink" in s.reason for s in result.skipped)


def test_dot_git_file_pointing_outside_is_walked(tmp_path):
    repo = tmp_path / "repo"
    write(repo, "train.py", TRACKING)
    write(repo, ".git", f"gitdir: {tmp_path / 'elsewhere'}\n")
    result = scan_repository(repo)
    assert result.mode == "walk" and "outside" in result.note
    assert result.answer("deployment.experiment_tracking") is not None


@pytest.mark.parametrize(
    "cron, fires",
    [
        ("0 3 * * 1", True),
        ("0 0 30 2 *", False),
        ("0 0 31 4,6 *", False),
        ("0 0 29 2 *", True),
        ("*/15 * * * *", True),
        ("0 0 31 2 1", True),
        ("61 * * * *", False),
        ("bad", False),
    ],
)
def test_cron_can_fire(cron, fires):
    assert cron_can_fire(cron) is fires
