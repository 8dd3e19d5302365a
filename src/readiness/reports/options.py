"""How a report is rendered (colour, width, template overrides), shared by every renderer."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple


class RenderOptions(NamedTuple):
    color: bool = False
    width: int = 100
    template_dir: Path | None = None
    extra: Mapping[str, Any] | None = None  # more template variables
    steps: int | None = 5  # next steps and unanswered questions the terminal report lists; None: all
