"""The diff as plain text: what moved, what it was caused by, and what regressed.

No colour and no rich: a diff is read in CI logs and pasted into reviews as
often as it is read on a terminal, so it looks the same everywhere. Text
from a manifest or rubric is kept on one line with control characters
replaced, so a project name cannot move the cursor or fake a line.
"""

from __future__ import annotations

from readiness.common.text import display, printable
from readiness.reports.options import RenderOptions
from readiness.trends.attribution import RUBRIC
from readiness.trends.diff import describe_state

_MARKS = {"newly_met": "✓", "newly_lost": "✗", "changed": "~"}
_FIELD_NAMES = {"expected": "check"}
_HEADINGS = {"newly_met": "Newly met", "newly_lost": "Newly lost", "changed": "Other changes"}


def _score(value) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _signed(value) -> str:
    if value is None:
        return ""
    return f"{value:+.1f}" if value else "0.0"


def _phase(phase: dict | None) -> str:
    return "none" if phase is None else f"{printable(phase['name'])} ({printable(phase['months'])})"


def _rubric_name(side: dict) -> str:
    return f"{printable(side['rubric']['id'])} {printable(side['rubric']['version'])}"


def _cause(item: dict) -> str:
    return " · rubric" if item["cause"] == RUBRIC else ""


def _header(doc: dict) -> list[str]:
    old, new = doc["old"], doc["new"]
    name = printable(new["project"]["name"])
    if old["project"]["name"] != new["project"]["name"]:
        name = f"{printable(old['project']['name'])} → {name}"
    lines = [f"{name}: changes since the baseline"]
    for label, side in (("Baseline", old), ("Now", new)):
        lines.append(f"{label:<9}{printable(side['manifest'] or '(no manifest)')} · rubric {_rubric_name(side)}")
    return lines


def _overview(doc: dict) -> list[str]:
    score, phase, blockers = doc["score"], doc["phase"], doc["blockers"]["count"]
    split = doc["rubric"]["differs"]
    score_line = f"Readiness score   {_score(score['old'])} → {_score(score['new'])}   {_signed(score['delta'])}"
    phase_line = f"Phase reached     {_phase(phase['old'])} → {_phase(phase['new'])}   {phase['change']}"
    if split:
        score_line += f"   (project {_signed(score['project'])}, rubric {_signed(score['rubric'])})"
        phase_line += f"   (project {phase['project']}, rubric {phase['rubric']})"
    return ["", score_line, phase_line, f"Failing blockers  {blockers['old']} → {blockers['new']}"]


def _rubric(doc: dict) -> list[str]:
    rubric, old, new = doc["rubric"], doc["old"], doc["new"]
    if not rubric["changed"] and not rubric["differs"]:
        return []
    if not rubric["differs"]:
        return ["", f"Rubric {_rubric_name(old)} → {_rubric_name(new)}: no definition differs"]
    title = (
        f"Rubric {_rubric_name(old)} → {_rubric_name(new)}"
        if rubric["changed"]
        else f"Rubric {_rubric_name(new)}, but its definitions differ"
    )
    lines = ["", f"{title}; changes it caused are marked · rubric"]
    criteria, dimensions = rubric["criteria"], rubric["dimensions"]
    lines += [f"  added       {printable(c['id'])}  {printable(c['title'])} ({c['status'].replace('_', ' ')})" for c in criteria["added"]]
    lines += [f"  removed     {printable(c['id'])}  {printable(c['title'])}" for c in criteria["removed"]]
    lines += [f"  redefined   {printable(c['id'])}  {_changes(c['changes'])}" for c in criteria["redefined"]]
    lines += [f"  rescored    {printable(cid)}  same check and answer, new status" for cid in criteria["rescored"]]
    lines += [f"  dimension   {printable(i)} added" for i in dimensions["added"]]
    lines += [f"  dimension   {printable(i)} removed" for i in dimensions["removed"]]
    lines += [f"  dimension   {printable(d['id'])} weight {d['old']} → {d['new']}" for d in dimensions["reweighted"]]
    for key in ("aggregation", "phases"):
        if rubric[key]:
            lines.append(f"  {key:<11} {_changed_value(rubric[key]['old'])} → {_changed_value(rubric[key]['new'])}")
    return lines


def _changed_value(value) -> str:
    return ", ".join(printable(v) for v in value) if isinstance(value, list) else printable(value)


def _changes(changes: dict) -> str:
    return "; ".join(
        f"{_FIELD_NAMES.get(field, field)} {printable(pair['old'])} → {printable(pair['new'])}" for field, pair in changes.items()
    )


def _dimensions(doc: dict) -> list[str]:
    split = doc["rubric"]["differs"]
    rows = doc["dimensions"]
    width = max([len("Dimension")] + [len(printable(d["name"])) for d in rows])
    head = f"{'Dimension':<{width}}  {'Baseline':>8}  {'Now':>6}  {'Change':>7}"
    head += f"  {'Project':>7}  {'Rubric':>7}" if split else ""
    lines = ["", head]
    for d in rows:
        change = _signed(d["delta"]) if d["delta"] is not None else d["change"]
        line = f"{printable(d['name']):<{width}}  {_score(d['old']):>8}  {_score(d['new']):>6}  {change:>7}"
        line += f"  {_signed(d['project']):>7}  {_signed(d['rubric']):>7}" if split else ""
        lines.append(line.rstrip())
    return lines


def _criteria(doc: dict) -> list[str]:
    lines = []
    for kind, entries in doc["criteria"].items():
        if not entries:
            continue
        lines += ["", f"{_HEADINGS[kind]} ({len(entries)})"]
        for c in entries:
            lines.append(f"  {_MARKS[kind]} {printable(c['title'])}  {printable(c['id'])}{_cause(c)}")
            detail = f"{describe_state(c['old'])} → {describe_state(c['new'])}"
            if c["old"]["answer"] != c["new"]["answer"]:
                detail += f" · {printable(c['field'])}: {printable(display(c['old']['answer'], none='—'))} → {printable(display(c['new']['answer'], none='—'))}"
            lines.append(f"    {detail}")
    return lines


def _blockers(doc: dict) -> list[str]:
    lines = []
    for key, heading, mark in (("resolved", "Blockers resolved", "✓"), ("new", "New blockers", "✗")):
        entries = doc["blockers"][key]
        if entries:
            lines += ["", f"{heading} ({len(entries)})"]
            lines += [
                f"  {mark} {printable(b['title'])}  {printable(b['id'])} · {b['status'].replace('_', ' ')}{_cause(b)}" for b in entries
            ]
    return lines


def _regressions(doc: dict) -> list[str]:
    found = doc["regressions"]
    if not found:
        return ["", "No regressions."]
    return ["", f"Regressions ({len(found)})"] + [f"  ✗ {printable(r['message'])}" for r in found]


SECTIONS = (_header, _rubric, _overview, _dimensions, _criteria, _blockers, _regressions)


def render(doc: dict, options: RenderOptions) -> str:
    return "\n".join(line for section in SECTIONS for line in section(doc)) + "\n"
