"""The traps of issue 13, the draft manifest, the JSON findings and the comparison with a manifest's claims."""

import json
import re
from pathlib import Path

import pytest

from readiness.common.errors import UsageError
from readiness.input.source import parse
from readiness.manifest.load import parse_manifest
from readiness.scan import SCHEMA_VERSION, compare, render, scan_repository
from readiness.scan.compare import CONTRADICTED, NOT_CHECKED, NOT_OBSERVED, OBSERVED, verify_with_scan
from readiness.scoring.evidence import EvidenceCheck, Unverified
from scan_cases import POSITIVE, gha


def repo(root: Path, *cases: str, extra: dict[str, str] | None = None) -> Path:
    files: dict[str, str] = {}
    for case in cases:
        files.update(POSITIVE[case])
    files.update(extra or {})
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root


def answers(root: Path) -> dict:
    return {a.field: a.value for a in scan_repository(root).answers}


# ------------------------------------------------------------------- traps


def test_library_in_requirements_that_nothing_calls(tmp_path):
    repo(
        tmp_path,
        extra={
            "requirements.txt": "mlflow\nevidently\ngreat_expectations\nopenai\n",
            "pyproject.toml": "[project]\nname = 'x'\ndependencies = ['wandb', 'langchain']\n",
            "train.py": "import mlflow\nimport openai\n\nprint('training')\n",
        },
    )
    assert answers(tmp_path) == {}


def test_ci_that_only_tests_or_posts_a_report(tmp_path):
    repo(
        tmp_path,
        extra={
            ".github/workflows/ci.yml": gha("pytest -q && echo deploy skipped && gh pr comment --body-file report.md"),
            ".github/workflows/eval.yml": gha("python evaluate.py > report.md"),
        },
    )
    assert "deployment.automation" not in answers(tmp_path)


def test_documentation_describing_a_practice_is_not_the_practice(tmp_path):
    repo(
        tmp_path,
        extra={
            "docs/architecture.md": "We deploy with `kubectl apply` from CI and monitor drift with Evidently.\n",
            "README.md": "## Future work\nAdd drift detection with evidently and a model registry.\n",
            "docs/examples/drift.py": "from evidently import Report\nReport([])\n",
            "examples/train.py": "import mlflow\nmlflow.log_metric('a', 1)\n",
        },
    )
    assert answers(tmp_path) == {}


def test_a_rule_file_that_quotes_a_pattern_is_not_the_practice(tmp_path):
    """A linter's or scanner's rules name what they look for; readiness scanning its own detectors found two 'practices'."""
    repo(
        tmp_path,
        extra={
            "rules/iam.yaml": (
                "rules:\n  - id: no-admin\n    patterns: ['\"Action\"\\s*:\\s*\"\\*\"', 'arn:aws:iam::aws:policy/AdministratorAccess']\n"
            ),
            "rules/rollback.yaml": "rules:\n  - id: rollback\n    keywords: [AutoRollbackConfiguration]\n",
        },
    )
    assert answers(tmp_path) == {}
    repo(
        tmp_path,
        extra={
            "infra/policy.yaml": "ManagedPolicyArns:\n  - arn:aws:iam::aws:policy/AdministratorAccess\n",
            "infra/endpoint.yaml": "DeploymentConfig:\n  AutoRollbackConfiguration:\n    Alarms: []\n",
        },
    )
    assert answers(tmp_path) == {"security.privilege": "broad", "deployment.rollback": "automated"}


def test_disabled_monitoring_contradicts_a_drift_claim(tmp_path, default_rubric):
    repo(tmp_path, "drift.monitoring_disabled_config")
    result = scan_repository(tmp_path)
    assert "monitoring.drift_detection" not in {a.field for a in result.answers}
    checks = {c.criterion: c for c in compare(manifest(monitoring={"drift_detection": "automated"}), default_rubric, result)}
    drift = next(c for c in checks.values() if c.field == "monitoring.drift_detection")
    assert drift.status == CONTRADICTED
    assert drift.findings[0].evidence.path == "deploy/endpoint.yml"


def test_non_blocking_validation_is_automated_not_blocking(tmp_path):
    repo(
        tmp_path,
        "validation.pandera_swallowed",
        extra={".github/workflows/dbt.yml": "on: push\njobs:\n  d:\n    steps:\n      - run: dbt test\n        continue-on-error: true\n"},
    )
    assert answers(tmp_path)["data.validation"] == "automated"


def test_a_class_named_llm_is_not_generative(tmp_path):
    repo(
        tmp_path,
        extra={
            "model.py": "import torch\nfrom transformers import BertModel\nclass LLM(torch.nn.Module):\n"
            "    def __init__(self):\n        self.llm = BertModel.from_pretrained('bert-base-uncased')\n"
            "        self.head = torch.nn.Linear(768, 2)\nmodel = LLM()\nllm = LLM()\nllm.generate = None\n"
        },
    )
    assert "project.uses_generative_ai" not in answers(tmp_path)
    repo(tmp_path, extra={"serve.py": "from vllm import LLM\nllm = LLM(model='mistral')\n"})
    assert answers(tmp_path)["project.uses_generative_ai"] is True


def test_data_committed_to_git_is_not_dataset_versioning(tmp_path):
    repo(tmp_path, extra={"data/train.csv": "a,b\n1,2\n", "data/raw/events.parquet": "x", ".gitattributes": "*.csv filter=lfs\n"})
    assert "data.versioned_datasets" not in answers(tmp_path)


def test_input_only_jailbreak_classifier_is_neither_injection_testing_nor_output_filtering(tmp_path):
    repo(
        tmp_path,
        extra={
            "guard.py": "from llm_guard import scan_prompt\nfrom llm_guard.input_scanners import PromptInjection\n"
            "from transformers import pipeline\nclf = pipeline('text-classification', model='deberta-prompt-injection')\n"
            "def check(prompt):\n    return scan_prompt([PromptInjection()], prompt)\n"
        },
    )
    found = answers(tmp_path)
    assert "security.prompt_injection_testing" not in found and "security.output_filtering" not in found


def test_absence_is_not_found_never_the_worst_level(tmp_path):
    repo(tmp_path, extra={"app.py": "print('hello')\n"})
    result = scan_repository(tmp_path)
    assert result.answers == ()
    assert "deployment.automation" in {n.field for n in result.not_found}
    draft = render(result, "yaml")
    assert parse_manifest(parse(draft, "d.yaml")).deployment.automation is None


def test_disagreeing_findings_are_a_conflict_left_out_of_the_draft(tmp_path):
    repo(tmp_path, "model_source.trained_in_house", "model_source.hosted_api")
    result = scan_repository(tmp_path)
    assert [c.field for c in result.conflicts] == ["project.model_source"]
    assert "model_source:" not in render(result, "yaml").split("# Findings that disagree")[0]


# ----------------------------------------------------------------- outputs

EVERYTHING = (
    "tracking.mlflow_calls",
    "registry.mlflow_registered_model",
    "deploy.workflow_deploys",
    "serving.python_endpoint",
    "genai.hosted_llm_call",
    "agents.llm_call_with_tools",
    "owner.codeowners",
    "secrets.kubernetes_secret_refs",
    "privilege.kubernetes_cluster_admin",
    "versioning.dvc_tracked_data",
    "pipeline.dvc_stages",
    "drift.library_in_pipeline",
    "workload.online_endpoint",
)


def test_draft_is_a_valid_manifest_with_evidence_and_questions(tmp_path, default_rubric):
    repo(tmp_path, *EVERYTHING)
    result = scan_repository(tmp_path, default_rubric)
    text = render(result, "yaml")
    manifest = parse_manifest(parse(text, "draft.yaml"))
    assert manifest.project.owner == "@acme/ml-platform"
    assert manifest.deployment.automation.value == "ci_cd"
    assert manifest.deployment.model_registry.value == "registry"
    assert manifest.security.privilege.value == "broad"
    assert manifest.project.uses_agents is True
    assert manifest.evidence["deployment.automation"] == [".github/workflows/ci.yml"]
    assert "# evidence: .github/workflows/ci.yml:8  - run: kubectl apply -f k8s/" in text
    questions = text.split("# Questions only the team can answer")[1].splitlines()[1:]
    assert questions and all(q.startswith("#   ") for q in questions)
    assert "(blocker" in questions[0]  # prototype-phase blockers come first
    assert not any(q.startswith("#   deployment.automation") for q in questions)
    assert "project.workload" in text.split("# Questions only the team can answer")[0]  # a use-case fact the model knows (rubric 2.0)


def test_json_findings_document(tmp_path, default_rubric):
    repo(tmp_path, *EVERYTHING, extra={"bin.py": "\0"})
    result = scan_repository(tmp_path, default_rubric)
    data = json.loads(render(result, "json"))
    assert data["schema_version"] == SCHEMA_VERSION
    finding = next(f for f in data["findings"] if f["detector"] == "deploy.workflow_deploys")
    assert finding == {
        "field": "deployment.automation",
        "value": "ci_cd",
        "detector": "deploy.workflow_deploys",
        "answers": True,
        "contradicts": [],
        "evidence": {"path": ".github/workflows/ci.yml", "line": 8, "excerpt": "- run: kubectl apply -f k8s/"},
    }
    assert {"path": "bin.py", "reason": "binary"} in data["skipped"]
    missing = {n["field"]: n for n in data["not_found"]}
    assert "monitoring.service_metrics" in missing and missing["monitoring.service_metrics"]["looked_for"]
    workload = next(a for a in data["answers"] if a["field"] == "project.workload")
    assert workload["in_manifest_model"] is True


def test_outputs_are_deterministic(tmp_path, default_rubric):
    repo(tmp_path, *EVERYTHING)
    first, second = scan_repository(tmp_path, default_rubric), scan_repository(tmp_path, default_rubric)
    for fmt in ("yaml", "json", "markdown", "text"):
        assert render(first, fmt) == render(second, fmt)
        assert render(first, fmt).endswith("\n")
    assert "| `deployment.automation` | ci_cd |" in render(first, "markdown")


def test_notebook_cells_give_cell_and_line(tmp_path):
    from scan_cases import notebook

    (tmp_path / "explore.ipynb").write_text(notebook("import pandas as pd\n%matplotlib inline", "import wandb\nwandb.init(project='p')"))
    finding = next(f for f in scan_repository(tmp_path).findings if f.detector == "tracking.wandb_calls")
    assert (finding.evidence.cell, finding.evidence.line) == (2, 2)
    assert finding.evidence.location() == "explore.ipynb:cell 2:2"


def test_secrets_are_masked_in_every_output(tmp_path):
    repo(tmp_path, "secrets.hardcoded_credential")
    result = scan_repository(tmp_path)
    assert result.answer("security.secrets_management").value is False
    for fmt in ("yaml", "json", "markdown", "text"):
        assert "A1b2C3d4E5f6" not in render(result, fmt)


def test_unknown_format_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        render(scan_repository(tmp_path), "html")


# --------------------------------------------------------------- comparison


def manifest(**sections):
    data = {"version": 1, "project": {"name": "p"}, **sections}
    return parse_manifest(parse(json.dumps(data), "m.yaml"))


def by_field(checks):
    return {c.field: c for c in checks}


def test_hand_run_deploy_script_contradicts_ci_cd(tmp_path, default_rubric):
    repo(tmp_path, "deploy.script_by_hand")
    claims = manifest(deployment={"automation": "ci_cd"}, business_value={"success_metrics": "defined"}, data={"validation": "automated"})
    checks = by_field(compare(claims, default_rubric, scan_repository(tmp_path)))
    assert checks["deployment.automation"].status == CONTRADICTED
    assert checks["deployment.automation"].findings[0].evidence.path == "scripts/deploy.sh"
    assert checks["business_value.success_metrics"].status == NOT_CHECKED
    assert checks["data.validation"].status == NOT_OBSERVED
    assert "deployment.model_registry" not in checks  # unanswered claims are not listed


def test_a_deploying_workflow_makes_the_claim_observed(tmp_path, default_rubric):
    repo(tmp_path, "deploy.script_by_hand", "deploy.workflow_deploys")
    checks = by_field(compare(manifest(deployment={"automation": "scripted"}), default_rubric, scan_repository(tmp_path)))
    assert checks["deployment.automation"].status == OBSERVED
    checks = by_field(compare(manifest(deployment={"automation": "continuous"}), default_rubric, scan_repository(tmp_path)))
    assert checks["deployment.automation"].status == NOT_OBSERVED  # ci_cd is shown; continuous delivery is not, and nothing rules it out


def test_scan_corroborates_evidence_for_verify_evidence(tmp_path, default_rubric):
    repo(tmp_path, "deploy.workflow_deploys")
    checks = compare(
        manifest(deployment={"automation": "ci_cd"}, data={"validation": "automated"}), default_rubric, scan_repository(tmp_path)
    )
    deploy_id = next(c.criterion for c in checks if c.field == "deployment.automation")
    data_id = next(c.criterion for c in checks if c.field == "data.validation")
    secrets = compare(
        manifest(security={"secrets_management": True}),
        default_rubric,
        scan_repository(repo(tmp_path / "s", "secrets.manager_calls", "secrets.hardcoded_credential")),
    )
    assert by_field(secrets)["security.secrets_management"].status == CONTRADICTED  # a key in code, whatever else is found
    before = EvidenceCheck(
        str(tmp_path),
        (),
        (Unverified(deploy_id, "deployment.automation", "none given", ()), Unverified(data_id, "data.validation", "none given", ())),
    )
    after = verify_with_scan(before, checks)
    assert [u.criterion for u in after.unverified] == [data_id]


def test_import_lines_are_the_ones_an_anchored_regex_finds():
    """The keyword search is a faster form of one regex: an import keyword and a blank after a line start or a '"'."""
    from readiness.scan.match import import_keywords

    anchored = re.compile(r'(?m)(?:^|")[ \t]*(?:(from)|import)[ \t]')
    texts = [
        "import os\nfrom a import b\n",
        '  from y import z\n"import a"\nx = "  from q import r"\n',
        "fromage import x\nximport y\nimport\n\nfrom\tz import w\n",
        "def f():\n\timport json\n    # from here on\n    return 'taken from a file'\n",
        '{"source": ["import torch\\n", "from mlflow import log_metric\\n"]}',
        "from",
        "import ",
        "",
    ]
    for text in texts:
        assert import_keywords(text) == [(m.group(1) is not None, m.end()) for m in anchored.finditer(text)], text
