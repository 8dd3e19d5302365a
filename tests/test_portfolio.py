"""The portfolio: discovery, error rows, numbers that agree with single assessments, and its reports.

Every number of the portfolio report is checked against ``api.assess_file``
on the same files, so the portfolio can never tell a different story than
``readiness assess``. Speed is measured by the benchmark, never here.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, check_region, run_cli
from readiness import api
from readiness.common.errors import InputError, UsageError
from readiness.portfolio.discover import discover, looks_like_manifest
from readiness.portfolio.report import document
from readiness.portfolio.run import assess_many
from readiness.reports import registry
from readiness.reports.options import RenderOptions
from readiness.scoring.engine import OPEN


def render_portfolio(doc: dict, format: str, options: RenderOptions | None = None) -> str:
    return registry.render(registry.PORTFOLIO, format, doc, options)


# ---------------------------------------------------------------- generated manifests

_SECTION = re.compile(r"^([a-z_]+):\s*$")
_FIELD = re.compile(r"^  ([a-z_0-9]+): (\S.*)$")


def _scalar_fields(text: str):
    """(line number, (section, key), value) of every one-line answer outside ``project``."""
    section = None
    for number, line in enumerate(text.splitlines()):
        if match := _SECTION.match(line):
            section = match.group(1)
        elif section not in (None, "project", "waivers") and (match := _FIELD.match(line)) and not match.group(2).startswith((">", "|")):
            yield number, (section, match.group(1)), match.group(2)


def manifest_variants(count: int, examples=EXAMPLES):
    """``count`` (file name, text) pairs derived from the examples, the same on every run.

    Variant ``i`` copies example ``i mod 3`` and, with a generator seeded by
    ``i``, replaces up to a quarter of its answers by the answer another
    example gives to the same field (so every variant validates) or deletes
    them (unanswered), then numbers the project name. Every twelfth variant
    keeps the example's answers, so equal scores (ties) occur too. Useful for any test or measurement that
    needs many realistic, different manifests of about 3 KB.
    """
    texts = [path.read_text(encoding="utf-8") for path in examples]
    answers: dict[tuple, list[str]] = {}
    for text in texts:
        for _, key, value in _scalar_fields(text):
            if value not in answers.setdefault(key, []):
                answers[key].append(value)
    for i in range(count):
        rng = random.Random(i)
        base = texts[i % len(texts)]
        lines = base.splitlines()
        change = 0.08 * (i // len(texts) % 4)  # 0 (the example itself), 8, 16 or 24 % of the answers
        for number, key, _ in _scalar_fields(base):
            roll = rng.random()
            if roll < change / 6:
                lines[number] = "  # answer removed"
            elif roll < change:
                lines[number] = f"  {key[1]}: {rng.choice(answers[key])}"
        text = "\n".join(lines) + "\n"
        text = re.sub(r"^  name: (.*)$", lambda m, i=i: f"  name: {m.group(1)} {i:05d}", text, count=1, flags=re.MULTILINE)
        yield f"pilot-{i:05d}.yaml", text


def write_variants(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in manifest_variants(count):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    return write_variants(tmp_path_factory.mktemp("portfolio"), 300)


def test_generated_manifests_are_valid_varied_and_deterministic(generated):
    assert [t for _, t in manifest_variants(5)] == [t for _, t in manifest_variants(5)]
    outcomes = [api.assess_file(p) for p in generated[:60]]
    assert len({o.report["score"] for o in outcomes}) > 30
    assert len({o.report["phase_reached"]["id"] if o.report["phase_reached"] else None for o in outcomes}) >= 3


# ---------------------------------------------------------------- discovery

MANIFEST = EXAMPLES[0].read_text(encoding="utf-8")
BROKEN = "version: 1\nproject:\n  name: Broken\n  name: Twice\n"


def _tree(root: Path) -> Path:
    files = {
        "a/one.yaml": MANIFEST,
        "a/nested/two.yml": MANIFEST,
        "a/nested/broken.yaml": BROKEN,
        "a/.hidden/three.yaml": MANIFEST,
        "a/ci.yaml": "on: push\njobs: {}\n",
        "a/notes.txt": MANIFEST,
        "a/UPPER.YAML": MANIFEST,
        "b/four.yaml": MANIFEST,
        "c/other.json": "{}",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _names(paths, root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_discover_searches_folders_for_files_that_look_like_manifests(tmp_path):
    root = _tree(tmp_path)
    # Hidden folders, non-YAML files and YAML without the manifest's top-level keys are skipped;
    # a manifest with a YAML error is found, so that its error is reported.
    assert _names(discover([root / "a"]), root) == ["a/UPPER.YAML", "a/nested/broken.yaml", "a/nested/two.yml", "a/one.yaml"]


def test_discover_takes_named_files_whatever_they_hold(tmp_path):
    root = _tree(tmp_path)
    assert _names(discover([root / "a/notes.txt", root / "a/ci.yaml"]), root) == ["a/ci.yaml", "a/notes.txt"]


def test_discover_expands_globs_and_filters_their_matches(tmp_path):
    root = _tree(tmp_path)
    assert _names(discover([str(root / "*" / "*.yaml")]), root) == ["a/one.yaml", "b/four.yaml"]
    assert _names(discover([str(root / "**" / "*.yml")]), root) == ["a/nested/two.yml"]
    assert _names(discover([str(root / "[bc]")]), root) == ["b/four.yaml"]


def test_discover_is_sorted_without_duplicates_whatever_the_argument_order(tmp_path):
    root = _tree(tmp_path)
    forward = discover([root / "a", root / "b", root / "a/one.yaml", str(root / "a" / "*.yaml")])
    backward = discover([str(root / "a" / "*.yaml"), root / "b", root / "a/one.yaml", root / "a"])
    assert forward == backward
    assert _names(forward, root) == ["a/UPPER.YAML", "a/nested/broken.yaml", "a/nested/two.yml", "a/one.yaml", "b/four.yaml"]


def test_discover_refuses_missing_paths_and_empty_patterns(tmp_path):
    with pytest.raises(UsageError, match="no such file or folder"):
        discover([tmp_path / "missing"])
    with pytest.raises(UsageError, match="no file or folder matches"):
        discover([str(tmp_path / "*.yaml")])
    assert discover([tmp_path]) == []


def test_a_manifest_is_recognized_by_its_two_top_level_keys(tmp_path):
    cases = {
        "manifest.yaml": MANIFEST,
        "quoted.yaml": '"version": 1\n"project": {name: x}\n',
        "indented.yaml": "spec:\n  version: 1\n  project: x\n",
        "half.yaml": "version: 1\nname: x\n",
    }
    verdicts = {}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        verdicts[name] = looks_like_manifest(tmp_path / name)
    assert verdicts == {"manifest.yaml": True, "quoted.yaml": True, "indented.yaml": False, "half.yaml": False}


# ---------------------------------------------------------------- assessment


def test_a_broken_manifest_is_an_error_row_with_its_exact_diagnostic(tmp_path):
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "fine.yaml").write_text(MANIFEST, encoding="utf-8")
    portfolio = assess_many(discover([tmp_path]))
    broken = tmp_path.joinpath("broken.yaml").as_posix()
    assert portfolio.failed
    assert [r.manifest for r in portfolio.errors] == [broken]
    assert portfolio.errors[0].error == (
        f"error: {broken}:4:3: duplicate key 'name' (first defined on line 3)\n"
        "  hint: remove one of the two; YAML would silently keep only the last"
    )
    with pytest.raises(InputError) as raised:
        api.assess_file(broken)
    assert portfolio.errors[0].error == str(raised.value)
    assert [r.project for r in portfolio.assessed] == [api.assess_file(tmp_path / "fine.yaml").report["project"]["name"]]
    doc = document(portfolio)
    assert (doc["totals"]["errors"], doc["totals"]["assessed"]) == (1, 1)
    assert doc["errors"] == [{"manifest": broken, "error": portfolio.errors[0].error}]


def test_every_kind_of_input_error_becomes_a_row(tmp_path):
    files = {
        "syntax.yaml": "version: 1\nproject: [unclosed\n",
        "invalid.yaml": "version: 1\nproject:\n  name: x\n  stage: someday\n",
        "empty.yaml": "",
        "binary.yaml": b"version: 1\nproject: \xff\n",
    }
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    portfolio = assess_many(sorted(tmp_path.iterdir()))
    assert len(portfolio.errors) == 4 and not portfolio.assessed
    for row in portfolio.errors:
        with pytest.raises(InputError) as raised:
            api.assess_file(row.manifest)
        assert row.error == str(raised.value)


def _single(paths) -> dict[str, dict]:
    return {Path(p).as_posix(): api.assess_file(p).report for p in paths}


def test_portfolio_numbers_agree_with_single_assessments(generated):
    paths = generated[:40] + EXAMPLES
    reports = _single(paths)
    doc = document(assess_many(paths, workers=1))

    assert doc["totals"]["manifests"] == doc["totals"]["assessed"] == len(paths)
    for entry, heat in zip(doc["ranking"], doc["heat_map"], strict=True):
        single = reports[entry["manifest"]]
        assert heat["manifest"] == entry["manifest"]
        assert entry["project"] == heat["project"] == single["project"]["name"]
        assert entry["owner"] == single["project"]["owner"]
        assert entry["score"] == single["score"]
        assert entry["phase_reached"] == single["phase_reached"]
        assert entry["weakest_dimension"] == single["weakest_dimension"]
        assert entry["blockers"] == len(single["blockers"])
        assert entry["open"] == sum(1 for c in single["criteria"] if c["status"] in OPEN)
        assert heat["scores"] == [d["score"] for d in single["dimensions"]]

    # Ranking: best score first, then later phase, then name and path; equal standing shares a rank.
    phase_index = {p["id"]: i for i, p in enumerate(doc["phases"])}
    reached = {m: phase_index[r["phase_reached"]["id"] if r["phase_reached"] else None] for m, r in reports.items()}
    expected = sorted(
        reports,
        key=lambda m: (-reports[m]["score"], -reached[m], reports[m]["project"]["name"].casefold(), reports[m]["project"]["name"], m),
    )
    assert [e["manifest"] for e in doc["ranking"]] == expected
    for position, (before, after) in enumerate(zip(doc["ranking"], doc["ranking"][1:], strict=False), 2):
        tied = (before["score"], reached[before["manifest"]]) == (after["score"], reached[after["manifest"]])
        assert after["rank"] == (before["rank"] if tied else position)
    assert any(a["rank"] == b["rank"] for a, b in zip(doc["ranking"], doc["ranking"][1:], strict=False)), (
        "the generated set should contain ties"
    )

    phases = Counter(r["phase_reached"]["id"] if r["phase_reached"] else None for r in reports.values())
    assert {p["id"]: p["projects"] for p in doc["phases"]} == {p["id"]: phases.get(p["id"], 0) for p in doc["phases"]}
    assert doc["totals"]["with_blockers"] == sum(1 for r in reports.values() if r["blockers"])

    open_by_criterion = Counter(c["id"] for r in reports.values() for c in r["criteria"] if c["status"] in OPEN)
    assert {c["id"]: c["projects"] for c in doc["most_unmet"]} == dict(open_by_criterion)
    for c in doc["most_unmet"]:
        assert c["share"] == round(open_by_criterion[c["id"]] / len(paths), 3)
        statuses = Counter(x["status"] for r in reports.values() for x in r["criteria"] if x["id"] == c["id"])
        assert c["statuses"] == {s: statuses.get(s, 0) for s in c["statuses"]}
        assert c["applicable"] == len(paths) - statuses.get("not_applicable", 0)
    rank = {"blocker": 0, "major": 1, "minor": 2}
    keys = [(rank[c["severity"]], -c["projects"]) for c in doc["most_unmet"]]
    assert keys == sorted(keys), "blockers before majors before minors, then the most projects first"

    blockers = {p["manifest"]: [b["id"] for b in p["blockers"]] for p in doc["blockers"]}
    assert blockers == {m: [b["id"] for b in r["blockers"]] for m, r in reports.items() if r["blockers"]}
    for d, column in zip(doc["dimensions"], zip(*(h["scores"] for h in doc["heat_map"]), strict=True), strict=True):
        scored = [s for s in column if s is not None]
        assert d["mean"] == pytest.approx(sum(scored) / len(scored), abs=0.051)


def test_results_are_identical_with_one_or_two_workers(generated):
    broken = generated[0].parent / "zz-broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    paths = generated + [broken]
    calls: list[tuple[int, int]] = []
    serial = assess_many(paths, workers=1)
    parallel = assess_many(list(reversed(paths)), workers=2, progress=lambda done, total: calls.append((done, total)))
    assert parallel.results == serial.results
    assert [r.manifest for r in serial.results] == [p.as_posix() for p in sorted(paths)]
    assert len(serial.errors) == 1
    for format in registry.names(registry.PORTFOLIO):
        assert render_portfolio(document(parallel), format) == render_portfolio(document(serial), format)
    assert calls[0] == (0, len(paths)) and calls[-1] == (len(paths), len(paths))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    broken.unlink()


def test_workers_must_be_positive(generated):
    with pytest.raises(ValueError):
        assess_many(generated[:2], workers=0)


def test_an_empty_portfolio_renders(tmp_path):
    doc = document(assess_many([]))
    assert doc["totals"] == {"manifests": 0, "assessed": 0, "errors": 0, "with_blockers": 0, "mean_score": None, "median_score": None}
    for format in registry.names(registry.PORTFOLIO):
        assert render_portfolio(doc, format)


# ---------------------------------------------------------------- reports

HOSTILE = "<script>alert(1)</script> | **bold** [link](https://evil.example) `tick`"


@pytest.fixture(scope="module")
def hostile_doc(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hostile")
    text = re.sub(r"^  name: .*$", f"  name: '{HOSTILE}'", MANIFEST, count=1, flags=re.MULTILINE)
    (folder / "hostile.yaml").write_text(text, encoding="utf-8")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    for path in EXAMPLES:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return document(assess_many(discover([folder])))


def test_json_is_the_document_with_keys_in_a_fixed_order(hostile_doc):
    text = render_portfolio(hostile_doc, "json")
    assert json.loads(text) == hostile_doc
    assert list(hostile_doc) == [
        "schema_version",
        "kind",
        "tool",
        "rubric",
        "totals",
        "verification",
        "phases",
        "dimensions",
        "bands",
        "ranking",
        "heat_map",
        "most_unmet",
        "blockers",
        "errors",
        "frameworks",
    ]
    assert hostile_doc["schema_version"] == 1 and hostile_doc["kind"] == "portfolio"
    lines = text.splitlines()
    for entry in hostile_doc["ranking"] + hostile_doc["most_unmet"] + hostile_doc["errors"]:
        assert any(line.strip().rstrip(",") == json.dumps(entry, ensure_ascii=False) for line in lines), "one line per row"
    assert any(r["project"] == HOSTILE for r in hostile_doc["ranking"])


def test_markdown_has_the_heat_map_table_and_escapes_manifest_text(hostile_doc):
    text = render_portfolio(hostile_doc, "markdown")
    for heading in (
        "# AI production readiness portfolio",
        "## Summary",
        "## Ranking and heat map",
        "## Most often unmet",
        "## Failing blockers per project",
        "## Manifests that could not be assessed",
    ):
        assert f"\n{heading}\n" in f"\n{text}"
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| # | Project |"))
    columns = 6 + len(hostile_doc["dimensions"])
    rows = lines[header + 2 : header + 2 + len(hostile_doc["ranking"]) + 1]
    for row in [lines[header]] + rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == columns + 1, row
    assert rows[-1].startswith("| | Mean |")
    assert re.search(r"\| (██|▓▓|▒▒|░░) \d", rows[0])
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text and "\\`tick\\`" in text
    assert "duplicate key 'name'" in text
    assert "\n\n\n" not in text


def test_html_is_self_contained_and_escapes_manifest_text(hostile_doc):
    text = render_portfolio(hostile_doc, "html")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    cells = re.findall(r'<td class="cell band-(\w+)">([^<]*)</td>', text)
    assert len(cells) == (len(hostile_doc["ranking"]) + 1) * len(hostile_doc["dimensions"])
    for band, score in cells:
        expected = "none" if score == "n/a" else next(b["id"] for b in hostile_doc["bands"] if float(score) >= b["min"])
        assert band == expected
    assert "@media print" in text and "print-color-adjust: exact" in text


def test_text_shows_totals_ranking_and_open_criteria(hostile_doc):
    text = render_portfolio(hostile_doc, "text", RenderOptions(width=100))
    assert text.startswith("AI production readiness portfolio\n")
    assert HOSTILE.split(" |")[0] in text
    assert "Most often unmet" in text and hostile_doc["most_unmet"][0]["id"] in text
    assert "duplicate key 'name'" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_text_shortens_a_long_ranking(generated):
    doc = document(assess_many(generated[:50], workers=1))
    text = render_portfolio(doc, "text", RenderOptions(width=160))
    assert "… 30 more" in text
    assert doc["ranking"][0]["project"] in text and doc["ranking"][-1]["project"] in text


def test_docs_show_the_real_markdown_of_the_examples(update_golden):
    """docs/portfolio.md quotes the portfolio of examples/ verbatim; regenerate with --update-golden."""
    text = run_cli("portfolio", "examples", "--format", "markdown", cwd=ROOT).stdout
    check_region(ROOT / "docs" / "portfolio.md", "portfolio-example", f"````markdown\n{text}````\n", update_golden)


def test_html_puts_error_rows_next_to_the_count_they_change(hostile_doc):
    text = render_portfolio(hostile_doc, "html")
    count = text.index("Could not be assessed</p>")
    errors = text.index('<div class="errors"')
    assert count < errors < text.index('<table class="phases">') < text.index('id="heat-map"')
    assert "1 manifest could not be assessed" in text[errors:]
    assert "docs/scoring.md" not in text
