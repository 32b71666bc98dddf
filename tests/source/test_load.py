"""The loader: positions, and what it refuses that PyYAML would accept."""

from __future__ import annotations

import pytest

from privacy_notice.diagnostics import PolicyError
from privacy_notice.source.load import load_policy_text


def load(text: str | bytes):
    return load_policy_text(text.encode() if isinstance(text, str) else text, "policy.yaml")


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        load(text)
    return [str(d) for d in caught.value.diagnostics]


def test_positions_of_values_and_keys():
    loaded = load("a:\n  b: [1, 2]\n  c:\n    - x: y\n")
    assert loaded.data == {"a": {"b": [1, 2], "c": [{"x": "y"}]}}
    assert (loaded.mark(("a", "b")).line, loaded.mark(("a", "b")).column) == (2, 6)
    assert (loaded.key_mark(("a", "c")).line, loaded.key_mark(("a", "c")).column) == (3, 3)
    assert loaded.mark(("a", "c", 0, "x")).line == 4
    # an unknown path falls back to its nearest written ancestor
    assert loaded.mark(("a", "c", 0, "missing")).line == 4


def test_dates_stay_iso_text_and_scalars_keep_their_source():
    loaded = load("d: 2019-10-23\nn: 02150\nq: '02150'\n")
    assert loaded.data["d"] == "2019-10-23"
    assert loaded.data["n"] == 1128  # YAML 1.1 octal: the schema will ask for quotes
    assert loaded.scalars[("n",)] == "02150"
    assert loaded.data["q"] == "02150"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", "policy.yaml:2:1: a: duplicate key 'a' (first written at line 1)"),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", "policy.yaml:4:3: a.b: duplicate key 'b'"),
        ("a:\n\tb: 1\n", "policy.yaml:2:1: a tab character: indent with spaces, not tabs"),
        ("a: &x 1\nb: *x\n", "policy.yaml:2:1: b: anchors and aliases"),
        (
            "a: !!python/object:os.system x\n",
            "policy.yaml:1:4: a: the tag !!python/object:os.system",
        ),
        ("a: !!binary aGVsbG8=\n", "the tag !!binary is not allowed"),
        ("a: !custom 1\n", "the tag !custom is not allowed"),
        ("<<: {a: 1}\n", "merge keys (<<) are not supported"),
        ("", "policy.yaml:1:1: the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("a: b: c\n", "policy.yaml:1:5: unexpected ':' here"),
        ("a:\n  - x\n - y\n", "policy.yaml:3:2:"),
        ("a: [1, 2\n", "policy.yaml:2:1:"),
        ('a: "\\q"\n', "unknown escape"),
        ("[1, 2]: x\n", "a key must be a plain name"),
    ],
)
def test_bad_yaml_is_located(text: str, expected: str):
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].startswith(expected) or expected in found[0], found


def test_billion_laughs_is_refused_quickly():
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    found = problems("\n".join(lines) + "\n")
    assert all("anchors and aliases" in line for line in found)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xef\xbb\xbfa: 1\n", "policy.yaml:1:1: the file starts with a byte-order mark"),
        (b"a: 1\nb: caf\xe9\n", "policy.yaml:2:7: byte 0xe9 is not UTF-8"),
        (b"a: 1\x00\n", "NUL character"),
        (b"a: " + b"x" * 2_100_000 + b"\n", "a policy file may be at most"),
    ],
)
def test_bad_bytes(raw: bytes, expected: str):
    found = problems(raw)
    assert any(expected in line for line in found), found
