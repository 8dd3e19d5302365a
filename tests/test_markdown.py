"""The Markdown report as a Markdown parser (and a Mermaid-minded reader) sees it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import hostile
from conftest import EXAMPLES
from readiness import api
from readiness.reports.templating import mermaid_text
from test_golden import render_example

# Unsafe in a Mermaid label: they end a label, string or statement, start a
# comment or entity, open markup, or could close the Markdown code fence.
MERMAID_UNSAFE = set('"`:;#%{}[]<>|\\\n\r\t')
TASK_LINE = re.compile(r"^    [^:#;%`\"\n]+ :(?:(?:done|active|crit), )?\d+, \d+$")


def parse(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def walk(tokens):
    for token in tokens:
        yield token
        yield from walk(token.children or [])


def inline_text(token) -> str:
    return "".join(child.content for child in token.children if child.type in ("text", "code_inline"))


def fences(tokens, info="mermaid") -> list[str]:
    return [t.content for t in tokens if t.type == "fence" and t.info.strip() == info]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_report_structure(example):
    tokens = parse(render_example(example, "markdown"))
    headings = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    assert headings == [
        "Executive summary",
        "Dimensions",
        "Failing blockers",
        "Roadmap",
        "Key infrastructure metrics",
        "Appendix: every criterion",
        "How the numbers are computed",
        "References",
    ]
    assert sum(1 for t in tokens if t.type == "table_open") == 3
    charts = fences(tokens)
    assert [c.splitlines()[1] for c in charts] == ["xychart-beta horizontal", "gantt"]
    assert not [t for t in walk(tokens) if t.type in ("link_open", "image", "html_inline", "html_block")]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_gantt_lists_every_phase_with_its_months(example):
    outcome = api.assess_file(example)
    gantt = fences(parse(api.render(outcome, "markdown")))[1]
    # One month is drawn as one second, in milliseconds: Mermaid 11 reads a numeric start under `dateFormat X` as milliseconds.
    assert "\n    dateFormat x\n" in gantt and "\n    axisFormat %s\n" in gantt
    sections = re.findall(r"^    section \d+\. (.+)$", gantt, re.M)
    assert sections == [p["name"] for p in outcome.report["roadmap"]]
    for phase in outcome.report["roadmap"]:
        end = phase["end_month"] if phase["end_month"] is not None else phase["start_month"] + 12
        start_ms, end_ms = phase["start_month"] * 1000, end * 1000
        assert re.search(rf"^    {re.escape(phase['months'])}.* :(?:done, |active, )?{start_ms}, {end_ms}$", gantt, re.M)
    for line in gantt.splitlines():
        if line.startswith("    ") and not line.lstrip().startswith(
            ("title ", "dateFormat ", "axisFormat ", "tickInterval ", "todayMarker ", "section ")
        ):
            assert TASK_LINE.match(line), line


def test_hostile_manifest_text_stays_inert(tmp_path):
    outcome = hostile.outcome(tmp_path)
    text = api.render(outcome, "markdown")
    tokens = parse(text)
    every = list(walk(tokens))
    assert not [t for t in every if t.type in ("link_open", "image", "html_inline", "html_block")]
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    title = inline_text(tokens[1])
    assert title == "AI production readiness: " + hostile.NAME
    inlines = [t for t in tokens if t.type == "inline"]
    (owner,) = [t for t in inlines if t.content.startswith("**Owner:** ")]
    assert inline_text(owner) == "Owner: " + " ".join(hostile.OWNER.split())
    assert "{{ 7*7 }}" in title and "49" not in title
    for body in fences(tokens):
        for line in body.splitlines()[1:]:
            assert "%%" not in line and "`" not in line and "#" not in line.replace('"#2f6690, #b0413e"', ""), line
        assert body.count("\n") == len(body.splitlines())
    gantt_title = next(line for line in fences(tokens)[1].splitlines() if line.startswith("    title "))
    assert not MERMAID_UNSAFE & set(gantt_title.removeprefix("    title "))


@given(st.text())
def test_mermaid_text_is_always_one_safe_label(value):
    label = mermaid_text(value)
    assert label and len(label) <= 80
    assert not MERMAID_UNSAFE & set(label)
    assert not re.match(r"(?i)(title|section|click|call|gantt|dateformat|axisformat|x-axis|y-axis|bar|line)\b", label)


def test_mermaid_text_keeps_the_meaning():
    assert mermaid_text("falls 30 % a year") == "falls 30 percent a year"
    assert mermaid_text('Say "hi": now; #1') == "Say 'hi' - now, 1"
    assert mermaid_text("Section 5 of the act") == "· Section 5 of the act"
    assert mermaid_text("a\nb```c") == "a b'''c"
    assert mermaid_text("x" * 100, 10) == "x" * 9 + "…"
    assert mermaid_text(None) == "" and mermaid_text("%%") == "percent percent"


@pytest.mark.parametrize("name", ["score", "items", "get", "missing", "__class__"])
def test_attribute_reads_on_dicts_match_jinja(name):
    import jinja2

    from readiness.reports.templating import _Environment

    doc = {"score": 1, "items": 2, "get": 3}
    ours = _Environment(undefined=jinja2.StrictUndefined).getattr(doc, name)
    theirs = jinja2.Environment(undefined=jinja2.StrictUndefined).getattr(doc, name)
    assert type(ours) is type(theirs) and (isinstance(theirs, jinja2.Undefined) or ours == theirs)
