"""The HTML report: one self-contained, escaped file that a real browser renders with its charts.

The browser is Debian's headless Chromium. Without it the browser tests skip with
a reason (``pytest -rs`` shows it); ``.ci/run`` installs Chromium and sets
READINESS_REQUIRE_BROWSER=1, which turns that skip into a failure, so CI always
renders every HTML report in a real browser.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import hostile
from conftest import EXAMPLES
from pngimage import decode
from readiness import api
from test_golden import render_example

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
# Colours used by one chart element each (see templates/html/_style.css.j2).
RADAR_AREA = (0xCD, 0xDC, 0xEA)
GAUGE_TRACK = (0xE4, 0xE9, 0xEF)
ACCENT = (0x2F, 0x66, 0x90)
# The gauge's arc takes the colour of the score's band (reports/charts.py SCORE_BANDS).
BAND_COLOURS = {"high": (0x2E, 0x7D, 0x4F), "fair": (0xC2, 0x9A, 0x17), "low": (0xD0, 0x70, 0x2A), "critical": (0xB0, 0x41, 0x3E)}


class Page(HTMLParser):
    """Every tag and attribute of a page, and the text of its <style> elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.css = ""
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css += data

    def find(self, tag: str, cls: str | None = None) -> list[dict]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "Chromium is not installed (`apt-get install chromium`); .ci/run installs it"
        if os.environ.get("READINESS_REQUIRE_BROWSER"):
            pytest.fail(f"{reason}, and READINESS_REQUIRE_BROWSER is set")
        pytest.skip(reason)
    return found


def browse(tmp_path: Path, page: Path, *action: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *action, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def console_messages(stderr: str) -> list[str]:
    """Lines Chromium logs for the page's console: script errors, blocked loads, CSP violations."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def write_report(tmp_path: Path, example: Path) -> Path:
    page = tmp_path / f"{example.stem}.html"
    page.write_text(render_example(example, "html"), encoding="utf-8")
    return page


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_report_is_self_contained(example):
    page = Page(render_example(example, "html"))
    assert not page.find("script") and not page.find("iframe") and not page.find("link") and not page.find("img")
    for tag, attrs in page.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "url(" not in page.css and "@import" not in page.css
    csp = next(a["content"] for a in page.find("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    assert "@page" in page.css and "@media print" in page.css and "break-inside: avoid" in page.css


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_browser_renders_the_charts_without_console_errors(example, tmp_path):
    report = api.assess_file(example).report
    page = write_report(tmp_path, example)
    dumped = browse(tmp_path, page, "--dump-dom")
    assert console_messages(dumped.stderr) == []
    dom = Page(dumped.stdout)
    assert len(dom.find("svg", "radar")) == 1 and len(dom.find("svg", "gauge")) == 1 and len(dom.find("svg", "timeline")) == 1
    assert len(dom.find("circle", "radar-dot")) == len(report["dimensions"])
    assert len(dom.find("polygon", "radar-line")[0]["points"].split()) == len(report["dimensions"])
    assert len(dom.find("li", "blocker")) >= len(report["blockers"])
    assert len(dom.find("tr")) >= len(report["criteria"]) + len(report["dimensions"])

    shot = tmp_path / f"{example.stem}.png"
    taken = browse(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert console_messages(taken.stderr) == []
    image = decode(shot.read_bytes())
    assert (image.width, image.height) == (1280, 2000)
    gauge = (100, 150, 450, 450)
    from readiness.reports.charts import score_band

    band = score_band(report["score"])
    painted = image.count(BAND_COLOURS[band], box=gauge)
    assert image.count(GAUGE_TRACK, box=gauge) + painted > 3000, "the score gauge was not painted"
    assert painted > 150, f"the gauge's arc is not in the colour of its band ({band})"
    assert all(image.count(colour, box=gauge) < 20 for name, colour in BAND_COLOURS.items() if name != band)
    assert image.count(RADAR_AREA, box=(0, 450, 1280, 1400)) > 150, "the radar chart was not painted"


def test_console_check_sees_a_blocked_resource(tmp_path):
    """The console check above is only worth something if it catches a page that misbehaves."""
    page = tmp_path / "bad.html"
    text = render_example(EXAMPLES[0], "html").replace("</main>", '<img src="http://127.0.0.1:9/x.png" alt=""></main>')
    page.write_text(text, encoding="utf-8")
    assert console_messages(browse(tmp_path, page, "--dump-dom").stderr)


def test_hostile_manifest_text_is_escaped(tmp_path):
    text = api.render(hostile.outcome(tmp_path), "html")
    page = Page(text)
    assert not page.find("script") and not page.find("img") and not page.find("b") and not page.find("a")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "{{ 7*7 }}" in text
    assert re.search(r"<h1>[^<]*&lt;b&gt;bold&lt;/b&gt;[^<]*</h1>", text)
    saved = tmp_path / "hostile.html"
    saved.write_text(text, encoding="utf-8")
    dumped = browse(tmp_path, saved, "--dump-dom")
    assert console_messages(dumped.stderr) == []
    rendered = Page(dumped.stdout)
    assert not rendered.find("script") and not rendered.find("img") and not rendered.find("b")


def test_gate_is_drawn_on_both_charts():
    from readiness.scoring.gate import Gate

    outcome = api.assess_file(EXAMPLES[0], gate=Gate(min_score=70))
    page = Page(api.render(outcome, "html"))
    assert len(page.find("polygon", "radar-gate")) == 1 and len(page.find("line", "gauge-gate")) == 1
