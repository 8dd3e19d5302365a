"""The commented starter manifest that `readiness init` writes."""

from pathlib import Path


def starter_text() -> str:
    return (Path(__file__).with_name("starter.yaml")).read_text(encoding="utf-8")
