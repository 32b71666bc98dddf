"""export.py: canonical JSON, checksums, JSON Patch and the version index; and a
reordered policy.yaml releases the same bytes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Project, examples
from privacy_notice.exports.changes import json_patch, versions_index
from privacy_notice.history import canonical
from privacy_notice.history.canonical import canonical_json, sha256
from run_cli import run_cli, set_updated


def test_canonical_json_sorts_keys_at_every_depth_and_keeps_lists():
    one = {"b": {"y": [3, {"d": True, "c": None}], "x": "ä"}, "a": "–"}
    two = {"a": "–", "b": {"x": "ä", "y": [3, {"c": None, "d": True}]}}
    assert canonical_json(one) == canonical_json(two)
    assert canonical_json(one).decode("utf-8") == (
        "{\n"
        '  "a": "–",\n'
        '  "b": {\n'
        '    "x": "ä",\n'
        '    "y": [\n'
        "      3,\n"
        "      {\n"
        '        "c": null,\n'
        '        "d": true\n'
        "      }\n"
        "    ]\n"
        "  }\n"
        "}\n"
    )
    assert canonical_json({"l": [2, 1]}) != canonical_json({"l": [1, 2]})  # order is content


@pytest.mark.parametrize("number", [0.5, 1e3, float("nan"), 2**53 + 1, -(2**60)])
def test_canonical_json_refuses_numbers_without_one_text(number):
    with pytest.raises(ValueError, match="canonical JSON holds"):
        canonical_json({"a": [{"b": number}]})


def test_canonical_json_writes_small_integers_and_booleans_plainly():
    assert (
        canonical_json([2**53, -1, True, False])
        == b"[\n  9007199254740992,\n  -1,\n  true,\n  false\n]\n"
    )


def test_sha256_is_of_the_bytes():
    assert sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert sha256(canonical_json({"a": 1})) == sha256(b'{\n  "a": 1\n}\n')


def test_json_patch_turns_old_into_new_and_is_verified(monkeypatch):
    old = {"a": {"b": "x"}, "l": ["p", "q"]}
    new = {"a": {"b": "y"}, "l": ["q"], "c": True}
    import jsonpatch

    patch = json_patch(old, new)
    assert jsonpatch.apply_patch(old, patch) == new
    assert {"op": "replace", "path": "/a/b", "value": "y"} in patch
    assert json_patch(old, old) == []

    monkeypatch.setattr(jsonpatch, "make_patch", lambda a, b: jsonpatch.JsonPatch([]))
    with pytest.raises(RuntimeError, match="does not reproduce"):
        json_patch(old, new)


@dataclass(frozen=True)
class FakeVersion:
    date: str
    document: dict
    sha256: str
    languages: tuple[str, ...]
    draft: bool = False
    schema_version: int = 2


def test_versions_index_chains_newest_first():
    def notice(**values):
        return {"notice": {"material": True, **values}}

    versions = [
        FakeVersion("2019-10-23", notice(), "s1", ("fi", "en")),
        FakeVersion("2020-03-01", notice(effective="2020-04-01", summary="S"), "s2", ("fi",)),
        FakeVersion("2021-01-01", notice(material=False), "s3", ("en",), draft=True),
    ]
    index = versions_index(versions, "https://x.example", lambda kind, lang, date: f"{lang}/{date}")
    assert index["current"] == "2021-01-01"
    assert [e["date"] for e in index["versions"]] == ["2021-01-01", "2020-03-01", "2019-10-23"]
    newest, middle, first = index["versions"]
    assert first == {
        "date": "2019-10-23",
        "effective": "2019-10-23",
        "in_force_from": "2019-10-23",
        "in_force_until": "2020-03-31",
        "material": True,
        "draft": False,
        "summary": None,
        "url": "https://x.example/api/versions/2019-10-23.json",
        "schema_version": 2,
        "schema": "https://x.example/api/schema/2/register.schema.json",
        "sha256": "s1",
        "previous": None,
        "changes": None,
        "html": {"fi": "https://x.example/fi/2019-10-23", "en": "https://x.example/en/2019-10-23"},
    }
    assert (middle["effective"], middle["summary"], middle["previous"]) == (
        "2020-04-01",
        "S",
        "2019-10-23",
    )
    assert middle["changes"] == "https://x.example/api/changes/2020-03-01.json"
    assert (middle["in_force_from"], middle["in_force_until"]) == ("2020-04-01", "2020-12-31")
    assert (newest["in_force_from"], newest["in_force_until"]) == ("2021-01-01", None)
    assert (newest["draft"], newest["material"], newest["html"]) == (
        True,
        False,
        {"en": "https://x.example/en/2021-01-01"},
    )
    assert canonical.canonical_json(index)  # publishable as it is


# --- released bytes ---------------------------------------------------------------------


def reorder_top_level(text: str) -> str:
    """policy.yaml with its top-level blocks in reverse order (comments before the first
    block stay at the top)."""
    starts = [m.start() for m in re.finditer(r"(?m)^[a-z_]+:", text)]
    header = text[: starts[0]]
    blocks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    blocks = [block if block.endswith("\n") else block + "\n" for block in blocks]
    assert len(blocks) > 3
    return header + "".join(reversed(blocks))


def release_as(project: Project, date: str, monkeypatch, capsys) -> bytes:
    """Release the same notice again on ``date``: nothing changed, so an editorial version."""
    set_updated(project.path, date)
    project.edit("  material: true", "  material: false")
    result = run_cli(
        project.path, "release", "--as-of", date, monkeypatch=monkeypatch, capsys=capsys
    )
    assert result.returncode == 0, result.stderr
    return (project.path / "content/versions" / f"{date}.json").read_bytes()


def test_a_reordered_policy_releases_the_same_bytes(tmp_path, monkeypatch, capsys):
    from conftest import copy_project

    plain = copy_project(tmp_path / "plain")
    reordered = copy_project(tmp_path / "reordered")
    original = reordered.policy.read_text("utf-8")
    reordered.policy.write_text(reorder_top_level(original), "utf-8")
    assert reordered.policy.read_text("utf-8") != original
    first = release_as(plain, "2030-01-01", monkeypatch, capsys)
    second = release_as(reordered, "2030-01-01", monkeypatch, capsys)
    assert first == second
    assert first == canonical_json(json.loads(first))  # new snapshots are canonical
    index = json.loads((reordered.path / "content/versions/index.json").read_bytes())
    assert index["versions"][-1] == {"date": "2030-01-01", "sha256": sha256(second)}


def test_published_files_are_the_snapshot_bytes(project: Project, monkeypatch, capsys):
    """An old snapshot is published as stored (its key order predates sorting); a draft as
    canonical JSON; each with the SHA-256 that api/versions.json gives."""
    store = project.path / "content/versions"
    released = sorted(p.name for p in store.glob("2*.json"))[0]
    set_updated(project.path, "2030-01-01")
    result = run_cli(project.path, "build", monkeypatch=monkeypatch, capsys=capsys)
    assert result.returncode == 0, result.stderr
    api = project.path / "output/api"
    assert (api / "versions" / released).read_bytes() == (store / released).read_bytes()
    draft = (api / "versions/2030-01-01.json").read_bytes()
    assert draft == canonical_json(json.loads(draft))
    assert (api / "register.json").read_bytes() == draft
    index = json.loads((api / "versions.json").read_bytes())
    for entry in index["versions"]:
        assert entry["sha256"] == sha256((api / "versions" / f"{entry['date']}.json").read_bytes())


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(alphabet=st.characters(codec="utf-8"), max_size=5), inner, max_size=4
        )
    ),
    max_leaves=30,
)


@given(_JSON_VALUES)
@settings(max_examples=examples(300), deadline=None)
def test_canonical_json_is_what_the_standard_encoder_writes(value):
    """The fast writer and ``json.dumps``'s indenting encoder agree character for character
    (escapes, empty containers, nesting, key order, non-ASCII text)."""
    expected = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert canonical_json(value) == expected.encode("utf-8")


def test_canonical_json_of_the_published_schemas_is_the_standard_encoders():
    from privacy_notice.source.schema import register_schema_for

    for schema in (register_schema_for(("fi", "sv", "en")), register_schema_for(None, 1)):
        expected = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert canonical_json(schema) == expected.encode("utf-8")
    assert canonical_json((1, "a")) == b'[\n  1,\n  "a"\n]\n'  # a tuple is a list
