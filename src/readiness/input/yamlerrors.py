"""Turning libyaml's errors into located diagnostics a person can act on.

Kept apart from the reader (:mod:`readiness.input.source`) so its event builder stays readable.
"""

import yaml

from readiness.common.errors import Diagnostic


def deep_bracket(text: str, limit: int) -> int | None:
    """Where brackets first nest deeper than ``limit``, skipping quoted text and comments."""
    depth, quote, previous = 0, "", "\n"
    for index, char in enumerate(text):
        if quote:
            if (char == quote and previous != "\\") or (char == "\n" and quote == "#"):
                quote = ""
        elif char in "'\"" or (char == "#" and previous in " \t\n"):
            quote = char
        elif char in "[{":
            depth += 1
            if depth > limit:
                return index
        elif char in "]}":
            depth -= 1
        previous = char
    return None


def yaml_diagnostic(name: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """libyaml's parse error restated for a person who edits YAML by hand: the node it is about and a hint."""
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    message = f"invalid YAML: {problem}"
    if context:
        message += f" ({context})"
    hint = None
    if mark is not None and mark.index < len(text) and text[mark.index] == "\t":
        message = "invalid YAML: a tab character where indentation or a token was expected"
        hint = "YAML does not allow tabs for indentation; indent with spaces"
    elif "escape character" in problem:
        message = f"invalid YAML: {problem} in a double-quoted string"
        hint = "write a backslash as \\\\, or use single quotes, in which a backslash is plain text"
    elif "quoted scalar" in context and exc.context_mark is not None:
        mark = exc.context_mark
        message = "invalid YAML: unclosed quote"
        hint = "close the quote, or escape the quote character inside the text"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted, or a key is indented wrongly"
    elif "could not find expected ':'" in problem or "found unexpected end of stream" in problem:
        hint = "check for an unclosed quote or bracket above this point"
    elif "did not find expected key" in problem or "did not find expected '-'" in problem:
        hint = "check the indentation of this line against the lines above"
    if mark is None:
        return Diagnostic(name, message, hint=hint)
    return Diagnostic(name, message, mark.line + 1, mark.column + 1, hint)
