"""Setting answers in a manifest's YAML text without losing a comment, the key order or the quoting (ruamel.yaml round trip).

The interview writes through here: a team's manifest is a document people annotate, so rewriting it from the
model (and dropping their comments) would be a loss. ruamel.yaml is an optional dependency (``readiness[interview]``).
"""

from __future__ import annotations

import io
from enum import Enum
from typing import Any

from readiness.common.errors import UsageError

MISSING_HINT = "install the interview's packages: pip install 'readiness[interview]' (or: pip install questionary ruamel.yaml)"


def _yaml():
    try:
        from ruamel.yaml import YAML
    except ImportError:
        raise UsageError("the interview needs the optional package ruamel.yaml", MISSING_HINT) from None
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class Editable:
    """A manifest's YAML, loaded for round-trip editing: read answers by dotted path, set them, dump the text."""

    def __init__(self, text: str):
        self._yaml = _yaml()
        self.data = self._yaml.load(text)
        if self.data is None:
            from ruamel.yaml.comments import CommentedMap

            self.data = CommentedMap()

    def get(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def set(self, dotted: str, value: Any) -> None:
        """Set one answer; a missing section is added at the end, a list is written in flow style (`[a, b]`)."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        *sections, key = dotted.split(".")
        node = self.data
        for part in sections:
            if not isinstance(node.get(part), dict):
                node[part] = CommentedMap()
            node = node[part]
        if isinstance(value, list):
            seq = CommentedSeq(_plain(v) for v in value)
            seq.fa.set_flow_style()
            value = seq
        node[key] = _plain(value)

    def text(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
