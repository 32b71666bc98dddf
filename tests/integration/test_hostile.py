"""A hostile corpus (issue 16): wrong output paths, hostile theme translations, killed
releases, FIFOs and huge inputs, symbolic links, a missing store, a full disk, forged
diagnostic lines. Every case: exit 1 with one located line where the input is bad, the
previous output/ and content/versions/ unchanged, no traceback, no injected markup."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SUMMARY, build_waiting_for_the_lock

from conftest import Project
from privacy_notice.commands import outputdir
from privacy_notice.diagnostics import Diagnostic
from privacy_notice.history.store import INDEX
from run_cli import in_process


def digest(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def run(project: Project):
    """Run the command line in-process in the project; (status, stderr lines)."""

    def call(*args: str) -> tuple[int, list[str]]:
        result = in_process(project.path, *args)
        return result.returncode, result.stderr.strip().splitlines()

    return call


def fails_with(result: tuple[int, list[str]], expected: str) -> None:
    status, lines = result
    assert status == 1, lines
    assert lines and SUMMARY.match(lines[-1]), lines
    assert not any("internal error" in line or "Traceback" in line for line in lines), lines
    assert any(expected in line for line in lines[:-1]), lines


def store(project: Project) -> Path:
    return project.path / "content" / "versions"


# --- 1. the output directory -------------------------------------------------------------


@pytest.mark.parametrize(
    "output",
    ["content", ".", "", "  ", "..", "translations", "theme", "plugins", "content/versions",
     "theme/static/site", "/"],
)  # fmt: skip
def test_dangerous_output_is_refused(project: Project, run, output: str):
    before, policy = digest(store(project)), project.policy.read_bytes()
    status, lines = run("build", "-o", output)
    assert status == 1 and len(lines) == 2, lines
    assert "refusing to build here" in lines[0] or "output directory is empty" in lines[0]
    assert digest(store(project)) == before and project.policy.read_bytes() == policy


def test_foreign_directory_needs_force_and_is_then_replaced(project: Project, run):
    foreign = project.path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", "utf-8")
    fails_with(run("build", "-o", "mine"), "privacy-notice did not write")
    assert (foreign / "notes.txt").read_text("utf-8") == "keep me"
    assert run("build", "-o", "mine", "--force")[0] == 0
    assert (foreign / outputdir.STAMP).is_file() and (foreign / "index.html").is_file()


def test_older_plain_output_is_migrated_to_a_link(project: Project, run):
    assert run("build")[0] == 0
    output = project.path / "output"
    site = digest(output)
    real = output.resolve()
    output.unlink()
    real.rename(output)  # a plain directory, as older versions left it
    (output / outputdir.STAMP).unlink()  # older versions wrote no stamp
    for stale in ("output.build-x1", "output.old-1"):  # leftovers of killed older builds
        (project.path / stale).mkdir()
    assert run("build")[0] == 0
    assert output.is_symlink() and digest(output) == site
    assert sorted(p.name for p in project.path.iterdir() if "output" in p.name) == [
        ".output.builds",
        "output",
    ]


def test_output_is_a_link_swapped_in_one_step_and_old_builds_go(project: Project, run):
    assert run("build")[0] == 0
    output = project.path / "output"
    first = output.resolve()
    assert output.is_symlink() and (first / outputdir.STAMP).is_file()
    replaced = []
    real_replace = os.replace

    def spy(src, dst, *args, **kwargs):
        replaced.append(Path(dst).name)
        return real_replace(src, dst, *args, **kwargs)

    os.replace = spy  # restored below: monkeypatch would also patch versions' atomic writes
    try:
        assert run("build")[0] == 0
    finally:
        os.replace = real_replace
    assert replaced == ["output"]  # the swap is one rename of a link over the link
    assert not first.exists() and output.resolve() != first
    assert sorted(p.name for p in outputdir.builds_dir(output).iterdir()) == sorted(
        ["lock", output.resolve().name]
    )


def test_a_link_whose_builds_were_removed_is_replaced(project: Project, run):
    assert run("build")[0] == 0
    output = project.path / "output"
    for build in outputdir.builds_dir(output).iterdir():
        if build.is_dir():
            shutil.rmtree(build)  # as 'rm -rf .output.builds/*' would
    assert run("build")[0] == 0 and (output / "index.html").is_file()
    link_elsewhere = project.path / "elsewhere"
    link_elsewhere.symlink_to(project.path / "content")
    fails_with(run("build", "-o", "elsewhere"), "it is the content directory")


def test_site_is_readable_by_another_user(project: Project, run):
    old = os.umask(0o022)
    try:
        assert run("build")[0] == 0
    finally:
        os.umask(old)
    output = project.path / "output"
    for path in [output.resolve().parent, output.resolve(), *output.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_a_second_build_waits_for_the_first(project: Project):
    output = project.path / "output"
    with build_waiting_for_the_lock(project) as (second, _builds, said):
        # The second build says that it waits, and then it must be waiting.
        assert said == "another build into output is running: waiting for it\n", said
        assert second.poll() is None and not output.exists()  # waiting, nothing written
    _out, err = second.communicate(timeout=120)  # the lock released as its file closed
    assert second.returncode == 0, err
    assert (output / "index.html").is_file()


def test_concurrent_builds_all_succeed_and_leave_one_site(project: Project):
    builds = outputdir.builds_dir(project.path / "output")
    (builds / "killed").mkdir(parents=True)  # left by a build killed with SIGKILL
    (builds / "killed" / outputdir.STAMP).write_text("", "utf-8")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "privacy_notice", "build"],
            cwd=project.path,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for process in runs:
        _out, err = process.communicate(timeout=240)
        assert process.returncode == 0 and "internal error" not in err, err
    current = (project.path / "output").resolve()
    assert sorted(p.name for p in builds.iterdir()) == sorted(["lock", current.name])
    assert (current / "index.html").is_file()


# --- 2. theme translations are text ------------------------------------------------------


def theme_po(project: Project, lang: str = "fi") -> Path:
    return project.path / "theme" / "translations" / lang / "LC_MESSAGES" / "theme.po"


def set_theme_msgstrs(project: Project, new: str) -> None:
    """Replace every one-line msgstr without placeholders."""
    path = theme_po(project)
    text = path.read_text("utf-8")
    path.write_text(
        re.sub(r'^msgstr "([^"%]+)"$', f'msgstr "{new}"', text, flags=re.M),
        "utf-8",
    )


def test_theme_translation_is_escaped_and_a_lone_percent_stays(project: Project, run):
    set_theme_msgstrs(
        project, '100 % sisältö <script>alert(1)</script><meta http-equiv=\\"refresh\\">'
    )
    assert run("build")[0] == 0
    page = project.read("fi/index.html")
    assert "<script>alert" not in page and 'http-equiv="refresh"' not in page
    assert "100 % sisältö &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{}" not in page


def test_theme_placeholders_are_checked_at_their_line(project: Project, run):
    path = theme_po(project)
    text = path.read_text("utf-8")
    first = re.search(r'^msgstr ".*%\((\w+)\)s.*"$', text, flags=re.M)
    assert first
    line = text.count("\n", 0, text.rindex("\nmsgid ", 0, first.start()) + 1) + 1  # its msgid
    name = first.group(1)
    for bad, message in (
        (f"%({name})99999999s", "no width, precision or flags"),
        ("%(nme)s", "not in the source text"),
    ):
        msgstr = first.group().replace(f"%({name})s", bad)
        path.write_text(text[: first.start()] + msgstr + text[first.end() :], "utf-8")
        fails_with(run("build"), f"theme.po:{line}: ")
        fails_with(run("build"), message)


def test_bad_plural_forms_header_is_located(project: Project, run):
    path = theme_po(project)
    text = path.read_text("utf-8")
    line = text[: text.index("Plural-Forms")].count("\n") + 1
    path.write_text(re.sub(r"plural=[^;\\]*;", "plural=(n != ;", text, count=1), "utf-8")
    fails_with(run("build"), f"theme.po:{line}: Plural-Forms: not a valid plural formula")


# --- 3. release is atomic; an older crash is diagnosed with advice that works -------------


TODAY = dt.date.today().isoformat()  # a release may not be dated in the future


def new_date(project: Project) -> None:
    """A new version with the same content (editorial: it needs no summary)."""
    text = project.policy.read_text("utf-8")
    text = re.sub(r"updated: \S+", f"updated: {TODAY}", text, count=1)
    project.policy.write_text(re.sub(r"material: true", "material: false", text), "utf-8")


def test_release_killed_before_the_index_leaves_a_diagnosed_store(project: Project, run):
    new_date(project)
    before = digest(store(project))
    real_replace = os.replace

    def killed(src, dst, *args, **kwargs):
        if Path(dst).name == INDEX:
            raise KeyboardInterrupt  # killed between the snapshot and the index
        return real_replace(src, dst, *args, **kwargs)

    os.replace = killed
    try:
        assert run("release")[0] == 130
    finally:
        os.replace = real_replace
    assert (store(project) / "index.json").read_bytes() == (
        project.path / "content/versions/index.json"
    ).read_bytes()
    assert not list(store(project).glob(".*.tmp"))  # no temporary file left behind
    advice = "delete this file, then run 'make release' again"
    fails_with(run("build"), f"content/versions/{TODAY}.json: not in the index")
    fails_with(run("release"), advice)
    (store(project) / f"{TODAY}.json").unlink()  # the advice works
    assert digest(store(project)) == before
    assert run("release")[0] == 0 and run("build")[0] == 0


def test_release_on_a_full_disk_changes_nothing(project: Project, run, monkeypatch):
    new_date(project)
    before = digest(store(project))

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    status, lines = run("release")
    assert status == 1 and "the disk is full" in lines[0] and len(lines) == 2, lines
    assert digest(store(project)) == before


def test_truncated_index_says_how_to_restore_it(project: Project, run):
    index = store(project) / "index.json"
    index.write_bytes(index.read_bytes()[:20])
    fails_with(run("build"), "git checkout -- content/versions/index.json")


# --- 6. bounded work ---------------------------------------------------------------------


def set_first_title(project: Project, value: str) -> None:
    text = project.policy.read_text("utf-8")
    project.policy.write_text(
        re.sub(r"^(\s+title: ).*$", lambda m: m.group(1) + value, text, count=1, flags=re.M),
        "utf-8",
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        ("'" + "[" * 20000 + "'", "'[' characters"),
        ("'" + "<a " * 20000 + "'", "'<' characters"),
        ("'" + "1. " * 2000 + "'", "nests lists or quotes"),
        ("'" + "> " * 2000 + "x'", "nests lists or quotes"),
    ],
    ids=["brackets", "html", "ordered list", "quotes"],
)
def test_pathological_markdown_is_refused_fast(project: Project, run, value, expected, monkeypatch):
    """Refused before Markdown ever reads it (no timer: rendering would be an internal
    error here, which fails_with refuses)."""
    import markdown

    def never(*_args):
        raise AssertionError("Markdown rendered a refused text")

    monkeypatch.setattr(markdown.Markdown, "convert", never)
    set_first_title(project, value)
    fails_with(run("validate"), expected)
    fails_with(run("build"), expected)


def test_markdown_bounds_count_indented_nesting_and_pass_real_markdown():
    from privacy_notice.model.texts import markdown_problem

    nested = "".join("    " * i + "- x\n" for i in range(1000))
    assert "nests lists" in (markdown_problem(nested) or "")
    assert markdown_problem("- a\n    - b\n\n[link](https://example.fi) <abbr>") is None


@pytest.mark.parametrize("which", ["policy.yaml", "theme/translations/fi/LC_MESSAGES/theme.po"])
def test_fifo_and_device_inputs_are_refused_without_blocking(project: Project, run, which):
    path = project.path / which
    path.unlink()
    os.mkfifo(path)
    fails_with(run("build"), "not a regular file")
    path.unlink()
    path.symlink_to("/dev/zero")
    fails_with(run("build"), "not a regular file")


def test_index_json_that_is_a_directory_or_fifo_is_located(project: Project, run):
    index = store(project) / "index.json"
    index.unlink()
    index.mkdir()
    fails_with(run("build"), "content/versions/index.json: is a directory")
    index.rmdir()
    os.mkfifo(index)
    fails_with(run("build"), "content/versions/index.json: is not a regular file")


def test_snapshot_size_is_checked_before_reading(run, monkeypatch):
    monkeypatch.setattr("privacy_notice.history.store.SNAPSHOT_BYTES", 10)
    fails_with(run("build"), "at most 10 bytes are read")


# --- 7. symbolic links in the theme ------------------------------------------------------


def test_theme_static_link_outside_the_project_is_refused(project: Project, run, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("host secret", "utf-8")
    link = project.path / "theme/static/leak.txt"
    link.symlink_to(secret)
    fails_with(run("build"), "theme/static/leak.txt: a symbolic link to")
    link.unlink()
    (project.path / "notes.txt").write_text("inside", "utf-8")
    link.symlink_to(project.path / "notes.txt")
    assert run("build")[0] == 0
    assert project.read("theme/leak.txt") == "inside"


# --- 8. the version store ----------------------------------------------------------------


def test_never_released_is_said_once_and_builds(project: Project):
    for path in store(project).iterdir():
        path.unlink()
    store(project).rmdir()
    result = project.build()  # warnings and notes go through Pelican's logging
    lines = result.stderr.splitlines()
    notes = [line for line in lines if "never been released" in line]
    assert len(notes) == 1 and notes[0].startswith("content/versions: note: ")


def test_a_store_that_is_a_file_is_an_error(project: Project, run):
    for path in store(project).iterdir():
        path.unlink()
    store(project).rmdir()
    store(project).write_text("", "utf-8")
    fails_with(run("build"), "content/versions: the store of released versions is not a dir")


# --- 9. the machine's problems -----------------------------------------------------------


def test_disk_full_during_a_build_is_one_line(project: Project, run, monkeypatch):
    assert run("build")[0] == 0
    before = digest(project.path / "output")

    def full(self, *_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(project.path / "output"))

    monkeypatch.setattr("privacy_notice.render.generator.NoticeGenerator._write_files", full)
    status, lines = run("build")
    lines = [line for line in lines if ": warning: " not in line]  # the notice's own
    assert status == 1 and len(lines) == 2, lines
    assert (
        lines[0]
        == "output: No space left on device: the disk is full: free some space and run it again"
    )
    assert digest(project.path / "output") == before


@pytest.mark.parametrize(
    "settings, expected",
    [
        (None, "missing.py: cannot read the settings file"),
        ("SITENAME = 'x'\nraise RuntimeError('boom')\n", "custom.py:2: the settings file raised"),
        ("THEME = 'no-such-theme'\n", "custom.py: THEME: Could not find the theme"),
    ],
    ids=["missing", "raises", "missing theme"],
)
def test_settings_problems_are_located(project: Project, run, settings, expected):
    name = "missing.py"
    if settings is not None:
        name = "custom.py"
        (project.path / name).write_text(settings, "utf-8")
    fails_with(run("build", "-s", name), expected)


# --- 10. one line per diagnostic; addresses are addresses --------------------------------


def test_control_and_bidi_characters_are_shown_escaped():
    line = str(Diagnostic("a\nb.json", 1, 2, "k\u202eey", "x\ty\x1b\u2066\r\u2028"))
    assert line == "a\\nb.json:1:2: k\\u202eey: x\\ty\\u001b\\u2066\\r\\u2028"


def test_a_forged_file_name_stays_on_one_line(project: Project, run):
    forged = store(project) / "x\npolicy.yaml:1:1: all good.json"
    forged.write_text("{}", "utf-8")
    status, lines = run("build")
    assert status == 1 and not any(line.startswith("policy.yaml:1:1: all good") for line in lines)
    assert any("x\\npolicy.yaml:1:1: all good.json: not in the index" in line for line in lines)


def test_keys_with_newlines_and_bidi_stay_on_one_line(project: Project, run):
    with project.policy.open("a", encoding="utf-8") as policy:
        policy.write('"evil\\nkey\\u202Eabc": 1\n')
    status, lines = run("validate")
    assert status == 1 and "\u202e" not in "".join(lines)
    assert all(line.startswith("policy.yaml:") for line in lines[:-1]), lines
    assert any("evil\\nkey\\u202eabc" in line for line in lines)


def test_email_with_query_tricks_is_refused(project: Project, run):
    text = project.policy.read_text("utf-8")
    evil = "tietosuoja?bcc=spy%40evil.example&x=@kivra.fi"
    project.policy.write_text(re.sub(r"email: \S+", f"email: '{evil}'", text, count=1), "utf-8")
    fails_with(run("validate"), "no spaces, ?, &, % or #")


# --- 11. the preview server --------------------------------------------------------------


def test_preview_server_is_threaded_with_a_normal_backlog():
    import http.server

    from privacy_notice.commands.serve import _Server

    assert issubclass(_Server, http.server.ThreadingHTTPServer)
    assert _Server.request_queue_size >= 128


def test_an_output_name_with_a_newline_is_reported_on_one_line(run):
    status, lines = run("build", "-o", "site\nx")
    assert status == 0 and lines[-1] == "built site\\nx", lines


def test_removing_an_old_build_removes_links_never_what_they_point_to(tmp_path: Path):
    kept = tmp_path / "kept"  # e.g. a further register's folder linked into a preview build
    (kept / "deep").mkdir(parents=True)
    (kept / "deep" / "page.html").write_text("kept", "utf-8")
    build = tmp_path / "build"
    for folder in ("a/b/c", "a/d", "e"):
        (build / folder).mkdir(parents=True)
        (build / folder / "index.html").write_text("old", "utf-8")
    (build / "a" / "linked").symlink_to(kept, target_is_directory=True)
    (build / "e" / "file-link").symlink_to(kept / "deep" / "page.html")
    outputdir.remove_tree(build)
    assert not build.exists() and (kept / "deep" / "page.html").read_text("utf-8") == "kept"
