"""A manifest whose free text tries to break every report format, for the format tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT
from readiness import api
from readiness.scoring.gate import Gate

NAME = '# Evil | `tick` <b>bold</b> [link](http://evil.example) ![img](http://evil.example/x.png) {{ 7*7 }} %% ; : "q" #x'
OWNER = "Mallory | <script>alert(1)</script>\n# heading\n```\n</td></tr> & &amp; www.evil.example"
DESCRIPTION = "Line one\n\n* item\n<img src=x onerror=alert(1)> [x](javascript:alert(1)) {% raw %}]]></failure>\x07 ``` %%{init: {}}%%"


def write(tmp_path: Path) -> Path:
    data = yaml.safe_load((ROOT / "examples" / "production-hardening.yaml").read_text())
    # The loader refuses control characters (tests/corpus/manifests/terminal-escape.yaml), so the file
    # carries DESCRIPTION without its BEL; tests that inject DESCRIPTION into a report check the renderers.
    data["project"].update(name=NAME, owner=OWNER, description=DESCRIPTION.replace("\x07", ""))
    path = tmp_path / "hostile manifest.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def outcome(tmp_path: Path, gate: Gate | None = None):
    return api.assess_file(write(tmp_path), gate=gate or Gate(min_score=70, fail_on_blockers=True))


WAIVER = "waivers:\n  - {id: security.least_privilege, reason: IAM rework scheduled, owner: CISO office, expires: 2026-12-31}\n"


def waived_report(tmp_path: Path) -> tuple[dict, dict]:
    """The fraud example with an active waiver on least privilege, and one met criterion marked unverified."""
    import datetime as dt

    path = tmp_path / "readiness.yaml"
    path.write_text((ROOT / "examples" / "production-hardening.yaml").read_text() + WAIVER)
    doc = api.assess_file(path, today=dt.date(2026, 11, 23)).report
    unverified = next(c for c in doc["criteria"] if c["status"] == "met")
    unverified.update(status="unverified")
    return doc, unverified
