"""Chart geometry for the reports.

The pictures in the HTML report (radar, gauge, timeline) and the Mermaid
charts in the Markdown report are computed here from the report document, so
both formats draw the same data the same way and templates hold markup only.

Every coordinate is a string rounded to at most two decimals: reports are
compared byte for byte in golden tests, and the last bits of a cosine must not
change a file (nor print ``-0``).
"""

from __future__ import annotations

import math
import textwrap

OPEN_PHASE_MONTHS = 12
"""How many months an open-ended last phase ("36+ months") is drawn wide."""

SCORE_BANDS = (("high", 75), ("fair", 50), ("low", 25), ("critical", 0))
"""Score bands, best first: a score belongs to the first band whose minimum it reaches (gauge and portfolio heat map)."""


def score_band(score: float | None) -> str:
    if score is None:
        return "none"
    return next(name for name, minimum in SCORE_BANDS if score >= minimum)


def fmt(value: float) -> str:
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def phase_span(phase: dict) -> dict:
    """Start and end month of a roadmap phase; an open-ended phase gets a nominal width."""
    start = phase["start_month"]
    end = phase["end_month"]
    return {"start": start, "end": end if end is not None else start + OPEN_PHASE_MONTHS, "open": end is None}


def _points(pairs) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in pairs)


def radar(dimensions: list[dict], min_score: float | None = None) -> dict:
    """A spider chart of dimension scores (0–100), the first axis at the top, clockwise.

    A dimension without a score sits at the centre and is labelled n/a, so the
    shape never hides that a dimension exists. ``min_score`` (the gate) is drawn
    as a ring at that level.
    """
    width, height = 640, 470
    cx, cy, radius = width / 2, 235.0, 150.0
    count = max(len(dimensions), 1)

    def angle(index: int) -> float:
        return -math.pi / 2 + 2 * math.pi * index / count

    def at(index: int, value: float, extra: float = 0.0) -> tuple[float, float]:
        distance = radius * value / 100 + extra
        return cx + distance * math.cos(angle(index)), cy + distance * math.sin(angle(index))

    def ring(value: float) -> str:
        return _points(at(i, value) for i in range(count))

    axes = []
    for index, dimension in enumerate(dimensions):
        score = dimension["score"]
        cos, sin = math.cos(angle(index)), math.sin(angle(index))
        end_x, end_y = at(index, 100)
        label_x, label_y = at(index, 100, 16)
        lines = textwrap.wrap(dimension["name"], 18)[:3] or [""]
        line_height = 15
        total = len(lines) + 1
        if sin < -0.5:
            top = label_y - (total - 1) * line_height
        elif sin > 0.5:
            top = label_y + 10
        else:
            top = label_y - (total - 1) * line_height / 2 + 4
        dot_x, dot_y = at(index, score or 0)
        axes.append(
            {
                "id": dimension["id"],
                "name": dimension["name"],
                "score": score,
                "x": fmt(end_x),
                "y": fmt(end_y),
                "dot_x": fmt(dot_x),
                "dot_y": fmt(dot_y),
                "label_x": fmt(label_x),
                "label_y": fmt(top),
                "anchor": "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end"),
                "lines": lines,
                "line_height": line_height,
            }
        )
    return {
        "width": width,
        "height": height,
        "cx": fmt(cx),
        "cy": fmt(cy),
        "rings": [
            {"level": level, "points": ring(level), "label_x": fmt(cx + 4), "label_y": fmt(cy - radius * level / 100 - 3)}
            for level in (25, 50, 75, 100)
        ],
        "axes": axes,
        "shape": _points(at(i, d["score"] or 0) for i, d in enumerate(dimensions)),
        "gate": None if min_score is None else {"level": min_score, "points": ring(min_score)},
    }


def gauge(score: float, min_score: float | None = None) -> dict:
    """A half-circle score gauge from 0 (left) to 100 (right), with the gate's minimum as a tick."""
    cx, cy, radius = 120.0, 118.0, 96.0

    def at(value: float, distance: float = radius) -> tuple[float, float]:
        theta = math.pi * (1 - max(0.0, min(value, 100.0)) / 100)
        return cx + distance * math.cos(theta), cy - distance * math.sin(theta)

    def arc(value: float) -> str:
        x, y = at(value)
        return f"M {fmt(cx - radius)} {fmt(cy)} A {fmt(radius)} {fmt(radius)} 0 0 1 {fmt(x)} {fmt(y)}"

    marker = None
    if min_score is not None:
        (x1, y1), (x2, y2) = at(min_score, radius - 16), at(min_score, radius + 16)
        marker = {"x1": fmt(x1), "y1": fmt(y1), "x2": fmt(x2), "y2": fmt(y2)}
    return {
        "width": 240,
        "height": 150,
        "cx": fmt(cx),
        "score_y": fmt(cy - 12),
        "scale_y": fmt(cy + 10),
        "ends_y": fmt(cy + 24),
        "start_x": fmt(cx - radius),
        "end_x": fmt(cx + radius),
        "track": arc(100),
        "value": arc(score) if score > 0 else None,
        "band": score_band(score),
        "marker": marker,
    }


def timeline(roadmap: list[dict], next_phase: str | None = None) -> dict:
    """The roadmap's phases as bands on one month axis, widths proportional to their months."""
    width, height, left, right = 960, 96, 8, 8
    spans = [phase_span(p) for p in roadmap]
    first = min((s["start"] for s in spans), default=0)
    last = max((s["end"] for s in spans), default=1)
    scale = (width - left - right) / max(last - first, 1)

    def x(month: float) -> float:
        return left + (month - first) * scale

    bands = []
    for index, (phase, span) in enumerate(zip(roadmap, spans, strict=False), start=1):
        band_width = x(span["end"]) - x(span["start"])
        bands.append(
            {
                "index": index,
                "id": phase["id"],
                "name": phase["name"],
                "months": phase["months"],
                "reached": phase["reached"],
                "next": phase["id"] == next_phase,
                "open": span["open"],
                "x": fmt(x(span["start"])),
                "width": fmt(band_width),
                "rect_width": fmt(max(band_width - 4, 1)),
                "steps": len(phase["steps"]),
                "roomy": band_width >= 190,
            }
        )
    ticks = sorted({s["start"] for s in spans} | {s["end"] for s in spans if not s["open"]})
    return {
        "width": width,
        "height": height,
        "bands": bands,
        "ticks": [
            {"month": m, "x": fmt(x(m)), "anchor": "start" if i == 0 else ("end" if x(m) > width - 20 else "middle")}
            for i, m in enumerate(ticks)
        ],
    }
