"""The store of released versions: release, verification, placement of policy.yaml."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DEFAULT_NOTICE
from privacy_notice.diagnostics import PolicyError
from privacy_notice.history.canonical import canonical_json, sha256
from privacy_notice.history.store import read_history, release


@pytest.fixture
def store(tmp_path):
    target = tmp_path / "versions"
    shutil.copytree(DEFAULT_NOTICE / "content/versions", target)
    return target


def problems(store) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        read_history(store, "content/versions")
    return [str(d) for d in caught.value.diagnostics]


def test_reads_the_shipped_history(store):
    history = read_history(store)
    assert [s.date for s in history.snapshots] == ["2019-10-23"]
    raw = (store / "2019-10-23.json").read_bytes()
    assert history.latest.sha256 == sha256(raw)
    assert history.latest.schema_version == 1  # released before schema versions
    assert history.latest.document["schema_version"] == 2  # read through the migration
    assert history.latest.published == raw  # kept as released, never serialized again


def test_release_appends_and_records_checksum(store):
    history = read_history(store)
    document = json.loads(json.dumps(history.latest.document))
    document["notice"]["updated"] = "2020-01-01"  # a new version in today's schema
    release(document, history)
    again = read_history(store)
    assert [s.date for s in again.snapshots] == ["2019-10-23", "2020-01-01"]
    index = json.loads((store / "index.json").read_text())
    assert index["versions"][1]["sha256"] == sha256((store / "2020-01-01.json").read_bytes())


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            lambda s: (s / "2019-10-23.json").write_bytes(
                (s / "2019-10-23.json").read_bytes().replace(b"P3M", b"P4M")
            ),
            "content/versions/2019-10-23.json: its content no longer matches the SHA-256",
        ),
        (
            lambda s: (s / "2019-10-23.json").unlink(),
            "content/versions/2019-10-23.json: missing: it is listed in the index",
        ),
        (
            lambda s: (s / "index.json").write_text("{not json"),
            "content/versions/index.json:1:2: not valid JSON",
        ),
        (
            lambda s: (s / "index.json").write_text('{"versions": [{"date": "23.10.2019"}]}'),
            "content/versions/index.json:1:1: versions: expected a list of",
        ),
        (lambda s: (s / "index.json").unlink(), "content/versions/index.json: missing"),
        (
            lambda s: (s / "2020-01-01.json").write_text("{}"),
            "content/versions/2020-01-01.json: not in the index of released versions",
        ),
    ],
)
def test_damaged_store_is_refused(store, damage, expected):
    damage(store)
    found = problems(store)
    assert any(line.startswith(expected) for line in found), found


def test_snapshot_that_is_not_json_or_not_a_document(store):
    for content, expected in (
        (b"{broken", "not valid JSON"),
        (b'{"languages": ["fi"], "notice": {}}', "is a required property"),
    ):
        (store / "2019-10-23.json").write_bytes(content)
        index = {"versions": [{"date": "2019-10-23", "sha256": sha256(content)}]}
        (store / "index.json").write_bytes(canonical_json(index))
        found = problems(store)
        assert any(
            line.startswith("content/versions/2019-10-23.json") and expected in line
            for line in found
        ), found
