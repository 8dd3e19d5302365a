"""Reports written as they are rendered: lazy rows, text regrouped into line blocks, writes that still replace all or nothing."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, check_golden, run_cli
from readiness.common.errors import UsageError
from readiness.common.rows import Rows
from readiness.common.text import inert, line_blocks, no_commands
from readiness.portfolio import jsonreport
from readiness.reports.markdown import fold_blank_runs
from readiness.reports.options import RenderOptions
from readiness.reports.output import write_all

# Text made of the characters the line-wise rules look at.
_TEXT = st.text(alphabet="a:\n \t", max_size=300)


def _split(text: str, cuts: list[int]) -> list[str]:
    points = sorted({c % (len(text) + 1) for c in cuts})
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]


def test_rows_read_like_the_list_they_stand_for():
    made = []
    rows = Rows([3, 1, 2], lambda n: made.append(n) or {"n": n})
    assert made == []
    assert len(rows) == 3 and bool(rows) and not Rows([], str)
    assert rows[1] == {"n": 1} and rows[-1] == {"n": 2} and rows[:2] == [{"n": 3}, {"n": 1}]
    assert rows == [{"n": 3}, {"n": 1}, {"n": 2}] and rows != [{"n": 3}]
    assert rows + [{"n": 9}] == [{"n": 3}, {"n": 1}, {"n": 2}, {"n": 9}]
    assert [{"n": 0}] + rows == [{"n": 0}, {"n": 3}, {"n": 1}, {"n": 2}]


def test_inert_rows_are_made_inert_one_at_a_time():
    made = []
    rows = inert(Rows(["fine", "forged\nerror: line"], lambda s: made.append(s) or {"project": s}))
    assert isinstance(rows, Rows) and made == []
    assert rows[1] == {"project": "forged error: line"}
    assert made == ["forged\nerror: line"]


@given(_TEXT, st.lists(st.integers(min_value=0), max_size=12), st.integers(min_value=1, max_value=40))
def test_line_blocks_keep_the_text_and_end_each_block_at_a_line(text, cuts, size):
    blocks = list(line_blocks(_split(text, cuts), size))
    assert "".join(blocks) == text
    assert all(block.endswith("\n") for block in blocks[:-1])
    assert "".join(map(no_commands, blocks)) == no_commands(text)


@given(st.text(alphabet="a\n", max_size=200), st.lists(st.integers(min_value=0), max_size=12))
def test_folding_blank_lines_piece_by_piece_folds_the_whole(text, cuts):
    assert "".join(fold_blank_runs(_split(text, cuts))) == re.sub(r"\n{3,}", "\n\n", text)


def test_the_portfolio_json_of_rows_is_the_json_of_lists():
    rows = Rows([1, 2], lambda n: {"rank": n, "project": f"p{n}"})
    doc = {"schema_version": 1, "ranking": rows, "errors": Rows([], str), "totals": {"manifests": 2}}
    listed = {**doc, "ranking": list(rows), "errors": []}
    text = jsonreport.render(doc, RenderOptions())
    assert text == jsonreport.render(listed, RenderOptions())
    assert json.loads(text) == listed
    assert text.splitlines()[3] == '    {"rank": 1, "project": "p1"},'


def _pieces_then_fail():
    yield "half of a report\n"
    raise UsageError("template broke while rendering")


def test_a_report_in_pieces_goes_to_a_file_and_to_stdout(tmp_path, capsys):
    out = tmp_path / "r.json"
    write_all([(out, iter(["{", '"a": 1', "}\n"])), (None, (f"line {i}\n" for i in range(3)))])
    assert out.read_text(encoding="utf-8") == '{"a": 1}\n'
    assert capsys.readouterr().out == "line 0\nline 1\nline 2\n"


def test_a_report_failing_halfway_writes_nothing_anywhere(tmp_path, capsys):
    kept = tmp_path / "kept.md"
    kept.write_text("the previous report\n", encoding="utf-8")
    for reports in ([(kept, _pieces_then_fail())], [(kept, "new\n"), (None, _pieces_then_fail())]):
        with pytest.raises(UsageError):
            write_all(reports)
        assert kept.read_text(encoding="utf-8") == "the previous report\n"
        assert capsys.readouterr().out == ""
        assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.md"]


@pytest.mark.parametrize("fmt,suffix", [("text", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json")])
def test_the_portfolio_of_the_examples_matches_golden(fmt, suffix, update_golden):
    """The command as users run it, streamed to stdout: pinned byte for byte, whatever renders it in pieces."""
    result = run_cli("portfolio", "examples", "-f", fmt, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    check_golden(ROOT / "tests" / "golden" / "portfolio" / f"examples.{suffix}", result.stdout, update_golden)
