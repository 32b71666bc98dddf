"""Shared fixtures: a copy of the project in a temporary directory, and ways to run it.

Fixtures (use the narrowest that serves; every test writes only under its own tmp_path):
- ``project``: a fresh copy of the tool's settings and theme with the default notice
  (tests/data/default-notice/), for a test that edits, builds or releases; ``Project.run``
  runs the command line in this process (run_cli.in_process), ``Project.process`` as a
  process of its own, only where the process matters (signals, locks, environment).
- ``built_site``, ``full_site`` (tests/data/full/: every optional part of the model),
  ``municipality_site`` (tests/data/municipality/: a public authority's pupil register),
  ``history`` (five released versions): built once per test run and shared by every test
  and pytest-xdist worker (``shared_project``): read them, never edit them; a test that
  must edit one works on ``site.clone(tmp_path / "project")``.
- ``copy_project(path, notice)``: the same for another notice (tests/data/other-notice/).

``make test`` runs the suite on every core (pytest-xdist, ``-n auto``): a test must not
depend on another's order or leftovers, nor write into the checkout (test-output/ aside).
Workers steal work (``--dist worksteal``): each starts on its half of the tests and an idle
one takes from the end of the other's queue. Tests that take seconds come first
(``SLOW_FIRST``), so that what is left to take at the end is short.

Property tests (Hypothesis) take their number of examples from ``examples(full)``: a fifth
in ``make test``, all of them in ``make test-slow`` (``HYPOTHESIS_PROFILE=thorough``).
"""

from __future__ import annotations

import fcntl
import html
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn

import pytest
from babel.messages.pofile import read_po, write_po
from hypothesis import settings

from privacy_notice.source.load import load_policy
from privacy_notice.source.schema import iter_texts
from run_cli import as_process, in_process

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
# The tests' own copy of the default notice: they never read the root policy.yaml, so a
# fork whose policy.yaml is another notice passes them unchanged.
DEFAULT_NOTICE = DATA / "default-notice"
LANGS = ("fi", "sv")


# Modules whose tests take many seconds each (installing a hook's environment, a live
# server, concurrent processes, a browser): scheduled first, into the first worker's half.
# Whole modules, so that module-scoped fixtures are still set up once.
SLOW_FIRST = ("test_precommit.py", "test_serve.py", "test_browser.py")
INTEGRATION = Path(__file__).resolve().parent / "integration"


# make test-slow runs the property tests again with every example (CI runs both targets).
PROPERTY_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.register_profile("thorough", settings.get_profile("default"))
settings.load_profile(PROPERTY_PROFILE)  # an unknown name is an error, not the default


def examples(full: int) -> int:
    """A property test's number of examples: ``full`` in the thorough profile, a fifth (at
    least ten) otherwise; different examples every run, so make test still explores."""
    return full if PROPERTY_PROFILE == "thorough" else max(full // 5, 10)


def missing(what: str) -> NoReturn:
    """A tool a test needs is not on this machine (``what`` says which, and how to install
    it): the test is skipped, but fails where ``CI`` is set (``.ci/run`` sets it, as CI
    systems do), so that CI never passes without running it."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI is set and {what}", pytrace=False)
    pytest.skip(what)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests under ``tests/integration/`` are marked ``integration`` (servers, browsers,
    other processes, whole other projects: CI runs them, ``make test`` does not)."""
    for item in items:
        if INTEGRATION in item.path.parents:
            item.add_marker(pytest.mark.integration)

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_FIRST.index(name) if name in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: the order within each module is kept


def pytest_collection_finish(session: pytest.Session) -> None:
    """``make test`` lets pytest keep the test modules' bytecode (``PYTHONDONTWRITEBYTECODE=``);
    once they are collected, nothing else writes any: the projects the tests build (their
    ``pelicanconf.py``) must get no ``__pycache__/`` that a test of their files would see."""
    sys.dont_write_bytecode = True
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # and the processes the tests start


class Project:
    """A throwaway copy of the project: edit its inputs, build it, read its output."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def policy(self) -> Path:
        return self.path / "policy.yaml"

    def edit(self, old: str, new: str, file: str = "policy.yaml", count: int = 1) -> None:
        target = self.path / file
        text = target.read_text("utf-8")
        assert text.count(old) >= count, f"{old!r} not in {file}"
        target.write_text(text.replace(old, new, count), "utf-8")

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``privacy-notice ARGS`` in the project, run in this process (see run_cli.py)."""
        return in_process(self.path, *args)

    def process(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``privacy-notice ARGS`` in the project as a process of its own: only where the
        process matters (signals, environment, locks, the installed command)."""
        return as_process(self.path, *args)

    def build(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = self.run("build", *args)
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    def clone(self, target: Path) -> Project:
        """A copy of this project's inputs at ``target``, without its output: to edit a
        project that other tests share."""
        ignore = shutil.ignore_patterns("output", ".output.builds", "output.*")
        shutil.copytree(self.path, target, symlinks=True, ignore=ignore)
        return Project(target)

    def read(self, relative: str) -> str:
        return (self.path / "output" / relative).read_text("utf-8")

    def text(self, relative: str) -> str:
        """The visible text of an output page, whitespace collapsed."""
        return page_text(self.read(relative))

    def translate(self, entries: Mapping[str, tuple[str, str]]) -> None:
        """Add or replace translations (msgid -> (fi, sv)) in both policy catalogs."""
        for index, lang in enumerate(LANGS):
            path = self.path / "translations" / lang / "LC_MESSAGES" / "policy.po"
            catalog = read_po(path.open("rb"), locale=lang)
            for msgid, strings in entries.items():
                if msgid in catalog:
                    catalog[msgid].string = strings[index]
                    catalog[msgid].flags.discard("fuzzy")
                else:
                    catalog.add(msgid, strings[index])
            buffer = io.BytesIO()
            write_po(buffer, catalog, width=0)
            path.write_bytes(buffer.getvalue())

    def pseudo_translate_missing(self) -> None:
        """Translate every text the build reports as missing with a visible marker."""
        texts = {}

        for _path, text, _kind in iter_texts(load_policy(self.policy).data):
            texts[text] = (f"[fi] {text}", f"[sv] {text}")
        known = set()
        for lang in LANGS:
            path = self.path / "translations" / lang / "LC_MESSAGES" / "policy.po"
            known |= {m.id for m in read_po(path.open("rb"), locale=lang) if m.string}
        self.translate({k: v for k, v in texts.items() if k not in known})


_BLOCK = r"p|li|dt|dd|h[1-6]|div|section|ul|ol|dl|br|nav|header|footer|main|article|address"


def page_text(page: str) -> str:
    """Text as a reader sees it: block elements separate words, inline ones do not."""
    page = re.sub(r"<(script|style|head)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(rf"</?(?:{_BLOCK})\b[^>]*>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def copy_project(target: Path, notice: Path = DEFAULT_NOTICE) -> Project:
    """A project of the tool's files (settings, theme and its catalogs, the plugin as a
    link) and a notice's files (policy.yaml, its catalogs, its released versions)."""
    target.mkdir(parents=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "theme", target / "theme")  # with its catalogs
    (target / "plugins").symlink_to(ROOT / "plugins")
    shutil.copy2(notice / "policy.yaml", target / "policy.yaml")
    for policy in [notice / "translations/policy.pot", *notice.glob("translations/*/*/policy.po")]:
        copy = target / policy.relative_to(notice)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(policy, copy)
    if (notice / "content").is_dir():
        shutil.copytree(notice / "content", target / "content")
    (target / "content").mkdir(exist_ok=True)
    return Project(target)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


def shared_project(
    factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Project]
) -> Project:
    """The project ``make(path)`` creates at ``path``, made once per test run: under
    pytest-xdist the first worker to ask makes it (under a lock) and the others wait and
    reuse it. Only for tests that read it; a test that edits it works on ``clone()``."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's directory, above each worker's own
    folder = base / f"shared-{name}"
    with open(base / f"shared-{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not (folder / "done").exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            make(folder / "project")
            (folder / "done").touch()
    return Project(folder / "project")


def _built(path: Path) -> Project:
    project = copy_project(path)
    project.build()
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The default site, built once for the tests that only read it."""
    return shared_project(tmp_path_factory, "site", _built)


def _full(path: Path) -> Project:
    project = copy_project(path)
    shutil.rmtree(project.path / "translations")
    shutil.rmtree(project.path / "content")
    shutil.copytree(DATA / "full", project.path, dirs_exist_ok=True)
    project.build()
    return project


def _registers(path: Path) -> Project:
    """The default notice (the root register) and the recruitment and camera-surveillance
    registers of tests/data/registers/, sharing shared.yaml's controller block, built."""
    project = copy_project(path)
    shutil.copytree(DATA / "registers", project.path, dirs_exist_ok=True)
    result = project.run("release", "--as-of=2024-06-01")
    assert result.returncode == 0, result.stderr
    project.build("--as-of=2024-06-01")
    return project


@pytest.fixture(scope="session")
def registers_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A site of three registers (see :func:`_registers`); read only."""
    return shared_project(tmp_path_factory, "registers", _registers)


@pytest.fixture(scope="session")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A synthetic notice that uses every optional part of the model (tests/data/full/),
    with the tool's settings and theme, built."""
    return shared_project(tmp_path_factory, "full", _full)


def _municipality(path: Path) -> Project:
    project = copy_project(path, DATA / "municipality")
    project.build()
    return project


@pytest.fixture(scope="session")
def municipality_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A municipality's pupil register (tests/data/municipality/: a public authority,
    Finnish source, fi and sv, health data, children, a joint controller), built."""
    return shared_project(tmp_path_factory, "municipality", _municipality)


PolicyEditor = Callable[[str], str]


# --- a history of five versions, released one by one through the CLI --------------------

DATES = ["2019-10-23", "2020-03-01", "2021-05-01", "2022-01-10", "2022-02-01"]


def new_version(
    project: Project,
    date: str,
    summary: str,
    *,
    material: bool = True,
    effective: str | None = None,
) -> None:
    text = project.policy.read_text("utf-8")
    text = re.sub(
        r"  updated: .*\n(  effective: .*\n)?  material: .*\n(  summary: .*\n)?",
        f"  updated: {date}\n"
        + (f"  effective: {effective}\n" if effective else "")
        + f"  material: {'true' if material else 'false'}\n  summary: {summary}\n",
        text,
    )
    project.policy.write_text(text, "utf-8")
    project.pseudo_translate_missing()


def release(project: Project) -> None:
    result = project.run("release")
    assert result.returncode == 0, result.stderr


FIRST_VERSION_FILES = (
    "en/versions/2019-10-23/index.html",
    "fi/versions/2019-10-23/index.html",
    "api/versions/2019-10-23.json",
)


def _history(path: Path) -> Project:
    project = copy_project(path)
    project.build()
    # the first version's files as first built, to compare with after four more releases
    for name in FIRST_VERSION_FILES:
        kept = path.parent / "first-version" / name
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(project.path / "output" / name, kept)

    project.edit("period: P3M", "period: P6M")
    new_version(project, DATES[1], "Recorded calls are kept for six months.")
    release(project)

    project.edit(
        "    - id: email-address\n",
        "    - id: ip-address\n      name: IP address\n"
        "      purposes: [identification]\n      sources: [chatbot]\n"
        "      purpose: The IP address is stored when the customer uses the Chatbot.\n"
        "    - id: email-address\n",
    )
    project.edit("telephone-number, email-address]", "telephone-number, ip-address, email-address]")
    new_version(project, DATES[2], "The IP address is stored.")
    release(project)

    project.edit("    - id: chatbot\n      name: Via the Chatbot service\n", "")
    project.edit("sources: [email, telephone, chatbot]", "sources: [email, telephone]")
    project.edit("sources: [email, chatbot]", "sources: [email]")
    project.edit("      sources: [chatbot]\n", "")
    new_version(project, DATES[3], "The Chatbot service is no longer a channel.")
    release(project)

    entry = "[fi] The IP address is stored when the customer uses the Chatbot."
    po = project.path / "translations/fi/LC_MESSAGES/policy.po"
    po.write_text(
        po.read_text("utf-8").replace(entry, entry.replace("[fi] ", "[fi] Korjattu: ")), "utf-8"
    )
    new_version(project, DATES[4], "A Finnish translation was corrected.", material=False)
    # A text that says why data is collected is a material change however it is reworded
    # (history/diff_facts.py): a legal team accepts this fix as editorial by a review.
    project.edit(
        "\nnotice:",
        f"\nreviewed_warnings:\n  - article: material-change\n    release: {DATES[4]}\n"
        '    changes: ["Why IP address is collected changed"]\n'
        "    reason: Only the Finnish wording was corrected.\n\nnotice:",
    )
    release(project)

    project.build()
    return project


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The default notice with a history of five versions (DATES), released one by one
    through the command line, then built; read only (edit a ``clone()``)."""
    return shared_project(tmp_path_factory, "history", _history)
