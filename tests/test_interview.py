"""The guided interview, driven by scripted answers (no terminal): order, applicability, don't know, explain, faithful YAML."""

import textwrap

import pytest

from conftest import criterion_yaml, make_rubric, run_cli

pytest.importorskip("ruamel.yaml")

from readiness.cli import starter as cli_starter
from readiness.cli.interview import DONT_KNOW, EXPLAIN, STOP, interview, prompt_line
from readiness.input.source import parse
from readiness.manifest.load import parse_manifest

RUBRIC = make_rubric(
    criterion_yaml("ops.registry", "{field: deployment.model_registry, at_least: registry}", weight=5, severity="blocker"),
    criterion_yaml("ops.audits", "{field: security.audits, at_least: regular}", weight=1),
    criterion_yaml(
        "ops.gpus",
        "{field: compute.gpu_utilization_monitored, equals: true}",
        weight=3,
        applies_if="{field: project.uses_gpus, equals: true}",
    ),
    criterion_yaml("ops.drift", "{field: monitoring.drift_detection, at_least: automated}", weight=2),
    criterion_yaml("ops.answered", "{field: data.versioned_datasets, equals: true}", weight=4),
)

MANIFEST = textwrap.dedent("""\
    # Our pilot. Reviewed by the platform team.
    version: 1
    project:
      name: Pilot   # the working name
      # not decided yet:
      uses_gpus:
    data:
      versioned_datasets: true  # since March
    security:
      audits:       # the CISO books them
    # trailing note
    """)


class Script:
    """Answers by field; records what was asked, in order."""

    def __init__(self, answers):
        self.answers = answers
        self.asked = []

    def __call__(self, question, number, total):
        self.asked.append(question)
        answer = self.answers.get(question.field, DONT_KNOW)
        if isinstance(answer, tuple):  # answers to the same question asked again
            self.answers[question.field] = answer[1:] if len(answer) > 2 else answer[1]
            return answer[0]
        return answer


def run(answers, text=MANIFEST, rubric=RUBRIC):
    said = []
    script = Script(dict(answers))
    result = interview(text, rubric, script, said.append, "m.yaml")
    return result, [q.field for q in script.asked], script.asked, said


def test_use_case_facts_first_then_the_questions_that_apply_most_points_first():
    _, asked, questions, _ = run({"project.uses_gpus": "false"})
    facts = [f for f in asked if f.startswith(("project.", "governance.eu_ai_act_risk"))]
    assert asked[: len(facts)] == facts and "project.uses_gpus" in facts
    assert asked[len(facts) :] == ["deployment.model_registry", "monitoring.drift_detection", "security.audits"]
    points = [q.points for q in questions[len(facts) :]]
    assert points == sorted(points, reverse=True) and points[0] > points[-1]
    assert "compute.gpu_utilization_monitored" not in asked and "data.versioned_datasets" not in asked


def test_a_fact_that_makes_a_criterion_apply_adds_its_question():
    _, asked, _, _ = run({"project.uses_gpus": "true"})
    assert "compute.gpu_utilization_monitored" in asked


def test_dont_know_leaves_the_field_unanswered_and_answers_are_written_as_users_write_them():
    result, _, _, _ = run({"project.uses_gpus": "false", "deployment.model_registry": "registry", "security.audits": DONT_KNOW})
    manifest = parse_manifest(parse(result.text, "m.yaml"))
    assert manifest.deployment.model_registry.value == "registry"
    assert manifest.security.audits is None and manifest.project.uses_gpus is False
    assert "security.audits" in result.skipped and "deployment.model_registry" in result.answered
    assert "uses_gpus: false" in result.text and "model_registry: registry" in result.text


def test_explain_on_request_then_the_question_again():
    result, asked, _, said = run({"project.uses_gpus": "false", "deployment.model_registry": (EXPLAIN, "files")})
    assert asked.count("deployment.model_registry") == 2
    assert any("ops.registry: Title of ops.registry (blocker)" in s and "Do the thing." in s for s in said)
    assert "model_registry: files" in result.text


def test_a_wrong_answer_is_refused_and_asked_again():
    result, asked, _, said = run({"project.uses_gpus": ("wrong", "false")})
    assert asked.count("project.uses_gpus") == 2
    assert any("not taken: answer true or false" in s for s in said)
    assert "uses_gpus: false" in result.text


def test_comments_and_key_order_survive():
    result, _, _, _ = run({"project.uses_gpus": "false", "security.audits": "regular", "deployment.model_registry": "registry"})
    old, new = MANIFEST.splitlines(), result.text.splitlines()
    comments = [line for line in old if "#" in line]
    kept = [line for line in new if "#" in line]
    assert [c.split("#", 1)[1] for c in comments] == [k.split("#", 1)[1] for k in kept]
    keys = [line.split(":")[0] for line in new if not line.lstrip().startswith("#") and ":" in line]
    assert keys[:8] == ["version", "project", "  name", "  uses_gpus", "data", "  versioned_datasets", "security", "  audits"]
    assert "  audits: regular # the CISO books them" in new
    assert result.text.index("deployment:") > result.text.index("security:")


def test_stop_keeps_what_was_answered():
    def ask(question, number, total):
        if question.field == "project.uses_gpus":
            return "false"
        return DONT_KNOW if question.points is None else STOP

    result = interview(MANIFEST, RUBRIC, ask, lambda _: None, "m.yaml")
    assert result.stopped and result.answered == ["project.uses_gpus"] and "security.audits" not in result.skipped
    assert "uses_gpus: false" in result.text


def test_a_manifest_without_a_name_asks_for_it_first():
    asked = []

    def ask(question, number, total):
        asked.append(question.field)
        return "Shop search" if question.field == "project.name" else STOP

    result = interview("version: 1\n", RUBRIC, ask, lambda _: None, "m.yaml")
    assert asked[0] == "project.name" and "name: Shop search" in result.text


def test_the_prompt_shows_the_points():
    _, _, questions, _ = run({"project.uses_gpus": "false"})
    line = prompt_line(questions[-1], 3, 3)
    assert line.startswith("[3/3] security.audits (+") and "points)" in line


def test_init_interactive_and_interview_write_the_file(tmp_path):
    target = tmp_path / "r.yaml"
    answers = Script({"project.name": "Shop search", "project.uses_gpus": "false", "deployment.automation": "ci_cd"})
    assert cli_starter.init(str(target), False, None, True, False, ask=answers) == 0
    text = target.read_text()
    assert answers.asked[0].field == "project.name" and "  name: Shop search\n" in text
    assert "uses_gpus: false" in text and "automation: ci_cd" in text
    assert text.startswith("# yaml-language-server:")
    again = Script({"deployment.model_registry": "registry"})
    assert cli_starter.interview(str(target), None, False, ask=again) == 0
    assert "deployment.automation" not in [q.field for q in again.asked]
    assert "model_registry: registry" in target.read_text() and "automation: ci_cd" in target.read_text()


def test_the_terminal_prompts_typed_into_a_pipe(tmp_path):
    pytest.importorskip("questionary")
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from readiness.cli.interview import terminal_asker

    with create_pipe_input() as keys:
        keys.send_text("j\r")  # project.uses_gpus: true, false -> false (j moves down)
        keys.send_text("jjjjjj\r")  # eu_ai_act_risk: six tiers, then don't know
        keys.send_text("jjjjj\r")  # model_registry: four levels, don't know, explain
        keys.send_text("jj\r")  # asked again: registry
        keys.send_text("\x03")  # Ctrl-C: stop, keep the answers
        said = []
        manifest = (
            "version: 1\nproject:\n  name: P\n  stage: pilot\n  business_mode: growth\n  serves_predictions: true\n"
            "  uses_generative_ai: false\n  uses_agents: false\n  model_source: in_house\n  autonomy: recommend\n"
            "  data_sensitivity: internal\n  impact: low\n  workload: online\n"
        )
        result = interview(manifest, RUBRIC, terminal_asker(input=keys, output=DummyOutput()), said.append, "m.yaml")
    assert result.stopped
    assert result.answered == ["project.uses_gpus", "deployment.model_registry"]
    assert result.skipped == ["governance.eu_ai_act_risk"]
    assert "model_registry: registry" in result.text and any("ops.registry" in s for s in said)


def test_the_interview_needs_a_terminal(tmp_path):
    (tmp_path / "m.yaml").write_text(MANIFEST)
    result = run_cli("interview", "m.yaml", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("error: the interview needs a terminal\n  hint: ")
    assert (tmp_path / "m.yaml").read_text() == MANIFEST


def test_a_missing_optional_package_is_a_clear_error(monkeypatch):
    import sys

    from readiness.cli.interview import terminal_asker
    from readiness.common.errors import UsageError

    monkeypatch.setitem(sys.modules, "questionary", None)
    with pytest.raises(UsageError) as raised:
        terminal_asker()
    assert "readiness[interview]" in raised.value.hint


def test_init_interactive_stopped_before_the_name_writes_nothing(tmp_path):
    target = tmp_path / "r.yaml"
    assert cli_starter.init(str(target), False, None, True, False, ask=lambda q, n, t: STOP) == 0
    assert not target.exists()
