"""Fixture repositories for every scan detector: the smallest files that should make it fire.

The negative of each case is the same repository with every line commented
out (the "commented-out configuration" trap), unless NEGATIVE gives one.
Written by hand for these tests; nothing here comes from a public repository.
"""

import json


def gha(run: str, on: str = "push", runs_on: str = "ubuntu-latest", key: str = "run") -> str:
    return (
        f"name: w\non: {on}\njobs:\n  main:\n    runs-on: {runs_on}\n    steps:\n      - uses: actions/checkout@v4\n      - {key}: {run}\n"
    )


def notebook(*cells: str) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "source": c, "outputs": []} for c in cells], "nbformat": 4})


W = ".github/workflows/ci.yml"

POSITIVE: dict[str, dict[str, str]] = {
    "genai.hosted_llm_call": {
        "app.py": "from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model='gpt-4o', messages=[])\n"
    },
    "genai.framework_chat_model": {"app.py": "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model='gpt-4o')\n"},
    "genai.transformers_generation_pipeline": {
        "gen.py": "from transformers import pipeline\ng = pipeline('text-generation', model='gpt2')\n"
    },
    "genai.in_house_sampling": {
        "model.py": "import torch\nclass GPT:\n    def generate(self, idx):\n        logits = self(idx)\n"
        "        return torch.multinomial(logits, 1)\n"
    },
    "agents.framework_agent": {"agent.py": "from langgraph.prebuilt import create_react_agent\nagent = create_react_agent(model, tools)\n"},
    "agents.llm_call_with_tools": {
        "agent.py": "import openai\nc = openai.OpenAI()\nc.chat.completions.create(model='m', messages=[], tools=TOOLS)\n"
    },
    "model_source.hosted_api": {"app.py": "import anthropic\nc = anthropic.Anthropic()\nc.messages.create(model='claude', messages=[])\n"},
    "model_source.fine_tuning": {"tune.py": "from peft import get_peft_model, LoraConfig\nm = get_peft_model(base, LoraConfig(r=8))\n"},
    "model_source.trained_in_house": {
        "train.py": "from sklearn.ensemble import RandomForestClassifier\nclf = RandomForestClassifier()\nclf.fit(X, y)\n"
    },
    "autonomy.human_approval": {"graph.py": "from langgraph.graph import StateGraph\napp = builder.compile(interrupt_before=['tools'])\n"},
    "gpus.kubernetes_request": {
        "k8s/deploy.yaml": "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n"
        "          resources:\n            limits:\n              nvidia.com/gpu: 1\n"
    },
    "gpus.compose_device": {
        "docker-compose.yml": "services:\n  model:\n    deploy:\n      resources:\n        reservations:\n          devices:\n"
        "            - driver: nvidia\n              capabilities: [gpu]\n"
    },
    "gpus.workflow_runner": {W: gha("python train.py", runs_on="[self-hosted, gpu]")},
    "gpus.terraform_accelerator": {
        "infra/main.tf": 'resource "google_compute_instance" "t" {\n  guest_accelerator {\n    type = "nvidia-tesla-t4"\n  }\n}\n'
    },
    "gpus.sagemaker_gpu_instance": {
        "job.py": 'import sagemaker\nest = sagemaker.estimator.Estimator(image, role, instance_type="ml.g5.xlarge")\n'
    },
    "serving.python_endpoint": {
        "serve.py": "from fastapi import FastAPI\napp = FastAPI()\n@app.post('/predict')\ndef predict(x):\n    return model.predict(x)\n"
    },
    "serving.model_server": {"service.py": "import bentoml\n@bentoml.service\nclass Classifier:\n    pass\n"},
    "serving.kubernetes_inference_service": {
        "k8s/isvc.yaml": "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n"
    },
    "serving.container_command": {"Dockerfile": 'FROM python:3.12\nCMD ["mlflow", "models", "serve", "-m", "model"]\n'},
    "serving.sagemaker_endpoint": {
        "deploy_endpoint.py": "import sagemaker\nmodel = sagemaker.model.Model(image, data)\nmodel.deploy(initial_instance_count=1)\n"
    },
    "workload.online_endpoint": {"service.py": "from ray import serve\n@serve.deployment\nclass M:\n    pass\n"},
    "workload.streaming_consumer": {"consume.py": "from kafka import KafkaConsumer\nc = KafkaConsumer('events')\n"},
    "workload.batch_scoring": {
        "batch.py": "from sagemaker.transformer import Transformer\nt = Transformer(model_name='m', instance_count=1)\n"
    },
    "workload.chat_interface": {"ui.py": "import gradio as gr\ngr.ChatInterface(respond).launch()\n"},
    "pipeline.orchestrator_code": {"dags/train.py": "from airflow import DAG\nwith DAG('train', schedule='@daily') as dag:\n    pass\n"},
    "pipeline.dbt_project": {"dbt_project.yml": "name: shop\nmodel-paths: [models]\n"},
    "pipeline.azureml_pipeline_job": {"pipelines/train.yml": "type: pipeline\njobs:\n  prep:\n    command: python prep.py\n"},
    "pipeline.dvc_stages": {"dvc.yaml": "stages:\n  prepare:\n    cmd: python prepare.py\n"},
    "pipeline.mlproject_entry_points": {"MLproject": "name: p\nentry_points:\n  main:\n    command: python train.py\n"},
    "pipeline.scheduled_workflow": {W: gha("python pipelines/ingest.py", on="\n  schedule:\n    - cron: '0 3 * * 1'")},
    "validation.pandera_blocking": {"pipeline/check.py": "import pandera as pa\nschema = pa.DataFrameSchema({})\nschema.validate(df)\n"},
    "validation.pandera_swallowed": {
        "pipeline/check.py": "import pandera as pa\ntry:\n    schema.validate(df)\nexcept Exception:\n    print('bad')\n"
    },
    "validation.great_expectations_blocking": {
        "pipeline/ge.py": "import great_expectations as gx\nresult = context.run_checkpoint('c')\n"
        "if not result.success:\n    raise SystemExit(1)\n"
    },
    "validation.great_expectations_run": {"pipeline/ge.py": "import great_expectations as gx\nresult = context.run_checkpoint('c')\n"},
    "validation.airflow_ge_operator": {
        "dags/ge.py": "from great_expectations_provider.operators.great_expectations import GreatExpectationsOperator\n"
        "t = GreatExpectationsOperator(task_id='v', checkpoint_name='c')\n"
    },
    "validation.tfdv": {"validate.py": "import tensorflow_data_validation as tfdv\nanomalies = tfdv.validate_statistics(stats, schema)\n"},
    "validation.deequ": {"checks.py": "from pydeequ.verification import VerificationSuite\nVerificationSuite(spark).onData(df).run()\n"},
    "validation.dbt_tests": {W: gha("dbt build --target prod")},
    "versioning.dvc_tracked_data": {"data/train.csv.dvc": "outs:\n- md5: 1a2b3c\n  path: train.csv\n"},
    "versioning.platform_dataset_version": {
        "log_data.py": "import wandb\nart = wandb.Artifact('train', type='dataset')\nrun.log_artifact(art)\n"
    },
    "versioning.azureml_data_asset": {
        "data/asset.yml": "$schema: https://azuremlschemas.azureedge.net/latest/data.schema.json\nname: d\nversion: 3\n"
    },
    "contracts.dbt_enforced": {"models/schema.yml": "models:\n  - name: orders\n    config:\n      contract:\n        enforced: true\n"},
    "contracts.avro_schema": {"schemas/event.avsc": '{"type": "record", "name": "Event", "fields": []}\n'},
    "contracts.tfdv_schema": {"schema/schema.pbtxt": 'feature {\n  name: "age"\n}\n'},
    "features.feast_remote_registry": {"features/feature_store.yaml": "project: shop\nregistry: s3://bucket/registry.db\nprovider: aws\n"},
    "features.feast_local": {"features/feature_store.yaml": "project: shop\nregistry: data/registry.db\nprovider: local\n"},
    "features.managed_store": {"fs.py": "import hopsworks\nproject = hopsworks.login()\n"},
    "tracking.mlflow_calls": {"train.py": "import mlflow\nwith mlflow.start_run():\n    mlflow.log_metric('acc', 0.9)\n"},
    "tracking.wandb_calls": {"train.py": "import wandb\nwandb.init(project='p')\n"},
    "tracking.other_trackers": {"train.py": "from dvclive import Live\nwith Live() as live:\n    live.log_metric('acc', 1)\n"},
    "tracking.dvc_metrics": {"dvc.yaml": "stages:\n  evaluate:\n    cmd: python evaluate.py\n    metrics:\n      - metrics.json\n"},
    "registry.mlflow_registered_model": {"register.py": "import mlflow\nmlflow.register_model('runs:/1/model', 'churn')\n"},
    "registry.platform_registry": {
        "promote.py": "import wandb\nrun = wandb.init()\nrun.link_model(path='model', registered_model_name='churn')\n"
    },
    "registry.azureml_model_asset": {"model.yml": "$schema: https://azuremlschemas.azureedge.net/latest/model.schema.json\nname: m\n"},
    "registry.model_files": {"train.py": "import joblib\njoblib.dump(model, 'model.joblib')\n"},
    "deploy.workflow_deploys": {W: gha("kubectl apply -f k8s/")},
    "deploy.script_by_hand": {"scripts/deploy.sh": "#!/bin/sh\nkubectl apply -f k8s/\n"},
    "rollback.progressive_delivery": {"k8s/rollout.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: m\n"},
    "rollback.sagemaker_auto_rollback": {"deploy_config.py": "config = {'AutoRollbackConfiguration': {'Alarms': []}}\n"},
    "rollback.rollback_workflow": {W: gha("helm rollback model 0", on="workflow_dispatch")},
    "rollback.rollback_script": {"scripts/rollback.sh": "#!/bin/sh\nkubectl rollout undo deployment/model\n"},
    "retraining.scheduled_workflow": {W: gha("python train.py", on="\n  schedule:\n    - cron: '0 3 * * 1'")},
    "retraining.orchestrated_schedule": {
        "dags/retrain.py": "from airflow import DAG\nwith DAG('retrain', schedule='@weekly') as dag:\n"
        "    train = PythonOperator(task_id='train')\n"
    },
    "retraining.triggered_workflow": {W: gha("python retrain.py", on="\n  repository_dispatch:\n    types: [drift]")},
    "integration.api_endpoint": {"service.py": "import bentoml\n@bentoml.service\nclass Classifier:\n    pass\n"},
    "integration.fastapi_predict_route": {
        "api.py": "from fastapi import FastAPI\napp = FastAPI()\n@app.post('/v1/predict')\ndef p(x):\n    return 1\n"
    },
    "owner.codeowners": {".github/CODEOWNERS": "* @acme/ml-platform\n"},
    "model_card.file": {"MODEL_CARD.md": "# Churn model\n## Intended use\nScoring churn risk for retention offers.\n"},
    "model_card.hf_readme": {"README.md": "---\nmodel-index:\n- name: m\n---\n# m\n## Intended uses & limitations\nText.\n"},
    "open_format.onnx_export": {"export.py": "import torch\ntorch.onnx.export(model, x, 'model.onnx')\n"},
    "open_format.safetensors": {"save.py": "from safetensors.torch import save_file\nsave_file(state, 'model.safetensors')\n"},
    "open_format.pmml": {"export.py": "from sklearn2pmml import sklearn2pmml\nsklearn2pmml(pipeline, 'model.pmml')\n"},
    "standard_api.openapi_spec": {"api/openapi.yaml": "openapi: 3.0.3\ninfo:\n  title: t\npaths:\n  /predict: {}\n"},
    "standard_api.openapi_framework": {"serve.py": "from fastapi import FastAPI\napp = FastAPI()\n"},
    "swappable.provider_abstraction": {"llm.py": "import litellm\nlitellm.completion(model=cfg.model, messages=[])\n"},
    "swappable.hard_wired_vendor_sdk": {
        "llm.py": "from openai import OpenAI\nOpenAI().chat.completions.create(model='gpt-4o', messages=[])\n"
    },
    "inference.optimized_runtime": {"serve.py": "import onnxruntime as ort\nsession = ort.InferenceSession('model.onnx')\n"},
    "capacity.load_test": {"load/locustfile.py": "from locust import HttpUser\nclass U(HttpUser):\n    pass\n"},
    "capacity.k6_script": {"load/test.js": "import http from 'k6/http';\nexport default function () { http.get('http://svc/predict'); }\n"},
    "scaling.kubernetes_autoscaler": {"k8s/hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: m\n"},
    "scaling.serving_autoscaling": {
        "k8s/isvc.yaml": "kind: InferenceService\nspec:\n  predictor:\n    minReplicas: 1\n    maxReplicas: 5\n"
    },
    "scaling.cloud_autoscaling": {"infra/scale.tf": 'resource "aws_appautoscaling_target" "t" {\n  max_capacity = 4\n}\n'},
    "drift.library_in_pipeline": {
        "monitor/drift.py": "from evidently import Report\nfrom evidently.presets import DataDriftPreset\n"
        "report = Report([DataDriftPreset()])\n"
    },
    "drift.alerting_on_result": {
        "monitor/drift.py": "from evidently import Report\nreport = Report([])\nif drift:\n    slack.post('drift found')\n"
    },
    "drift.sagemaker_model_monitor": {
        "monitor.py": "from sagemaker.model_monitor import DefaultModelMonitor\nm = DefaultModelMonitor(role=r)\n"
        "m.create_monitoring_schedule(endpoint_input='e')\n"
    },
    "drift.vertex_monitoring_alerts": {
        "monitor.py": "from google.cloud import aiplatform\nfrom google.cloud.aiplatform import model_monitoring\n"
        "a = model_monitoring.EmailAlertConfig(user_emails=['x@y'])\n"
    },
    "drift.monitoring_enabled_config": {"deploy/endpoint.yml": "name: e\nenable_monitoring: true\n"},
    "drift.monitoring_disabled_config": {"deploy/endpoint.yml": "name: e\nenable_monitoring: false\n"},
    "metrics.prometheus_alert_rules": {
        "monitoring/rules.yml": "groups:\n  - name: model\n    rules:\n      - alert: HighLatency\n        expr: x > 1\n"
    },
    "metrics.grafana_dashboard": {"grafana/model.json": '{"title": "model", "panels": [{"type": "graph"}]}\n'},
    "metrics.instrumented_service": {"serve.py": "from prometheus_client import Counter\nREQUESTS = Counter('requests', 'r')\n"},
    "metrics.cloud_alarm": {"infra/alarm.tf": 'resource "aws_cloudwatch_metric_alarm" "latency" {\n  threshold = 1\n}\n'},
    "alerts.alertmanager_receivers": {
        "alertmanager.yml": "route:\n  receiver: oncall\nreceivers:\n  - name: oncall\n    pagerduty_configs:\n"
        "      - routing_key_file: /k\n"
    },
    "runbooks.files": {"docs/runbooks/model-incident.md": "# Model incident\nRoll back first.\n"},
    "runbooks.alert_annotation": {
        "monitoring/rules.yml": "groups:\n  - name: m\n    rules:\n      - alert: A\n        annotations:\n"
        "          runbook_url: https://wiki/runbook\n"
    },
    "observability.opentelemetry_tracing": {"tracing.py": "from opentelemetry import trace\ntracer = trace.get_tracer(__name__)\n"},
    "observability.llm_tracing": {"chain.py": "from langsmith import traceable\n@traceable\ndef answer(q):\n    return q\n"},
    "genai_eval.online_evaluator": {
        "app.py": "from langfuse import Langfuse\nlf = Langfuse()\nlf.create_score(trace_id=t, name='quality', value=1)\n"
    },
    "genai_eval.offline_suite": {"eval/run.py": "from ragas import evaluate\nresult = evaluate(dataset)\n"},
    "genai_eval.ci_suite": {W: gha("npx promptfoo eval -c promptfooconfig.yaml")},
    "gpu_util.dcgm_exporter": {
        "k8s/dcgm.yaml": "kind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: d\n"
        "          image: nvcr.io/nvidia/k8s/dcgm-exporter:3.3.0\n"
    },
    "secrets.manager_calls": {
        "config.py": "import boto3\nsm = boto3.client('secretsmanager')\nkey = sm.get_secret_value(SecretId='api')\n"
    },
    "secrets.ci_secrets": {W: gha("helm upgrade --install m chart --set token=${{ secrets.REGISTRY_TOKEN }}")},
    "secrets.kubernetes_secret_refs": {
        "k8s/deploy.yaml": "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n"
        "          env:\n            - name: KEY\n              valueFrom:\n"
        "                secretKeyRef:\n                  name: api\n                  key: k\n"
    },
    "secrets.hardcoded_credential": {"config.py": "OPENAI_KEY = 'sk-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" + "'\n"},
    "secrets.baked_into_image": {"Dockerfile": "FROM python:3.12\nENV OPENAI_API_KEY=abcdefghijklmnop\n"},
    "privilege.iam_wildcard": {"iam/policy.json": '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n'},
    "privilege.kubernetes_cluster_admin": {
        "k8s/rbac.yaml": "kind: ClusterRoleBinding\nroleRef:\n  kind: ClusterRole\n  name: cluster-admin\n"
    },
    "injection.scanner_in_ci": {W: gha("garak --model_type openai --probes promptinject")},
    "injection.redteam_config": {"promptfooconfig.yaml": "redteam:\n  plugins:\n    - prompt-injection\n"},
    "injection.python_probes": {
        "redteam/run.py": "from pyrit.orchestrator import PromptSendingOrchestrator\no = PromptSendingOrchestrator(target)\n"
    },
    "redteam.scanner_in_ci": {W: gha("promptfoo redteam run")},
    "redteam.library_calls": {"robust.py": "from art.attacks.evasion import FastGradientMethod\nattack = FastGradientMethod(classifier)\n"},
    "output_filter.guardrails": {
        "guard.py": "from llm_guard import scan_output\nsanitized, valid, score = scan_output(scanners, prompt, response)\n"
    },
    "output_filter.nemo_output_rails": {"guardrails/config.yml": "rails:\n  output:\n    flows:\n      - self check output\n"},
    "sandbox.isolated_code_execution": {
        "agent.py": "from smolagents import CodeAgent\nagent = CodeAgent(tools=[], model=m, executor_type='e2b')\n"
    },
    "sandbox.local_code_execution": {
        "agent.py": "from autogen.coding import LocalCommandLineCodeExecutor\nex = LocalCommandLineCodeExecutor(work_dir='w')\n"
    },
}

# Negatives that commenting out cannot express (JSON, Markdown, JavaScript) or that test a closer trap.
NEGATIVE: dict[str, dict[str, str]] = {
    "contracts.avro_schema": {"schemas/event.avsc": '{"type": "enum", "name": "Kind", "symbols": []}\n'},
    "metrics.grafana_dashboard": {"grafana/model.json": '{"title": "model"}\n'},
    "privilege.iam_wildcard": {
        "iam/policy.json": '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}\n'
    },
    "model_card.file": {
        "MODEL_CARD.md": "# Model card\n## Intended use\n[More Information Needed]\n## Limitations\n[More Information Needed]\n"
        "## Training data\n[More Information Needed]\n"
    },
    "model_card.hf_readme": {"README.md": "# m\n## Limitations\nText.\n"},
    "runbooks.files": {"docs/runbooks/model-incident.md": "\n"},
    "capacity.k6_script": {"load/test.js": "// import http from 'k6/http';\n"},
    "owner.codeowners": {".github/CODEOWNERS": "/docs/ @acme/writers\n"},
    "genai.transformers_generation_pipeline": {"gen.py": "from transformers import pipeline\nc = pipeline('text-classification')\n"},
    "agents.llm_call_with_tools": {"agent.py": "import openai\nc = openai.OpenAI()\nc.chat.completions.create(model='m', messages=[])\n"},
    "model_source.hosted_api": {"app.py": "import openai\nc = openai.OpenAI(base_url='http://localhost:8000/v1')\n"},
    "validation.great_expectations_blocking": {
        "pipeline/ge.py": "import great_expectations as gx\nresult = context.run_checkpoint('c')\nprint(result)\n"
    },
    "validation.airflow_ge_operator": {
        "dags/ge.py": "from great_expectations_provider.operators.great_expectations import GreatExpectationsOperator\n"
        "t = GreatExpectationsOperator(task_id='v', fail_task_on_validation_failure=False)\n"
    },
    "validation.pandera_blocking": {
        "pipeline/check.py": "import pandera as pa\ntry:\n    schema.validate(df)\nexcept Exception:\n    print('bad')\n"
    },
    "registry.mlflow_registered_model": {"train.py": "import mlflow\nmlflow.sklearn.log_model(model, 'model')\n"},
    "registry.model_files": {"prepare.py": "import pickle\npickle.dump(vocabulary, f)\n"},
    "features.feast_remote_registry": {"features/feature_store.yaml": "project: shop\nregistry: data/registry.db\nprovider: local\n"},
    "output_filter.guardrails": {
        "guard.py": "from llm_guard import scan_prompt\nsanitized, valid, score = scan_prompt(scanners, prompt)\n"
    },
    "secrets.hardcoded_credential": {"tests/test_config.py": "KEY = 'sk-" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" + "'\n"},
    "secrets.baked_into_image": {"Dockerfile": "FROM python:3.12\nENV OPENAI_API_KEY=$OPENAI_API_KEY\n"},
    "deploy.workflow_deploys": {W: gha("pytest -q")},
    "pipeline.scheduled_workflow": {W: gha("python pipelines/ingest.py", on="\n  schedule:\n    - cron: '0 0 30 2 *'")},
    "retraining.scheduled_workflow": {W: gha("python train.py", on="\n  schedule:\n    - cron: '0 0 31 4 *'")},
    "sandbox.isolated_code_execution": {"agent.py": "from smolagents import CodeAgent\nagent = CodeAgent(tools=[], model=m)\n"},
}


def commented(path: str, text: str) -> str:
    if path.endswith((".md",)):
        return f"<!--\n{text}-->\n"
    marker = "// " if path.endswith((".js", ".ts")) else "# "
    return "".join(marker + line + "\n" for line in text.splitlines())


def negative(detector: str) -> dict[str, str]:
    if detector in NEGATIVE:
        return NEGATIVE[detector]
    return {path: commented(path, text) for path, text in POSITIVE[detector].items()}
