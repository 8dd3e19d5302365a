"""The generated repositories `bench/scan.py` measures: a deterministic, typical mix of an ML project's files.

File ``i`` of a repository is always the same text (``random.Random(13)``
picks the kinds, the text varies with ``i``), so every machine measures the
same bytes. Per 100 files, about: 40 plain Python modules, 6 modules that
import numpy/pandas/torch, 2 training scripts (scikit-learn and MLflow
calls), 1 FastAPI service, 8 tests, 2 notebooks, 8 YAML configs, 2
Kubernetes manifests, 1 requirements file, 10 Markdown docs and 20 data
files the scan never reads (CSV, Parquet-like and NumPy binaries, images,
JSON records). Every repository also has 3 CI workflows, a Dockerfile, a
``pyproject.toml``, a README and CODEOWNERS. A folder is rewritten only when
this generator changes (a hash of this file in ``.stamp``).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path

HELPERS = "".join(
    f'def helper_{k}(path: str, value: int = {k}) -> int:\n    """Read a key from a JSON file."""\n'
    f"    data = json.loads(Path(path).read_text())\n    return int(data.get('key_{k}', value)) + len(os.sep)\n\n\n"
    for k in range(6)
)
PLAIN = (
    '"""Utility module {i}."""\n\nfrom __future__ import annotations\n\nimport json\nimport logging\nimport os\n'
    "from dataclasses import dataclass\nfrom pathlib import Path\n\nfrom pkg{p}.common import settings\n\n"
    "log = logging.getLogger(__name__)\n\n\n@dataclass\nclass Record{i}:\n    name: str\n    size: int = 0\n\n\n" + HELPERS
)
MODEL = (
    '"""Model code {i}."""\n\nimport numpy as np\nimport pandas as pd\nimport torch\nfrom torch import nn\n\n\n'
    "class Net{i}(nn.Module):\n    def __init__(self, width: int = 64):\n        super().__init__()\n"
    "        self.layer = nn.Linear(width, width)\n\n    def forward(self, x):\n        return torch.relu(self.layer(x))\n\n\n"
    "def features(frame: pd.DataFrame) -> np.ndarray:\n    return frame.fillna(0).to_numpy(dtype=np.float32)\n\n\n"
)
TRAIN = (
    '"""Training entry point {i}."""\n\nimport mlflow\nimport pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n'
    "from sklearn.model_selection import train_test_split\n\n\ndef train(path: str) -> float:\n    frame = pd.read_csv(path)\n"
    '    X_train, X_test, y_train, y_test = train_test_split(frame.drop(columns="y"), frame["y"])\n'
    "    clf = RandomForestClassifier(n_estimators=100)\n    with mlflow.start_run():\n        clf.fit(X_train, y_train)\n"
    '        mlflow.log_metric("accuracy", clf.score(X_test, y_test))\n        mlflow.sklearn.log_model(clf, "model")\n'
    "    return clf.score(X_test, y_test)\n\n\n"
)
SERVICE = (
    '"""Prediction service {i}."""\n\nimport joblib\nfrom fastapi import FastAPI\nfrom pydantic import BaseModel\n\n'
    'app = FastAPI()\nmodel = joblib.load("model.joblib")\n\n\nclass Query(BaseModel):\n    values: list[float]\n\n\n'
    '@app.post("/predict")\ndef predict(query: Query) -> dict:\n    return {"prediction": float(model.predict([query.values])[0])}\n'
)
TEST = (
    'import pytest\n\nfrom pkg{p}.mod import helper_1\n\n\ndef test_helper_{i}(tmp_path):\n    path = tmp_path / "x.json"\n'
    '    path.write_text(\'{"key_1": 3}\')\n    assert helper_1(str(path)) >= 3\n\n\n@pytest.mark.parametrize("value", [1, 2, 3])\n'
    "def test_values_{i}(value):\n    assert value > 0\n"
)
NOTEBOOK = json.dumps(
    {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Exploration {i}\n"]},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": [],
                "source": [
                    "import pandas as pd\n",
                    "import matplotlib.pyplot as plt\n",
                    "df = pd.read_csv('data/t{i}.csv')\n",
                    "df.describe()\n",
                ],
            },
            {
                "cell_type": "code",
                "execution_count": 2,
                "metadata": {},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"] * 20}],
                "source": ["df.plot()\n", "plt.show()\n"],
            },
        ],
        "metadata": {"kernelspec": {"name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    },
    indent=1,
)
CONFIG = (
    "# training configuration {i}\nname: experiment-{i}\nseed: {i}\ndata:\n  path: data/t{i}.csv\n  target: y\nparams:\n"
    "  learning_rate: 0.01\n  epochs: 10\n  layers: [64, 32, 16]\nlabels:\n  team: ml\n  tier: gold\n"
)
K8S = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-{i}\n  labels:\n    app: svc-{i}\nspec:\n  replicas: 2\n"
    "  selector:\n    matchLabels:\n      app: svc-{i}\n  template:\n    spec:\n      containers:\n        - name: svc\n"
    "          image: registry.example.com/svc:{i}\n          ports:\n            - containerPort: 8080\n"
    "          resources:\n            limits:\n              cpu: 1\n              memory: 1Gi\n"
)
REQUIREMENTS = "numpy>=1.26\npandas>=2.1\nscikit-learn>=1.4\nmlflow>=2.9\nfastapi>=0.110\ntorch>=2.2\n"
DOC = (
    "# Component {i}\n\nThis component prepares the features of pipeline {i}. See the runbook for details.\n\n## Usage\n\n"
    "```python\nfrom pkg.mod import helper_1\nhelper_1('x.json')\n```\n\n" + "The text explains what the code does. " * 30 + "\n"
)
CSV = "a,b,c,y\n" + "".join(f"{k},{k * 2},{k % 7},{k % 2}\n" for k in range(120))
RECORDS = json.dumps([{"id": k, "label": k % 3, "text": f"record {k}"} for k in range(40)])
BINARY = bytes(range(256)) * 8  # NUL bytes: a .npy / .parquet / image as the scan would see it
WORKFLOW = (
    "name: ci\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: '3.12'\n"
    "      - run: pip install -e '.[test]'\n      - run: pytest -q\n"
)
FIXED = {
    ".github/workflows/ci.yml": WORKFLOW,
    ".github/workflows/lint.yml": WORKFLOW.replace("pytest -q", "ruff check ."),
    ".github/workflows/docs.yml": WORKFLOW.replace("pytest -q", "mkdocs build"),
    "Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN pip install --no-cache-dir .\nCMD ["uvicorn", "svc:app"]\n',
    "pyproject.toml": "[project]\nname = 'bench-project'\nversion = '0.1.0'\ndependencies = ['numpy', 'pandas']\n",
    "README.md": "# bench-project\n\nA generated repository for the scan benchmark.\n",
    "CODEOWNERS": "* @example/ml-team\n",
}
# (kind, weight per 100 files, file name, text)
KINDS = [
    ("plain", 40, "m{i}.py", PLAIN),
    ("model", 6, "net{i}.py", MODEL),
    ("train", 2, "train{i}.py", TRAIN),
    ("service", 1, "serve{i}.py", SERVICE),
    ("test", 8, "tests/test_m{i}.py", TEST),
    ("notebook", 2, "explore{i}.ipynb", NOTEBOOK),
    ("config", 8, "c{i}.yaml", CONFIG),
    ("k8s", 2, "deploy{i}.yaml", K8S),
    ("requirements", 1, "requirements{i}.txt", REQUIREMENTS),
    ("doc", 10, "d{i}.md", DOC),
    ("csv", 10, "t{i}.csv", CSV),
    ("records", 3, "r{i}.json", RECORDS),
    ("npy", 4, "a{i}.npy", BINARY),
    ("parquet", 2, "p{i}.parquet", BINARY),
    ("image", 1, "i{i}.png", BINARY),
]
FILES_PER_FOLDER = 50
STAMP = ".stamp"


def stamp() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def ensure(root: Path, count: int) -> Path:
    """``root`` holds the repository of ``count`` files, rewritten only when this generator changed."""
    if (root / STAMP).is_file() and (root / STAMP).read_text() == f"{stamp()} {count}":
        return root
    shutil.rmtree(root, ignore_errors=True)
    generate(root, count)
    (root / STAMP).write_text(f"{stamp()} {count}")
    return root


def generate(root: Path, count: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    population = [kind for kind in KINDS for _ in range(kind[1])]
    for path, text in FIXED.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    for i in range(count - len(FIXED)):
        folder = root / f"pkg{i // 1000}" / f"mod{(i // FILES_PER_FOLDER) % 20}"
        _, _, name, text = rng.choice(population)
        target = folder / name.replace("{i}", str(i))
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text.replace("{i}", str(i)).replace("{p}", str(i // 1000)))
