"""The loader: positions, and what it refuses that PyYAML would accept."""

from __future__ import annotations

import pytest

from privacy_notice.diagnostics import PolicyError
from privacy_notice.load import load_policy_text


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


# --- What a build keeps of the files it loaded (load.keep_loaded_in) ----------------------

KEPT_SAMPLE = """\
notice:
  title: "Quoted: with a colon"
  count: 3
  ratio: 0.25
  big: 12345678901234567890
  on: true
  off: false
  nothing: null
  date: 2019-10-23
  list: [a, 1, 2.5, {k: v}]
  text: |
    Two
    lines
  unicode: "ä ö 😀"
"""


@pytest.fixture
def kept(tmp_path, monkeypatch) -> list[str]:
    """A fresh memory of loaded files kept in ``tmp_path``; records every composition."""
    from privacy_notice import compose as compose_module
    from privacy_notice import load as load_module
    from privacy_notice.cache import KeptTexts

    composed: list[str] = []
    real = compose_module.compose

    def spy(text: str, name: str):
        composed.append(name)
        return real(text, name)

    monkeypatch.setattr(compose_module, "compose", spy)
    monkeypatch.setattr(load_module, "loaded_files", KeptTexts())
    load_module.keep_loaded_in(tmp_path)
    return composed


@pytest.mark.parametrize("name", ["sample", "default", "webshop"])
def test_a_kept_file_loads_as_composed(kept, name: str):
    from conftest import DEFAULT_NOTICE, ROOT

    text = {
        "sample": KEPT_SAMPLE.encode(),
        "default": (DEFAULT_NOTICE / "policy.yaml").read_bytes(),
        "webshop": (ROOT / "examples" / "webshop" / "policy.yaml").read_bytes(),
    }[name]
    first = load(text)
    again = load(text)
    assert kept == ["policy.yaml"]  # composed once
    for part in ("file", "data", "values", "keys", "scalars"):
        assert getattr(again, part) == getattr(first, part), part
    assert again.data is not first.data  # each load its own data: callers may change it


def test_the_next_build_takes_the_kept_file_and_its_positions(kept, tmp_path):
    from privacy_notice import load as load_module
    from privacy_notice.cache import KeptTexts

    first = load(KEPT_SAMPLE)
    load_module.loaded_files.save()
    load_module.loaded_files = KeptTexts()  # the next process
    load_module.keep_loaded_in(tmp_path)
    again = load_policy_text(KEPT_SAMPLE.encode(), "other/policy.yaml")
    assert kept == ["policy.yaml"]
    assert again.file == "other/policy.yaml"  # diagnostics name the file as read now
    assert again.mark(("notice", "list", 3, "k")) == first.mark(("notice", "list", 3, "k"))
    assert again.data == first.data


def test_a_file_with_problems_is_never_kept(kept):
    broken = "a: 1\na: 2\n"
    assert problems(broken) == problems(broken)
    assert kept == ["policy.yaml", "policy.yaml"]


def test_read_mapping_reads_a_kept_file_without_pyyaml(kept, tmp_path, monkeypatch):
    from privacy_notice import compose as compose_module
    from privacy_notice.load import read_mapping

    path = tmp_path / "policy.yaml"
    path.write_text(KEPT_SAMPLE, "utf-8")
    load(KEPT_SAMPLE)

    def refuse(raw: bytes):
        raise AssertionError("read with PyYAML")

    monkeypatch.setattr(compose_module, "lenient", refuse)
    assert read_mapping(path) == load(KEPT_SAMPLE).data
    path.write_text(KEPT_SAMPLE + "extra: 1\n", "utf-8")  # other bytes: read afresh
    assert read_mapping(path) == {}  # (the refusing reader failed: a broken file reads as {})


def test_another_pyyaml_composes_again(kept, tmp_path, monkeypatch):
    import importlib.metadata

    from privacy_notice import load as load_module
    from privacy_notice.cache import KeptTexts

    load(KEPT_SAMPLE)
    load_module.loaded_files.save()
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0-other")
    load_module.loaded_files = KeptTexts()
    load_module.keep_loaded_in(tmp_path)
    load(KEPT_SAMPLE)
    assert kept == ["policy.yaml", "policy.yaml"]
