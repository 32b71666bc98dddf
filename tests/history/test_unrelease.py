"""`privacy-notice release --undo DATE`: the latest release, if it is not published."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DEFAULT_NOTICE, Project
from privacy_notice.diagnostics import PolicyError
from privacy_notice.history.store import read_history, release
from privacy_notice.history.unrelease import undo


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The default notice's history with a second release, 2020-01-01."""
    target = tmp_path / "versions"
    shutil.copytree(DEFAULT_NOTICE / "content/versions", target)
    history = read_history(target)
    document = json.loads(json.dumps(history.latest.document))
    document["notice"]["updated"] = "2020-01-01"
    release(document, history)
    return target


def files(store: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.glob("*.json"))}


def test_undo_removes_the_latest_and_keeps_the_index_consistent(store: Path):
    removed = undo(read_history(store), "2020-01-01")
    assert removed == store / "2020-01-01.json" and not removed.exists()
    assert [s.date for s in read_history(store).snapshots] == ["2019-10-23"]
    assert sorted(p.name for p in store.iterdir()) == ["2019-10-23.json", "index.json"]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2019-10-23", "2019-10-23 is not the latest release (2020-01-01): only the latest"),
        ("2021-01-01", "2021-01-01 is not a released version (released: 2019-10-23, 2020-01-01)"),
    ],
)
def test_undo_refuses_anything_but_the_latest(store: Path, date: str, message: str):
    before = files(store)
    with pytest.raises(PolicyError) as caught:
        undo(read_history(store), date)
    (problem,) = caught.value.diagnostics
    assert str(problem).startswith(f"content/versions/index.json: {message}")
    assert files(store) == before


def test_a_committed_release_counts_as_published(store: Path):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=store, check=True)
    subprocess.run([*git, "add", "."], cwd=store, check=True)
    subprocess.run([*git, "commit", "-qm", "release"], cwd=store, check=True)
    before = files(store)
    with pytest.raises(PolicyError) as caught:
        undo(read_history(store), "2020-01-01")
    assert "committed to git, so it may be published: undo it with --force" in str(caught.value)
    assert files(store) == before
    undo(read_history(store), "2020-01-01", force=True)
    assert not (store / "2020-01-01.json").exists()


def test_cli_undo_is_one_line_and_exit_1_for_a_non_latest_date(project: Project):
    before = files(project.path / "content/versions")
    result = project.run("release", "--undo", "2019-10-22")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/versions/index.json: 2019-10-22 is not a released version (released: 2019-10-23)"
    )
    assert "Traceback" not in result.stderr
    assert files(project.path / "content/versions") == before
    ok = project.run("release", "--undo", "2019-10-23")
    assert ok.returncode == 0, ok.stderr
    assert json.loads((project.path / "content/versions/index.json").read_text()) == {
        "versions": []
    }
