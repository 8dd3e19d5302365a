"""Trends: what changed between two assessments, and whether anything got worse.

A diff compares two JSON reports (``schema_version`` 1), not two manifests:
a baseline committed months ago stays comparable after the manifest, the
rubric or readiness itself has moved on, because the report records every
answer, status, credit and rubric definition it was scored with. Manifests
are assessed first (:func:`readiness.api.load_report`).

When the rubric changed between the two reports, a change in the numbers may
come from the project or from the rubric, and a ratchet that blames the team
for a stricter rubric would be switched off within a week. Every change
therefore carries a ``cause``, decided per criterion:

- present in one report only, or its check (``expected``) differs: the rubric;
- same check, different answer: the project (a new weight, phase or severity
  cannot change a status, so those act only through scores, phase and blockers);
- same check, same answer, a status moved to or from ``waived``,
  ``unverified`` or ``not_applicable``: the project (waivers, evidence and
  project facts live in the manifest);
- same check, same answer, any other status change: the rubric (status then
  follows from check and answer alone).

Scores and the phase are split the same way, through one counterfactual: the
*new* rubric applied to the *old* project (old status and credit for every
criterion whose change the project caused, new ones otherwise). ``project``
is new minus counterfactual, ``rubric`` is counterfactual minus old; the two
add up to the total change. The rules and their limits are in
``docs/trends.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.common.text import display
from readiness.reports.document import plain
from readiness.scoring.engine import MET, NOT_APPLICABLE, PARTIAL
from readiness.trends.attribution import PROJECT, RUBRIC, Pairing, phase_ids, reported
from readiness.trends.attribution import counterfactual as counterfactual_scores

SCHEMA_VERSION = 1
REPORT_SCHEMA_VERSION = 1
UP, DOWN, SAME = "up", "down", "same"

REPORT_KEYS = (
    "schema_version",
    "tool",
    "manifest",
    "project",
    "rubric",
    "score",
    "phase_reached",
    "dimensions",
    "blockers",
    "roadmap",
    "criteria",
)
CRITERION_KEYS = ("id", "title", "dimension", "phase", "severity", "weight", "status", "credit", "field", "answer", "expected")
DIMENSION_KEYS = ("id", "name", "weight", "score")
_HINT = "give a JSON report written by `readiness assess --format json`"


# ---------------------------------------------------------------- loading


def load_report(path: str | Path) -> dict:
    """A JSON report from disk, validated by :class:`readiness.trends.baseline.Report` (located errors, finite numbers)."""
    from readiness.trends.baseline import load_report as load

    return load(path)


# ---------------------------------------------------------------- comparing


def compare(old: dict, new: dict) -> dict:
    """The diff document: plain data in a fixed key order, the same for every renderer."""
    pairing = Pairing.of(old, new)
    rubric = _rubric_changes(old, new, pairing)
    counterfactual = counterfactual_scores(old, new, pairing, rubric["differs"])
    doc = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "readiness", "version": __version__},
        "old": _side(old),
        "new": _side(new),
        "rubric": rubric,
        "score": _split(old["score"], new["score"], counterfactual.score),
        "phase": _phase_change(old, new, counterfactual.phase),
        "dimensions": _dimension_changes(old, new, counterfactual.dimensions),
        "criteria": _criterion_changes(pairing),
        "blockers": _blocker_changes(old, new, pairing),
    }
    doc["regressions"] = _regressions(doc, pairing)
    return doc


def _side(report: dict) -> dict:
    return {
        "manifest": report["manifest"],
        "project": report["project"],
        "rubric": {"id": report["rubric"]["id"], "version": report["rubric"]["version"]},
        "tool_version": report["tool"].get("version"),
    }


def _rubric_changes(old: dict, new: dict, pairing: Pairing) -> dict:
    old_dims = {d["id"]: d for d in old["dimensions"]}
    new_dims = {d["id"]: d for d in new["dimensions"]}
    changes: dict[str, Any] = {
        "changed": (old["rubric"]["id"], old["rubric"]["version"]) != (new["rubric"]["id"], new["rubric"]["version"]),
        "differs": False,
        "aggregation": _pair_if_different(old["rubric"].get("aggregation"), new["rubric"].get("aggregation")),
        "phases": _pair_if_different(phase_ids(old), phase_ids(new)),
        "dimensions": {
            "added": [i for i in new_dims if i not in old_dims],
            "removed": [i for i in old_dims if i not in new_dims],
            "reweighted": [
                {"id": i, "old": old_dims[i]["weight"], "new": new_dims[i]["weight"]}
                for i in new_dims
                if i in old_dims and old_dims[i]["weight"] != new_dims[i]["weight"]
            ],
        },
        "criteria": {
            "added": [_brief(pairing.new[i]) for i in pairing.added],
            "removed": [_brief(pairing.old[i]) for i in pairing.removed],
            "redefined": [
                {
                    "id": i,
                    "title": pairing.new[i]["title"],
                    "changes": {f: {"old": pairing.old[i][f], "new": pairing.new[i][f]} for f in fields},
                }
                for i, fields in pairing.redefined.items()
                if fields
            ],
            "rescored": [
                i for i in pairing.shared if pairing.changed(i) and pairing.cause[i] == RUBRIC and "expected" not in pairing.redefined[i]
            ],
        },
    }
    changes["differs"] = any((changes["aggregation"], changes["phases"], *changes["dimensions"].values(), *changes["criteria"].values()))
    return changes


def _pair_if_different(old, new) -> dict | None:
    return None if old == new else {"old": old, "new": new}


def _brief(criterion: dict) -> dict:
    return {"id": criterion["id"], "title": criterion["title"], "dimension": criterion["dimension"], "status": criterion["status"]}


def _number(value: float) -> float | int:
    """A delta rounded like a score, without -0.0 or float noise."""
    return plain(round(value, 1) + 0.0)


def _split(old: float | None, new: float | None, counterfactual: float | None) -> dict:
    if old is None or new is None:
        return {"old": old, "new": new, "delta": None, "project": None, "rubric": None}
    middle = new if counterfactual is None else counterfactual
    return {
        "old": old,
        "new": new,
        "delta": _number(new - old),
        "project": _number(new - middle),
        "rubric": _number(middle - old),
    }


def _direction(delta: float) -> str:
    return UP if delta > 0 else DOWN if delta < 0 else SAME


def _phase_change(old: dict, new: dict, counterfactual: int) -> dict:
    before, after = reported(old).phase, reported(new).phase
    return {
        "old": old["phase_reached"],
        "new": new["phase_reached"],
        "change": _direction(after - before),
        "project": _direction(after - counterfactual),
        "rubric": _direction(counterfactual - before),
    }


def _dimension_changes(old: dict, new: dict, counterfactual: dict[str, float | None]) -> list[dict]:
    old_dims = {d["id"]: d for d in old["dimensions"]}
    rows = []
    for d in new["dimensions"]:
        before = old_dims.get(d["id"])
        split = _split(None if before is None else before["score"], d["score"], counterfactual.get(d["id"]))
        change = "added" if before is None else "unscored" if split["delta"] is None else _direction(split["delta"])
        rows.append({"id": d["id"], "name": d["name"], **split, "change": change})
    new_ids = {d["id"] for d in new["dimensions"]}
    for d in old["dimensions"]:
        if d["id"] not in new_ids:
            rows.append({"id": d["id"], "name": d["name"], **_split(d["score"], None, None), "change": "removed"})
    return rows


# ---------------------------------------------------------------- criteria and blockers


def _state(criterion: dict) -> dict:
    return {"status": criterion["status"], "credit": criterion["credit"], "answer": criterion["answer"]}


def _entry(pairing: Pairing, cid: str) -> dict:
    old, new = pairing.old[cid], pairing.new[cid]
    return {
        "id": cid,
        "title": new["title"],
        "dimension": new["dimension"],
        "field": new["field"],
        "old": _state(old),
        "new": _state(new),
        "cause": pairing.cause[cid],
        "redefined": list(pairing.redefined[cid]),
    }


def _is_lost(old: dict, new: dict) -> bool:
    return old["status"] == MET and new["status"] not in (MET, NOT_APPLICABLE)


def _credit_down(old: dict, new: dict) -> bool:
    return old["credit"] is not None and new["credit"] is not None and new["credit"] < old["credit"]


def _kind(old: dict, new: dict) -> str:
    if new["status"] == MET and old["status"] != MET:
        return "newly_met"
    if _is_lost(old, new):
        return "newly_lost"
    return "changed"


def _criterion_changes(pairing: Pairing) -> dict:
    groups: dict[str, list[dict]] = {"newly_met": [], "newly_lost": [], "changed": []}
    for cid in pairing.shared:
        if pairing.changed(cid):
            groups[_kind(pairing.old[cid], pairing.new[cid])].append(_entry(pairing, cid))
    return groups


def _blocker_cause(pairing: Pairing, cid: str) -> str:
    if cid not in pairing.old or cid not in pairing.new or "severity" in pairing.redefined[cid]:
        return RUBRIC
    return pairing.cause[cid]


def _blocker_changes(old: dict, new: dict, pairing: Pairing) -> dict:
    before = [b["id"] for b in old["blockers"]]
    after = [b["id"] for b in new["blockers"]]

    def entry(cid: str, criteria: dict[str, dict]) -> dict:
        c = criteria[cid]
        return {
            "id": cid,
            "title": c["title"],
            "dimension": c["dimension"],
            "phase": c["phase"],
            "status": c["status"],
            "cause": _blocker_cause(pairing, cid),
        }

    return {
        "count": {"old": len(before), "new": len(after)},
        "resolved": [entry(i, pairing.new if i in pairing.new else pairing.old) for i in before if i not in after],
        "new": [entry(i, pairing.new) for i in after if i not in before],
    }


# ---------------------------------------------------------------- regressions


def _regression(kind: str, id: str | None, cause: str, message: str) -> dict:
    suffix = " (rubric-caused)" if cause == RUBRIC else ""
    return {"kind": kind, "id": id, "cause": cause, "message": message + suffix}


def _score_regressions(kind: str, id: str | None, label: str, split: dict, rubric_differs: bool) -> list[dict]:
    if split["delta"] is None:
        return []
    if not rubric_differs:
        if split["delta"] >= 0:
            return []
        return [_regression(kind, id, PROJECT, f"{label} down {-split['delta']:.1f} ({split['old']:.1f} → {split['new']:.1f})")]
    found = []
    if split["project"] < 0:
        found.append(_regression(kind, id, PROJECT, f"{label} down {-split['project']:.1f} from changes in the project"))
    if split["rubric"] < 0:
        found.append(_regression(kind, id, RUBRIC, f"{label} down {-split['rubric']:.1f} from the rubric change"))
    return found


def _phase_name(phase: dict | None) -> str:
    return "none" if phase is None else phase["name"]


def _phase_regressions(phase: dict) -> list[dict]:
    moved = f"{_phase_name(phase['old'])} → {_phase_name(phase['new'])}"
    return [_regression("phase", None, cause, f"phase down ({moved})") for cause in (PROJECT, RUBRIC) if phase[cause] == DOWN]


def _criterion_regressions(pairing: Pairing) -> list[dict]:
    found = []
    for cid in pairing.shared:
        old, new = pairing.old[cid], pairing.new[cid]
        if not (_is_lost(old, new) or _credit_down(old, new)):
            continue
        verb = "lost" if _is_lost(old, new) else "down"
        message = f"{cid} {verb}: {describe_state(old)} → {describe_state(new)}"
        if old["answer"] != new["answer"]:
            message += f", {new['field']} {display(old['answer'], none='—')} → {display(new['answer'], none='—')}"
            if pairing.cause[cid] == RUBRIC:
                message += " under a changed check"
        found.append(_regression("criterion", cid, pairing.cause[cid], message))
    return found


def describe_state(state: dict) -> str:
    """A status with its credit where the status alone hides it: ``partial 50%`` falling to ``partial 25%`` is a loss."""
    if state["status"] == PARTIAL and state["credit"] is not None:
        return f"partial {round(state['credit'] * 100)}%"
    return state["status"].replace("_", " ")


def _regressions(doc: dict, pairing: Pairing) -> list[dict]:
    differs = doc["rubric"]["differs"]
    found = _score_regressions("score", None, "overall score", doc["score"], differs)
    for d in doc["dimensions"]:
        found += _score_regressions("dimension", d["id"], f"{d['name']} score", d, differs)
    found += _criterion_regressions(pairing)
    found += _phase_regressions(doc["phase"])
    return found


def regressions(diff: dict, strict: bool = False) -> list[str]:
    """Why a ratchet fails: project-caused regressions, and rubric-caused ones too when ``strict``.

    Not strict by default because adopting a stricter rubric is an
    organization's decision, not a team's regression; the rubric-caused ones
    stay in the diff document and every rendering, marked as such.
    """
    return [r["message"] for r in diff["regressions"] if strict or r["cause"] == PROJECT]


__all__ = ["compare", "load_report", "regressions"]
