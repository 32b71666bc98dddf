"""Shared fixtures: a copy of the project in a temporary directory, and ways to run it."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from privacy_notice.load import load_policy
from privacy_notice.schema import iter_texts
from run_cli import as_process, in_process

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
# The tests' own copy of the default notice: they never read the root policy.yaml, so a
# fork whose policy.yaml is another notice passes them unchanged.
DEFAULT_NOTICE = DATA / "default-notice"
LANGS = ("fi", "sv")


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The default site, built once for the tests that only read it."""
    project = copy_project(tmp_path_factory.mktemp("site") / "project")
    project.build()
    return project


@pytest.fixture(scope="session")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A synthetic notice that uses every optional part of the model (tests/data/full/),
    with the tool's settings and theme, built."""
    project = copy_project(tmp_path_factory.mktemp("full") / "project")
    shutil.rmtree(project.path / "translations")
    shutil.rmtree(project.path / "content")
    shutil.copytree(DATA / "full", project.path, dirs_exist_ok=True)
    project.build()
    return project


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


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    project.build()
    project.first_version = {  # type: ignore[attr-defined]
        name: (project.path / "output" / name).read_bytes()
        for name in (
            "en/versions/2019-10-23/index.html",
            "fi/versions/2019-10-23/index.html",
            "api/versions/2019-10-23.json",
        )
    }

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
    release(project)

    project.build()
    return project
