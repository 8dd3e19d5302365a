"""Every Mermaid chart of the Markdown reports, drawn by the real Mermaid CLI in headless Chromium.

A chart that only looks right as text can still draw wrong: Mermaid 11 reads a
numeric gantt start under ``dateFormat X`` as milliseconds and the end as
seconds, so every bar of phases 2-4 started at month 0. These tests render each
chart with ``mmdc`` (npm ``@mermaid-js/mermaid-cli``) and measure the bars in the
SVG it draws.

``mmdc`` is looked for in ``$READINESS_MMDC``, then ``.ci/node_modules/.bin``
(where ``.ci/run`` installs it), then ``PATH``. Without it, or without Chromium,
the tests skip with a reason; READINESS_REQUIRE_BROWSER=1 (set by ``.ci/run``)
turns that skip into a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from readiness import api
from test_golden import render_example

TASK = re.compile(r"^    (?P<label>[^:\n]+?) :(?:(?:done|active|crit), )?(?P<start>\d+), (?P<end>\d+)$", re.M)
RECT = re.compile(r"<rect\b[^>]*>")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"]


def _missing(reason: str):
    if os.environ.get("READINESS_REQUIRE_BROWSER"):
        pytest.fail(f"{reason}, and READINESS_REQUIRE_BROWSER is set")
    pytest.skip(reason)


def mermaid_cli() -> list[str]:
    candidates = [os.environ.get("READINESS_MMDC"), str(ROOT / ".ci" / "node_modules" / ".bin" / "mmdc"), shutil.which("mmdc")]
    found = next((c for c in candidates if c and Path(c).is_file()), None)
    if found is None:
        _missing(
            "the Mermaid CLI is not installed (`PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix .ci @mermaid-js/mermaid-cli`); .ci/run installs it"
        )
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        _missing("Chromium is not installed (`apt-get install chromium`); .ci/run installs it")
    return [found, browser]


def render_charts(tmp_path: Path, markdown: str) -> list[str]:
    """Every ``mermaid`` block of ``markdown`` as the SVG text mmdc draws, in order."""
    mmdc, browser = mermaid_cli()
    config = tmp_path / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": browser, "args": CHROMIUM_ARGS}))
    source = tmp_path / "report.md"
    source.write_text(markdown, encoding="utf-8")
    result = subprocess.run(
        [mmdc, "-p", str(config), "-i", str(source), "-o", str(tmp_path / "out.md"), "-q"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    count = markdown.count("```mermaid\n")
    charts = [(tmp_path / f"out-{i}.svg").read_text(encoding="utf-8") for i in range(1, count + 1)]
    for svg in charts:
        assert "Syntax error" not in svg and 'class="error-icon"' not in svg, svg[:500]
    return charts


def gantt_source(markdown: str) -> str:
    return next(block for block in re.findall(r"```mermaid\n(.*?)```", markdown, re.S) if "\ngantt\n" in block)


def task_bars(svg: str) -> list[tuple[float, float]]:
    """(x, width) of every task bar in drawing order: the ids are task1, task2, ... in the order of the source."""
    bars = {}
    for tag in RECT.findall(svg):
        classes = re.search(r'class="([^"]*)"', tag)
        ident = re.search(r'id="[^"]*task(\d+)"', tag)
        if classes and ident and "task" in classes.group(1).split():
            bars[int(ident.group(1))] = (
                float(re.search(r' x="([-\d.]+)"', tag).group(1)),
                float(re.search(r' width="([-\d.]+)"', tag).group(1)),
            )
    return [bars[i] for i in sorted(bars)]


def check_bars(source: str, svg: str) -> None:
    """Every bar starts and ends where its months put it, on the scale the first bar sets."""
    tasks = [(int(m["start"]), int(m["end"]), m["label"]) for m in TASK.finditer(source)]
    bars = task_bars(svg)
    assert len(bars) == len(tasks)
    (first_start, first_end, _), (first_x, first_width) = tasks[0], bars[0]
    per_ms = first_width / (first_end - first_start)
    origin = first_x - first_start * per_ms
    for (start, end, label), (x, width) in zip(tasks, bars, strict=True):
        assert abs(x - (origin + start * per_ms)) <= 1.5, f"{label!r} starts at x={x}, expected {origin + start * per_ms:.1f}"
        assert abs(width - (end - start) * per_ms) <= 1.5, f"{label!r} is {width} wide, expected {(end - start) * per_ms:.1f}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_chart_renders_and_the_gantt_bars_sit_on_their_months(example, tmp_path):
    markdown = render_example(example, "markdown")
    charts = render_charts(tmp_path, markdown)
    assert len(charts) == 2
    xychart, gantt = charts
    scores = [d["score"] for d in api.assess_file(example).report["dimensions"] if d["score"] is not None]
    plot = re.search(r'<g class="bar-plot-0"[^>]*>(.*?)</g>', xychart, re.S)
    widths = [float(w) for w in re.findall(r'<rect\b[^>]* width="([\d.]+)"', plot.group(1))]
    assert len(widths) == len(scores)
    low, high = scores.index(min(scores)), scores.index(max(scores))
    per_point = (widths[high] - widths[low]) / (scores[high] - scores[low])
    assert per_point > 0
    for score, width in zip(scores, widths, strict=True):
        assert abs(width - widths[low] - (score - scores[low]) * per_point) <= 1.5, (score, width)
    source = gantt_source(markdown)
    check_bars(source, gantt)
    starts = sorted({int(m["start"]) for m in TASK.finditer(source)})
    assert len(starts) == 4, "phases 2-4 must start after month 0"


def test_the_geometry_check_catches_the_mermaid_11_misreading(tmp_path):
    """The old chart (seconds under `dateFormat X`) draws every bar from month 0 on Mermaid 11; the check must say so."""
    markdown = render_example(EXAMPLES[0], "markdown")
    source = gantt_source(markdown)
    old = TASK.sub(lambda m: m.group(0).replace(f"{m['start']}, {m['end']}", f"{int(m['start']) // 1000}, {int(m['end']) // 1000}"), source)
    old = old.replace("dateFormat x\n", "dateFormat X\n")
    svg = render_charts(tmp_path, f"```mermaid\n{old}```\n")[0]
    with pytest.raises(AssertionError):
        check_bars(source, svg)
