"""Benchmark `readiness scan` against its floor on generated repositories of 1k, 10k and 100k files.

    python bench/scan.py [--sizes 1000,10000,100000] [--runs 3]

The floor is what no scan can beat in Python: list the same tree and read
each candidate file once (``open().read()``), with no detector, no decoding
and no safety checks. Issue 13's target: the scan costs at most 3x the floor
in the same run. The runs are interleaved (floor, scan, floor, scan...), so
load from other tenants slows both alike; the ratio uses the medians. Peak
memory is measured in a separate run under tracemalloc (Python allocations),
and must stay flat as the repository grows: the scan keeps findings, not texts.

The generated repositories are a typical mix: most files are plain Python
and data; one in ten Python files imports an ML library, and one in ten of
those is a training script that calls scikit-learn and MLflow; with configs,
notebooks, docs, a few workflows and a Dockerfile. This is a report, not a
test: it always exits 0. See docs/scan.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from readiness.scan import scan_repository
from readiness.scan.catalog import default_catalog
from readiness.scan.files import walk

PLAIN = '"""Utility module {i}."""\nimport os\nimport json\nfrom pathlib import Path\n\n\n' + "".join(
    f"def helper_{k}(path, value={k}):\n    data = json.loads(Path(path).read_text())\n    return data.get('key_{k}', value) + len(os.sep)\n\n\n"
    for k in range(8))
MODEL = ('import numpy as np\nimport torch\nfrom torch import nn\n\n\nclass Net{i}(nn.Module):\n    def __init__(self, width=64):\n'
         '        super().__init__()\n        self.layer = nn.Linear(width, width)\n\n    def forward(self, x):\n'
         '        return torch.relu(self.layer(x)) + np.float32(0)\n\n\n' + PLAIN)
ML = ('import numpy as np\nimport torch\nfrom sklearn.ensemble import RandomForestClassifier\nimport mlflow\n\n\n'
      'def train_{i}(X, y):\n    clf = RandomForestClassifier(n_estimators=10)\n    clf.fit(X, y)\n    with mlflow.start_run():\n'
      '        mlflow.log_metric("score", clf.score(X, y))\n    return clf\n\n\n' + PLAIN)
YAML = "name: config-{i}\nparams:\n  lr: 0.01\n  epochs: 10\n  layers: [64, 32, 16]\nlabels:\n  team: ml\n  tier: gold\n"
K8S = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-{i}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n"
       "        - name: svc\n          image: registry/svc:{i}\n          resources:\n            limits:\n              cpu: 1\n")
DOC = "# Component {i}\n\nThis component prepares features. See the runbook for details.\n\n" + "Some prose. " * 40 + "\n"
CSV = "a,b,c\n" + "1,2,3\n" * 50
WORKFLOW = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest -q\n"
NOTEBOOK = json.dumps({"cells": [{"cell_type": "code", "source": "import pandas as pd\ndf = pd.read_csv('x.csv')\ndf.describe()", "outputs": []},
                                 {"cell_type": "markdown", "source": "# Notes"}], "nbformat": 4})


def generate(root: Path, count: int, seed: int = 13) -> None:
    rng = random.Random(seed)
    (root / ".github" / "workflows").mkdir(parents=True)
    for w in range(3):
        (root / ".github" / "workflows" / f"ci{w}.yml").write_text(WORKFLOW)
    (root / "Dockerfile").write_text("FROM python:3.12\nCOPY . /app\nCMD [\"python\", \"-m\", \"app\"]\n")
    kinds = ["plain"] * 54 + ["model"] * 5 + ["ml"] * 1 + ["yaml"] * 8 + ["k8s"] * 2 + ["doc"] * 10 + ["csv"] * 18 + ["notebook"] * 2
    for i in range(count - 4):
        folder = root / f"pkg{i // 1000}" / f"mod{(i // 50) % 20}"
        if i % 50 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        kind = rng.choice(kinds)
        name, text = {"plain": (f"m{i}.py", PLAIN), "ml": (f"train{i}.py", ML), "model": (f"net{i}.py", MODEL), "yaml": (f"c{i}.yaml", YAML), "k8s": (f"k{i}.yaml", K8S),
                      "doc": (f"d{i}.md", DOC), "csv": (f"t{i}.csv", CSV), "notebook": (f"n{i}.ipynb", NOTEBOOK)}[kind]
        (folder / name).write_text(text.replace("{i}", str(i)))


def candidates(root: Path) -> list[str]:
    catalog = default_catalog()
    return [p for p in walk(str(root), []) if catalog.select(p)]


def floor(root: Path, wanted: set[str]) -> int:
    """List the tree (os.walk) and read every candidate once."""
    total = 0
    base = len(str(root)) + 1
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if path[base:] in wanted:
                with open(path, "rb") as handle:
                    total += len(handle.read())
    return total


def measure(size: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="readiness-scan-bench-") as tmp:
        root = Path(tmp)
        generate(root, size)
        wanted = set(candidates(root))
        floor(root, wanted)
        scan_repository(root)  # warm the page cache and the catalog
        floor_s, scan_s = [], []
        for _ in range(runs):
            start = time.perf_counter()
            floor(root, wanted)
            floor_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = scan_repository(root)
            scan_s.append(time.perf_counter() - start)
        tracemalloc.start()
        scan_repository(root)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        f, s = statistics.median(floor_s), statistics.median(scan_s)
        return {"files": size, "candidates": len(wanted), "floor_ms": round(f * 1000, 1), "scan_ms": round(s * 1000, 1),
                "ratio": round(s / f, 2), "per_file_us": round(s / size * 1e6, 1), "peak_mib": round(peak / 2**20, 1),
                "findings": len(result.findings)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    default_catalog()
    rows = [measure(int(size), args.runs) for size in args.sizes.split(",")]
    header = f"{'files':>7} {'candidates':>10} {'floor ms':>9} {'scan ms':>9} {'ratio':>6} {'us/file':>8} {'peak MiB':>9}"
    print(header)
    for r in rows:
        print(f"{r['files']:>7} {r['candidates']:>10} {r['floor_ms']:>9} {r['scan_ms']:>9} {r['ratio']:>6} {r['per_file_us']:>8} {r['peak_mib']:>9}")
    print("target: ratio <= 3.0 at every size; us/file flat (linear); peak memory flat (bounded)")


if __name__ == "__main__":
    main()
