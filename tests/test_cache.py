"""cache.py: inputs that already passed the schema are remembered, and a hit skips the
schema pass (the rules beyond the schema still run)."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path

import pytest

from conftest import Project
from privacy_notice import cache, validate, versions
from privacy_notice.cache import KeptTexts, ValidationCache
from privacy_notice.diagnostics import PolicyError
from privacy_notice.validate import check_policy


def test_no_directory_remembers_nothing(tmp_path: Path):
    memory = ValidationCache(None)
    memory.remember("k")
    assert not memory.known("k")
    memory.save()
    assert list(tmp_path.iterdir()) == []


def test_keys_are_saved_and_read_back_newest_kept(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(cache, "_LIMIT", 3)
    first = ValidationCache(tmp_path)
    for key in "abcd":
        first.remember(key)
    first.remember("a")  # known already: not added twice
    assert first.known("a") and not (tmp_path / "validated").exists()  # saved only on save()
    first.save()
    assert (tmp_path / "validated").read_text("ascii") == "b\nc\nd\n"
    again = ValidationCache(tmp_path)
    assert [again.known(k) for k in "abcd"] == [False, True, True, True]
    before = (tmp_path / "validated").stat().st_mtime_ns
    again.save()  # nothing new: nothing written
    assert (tmp_path / "validated").stat().st_mtime_ns == before


def test_a_damaged_cache_file_only_forgets(tmp_path: Path):
    (tmp_path / "validated").write_bytes(b"\xff\xfe garbage\nabc\n")
    damaged = ValidationCache(tmp_path)
    assert damaged.known("abc") and not damaged.known("garbage\nabc")


def test_a_key_depends_on_kind_parts_boundaries_and_code(monkeypatch):
    key = ValidationCache.key
    assert key("policy", b"ab", b"c") == key("policy", b"ab", b"c")
    assert (
        len({key("policy", b"ab", b"c"), key("policy", b"a", b"bc"), key("snapshot", b"ab", b"c")})
        == 3
    )
    before = key("policy", b"x")
    monkeypatch.setattr(
        cache, "code_fingerprint", lambda names, salt=b"": b"other schema or validator"
    )
    assert key("policy", b"x") != before


def test_every_schema_version_decides_the_validation_key():
    """A snapshot is checked against the schema of its own version: each one is part of
    the key, with the migrations."""
    from privacy_notice.migrate import CURRENT_VERSION
    from privacy_notice.schema import schema_file

    names = set(cache._DECIDING_FILES)
    for version in range(1, CURRENT_VERSION + 1):
        assert schema_file(version) in names
    assert "migrate.py" in names


@pytest.fixture
def schema_pass(monkeypatch) -> list[str]:
    """Record every schema pass (policy.yaml and released snapshots) instead of running it."""
    calls: list[str] = []
    real_validate, real_check = validate.validate, versions.check_document

    def recording_validate(loaded, *args):
        calls.append("policy")
        return real_validate(loaded, *args)

    def recording_check(document, name):
        calls.append(name)
        return real_check(document, name)

    monkeypatch.setattr(validate, "validate", recording_validate)
    monkeypatch.setattr(versions, "check_document", recording_check)
    return calls


def test_a_cache_hit_skips_the_schema_pass(project: Project, tmp_path: Path, schema_pass):
    directory = tmp_path / "cache"
    first = ValidationCache(directory)
    check_policy(project.policy, first)
    assert schema_pass == ["policy"]
    first.save()

    schema_pass.clear()
    loaded, _warnings = check_policy(project.policy, ValidationCache(directory))
    assert schema_pass == []  # a hit: no schema pass
    assert loaded.data["languages"]

    project.policy.write_text(project.policy.read_text("utf-8") + "# edited\n", "utf-8")
    check_policy(project.policy, ValidationCache(directory))
    assert schema_pass == ["policy"]  # other bytes: validated afresh


def test_a_hit_still_runs_the_rules_beyond_the_schema(
    project: Project, tmp_path: Path, monkeypatch
):
    """Only passing results are remembered, and the rules are not cached at all."""
    directory = tmp_path / "cache"
    memory = ValidationCache(directory)
    check_policy(project.policy, memory)
    memory.save()
    # as if a rule failed for these very bytes: a remembered key must not hide it
    monkeypatch.setattr(
        validate,
        "domain_checks",
        lambda loaded: [loaded.diagnostic(("notice",), "a rule still ran")],
    )
    with pytest.raises(PolicyError, match="a rule still ran"):
        check_policy(project.policy, ValidationCache(directory))


def test_a_snapshot_hit_skips_its_schema_pass(project: Project, tmp_path: Path, schema_pass):
    store = tmp_path / "versions"
    shutil.copytree(project.path / "content/versions", store)
    directory = tmp_path / "cache"
    first = ValidationCache(directory)
    versions.read_history(store, "content/versions", first)
    assert schema_pass and all(name.startswith("content/versions/") for name in schema_pass)
    first.save()
    schema_pass.clear()
    history = versions.read_history(store, "content/versions", ValidationCache(directory))
    assert schema_pass == [] and history.snapshots


def test_a_second_build_hits_every_cache(project: Project, monkeypatch, schema_pass):
    """A rebuild of unchanged inputs: no schema pass (.cache/validated), no template
    compiled (Jinja's bytecode in .cache/jinja) and no export made (.cache/exports)."""
    import jinja2

    from privacy_notice import formats

    compiled: list[str] = []
    exported: list[int] = []
    real_compile, real_export = jinja2.Environment.compile, formats.version_files

    def recording_compile(self, source, name=None, *args, **kwargs):
        if self.bytecode_cache is not None:  # the notice's templates (Pelican's own: none)
            compiled.append(name or "<string>")
        return real_compile(self, source, name, *args, **kwargs)

    def recording_export(site, number, *args):
        exported.append(number)
        return real_export(site, number, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", recording_compile)
    monkeypatch.setattr(formats, "version_files", recording_export)
    first = project.build()
    assert "policy" in schema_pass and "notice.html" in compiled and exported == [1]
    for name in ("validated", "jinja", "exports"):
        assert (project.path / ".cache" / name).exists(), name
    before = project.read("en/index.html"), project.read("api/tilt/en.json")
    schema_pass.clear(), compiled.clear(), exported.clear()
    second = project.build()
    assert (schema_pass, compiled, exported) == ([], [], [])
    assert (project.read("en/index.html"), project.read("api/tilt/en.json")) == before
    assert first.stderr == second.stderr


# --- KeptTexts: answers of pure functions, kept between builds ----------------------------


def _asked(answers: KeptTexts, question: str) -> tuple[str, bool]:
    """The answer to ``question`` and whether it had to be asked."""
    asked: list[str] = []
    answer = answers(question, lambda: asked.append(question) or question.upper())
    return answer, bool(asked)


def test_kept_answers_are_not_asked_again(tmp_path: Path):
    path = tmp_path / "answers.kept"
    first = KeptTexts()
    first.keep_in(path, "key-1")
    assert _asked(first, "a") == ("A", True)
    assert _asked(first, "a") == ("A", False)
    first.save()
    again = KeptTexts()
    again.keep_in(path, "key-1")
    assert _asked(again, "a") == ("A", False)
    other = KeptTexts()  # another key: other code, libraries or theme
    other.keep_in(path, "key-2")
    assert _asked(other, "a") == ("A", True)


def test_a_save_keeps_what_the_build_used_and_writes_only_a_change(tmp_path: Path):
    path = tmp_path / "answers.kept"
    answers = KeptTexts()
    answers.keep_in(path, "k")
    _asked(answers, "old")
    _asked(answers, "kept")
    answers.save()
    assert set(marshal.loads(path.read_bytes())["texts"]) == {"old", "kept"}

    _asked(answers, "kept")
    answers.save()  # "old" was not used: dropped
    assert marshal.loads(path.read_bytes()) == {"key": "k", "texts": {"kept": "KEPT"}}

    written = path.stat()
    _asked(answers, "kept")
    answers.save()  # the file holds just these: not written again
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\x00\x01",
        marshal.dumps([1, 2])[:-1],  # cut short
        marshal.dumps([1, 2]),
        marshal.dumps({"key": "k"}),
        marshal.dumps({"key": "k", "texts": [1]}),
        marshal.dumps({"key": "k", "texts": {"a": 1}}),  # an answer that is not a text
        marshal.dumps("text"),
    ],
)
def test_a_damaged_file_is_asked_afresh_and_replaced(tmp_path: Path, content: bytes):
    path = tmp_path / "answers.kept"
    path.write_bytes(content)
    answers = KeptTexts()
    answers.keep_in(path, "k")
    assert _asked(answers, "a") == ("A", True)
    answers.save()
    assert marshal.loads(path.read_bytes()) == {"key": "k", "texts": {"a": "A"}}


def test_no_file_named_writes_nothing(tmp_path: Path):
    answers = KeptTexts()
    _asked(answers, "a")
    answers.save()
    assert _asked(answers, "a") == ("A", False)  # in memory, for this process
    assert list(tmp_path.iterdir()) == []


def test_without_forgetting_every_answer_stays(tmp_path: Path):
    path = tmp_path / "answers.kept"
    answers = KeptTexts(forget_unused=False)
    answers.keep_in(path, "k")
    _asked(answers, "a")
    answers.save()
    written = path.stat()
    _asked(answers, "b")
    answers.save()
    assert set(marshal.loads(path.read_bytes())["texts"]) == {"a", "b"}
    assert path.stat().st_ino != written.st_ino
    answers.save()  # nothing new asked: not written
    assert marshal.loads(path.read_bytes())["texts"] == {"a": "A", "b": "B"}
