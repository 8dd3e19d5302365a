"""The safe YAML reader: hostile input gets a precise error, never a crash."""

import time

import pytest

from readiness.common.errors import InputError
from readiness.input.files import MAX_FILE_BYTES
from readiness.input.source import load, parse


def error_of(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse(text, "f.yaml")
    return str(caught.value)


def test_plain_data_and_marks():
    document = parse("a: 1\nb:\n  - x\n  - {c: true, d: 2.5, e: null}\n", "f.yaml")
    assert document.data == {"a": 1, "b": ["x", {"c": True, "d": 2.5, "e": None}]}
    assert document.locate(("b", 1, "d")).line == 4
    assert document.locate(("a",), key=True).column == 1
    assert document.locate(("a",)).column == 4
    assert document.locate(("b", 1, "missing")) == document.locate(("b", 1))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml:4:3: duplicate key 'c' (first defined on line 3)"),
        ("a: 1\na: 2\n", "f.yaml:2:1: duplicate key 'a' (first defined on line 1)"),
        ("a: !!python/object:os.system x\n", "f.yaml:1:4: YAML tag !!python/object:os.system is not allowed"),
        ("a: !!python/name:os.system\n", "f.yaml:1:4: YAML tag !!python/name:os.system is not allowed"),
        ("a: !custom {b: 1}\n", "f.yaml:1:4: YAML tag !custom is not allowed"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: invalid YAML: a tab character where indentation or a token was expected"),
        ("a: 'unclosed\nb: 2\n", "f.yaml:1:4: invalid YAML: unclosed quote"),
        ("a: b: c\n", "f.yaml:1:5: invalid YAML: mapping values are not allowed in this context"),
        ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: invalid YAML"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: more than one YAML document in the file"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "f.yaml:3:3: YAML merge keys ('<<') are not supported"),
        ("a: *nope\n", "f.yaml:1:4: unknown alias '*nope'"),
        ("a: \x01\n", "f.yaml:1:4: character U+0001 is not allowed in YAML"),
        ("a: " + "9" * 5000 + "\n", "f.yaml:1:4: cannot read"),
    ],
)
def test_bad_yaml_is_located(text, expected):
    assert expected in error_of(text)


def test_tab_hint():
    assert "indent with spaces" in error_of("a:\n\tb: 1\n")


def test_alias_bomb_is_rejected_fast():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    started = time.perf_counter()
    message = error_of("\n".join(lines) + "\n")
    assert "aliases expand to more than" in message
    assert time.perf_counter() - started < 1.0


def test_small_aliases_are_allowed():
    document = parse("base: &b {x: 1}\nother: *b\n", "f.yaml")
    assert document.data["other"] == {"x": 1}


@pytest.mark.parametrize("opener, closer", [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_is_rejected(opener, closer):
    """5000 levels: PyYAML 6.0.4's libyaml gives up at 1000 flow levels while scanning ahead (6.0.3 did not);
    the project's limit and hint must come first on both."""
    assert "nesting deeper than 64 levels" in error_of(opener * 5000 + "1" + closer * 5000)


def test_deep_block_nesting_is_rejected():
    text = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    assert "nesting deeper than" in error_of(text)


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    assert load(path).data == {"a": 1, "b": "two"}


def test_invalid_utf8_is_located(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert str(caught.value).startswith(f"error: {path}:2:7: not valid UTF-8 (byte 0xe9)")


def test_oversized_file_is_rejected_without_reading_it_all(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: '" + b"x" * (10 * 1024 * 1024) + b"'\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert f"larger than the {MAX_FILE_BYTES // 1024} KiB limit" in str(caught.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such manifest"):
        load(tmp_path / "absent.yaml", what="manifest")
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_documents_are_none(text):
    assert parse(text, "f.yaml").data is None


def test_yaml_11_keys_stay_text():
    assert parse("on: 1\nyes: 2\n", "f.yaml").data == {"on": 1, "yes": 2}


@pytest.mark.parametrize("text, expected", [("a: =\n", {"a": "="}), ("a: <<\n", {"a": "<<"}), ("a: ~\n", {"a": None})])
def test_yaml_11_special_scalars_are_plain_data(text, expected):
    assert parse(text, "f.yaml").data == expected


def test_a_document_read_without_marks_reads_them_when_asked():
    """The portfolio parses without positions; a problem found later still points at its line and column."""
    text = "version: 1\nproject:\n  name: p\n  owner: [a, b]\nlist:\n  - {k: v}\n  - &x 1\n  - *x\n"
    eager, lazy = parse(text, "m.yaml"), parse(text, "m.yaml", marks=False)
    assert lazy.data == eager.data and lazy.text == text
    assert lazy.diagnostic(("project", "owner", 1), "bad").format() == eager.diagnostic(("project", "owner", 1), "bad").format()
    assert (lazy.value_marks, lazy.key_marks) == (eager.value_marks, eager.key_marks) and lazy.text is None
    with pytest.raises(InputError, match="duplicate key 'a'"):
        parse("a: 1\na: 2\n", "m.yaml", marks=False)
    with pytest.raises(InputError, match="a mapping key must be a plain scalar"):
        parse("? [a]\n: 1\n", "m.yaml", marks=False)
