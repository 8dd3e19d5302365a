"""Trends: the diff of two real reports, its attribution to project or rubric, the ratchet, loading and rendering.

The unit tests compare reports of the fixture pilot (tests/fixture.py) and edited copies of it or of the
fixture rubric, so the diff is tested on what users actually compare while the expected numbers follow
from the fixture alone. docs/trends.md quotes the same scenarios on the bundled example and rubric;
regenerate its examples with:  python -m pytest --update-golden
"""

import copy
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

import fixture
from conftest import REGENERATE, ROOT
from fixture import PILOT, RUBRIC, overall_score, pilot_copy
from readiness import api
from readiness.common.errors import InputError
from readiness.reports import registry
from readiness.reports.options import RenderOptions
from readiness.trends import diff


def render_diff(document: dict, format: str) -> str:
    return registry.render(registry.DIFF, format, document)


EXAMPLE = ROOT / "examples" / "production-hardening.yaml"
DEFAULT_RUBRIC = ROOT / "rubrics" / "default.yaml"
DOCS = ROOT / "docs" / "trends.md"

# Deployment automated, drift detection and runbooks added, tracing set up; meanwhile the experiment
# tracker was switched off and runs are logged by hand again (a prototype criterion lost: phase down).
FIXTURE_PROGRESS = (
    ("  automation: scripted", "  automation: ci_cd"),
    ("  drift_detection: manual", "  drift_detection: automated"),
    ("  incident_runbooks: false", "  incident_runbooks: true"),
    ("  observability: basic", "  observability: tracing"),
    ("  experiment_tracking: automated", "  experiment_tracking: manual"),
)
PROGRESS_CREDITS = fixture.PILOT_CREDITS | {
    "delivery.automation": 1.0,
    "ops.drift": 1.0,
    "ops.runbooks": 1.0,
    "ops.observability": 0.5,
    "delivery.tracking": 0.5,
}


def fixture_rubric_1_1(folder: Path, version: str = "1.1.0") -> Path:
    """Version 1.1.0 of the fixture rubric: stricter data validation, a lighter CI/CD weight, one criterion out, one in."""
    rubric = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    rubric["version"] = version
    criteria = {c["id"]: c for c in rubric["criteria"]}
    criteria["delivery.validation"]["check"] = {
        "field": "data.validation",
        "at_least": "blocking",
        "partial": [{"at_least": "automated", "credit": 0.5}, {"at_least": "manual", "credit": 0.25}],
    }
    criteria["delivery.automation"]["weight"] = 3
    alerts = copy.deepcopy(criteria["ops.drift"])
    alerts.update(
        id="ops.drift_alerts",
        title="Drift raises an alert",
        weight=2,
        severity="major",
        check={"field": "monitoring.drift_detection", "at_least": "automated_with_alerts"},
    )
    rubric["criteria"] = [c for c in rubric["criteria"] if c["id"] != "value.reproducibility"] + [alerts]
    path = folder / "rubric-1.1.yaml"
    path.write_text(yaml.safe_dump(rubric, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def baseline() -> dict:
    return api.assess_file(PILOT, RUBRIC).report


def report_of(path: Path, rubric: Path | None = None) -> dict:
    return api.assess_file(path, rubric or RUBRIC).report


def ids(entries: list[dict]) -> list[str]:
    return [e["id"] for e in entries]


# ---------------------------------------------------------------- deltas on real reports


def test_a_report_compared_with_itself_has_no_changes(baseline):
    d = diff.compare(baseline, baseline)
    score = fixture.PILOT_SCORE
    assert d["score"] == {"old": score, "new": score, "delta": 0, "project": 0, "rubric": 0}
    assert {x["change"] for x in d["dimensions"]} == {"same"}
    assert d["criteria"] == {"newly_met": [], "newly_lost": [], "changed": []}
    assert d["blockers"] == {"count": {"old": 2, "new": 2}, "resolved": [], "new": []}
    assert d["phase"]["change"] == "same"
    assert (d["rubric"]["changed"], d["rubric"]["differs"]) == (False, False)
    assert d["regressions"] == [] and diff.regressions(d, strict=True) == []


def test_deltas_newly_met_lost_and_blockers(tmp_path, baseline):
    new = report_of(pilot_copy(tmp_path, *FIXTURE_PROGRESS))
    d = diff.compare(baseline, new)
    assert d["score"]["old"] == baseline["score"] and d["score"]["new"] == new["score"] == overall_score(PROGRESS_CREDITS)
    assert d["score"]["delta"] == round(new["score"] - baseline["score"], 1) == 19.9  # 60.3 → 80.2
    for row, before, after in zip(d["dimensions"], baseline["dimensions"], new["dimensions"], strict=True):
        assert (row["id"], row["old"], row["new"]) == (after["id"], before["score"], after["score"])
        assert row["delta"] == round(after["score"] - before["score"], 1)
        assert row["project"] == row["delta"] and row["rubric"] == 0
    assert [(x["id"], x["change"]) for x in d["dimensions"] if x["change"] != "same"] == [("delivery", "up"), ("operations", "up")]
    assert ids(d["criteria"]["newly_met"]) == ["delivery.automation", "ops.drift", "ops.runbooks"]
    assert ids(d["criteria"]["newly_lost"]) == ["delivery.tracking"]
    assert ids(d["criteria"]["changed"]) == ["ops.observability"]
    lost = d["criteria"]["newly_lost"][0]
    assert lost["old"] == {"status": "met", "credit": 1, "answer": "automated"}
    assert lost["new"] == {"status": "partial", "credit": 0.5, "answer": "manual"}
    assert {e["cause"] for group in d["criteria"].values() for e in group} == {"project"}
    assert ids(d["blockers"]["resolved"]) == ["delivery.automation", "ops.drift"]
    assert d["blockers"]["new"] == [] and d["blockers"]["count"] == {"old": 2, "new": 0}
    assert d["phase"]["old"]["id"] == "prototype" and d["phase"]["new"] is None
    assert (d["phase"]["change"], d["phase"]["project"], d["phase"]["rubric"]) == ("down", "down", "same")


def test_the_document_has_a_stable_layout(tmp_path, baseline):
    d = diff.compare(baseline, report_of(pilot_copy(tmp_path, *FIXTURE_PROGRESS)))
    assert list(d) == [
        "schema_version",
        "tool",
        "old",
        "new",
        "rubric",
        "score",
        "phase",
        "dimensions",
        "criteria",
        "blockers",
        "regressions",
    ]
    assert d["schema_version"] == 1
    assert list(d["old"]) == ["manifest", "project", "rubric", "tool_version"]
    assert list(d["dimensions"][0]) == ["id", "name", "old", "new", "delta", "project", "rubric", "change"]
    assert list(d["criteria"]["newly_met"][0]) == ["id", "title", "dimension", "field", "old", "new", "cause", "redefined"]
    assert list(d["regressions"][0]) == ["kind", "id", "cause", "message"]


def test_partial_credit_falling_is_a_regression_without_a_status_change(tmp_path, baseline):
    new = report_of(pilot_copy(tmp_path, ("  automation: scripted", "  automation: manual")))
    d = diff.compare(baseline, new)
    assert ids(d["criteria"]["changed"]) == ["delivery.automation"]
    assert overall_score(fixture.PILOT_CREDITS | {"delivery.automation": 0.25}) == 54.8  # delivery 6/9 = 66.7
    assert diff.regressions(d) == [
        "overall score down 5.5 (60.3 → 54.8)",
        "Delivery score down 11.1 (77.8 → 66.7)",
        "delivery.automation down: partial 50% → partial 25%, deployment.automation scripted → manual",
    ]


def test_only_improvements_pass_the_ratchet(tmp_path, baseline):
    new = report_of(
        pilot_copy(tmp_path, ("  automation: scripted", "  automation: ci_cd"), ("  observability: basic", "  observability: tracing"))
    )
    d = diff.compare(baseline, new)
    assert d["score"]["delta"] > 0 and d["phase"]["change"] == "same"
    assert diff.regressions(d) == [] and diff.regressions(d, strict=True) == []
    assert render_diff(d, "text").endswith("\nNo regressions.\n")


def test_applicability_follows_the_project(tmp_path, baseline):
    """The GPU criterion starts to apply when the project starts using GPUs: same answer (none), the project's doing."""
    new = report_of(pilot_copy(tmp_path, ("  uses_gpus: false", "  uses_gpus: true")))
    d = diff.compare(baseline, new)
    changed = {e["id"]: e for e in d["criteria"]["changed"]}
    assert set(changed) == {"ops.gpu"}
    assert {(e["old"]["status"], e["new"]["status"], e["cause"]) for e in changed.values()} == {("not_applicable", "unanswered", "project")}
    assert overall_score(fixture.PILOT_CREDITS | {"ops.gpu": 0.0}) == 59.2  # operations 2.5/8 = 31.3
    assert [r["message"] for r in d["regressions"]] == ["overall score down 1.1 (60.3 → 59.2)", "Operations score down 4.4 (35.7 → 31.3)"]


# ---------------------------------------------------------------- rubric versus project


@pytest.fixture
def rubric_change(tmp_path, baseline) -> dict:
    manifest = pilot_copy(tmp_path, *FIXTURE_PROGRESS)
    rubric = fixture_rubric_1_1(tmp_path)
    return {
        "diff": diff.compare(baseline, report_of(manifest, rubric)),
        "new": report_of(manifest, rubric),
        "counterfactual": report_of(PILOT, rubric),
    }


def test_a_rubric_change_is_named_and_listed(rubric_change):
    r = rubric_change["diff"]["rubric"]
    assert (r["changed"], r["differs"]) == (True, True)
    assert rubric_change["diff"]["old"]["rubric"] == {"id": "fixture", "version": "1.0.0"}
    assert rubric_change["diff"]["new"]["rubric"] == {"id": "fixture", "version": "1.1.0"}
    assert ids(r["criteria"]["added"]) == ["ops.drift_alerts"]
    assert ids(r["criteria"]["removed"]) == ["value.reproducibility"]
    assert [(c["id"], list(c["changes"])) for c in r["criteria"]["redefined"]] == [
        ("delivery.validation", ["expected"]),
        ("delivery.automation", ["weight"]),
    ]
    assert r["criteria"]["redefined"][1]["changes"]["weight"] == {"old": 4, "new": 3}
    assert r["criteria"]["rescored"] == [] and r["aggregation"] is None and r["phases"] is None


def test_criteria_are_attributed_to_rubric_or_project(rubric_change):
    d = rubric_change["diff"]
    causes = {e["id"]: e["cause"] for group in d["criteria"].values() for e in group}
    # the check changed and the answer did not: the rubric; a new weight cannot change a status, the answer did
    assert causes == {
        "delivery.validation": "rubric",
        "delivery.automation": "project",
        "ops.drift": "project",
        "ops.runbooks": "project",
        "delivery.tracking": "project",
        "ops.observability": "project",
    }
    assert d["criteria"]["newly_met"][0]["redefined"] == ["weight"]
    assert [(b["id"], b["cause"]) for b in d["blockers"]["new"]] == [("delivery.validation", "rubric")]


def test_score_changes_split_through_the_new_rubric_applied_to_the_old_project(rubric_change, baseline):
    """The counterfactual is exactly the old manifest assessed with the new rubric when only answers changed."""
    d, new, middle = rubric_change["diff"], rubric_change["new"], rubric_change["counterfactual"]
    assert d["score"]["project"] == round(new["score"] - middle["score"], 1)
    assert d["score"]["rubric"] == round(middle["score"] - baseline["score"], 1)
    assert round(d["score"]["project"] + d["score"]["rubric"], 1) == d["score"]["delta"]
    for row, mid in zip(d["dimensions"], middle["dimensions"], strict=True):
        assert row["project"] == round(row["new"] - mid["score"], 1), row["id"]
        assert row["rubric"] == round(mid["score"] - row["old"], 1), row["id"]
    assert (d["phase"]["change"], d["phase"]["project"], d["phase"]["rubric"]) == ("down", "same", "down")


def test_regressions_from_the_rubric_fail_only_a_strict_ratchet(rubric_change):
    d = rubric_change["diff"]
    project_caused = "delivery.tracking lost: met → partial 50%, deployment.experiment_tracking automated → manual"
    assert diff.regressions(d) == [project_caused]
    assert diff.regressions(d, strict=True) == [
        "overall score down 7.1 from the rubric change (rubric-caused)",
        "Delivery score down 15.3 from the rubric change (rubric-caused)",
        "Operations score down 7.9 from the rubric change (rubric-caused)",
        "delivery.validation lost: met → partial 50% (rubric-caused)",
        project_caused,
        "phase down (Prototype → none) (rubric-caused)",
    ]


def test_same_rubric_version_with_different_definitions_still_separates(tmp_path, baseline):
    """A rubric edited without a version bump is caught by its definitions, not trusted by its version."""
    d = diff.compare(baseline, report_of(PILOT, fixture_rubric_1_1(tmp_path, version="1.0.0")))
    assert (d["rubric"]["changed"], d["rubric"]["differs"]) == (False, True)
    assert d["score"]["project"] == 0 and d["score"]["rubric"] == d["score"]["delta"]
    assert diff.regressions(d) == []
    assert "Rubric fixture 1.0.0, but its definitions differ" in render_diff(d, "text")


@pytest.mark.parametrize(
    "edit, cause",
    [
        ({"answer": "none", "status": "unmet", "credit": 0}, "project"),
        ({"status": "unmet", "credit": 0}, "rubric"),
        ({"status": "waived", "credit": 0.5}, "project"),
        ({"status": "unverified", "credit": 0}, "project"),
        ({"expected": "at least blocking", "answer": "manual", "status": "partial", "credit": 0.5}, "rubric"),
    ],
    ids=["answer", "rescored", "waived", "unverified", "check-and-answer"],
)
def test_cause_rules(baseline, edit, cause):
    new = copy.deepcopy(baseline)
    criterion = next(c for c in new["criteria"] if c["id"] == "delivery.validation")
    criterion.update(edit)
    d = diff.compare(baseline, new)
    (entry,) = d["criteria"]["newly_lost"]
    assert entry["cause"] == cause
    rescored = cause == "rubric" and "expected" not in edit
    assert d["rubric"]["criteria"]["rescored"] == (["delivery.validation"] if rescored else [])


def test_dimensions_added_and_removed(baseline):
    new = copy.deepcopy(baseline)
    new["dimensions"] = [d for d in new["dimensions"] if d["id"] != "operations"] + [
        {
            "id": "ethics",
            "name": "Ethics",
            "weight": 1,
            "score": 50,
            "met": 0,
            "partial": 1,
            "unmet": 0,
            "unanswered": 0,
            "not_applicable": 0,
        }
    ]
    d = diff.compare(baseline, new)
    assert [(x["id"], x["change"], x["delta"]) for x in d["dimensions"][-2:]] == [
        ("ethics", "added", None),
        ("operations", "removed", None),
    ]
    assert d["rubric"]["dimensions"] == {"added": ["ethics"], "removed": ["operations"], "reweighted": []}
    assert d["rubric"]["differs"] and not any(r["kind"] == "dimension" for r in d["regressions"])


# ---------------------------------------------------------------- loading


def write(tmp_path: Path, text: str, name: str = "old.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path) -> str:
    with pytest.raises(InputError) as caught:
        diff.load_report(path)
    return str(caught.value)


HINT = "\n  hint: give a JSON report written by `readiness assess --format json`"


def test_load_report_round_trips_a_written_report(tmp_path, baseline):
    path = write(tmp_path, render_diff(baseline, "json"))
    assert diff.load_report(path) == baseline


def test_load_report_errors(tmp_path, baseline):
    assert load_error(tmp_path / "absent.json") == f"error: {tmp_path / 'absent.json'}: no such report\n  hint: check the path"
    not_json = write(tmp_path, "score: 64.6\n", "report.yaml.json")
    assert load_error(not_json) == f"error: {not_json}:1:1: not valid JSON: Expecting value" + HINT
    array = write(tmp_path, "[1, 2]")
    assert load_error(array) == f"error: {array}:1:1: not a readiness report: the top level is a JSON array, not an object" + HINT
    future = write(tmp_path, json.dumps({**baseline, "schema_version": 2}))
    assert load_error(future) == (
        f"error: {future}:1:20: report schema_version 2 is not supported (this readiness reads 1)\n"
        "  hint: write both reports with the same major version of readiness, or diff the manifests instead"
    )
    partial = write(tmp_path, json.dumps({k: v for k, v in baseline.items() if k not in ("criteria", "roadmap")}))
    assert load_error(partial).splitlines()[::2] == [
        f"error: {partial}:1:1: missing required key 'criteria'",
        f"error: {partial}:1:1: missing required key 'roadmap'",
    ]
    broken = copy.deepcopy(baseline)
    del broken["criteria"][3]["expected"]
    broken_path = write(tmp_path, json.dumps(broken, indent=2))
    assert load_error(broken_path).startswith(f"error: {broken_path}:") and "missing required key 'criteria.3.expected'" in load_error(
        broken_path
    )


def test_as_report_takes_a_report_or_a_manifest(tmp_path, baseline):
    path = write(tmp_path, json.dumps(baseline))
    assert api.load_report(path) == baseline
    assert api.load_report(PILOT, RUBRIC) == baseline
    copy_yml = tmp_path / "readiness.yml"
    shutil.copy(PILOT, copy_yml)
    assert api.load_report(copy_yml, fixture_rubric_1_1(tmp_path))["rubric"]["version"] == "1.1.0"
    with pytest.raises(InputError) as caught:
        api.load_report(tmp_path / "notes.txt")
    assert str(caught.value) == (
        f"error: {tmp_path / 'notes.txt'}: cannot tell a report from a manifest by the suffix .txt\n"
        "  hint: give a JSON report (.json) or a YAML manifest (.yaml, .yml)"
    )


# ---------------------------------------------------------------- rendering


@pytest.fixture
def progress(tmp_path, baseline) -> dict:
    return diff.compare(baseline, report_of(pilot_copy(tmp_path, *FIXTURE_PROGRESS)))


def test_renderers_are_looked_up_by_name(progress):
    assert registry.names(registry.DIFF) == ["text", "markdown", "json"]
    assert registry.for_suffix(registry.DIFF, "trend.md") == "markdown" and registry.for_suffix(registry.DIFF, "trend.json") == "json"
    for format in registry.names(registry.DIFF):
        assert render_diff(progress, format) == render_diff(copy.deepcopy(progress), format)


def test_json_is_the_document(progress):
    text = render_diff(progress, "json")
    assert json.loads(text) == progress and text.endswith("}\n")


def test_text(progress):
    text = render_diff(progress, "text")
    assert text.startswith("Fixture pilot: changes since the baseline\n")
    assert "Readiness score   60.3 → 80.2   +19.9\n" in text
    assert "Phase reached     Prototype (0–6 months) → none   down\n" in text
    assert (
        "  ✗ Experiments are tracked by a tool  delivery.tracking\n    met → partial 50% · deployment.experiment_tracking: automated → manual\n"
        in text
    )
    assert "Regressions (2)\n" in text


def test_markdown(progress):
    text = render_diff(progress, "markdown")
    assert text.startswith("# Readiness trend: Fixture pilot\n")
    assert "| Readiness score | 60.3 | **80.2** | +19.9 |\n" in text
    assert (
        "- **Models are deployed through CI/CD** (delivery.automation): partial 50% → met; deployment.automation: scripted → ci_cd\n"
        in text
    )
    assert "\n\n\n" not in text


def test_manifest_text_cannot_forge_output(progress):
    evil = copy.deepcopy(progress)
    evil["new"]["project"]["name"] = "Fraud | <img src=x> [link](http://x)\n# Approved\x1b[2J"
    evil["criteria"]["newly_met"][0]["title"] = "**bold** `code`"
    markdown = render_diff(evil, "markdown")
    assert "# Readiness trend: Fraud \\| &lt;img src=x&gt; \\[link\\](http\\://x) # Approved\\\\x1b\\[2J\n" in markdown
    assert "- **\\*\\*bold\\*\\* \\`code\\`** (delivery.automation)" in markdown
    text = render_diff(evil, "text")
    assert "\x1b" not in text and text.startswith(
        "Fixture pilot → Fraud | <img src=x> [link](http://x) # Approved\\x1b[2J: changes since the baseline\n"
    )


def test_rubric_change_is_rendered_in_every_format(rubric_change):
    d = rubric_change["diff"]
    text = render_diff(d, "text")
    assert "Rubric fixture 1.0.0 → fixture 1.1.0; changes it caused are marked · rubric\n" in text
    assert "  redefined   delivery.automation  weight 4 → 3\n" in text
    assert "Readiness score   60.3 → 67.4   +7.1   (project +14.2, rubric -7.1)\n" in text
    markdown = render_diff(d, "markdown")
    assert "## Rubric changes\n\n- Added ops.drift_alerts: Drift raises an alert (now unmet)\n" in markdown
    assert "met → partial 50% *(rubric)*" in markdown


# ---------------------------------------------------------------- the trend section of a single report


@pytest.fixture
def report_with_trend_slot(tmp_path) -> Path:
    """The package's report template with the include line the lead adds, as a template override."""
    folder = tmp_path / "templates"
    (folder / "markdown").mkdir(parents=True)
    template = (ROOT / "src" / "readiness" / "reports" / "templates" / "markdown" / "report.md.j2").read_text(encoding="utf-8")
    summary = '{% include "markdown/_summary.md.j2" %}\n'
    assert summary in template
    template = template.replace(summary, summary + '\n{% include "diff/_trend.md.j2" %}\n')
    (folder / "markdown" / "report.md.j2").write_text(template, encoding="utf-8")
    return folder


def test_trend_partial_renders_nothing_without_a_baseline(report_with_trend_slot):
    outcome = api.assess_file(PILOT, RUBRIC)
    plain = api.render(outcome, "markdown")
    assert api.render(outcome, "markdown", RenderOptions(template_dir=report_with_trend_slot)) == plain
    assert api.render(outcome, "markdown", RenderOptions(template_dir=report_with_trend_slot, extra={"trend": None})) == plain


def test_trend_partial_shows_the_trend(tmp_path, baseline, report_with_trend_slot):
    outcome = api.assess_file(pilot_copy(tmp_path, *FIXTURE_PROGRESS), RUBRIC)
    trend = diff.compare(baseline, outcome.report)
    text = api.render(outcome, "markdown", RenderOptions(template_dir=report_with_trend_slot, extra={"trend": trend}))
    section = text[text.index("## Trend since the baseline") : text.index("## Dimensions")]
    assert "| Readiness score | 60.3 | **80.2** | +19.9 |" in section
    assert "| Operations | 35.7 | 92.9 | +57.2 |" in section
    assert "| Value |" not in section  # unchanged dimensions are left to the diff report
    assert "### Newly lost (1)" in section and "### Regressions" in section


# ---------------------------------------------------------------- docs/trends.md quotes real output


# The story docs/trends.md tells on the bundled example: deployment automated, drift detection and runbooks
# added, tracing set up; meanwhile the experiment tracking server was switched off and runs are logged by hand.
PROGRESS = {
    "  automation: scripted": "  automation: ci_cd",
    "  drift_detection: manual": "  drift_detection: automated",
    "  incident_runbooks: false": "  incident_runbooks: true",
    "  observability: basic": "  observability: tracing",
    "  experiment_tracking: automated": "  experiment_tracking: manual",
}


def manifest_copy(folder: Path, replacements: dict[str, str], name: str = "readiness.yaml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def rubric_1_1(folder: Path) -> Path:
    """Version 1.1.0 of the default rubric: stricter data validation, a lighter CI/CD weight, one criterion out, one in."""
    rubric = yaml.safe_load(DEFAULT_RUBRIC.read_text(encoding="utf-8"))
    rubric["version"] = "1.1.0"
    criteria = {c["id"]: c for c in rubric["criteria"]}
    criteria["data.validation"]["check"] = {
        "field": "data.validation",
        "at_least": "blocking",
        "partial": [{"at_least": "automated", "credit": 0.5}, {"at_least": "manual", "credit": 0.25}],
    }
    criteria["deploy.automation"]["weight"] = 3
    portable = copy.deepcopy(criteria["interop.vendor_lock_in"])
    portable.update(
        id="interop.portable_models",
        title="Models move to another platform without rework",
        weight=2,
        phase="production_hardening",
        check={"field": "interoperability.vendor_lock_in", "at_least": "portable"},
    )
    rubric["criteria"] = [c for c in rubric["criteria"] if c["id"] != "org.ai_literacy"] + [portable]
    path = folder / "rubric-1.1.yaml"
    path.write_text(yaml.safe_dump(rubric, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def docs_examples(folder: Path) -> dict[str, str]:
    """The outputs docs/trends.md quotes, made the way the docs say: in a project folder, with relative paths."""
    shutil.copy(EXAMPLE, folder / "readiness.yaml")
    old = api.assess_file("readiness.yaml").report  # what `readiness assess readiness.yaml -o baseline.json` wrote
    manifest_copy(folder, PROGRESS)
    progress = diff.compare(old, api.load_report("readiness.yaml"))
    rubric_1_1(folder)
    rubric = diff.compare(old, api.load_report("readiness.yaml", "rubric-1.1.yaml"))
    excerpt = {key: progress[key] for key in ("score", "phase")} | {"newly_lost": progress["criteria"]["newly_lost"]}
    return {
        "progress-text": render_diff(progress, "text"),
        "progress-json": json.dumps(excerpt, indent=2, ensure_ascii=False) + "\n",
        "progress-markdown": render_diff(progress, "markdown"),
        "rubric-text": render_diff(rubric, "text"),
        "rubric-regressions": "\n".join(diff.regressions(rubric)) + "\n",
        "rubric-regressions-strict": "\n".join(diff.regressions(rubric, strict=True)) + "\n",
    }


BLOCK = re.compile(r"(<!-- output: (?P<name>[\w-]+) -->\n```\w*\n)(?P<body>.*?)(```\n)", re.S)


def test_docs_quote_real_output(tmp_path, monkeypatch, update_golden):
    monkeypatch.chdir(tmp_path)
    examples = docs_examples(tmp_path)
    text = DOCS.read_text(encoding="utf-8")
    if update_golden:
        text = BLOCK.sub(lambda m: m.group(1) + examples[m.group("name")] + m.group(4), text)
        DOCS.write_text(text, encoding="utf-8", newline="\n")
    quoted = {m.group("name"): m.group("body") for m in BLOCK.finditer(text)}
    assert set(quoted) == set(examples)
    for name, body in quoted.items():
        assert body == examples[name], f"docs/trends.md example {name} is stale; {REGENERATE}"


def test_the_change_to_rubric_2_keeps_project_and_rubric_apart(tmp_path):
    """The baseline was scored with rubric 1.0.0; since then the team automated drift detection, and readiness moved to 2.0.0."""
    old = report_of(EXAMPLE, ROOT / "tests" / "data" / "default-rubric-1.0.0.yaml")
    new = api.assess_file(manifest_copy(tmp_path, {"  drift_detection: manual": "  drift_detection: automated"})).report
    d = diff.compare(old, new)
    assert (d["rubric"]["changed"], d["rubric"]["differs"]) == (True, True)
    added = ids(d["rubric"]["criteria"]["added"])
    assert {"gov.compliance_before_launch", "security.red_team_cadence", "agent.kill_switch"} <= set(added)
    redefined = {r["id"]: r["changes"] for r in d["rubric"]["criteria"]["redefined"]}
    assert redefined["gov.lineage"]["phase"] == {"old": "enterprise_scale", "new": "production_hardening"}
    assert redefined["gov.lineage"]["severity"] == {"old": "major", "new": "blocker"}  # the example's consequential profile
    assert redefined["monitor.service_metrics"]["severity"] == {"old": "major", "new": "blocker"}
    causes = {e["id"]: e["cause"] for group in d["criteria"].values() for e in group}
    assert causes["monitor.drift_detection"] == "project"
    assert causes["security.adversarial_testing"] == "rubric"  # manual testing meets 2.0's check; the answer did not move
    assert ids(d["blockers"]["resolved"]) == ["monitor.drift_detection"]
    assert "gov.lineage" in ids(d["blockers"]["new"])
    score = d["score"]
    assert score["project"] > 0 and round(score["project"] + score["rubric"], 1) == score["delta"]
    assert [r for r in d["regressions"] if r["cause"] == "project"] == []
