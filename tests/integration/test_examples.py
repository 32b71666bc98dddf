"""The example notices (``examples/<name>/``): each a notice folder of its own, valid and
complete, translated, with a released history, and built by ``privacy-notice --root DIR
build`` with the tool's default settings. Every test works on a copy in ``tmp_path``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from privacy_notice.history.store import read_history
from privacy_notice.history.versions import translate_policy
from privacy_notice.render.defaults import notice_settings, policy_facts
from privacy_notice.source.load import load_policy
from privacy_notice.source.options import DEFAULT_THEME as THEME
from privacy_notice.source.options import Options
from privacy_notice.source.project import RegisterFolder, discover
from privacy_notice.source.validate import check_policy
from run_cli import in_process

# A notice folder (policy.yaml), or a project of several registers (shared.yaml, registers/).
EXAMPLES = sorted(
    p
    for p in (ROOT / "examples").iterdir()
    if (p / "policy.yaml").is_file() or (p / "shared.yaml").is_file()
)


def registers(example: Path) -> list[RegisterFolder]:
    return list(discover(example).registers)


def base(register: RegisterFolder) -> str:
    return "" if register.root else f"registers/{register.slug}/"


def first_policy(example: Path) -> dict:
    return load_policy(registers(example)[0].policy).data


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return in_process(cwd, *args)


@pytest.fixture(params=EXAMPLES, ids=[p.name for p in EXAMPLES])
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of one example folder: nothing a test does is written into the repository."""
    folder = tmp_path / request.param.name
    shutil.copytree(request.param, folder, ignore=shutil.ignore_patterns(".cache", "output*"))
    return folder


def test_there_is_an_example():
    assert [p.name for p in EXAMPLES if p.name in ("city", "webshop")] == ["city", "webshop"]


def test_valid_and_complete(example: Path):
    for command in ("validate", "lint"):
        result = run(example.parent, "--root", example.name, command, "--strict")
        assert result.returncode == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr


def test_every_text_resolves_in_every_language(example: Path):
    project = discover(example)
    for register in project.registers:
        options = project.options(
            register,
            Options(
                policy=register.policy,
                translations=register.translations,
                versions=register.versions,
            ),
        )
        loaded, _warnings = check_policy(options.policy)
        _catalogs, resolution = translate_policy(options, loaded, allow_fallback=False)
        assert resolution.problems == [] and not resolution.fallbacks, register.slug
        assert len(loaded.data["languages"]) >= 2


def test_released_history_verifies_and_policy_is_released(example: Path):
    for register in registers(example):
        history = read_history(register.versions)
        assert len(history.snapshots) >= 2, "an example shows its history: two releases or more"
        later = history.snapshots[-1].document["notice"]
        assert later["material"] and later["summary"]
    result = run(example.parent, "--root", example.name, "release")
    assert result.returncode == 0, result.stderr
    assert "already released; nothing to do" in result.stderr


def test_built_with_the_default_settings(example: Path, tmp_path: Path):
    assert not (example / "pelicanconf.py").exists()
    out = tmp_path / "out"
    result = run(tmp_path, "--root", str(example), "build", "-o", str(out))
    assert result.returncode == 0, result.stderr
    for register in registers(example):
        site = out / base(register)
        policy = load_policy(register.policy).data
        dates = [s.date for s in read_history(register.versions).snapshots]
        for lang in policy["languages"]:
            assert (site / lang / "index.html").is_file()
            assert (site / lang / "versions" / "index.html").is_file()
            for date in dates:
                assert (site / lang / "versions" / date / "index.html").is_file()
            for date in dates[1:]:
                assert (site / lang / "versions" / date / "changes" / "index.html").is_file()
        index = json.loads((site / "api" / "versions.json").read_text("utf-8"))
        assert sorted(v["date"] for v in index["versions"]) == dates
        assert index["current"] == dates[-1]
    name = policy_facts(example / "policy.yaml")[0]
    assert name and name in (out / "index.html").read_text("utf-8")


def test_built_for_publishing_with_settings_from_elsewhere(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``-s publishconf.py`` gives its choices (absolute URLs, no drafts); the notice and
    its name are still the folder's."""
    monkeypatch.setenv("SITEURL", "https://tietosuoja.acme.test")  # publishconf.py reads it
    out = tmp_path / "published"
    result = run(ROOT, "--root", str(example), "build", "-s", "publishconf.py", "-o", str(out))
    assert result.returncode == 0, result.stderr
    name = policy_facts(example / "policy.yaml")[0]
    assert name and name in (out / "index.html").read_text("utf-8")
    assert 'href="https://tietosuoja.acme.test/' in (out / "index.html").read_text("utf-8")
    for page in out.rglob("*.html"):
        assert "Kivra" not in page.read_text("utf-8"), page


def test_default_settings_for_a_notice_folder(example: Path):
    settings = notice_settings(example)
    policy = first_policy(example)
    assert settings["SITENAME"] == policy_facts(example / "policy.yaml")[0]
    assert settings["DEFAULT_LANG"] == policy["languages"][0]
    assert settings["PRIVACY_NOTICE_ROOT"] == str(example.resolve())
    assert settings["CACHE_PATH"] == str(example.resolve() / ".cache")
    assert Path(settings["THEME"]) == THEME and (THEME / "templates").is_dir()
    assert settings["ARTICLE_SAVE_AS"] == "" and settings["FEED_ALL_ATOM"] is None


def test_root_that_is_not_a_folder_is_one_located_line(tmp_path: Path):
    result = run(tmp_path, "--root", "missing", "build", "-o", "out")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "missing: not a folder: --root names a notice folder "
        "(policy.yaml, translations/, content/versions/)",
        "1 problem; nothing was written",
    ]
    assert not (tmp_path / "out").exists()


def test_examples_name_nothing_of_the_default_notice():
    for path in (ROOT / "examples").rglob("*"):
        if path.is_file():
            assert b"kivra" not in path.read_bytes().lower(), path
