"""The red team's cases of issue 25 that are not about the output folder (see
test_output_safety.py) or the live preview (test_preview_safety.py): ``init``'s answers
and targets, markup the sanitizer removes without a word, an interrupted release's
leftovers, JSON nested too deep, and ``--as-of``.

Every bad input: exit 1, exactly one problem line and no traceback, and the inputs (and
output) byte for byte as they were; every warning: one located line, exit 0."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Project, examples, new_version
from privacy_notice.model import markup
from privacy_notice.source import markup_warnings
from run_cli import in_process
from tree_state import one_problem, tree

# --- 4. init checks every answer before it writes anything -----------------------------

GOOD = ["--name", "Acme Oy", "--identifier", "fi-business-id:1234567-1", "--languages", "fi,en"]


def init(cwd: Path, *args: str):
    return in_process(cwd, "init", *args)


def answers(**changed: str) -> list[str]:
    given = dict(zip(GOOD[::2], GOOD[1::2], strict=True)) | changed
    return [*(part for pair in given.items() for part in pair), "--no-input"]


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [  # ids: pytest-xdist cannot send an id with a lone surrogate between processes
        pytest.param("--name", "Acme\x1b[31m\x07 Oy", "\\u001b", id="name-colour"),
        pytest.param("--name", "Acme\u202e yO", "\\u202e", id="name-right-to-left"),
        pytest.param("--name", "Acme\x00 Oy", "\\u0000", id="name-nul"),
        pytest.param("--name", "Acme\ud800 Oy", "\\ud800", id="name-lone-surrogate"),
        pytest.param("--identifier", "fi-business-id:1234567-1\x1b", "\\u001b", id="identifier"),
        pytest.param("--languages", "fi,\x07en", "\\u0007", id="languages"),
        pytest.param("--source-language", "f\x1bi", "\\u001b", id="source-language"),
    ],
)
def test_init_refuses_a_control_character_before_writing_anything(
    tmp_path: Path, option: str, value: str, shown: str
):
    before = tree(tmp_path)
    line = one_problem(
        init(tmp_path, "proj", *answers(**{option: value})), "holds a control character"
    )
    assert line == f"{option}: holds a control character ({shown}): write it as plain text"
    assert tree(tmp_path) == before  # no proj/: a rerun starts afresh
    rerun = init(tmp_path, "proj", *answers())
    assert rerun.returncode == 0, rerun.stderr


@pytest.mark.parametrize("kind", ["dangling", "to-an-empty-folder"])
def test_init_refuses_a_symbolic_link_as_its_target(tmp_path: Path, kind: str):
    if kind != "dangling":
        (tmp_path / "elsewhere").mkdir()
    (tmp_path / "proj").symlink_to(tmp_path / "elsewhere")
    before = tree(tmp_path)
    line = one_problem(init(tmp_path, "proj", *answers()), "a symbolic link")
    assert line.startswith(f"proj: a symbolic link (to {tmp_path / 'elsewhere'})"), line
    assert tree(tmp_path) == before


def test_init_register_refuses_a_symbolic_link_as_the_register_folder(project: Project):
    folder = project.path / "registers" / "web-shop"
    folder.parent.mkdir()
    folder.symlink_to(project.path / "nowhere")
    before = tree(project.path)
    one_problem(
        init(project.path, "--register", "web-shop", "--no-input"),
        "registers/web-shop: a symbolic link",
    )
    assert tree(project.path) == before


def test_init_shows_a_folder_name_with_a_newline_escaped(tmp_path: Path):
    result = init(tmp_path, "a\nb", *answers())
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "wrote a\\nb/policy.yaml" in lines
    assert all(line.startswith(("wrote ", "note: ", "next: ")) for line in lines), lines


# --- 6. markup the sanitizer removes: a warning at the text's line ----------------------

# (written in a Markdown text, what the warning says will not be shown)
REMOVED = [
    ("<b>bold</b>", "the HTML <b> (its text stays)"),
    ("<style>p {color: red}</style>", "<style> with its content"),
    ("<details ontoggle=alert(1)>more</details>", "the HTML <details ontoggle>"),
    ("[see terms](javascript:alert(1))", "the link to 'javascript:alert(1)'"),
    ("[see terms](jav&#x61;script:alert(1))", "the link to 'javascript:alert(1)'"),
    ("[see terms](data:text/html,x)", "the link to 'data:text/html,x'"),
    ("![our logo](https://example.com/logo.png)", "the image 'our logo'"),
    ("<a href=https://example.com onclick=track()>terms</a>", "the attribute onclick of <a>"),
]
KEPT = [
    "[see terms](https://example.com/terms)",
    "[write to us](mailto:dpo@example.com)",
    "<https://example.com/terms>",
    "**our** _terms_ and `code`",
    "a < b & c",
    "<abbr title=General>GDPR</abbr>",
]
WHERE = "policy.yaml:103:16: warning: sources.description: the published notice will not show "


def with_text(project: Project, markup: str) -> None:
    project.edit("contact us.", f"contact us {markup}.")


@pytest.mark.parametrize("command", ["validate", "lint"])
@pytest.mark.parametrize(("markup", "removed"), REMOVED)
def test_validate_warns_of_markup_a_text_loses(
    project: Project, command: str, markup: str, removed: str
):
    with_text(project, markup)
    before = tree(project.path)
    result = project.run(command)
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "will not show" in line]
    assert len(warned) == 1 and warned[0].startswith(WHERE + removed), warned
    assert "Traceback" not in result.stderr and "policy.yaml: valid;" in result.stderr
    strict = project.run(command, "--strict")
    assert strict.returncode == 1 and WHERE.replace("warning: ", "") in strict.stderr
    assert tree(project.path) == before


@pytest.mark.parametrize("markup", KEPT)
def test_validate_is_quiet_about_markup_that_is_published(project: Project, markup: str):
    with_text(project, markup)
    result = project.run("validate")
    assert result.returncode == 0 and "will not show" not in result.stderr, result.stderr


def _translate(project: Project, msgid: str, msgstr: str) -> int:
    """Set the Finnish translation of ``msgid``; the line of its msgstr."""
    catalog = project.path / "translations/fi/LC_MESSAGES/policy.po"
    lines = catalog.read_text("utf-8").splitlines(keepends=True)
    at = lines.index(f'msgid "{msgid}"\n') + 1
    assert lines[at].startswith("msgstr ")
    escaped = msgstr.replace("\\", "\\\\").replace('"', '\\"')
    lines[at] = f'msgstr "{escaped}"\n'
    catalog.write_text("".join(lines), "utf-8")
    return at + 1


PURPOSE = (
    "The purpose of the collection of personal data is to identify the user in a customer "
    "service situation."
)


@pytest.mark.parametrize(("markup", "removed"), REMOVED)
def test_validate_warns_of_markup_a_translation_loses_at_its_line(
    project: Project, markup: str, removed: str
):
    line = _translate(project, PURPOSE, f"Tunnistaminen {markup}.")
    before = tree(project.path)
    result = project.run("validate")
    assert result.returncode == 0, result.stderr
    warned = [w for w in result.stderr.splitlines() if "will not show" in w]
    where = f"translations/fi/LC_MESSAGES/policy.po:{line}:1: warning: the translation of "
    assert len(warned) == 1 and warned[0].startswith(where), warned
    assert f"the published notice will not show {removed}" in warned[0]
    assert tree(project.path) == before


def test_a_fuzzy_or_another_texts_translation_is_not_checked(project: Project):
    line = _translate(project, PURPOSE, "Tunnistaminen <b>x</b>.")
    catalog = project.path / "translations/fi/LC_MESSAGES/policy.po"
    lines = catalog.read_text("utf-8").splitlines(keepends=True)
    lines.insert(line - 2, "#, fuzzy\n")  # the build does not publish a fuzzy translation
    catalog.write_text("".join(lines), "utf-8")
    result = project.run("validate")
    assert result.returncode == 0 and "will not show" not in result.stderr, result.stderr


# Pieces of Markdown, HTML and link targets, well and badly formed: the texts they make
# test the cheap filter that spares validate from rendering most texts.
PIECES = [
    *"ab #-*_=:|[]()<>!&\\`\n\t\r/.1+ ",
    *("word ", "> ", "1. ", "    ", "---", "# ", "![", "](", "]: ", "| a |", ":-", "-:"),
    *("https://", "http://", "HTTPS://", "mailto:", "tel:", "javascript:", "data:", "//"),
    *("example.com", "xn--a", "09", ":99999", ":8080", "/path", "?q=1", "#top", "%2F", "%zz"),
    *("::1", "a b", "\u00a0", "é", "<b>", "<style>", "&#x61;", "&amp;"),
]


@settings(max_examples=examples(2000), deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_the_filter_never_spares_a_text_that_loses_markup(text: str):
    assert markup_warnings._removals(text) == markup.removed_markup(text)


# --- 7. an interrupted release's leftovers, JSON nested too deep, --as-of --------------

LEFTOVERS = [
    ".index.json.abcd1234.tmp",  # the index's, as a killed release leaves it
    ".2019-10-23.json.x_y12345.tmp",  # a snapshot's
    ".index.json.k9_2abcd",  # release --undo's
]


@pytest.mark.parametrize("name", LEFTOVERS)
def test_validate_names_a_leftover_temporary_file(project: Project, name: str):
    (project.path / "content/versions" / name).write_text('{"versions": [', "utf-8")
    before = tree(project.path)
    result = project.run("validate")
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "interrupted release" in line]
    assert warned == [
        f"content/versions/{name}: warning: a temporary file left by an interrupted release: "
        "it is not a released version; delete it (and do not commit it)"
    ], result.stderr
    assert tree(project.path) == before


def test_build_and_release_name_a_leftover_temporary_file(project: Project):
    leftover = project.path / "content/versions/.index.json.abcd1234.tmp"
    leftover.write_text('{"versions": [', "utf-8")
    warning = "content/versions/.index.json.abcd1234.tmp: warning: a temporary file left"
    assert warning in project.build().stderr
    new_version(project, "2024-01-01", "The periods are clearer.")
    release = project.run("release", "--as-of=2024-01-01")
    assert release.returncode == 0 and warning in release.stderr, release.stderr
    assert leftover.read_text("utf-8") == '{"versions": ['  # named, not removed


def _nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return '{"versions": ' + opener * depth + closer * depth + "}"


DEEP = {
    "lists": _nested(100_000),
    "objects": '{"versions": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}",
}


@pytest.fixture
def built(project: Project) -> Project:
    project.build()
    return project


@pytest.mark.parametrize("command", ["build", "release"])
@pytest.mark.parametrize("index", DEEP.values(), ids=DEEP.keys())
def test_an_index_nested_too_deep_is_one_located_line(built: Project, index: str, command: str):
    (built.path / "content/versions/index.json").write_text(index, "utf-8")
    before = tree(built.path)  # the output too
    line = one_problem(built.run(command), "nested more than 100 levels deep")
    assert re.match(r"content/versions/index\.json:1:\d+: nested more than 100 levels", line)
    assert tree(built.path) == before


def test_an_index_nested_deep_but_readable_is_one_located_line_too(project: Project):
    (project.path / "content/versions/index.json").write_text(_nested(150), "utf-8")
    before = tree(project.path)
    one_problem(project.run("build"), "content/versions/index.json:1:1: versions: expected a list")
    assert tree(project.path) == before


def test_a_snapshot_nested_too_deep_is_one_located_line(project: Project):
    store = project.path / "content/versions"
    deep = _nested(100_000).encode()
    (store / "2019-10-23.json").write_bytes(deep)  # and its checksum made to match
    index = {"versions": [{"date": "2019-10-23", "sha256": hashlib.sha256(deep).hexdigest()}]}
    (store / "index.json").write_text(json.dumps(index), "utf-8")
    before = tree(project.path)
    line = one_problem(project.run("build"), "nested more than 100 levels deep")
    assert line.startswith("content/versions/2019-10-23.json:1:"), line
    assert tree(project.path) == before


def test_init_reset_treats_an_index_nested_too_deep_as_unreadable(project: Project):
    (project.path / "content/versions/index.json").write_text(DEEP["lists"], "utf-8")
    before = tree(project.path)
    one_problem(init(project.path, "--reset", *answers()), "(unreadable index) would be discarded")
    assert tree(project.path) == before


NOT_DATES = [
    "20270401",  # date.fromisoformat takes it on Python 3.11
    "2027-W01-1",  # and this (an ISO week date)
    "2027-093",  # and an ordinal date? (not on 3.11; refused whatever the Python)
    "2027-4-1",
    "2027-02-30",
    "２０２７-０４-０１",  # full-width digits
    "2027-04-01T00:00",
    " 2027-04-01",
]


@pytest.mark.parametrize("command", ["build", "release"])
@pytest.mark.parametrize("day", NOT_DATES)
def test_as_of_takes_only_yyyy_mm_dd(project: Project, day: str, command: str):
    before = tree(project.path)
    line = one_problem(project.run(command, f"--as-of={day}"), "is not a date")
    assert line == f"--as-of: {day!r} is not a date: write it as YYYY-MM-DD, e.g. 2027-04-01"
    assert tree(project.path) == before
