"""A corpus of broken inputs, each run through the command line as a user would meet it:
exit status 1, one located line per problem, no traceback, and output/ untouched.

Every case runs in this process (``cli.main``, the code the command runs); a few also run
as a process, end to end."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Callable

import pytest

from conftest import Project
from run_cli import run_cli, set_updated

LOCATED = re.compile(
    r"^(policy\.yaml|(theme/)?translations/[a-z]{2}/LC_MESSAGES/(policy|theme)\.po|"
    r"content/versions/[\w.-]+\.json)(:\d+(:\d+)?)?: \S"
)
SUMMARY = re.compile(r"^\d+ problems?; nothing was written$")
CHECKED = re.compile(r"^\d+ problems?$")  # a check (validate, lint) writes nothing anyway


def po(project: Project, lang: str = "fi", domain: str = "policy"):
    folder = project.path / ("theme/translations" if domain == "theme" else "translations")
    return folder / lang / "LC_MESSAGES" / f"{domain}.po"


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def policy_edit(old: str, new: str) -> Callable[[Project], None]:
    return lambda project: project.edit(old, new)


def policy_bytes(data: bytes) -> Callable[[Project], None]:
    return lambda project: project.policy.write_bytes(data)


def policy_date(date: str) -> Callable[[Project], None]:
    return lambda project: set_updated(project.path, date)


def rewrite_snapshot(content: bytes) -> Callable[[Project], None]:
    """Replace the released snapshot and fix up its checksum, as a careless hand edit would."""

    def apply(project: Project) -> None:
        store = project.path / "content/versions"
        (store / "2019-10-23.json").write_bytes(content)
        index = {
            "versions": [{"date": "2019-10-23", "sha256": hashlib.sha256(content).hexdigest()}]
        }
        (store / "index.json").write_text(json.dumps(index), "utf-8")

    return apply


BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
)

# name: (how to break the project, a part of the expected message, also run `validate`)
CASES: dict[str, tuple[Callable[[Project], None], str, bool]] = {
    "unclosed bracket": (
        policy_bytes(b"languages: [fi, sv, en\nnotice:\n  updated: 2030-01-01\n"),
        "policy.yaml:2:7: not valid YAML: while parsing a flow sequence did not find expected "
        "',' or ']'",
        True,
    ),
    "unclosed quote": (policy_edit('"02150"', '"02150'), "never closed", True),
    "tab indentation": (policy_edit("  name: Kivra Oy", "\tname: Kivra Oy"), "tab character", True),
    "bad indentation": (policy_edit("  name: Kivra Oy", "   name: Kivra Oy"), "indentation", True),
    "list item out of line": (policy_edit("    - id: name\n", "   - id: name\n"), "line up", True),
    "list for a text": (policy_edit("  title: Source", "  title: [Source]"), "expected text", True),
    "number for a list": (policy_edit("languages: [fi, sv, en]", "languages: 3"), "a list", True),
    "text for a boolean": (policy_edit("material: true", "material: maybe"), "true or false", True),
    "missing section": (
        policy_edit("\ncomplaints:", "\ncomplaintz:"),
        # one line: the misspelt key, not also the section it leaves missing
        "complaintz: unknown key 'complaintz'; did you mean 'complaints'?",
        True,
    ),
    "missing key": (policy_edit("  name: Kivra Oy\n", ""), "'name'", True),
    "unknown key": (
        policy_edit("  name: Kivra Oy\n", "  name: Kivra Oy\n  ceo: X\n"),
        "'ceo'",
        True,
    ),
    "misspelt key": (policy_edit("  postal_code:", "  postalcode:"), "did you mean", True),
    "duplicate key": (
        policy_edit("  name: Kivra Oy\n", "  name: Kivra Oy\n  name: Kivra\n"),
        "duplicate key",
        True,
    ),
    "impossible date": (policy_edit("2019-10-23", "2019-02-29"), "not a valid date", True),
    "date in words": (policy_edit("2019-10-23", "October 2019"), "ISO 8601 date", True),
    "duration in words": (policy_edit("P3M", "three months"), "ISO 8601 duration", True),
    "duration with hours": (policy_edit("P12M", "PT12H"), "ISO 8601 duration", True),
    "email": (policy_edit("email: tietosuoja@kivra.fi", "email: tietosuoja"), "email", True),
    "business id check digit": (policy_edit("2918721-9", "2918721-7"), "check digit", True),
    "business id shape": (
        policy_edit("2918721-9", "FI29187219"),
        "is not in the form of this scheme",
        True,
    ),
    "country code": (
        policy_edit("usual_countries: [FI]", "usual_countries: [FIN]"),
        "ISO 3166-1",
        True,
    ),
    "dangling reference": (
        policy_edit("purposes: [identification]", "purposes: [identify]"),
        "did you mean 'identification'",
        True,
    ),
    "storage rule for a purpose that does not exist": (
        policy_edit(
            "      name: Customer Service\n",
            "      name: Customer Service\n      purposes: [identify]\n",
        ),
        "retention.rules[0].purposes[0]: no purpose has the id 'identify' (in purposes.items); "
        "did you mean 'identification'?",
        True,
    ),
    "duplicate id": (policy_edit("- id: address", "- id: name"), "duplicate id 'name'", True),
    "bad id": (policy_edit("- id: address", "- id: Postal Address"), "not a valid id", True),
    "unknown placeholder": (policy_edit("{measures}", "{measure}"), "placeholder", True),
    "effective before update": (
        policy_edit("  material: true", "  effective: 2001-01-01\n  material: true"),
        "before the update",
        True,
    ),
    "enum value": (policy_edit("role: processor", "role: subcontractor"), "is not one of", True),
    "empty file": (policy_bytes(b""), "empty", True),
    "only comments": (policy_bytes(b"# nothing yet\n"), "empty", True),
    "a list, not a register": (policy_bytes(b"- a\n- b\n"), "expected a mapping", True),
    "two documents": (
        policy_bytes(b"a: 1\n---\nb: 2\n"),
        "policy.yaml:2:1: not valid YAML: expected a single document in the stream but found "
        "another document",
        True,
    ),
    "not UTF-8": (
        policy_bytes("languages: [fi]\nnotice: Åäö\n".encode("latin-1")),
        "not UTF-8",
        True,
    ),
    "byte-order mark": (
        lambda p: p.policy.write_bytes(b"\xef\xbb\xbf" + p.policy.read_bytes()),
        "byte-order mark",
        True,
    ),
    "huge file": (policy_bytes(b"# " + b"x" * 3_000_000 + b"\n"), "at most", True),
    "python tag": (
        policy_edit("  title: Source", "  title: !!python/object/apply:os.system [ls]"),
        "not allowed",
        True,
    ),
    "alias bomb": (policy_bytes(BOMB.encode()), "anchors and aliases", True),
    "merge key": (
        policy_bytes(b"base: &b {a: 1}\nx:\n  <<: *b\n"),
        "policy.yaml:3:3: x: merge keys (<<) are not supported: write the keys out",
        True,
    ),
    "nested too deep": (
        policy_bytes(("a:\n" + "".join("  " * (i + 1) + "b:\n" for i in range(60))).encode()),
        "nested more than",
        True,
    ),
    "po plural forms": (
        lambda p: replace_in(
            po(p),
            'msgid "Source"\nmsgstr "Tietolähde"',
            'msgid "Source"\nmsgid_plural "Sources"\nmsgstr[0] "Tietolähde"\nmsgstr[1] "Lähteet"',
        ),
        "has plural forms",
        False,
    ),
    "po broken syntax": (
        lambda p: replace_in(po(p), 'msgstr "Tietolähde"', 'msgstr "Tietolähde'),
        "not valid gettext syntax",
        False,
    ),
    "po drops a link": (
        lambda p: replace_in(
            po(p, "sv"), "[www.tietosuoja.fi](https://tietosuoja.fi/sv)", "www.tietosuoja.fi"
        ),
        "changes its links",
        False,
    ),
    "po drops a placeholder": (
        lambda p: replace_in(po(p), "puhelut {period}.", "puhelut."),
        "changes its placeholders",
        False,
    ),
    "po fuzzy entry": (
        lambda p: replace_in(po(p), '\nmsgid "Source"', '\n#, fuzzy\nmsgid "Source"'),
        "fuzzy",
        False,
    ),
    "po not UTF-8": (
        lambda p: po(p, "sv", "theme").write_bytes(b'msgid "a"\nmsgstr "\xe4"\n'),
        "not UTF-8",
        False,
    ),
    "po missing": (lambda p: po(p, "sv", "theme").unlink(), "missing", False),
    "snapshot not JSON": (rewrite_snapshot(b'{"notice": '), "not valid JSON", False),
    "snapshot not a document": (
        rewrite_snapshot(b'{"languages": ["en"], "notice": {}}'),
        "required property",
        False,
    ),
    "snapshot edited": (
        lambda p: replace_in(p.path / "content/versions/2019-10-23.json", '"P3M"', '"P4M"'),
        "SHA-256",
        False,
    ),
    "index broken": (
        lambda p: (p.path / "content/versions/index.json").write_text("[1, 2"),
        "not valid JSON",
        False,
    ),
    "stray snapshot": (
        lambda p: (p.path / "content/versions/2020-01-01.json").write_text("{}"),
        "not in the index",
        False,
    ),
    "released date, other content": (policy_edit("P3M", "P4M"), "already released", False),
    "earlier than released": (
        policy_date("2018-01-01"),
        "notice.updated: 2018-01-01 is earlier than the last released version (2019-10-23): "
        "set a later date",
        False,
    ),
}


def check_failure(
    result: subprocess.CompletedProcess[str], expected: str, summary: re.Pattern[str] = SUMMARY
) -> None:
    """Exit status 1, located lines and a summary, no traceback; ``expected`` is one whole
    line where it is located, else a part of the message."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert summary.match(lines[-1]), lines
    assert all(LOCATED.match(line) for line in lines[:-1]), lines
    if LOCATED.match(expected):
        assert expected in lines, lines
    else:
        assert expected in result.stderr, result.stderr


Run = Callable[..., subprocess.CompletedProcess[str]]


def fails_cleanly_and_keeps_output(project: Project, name: str, run: Run) -> None:
    break_project, expected, validate_too = CASES[name]
    previous = project.path / "output"
    previous.mkdir()
    (previous / "index.html").write_text("the previous site", "utf-8")
    break_project(project)
    check_failure(run("build"), expected)
    if validate_too:
        check_failure(run("validate"), expected, CHECKED)
    assert [p.name for p in previous.iterdir()] == ["index.html"]
    assert (previous / "index.html").read_text("utf-8") == "the previous site"
    assert not [p for p in project.path.iterdir() if p.name.startswith("output.")]


@pytest.mark.parametrize("name", CASES.keys())
def test_bad_input_fails_cleanly_and_keeps_output(project: Project, name: str, monkeypatch, capsys):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(project.path, *args, monkeypatch=monkeypatch, capsys=capsys)

    fails_cleanly_and_keeps_output(project, name, run)


# End to end, as a process: a problem met while loading YAML, reading a catalog, verifying
# a snapshot and placing the version, and one the YAML loader must refuse safely.
PROCESS_CASES = [
    "unclosed bracket",
    "python tag",
    "po broken syntax",
    "snapshot edited",
    "earlier than released",
]


@pytest.mark.parametrize("name", PROCESS_CASES)
def test_bad_input_as_a_process(project: Project, name: str):
    fails_cleanly_and_keeps_output(project, name, project.process)


def test_broken_theme_and_settings_are_located(project: Project):
    template = project.path / "theme/templates/history.html"
    original = template.read_text("utf-8")
    template.write_text(original + "{% if %}\n", "utf-8")
    result = project.build(ok=False)
    line = original.count("\n") + 1
    assert f"theme/templates/history.html:{line}: template error:" in result.stderr
    assert "Traceback" not in result.stderr and result.returncode == 1
    template.write_text(original, "utf-8")
    (project.path / "broken.py").write_text("SITENAME = (\n", "utf-8")
    result = project.run("build", "-s", "broken.py")
    assert "broken.py:1:12: not valid Python: '(' was never closed" in result.stderr
    assert result.returncode == 1
