"""Helpers several test modules share: the registers project, ways to break and read it,
a plan built without Pelican, located diagnostics, links and DPV terms checked."""

from __future__ import annotations

import copy
import fcntl
import json
import re
import select
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urljoin, urlsplit

from jinja2 import Environment, FileSystemLoader
from rdflib import Graph, URIRef

from conftest import DATA, DEFAULT_NOTICE, ROOT, Project, copy_project
from privacy_notice.commands import outputdir
from privacy_notice.diagnostics import PolicyError
from privacy_notice.exports import formats
from privacy_notice.history.canonical import canonical_json, sha256
from privacy_notice.history.diff import semantic_changes
from privacy_notice.history.store import Version
from privacy_notice.history.versions import Site, build_site
from privacy_notice.languages.catalogs import theme_translations
from privacy_notice.model import dpv_terms
from privacy_notice.model.register import register_from_document
from privacy_notice.render import filters
from privacy_notice.render.pages import Plan, page_url
from privacy_notice.render.register_pages import plan
from privacy_notice.source.load import load_policy_text
from privacy_notice.source.options import Options
from privacy_notice.source.validate import validate


# From integration/test_browser.py.
def broken_links(output: Path) -> list[str]:
    """Internal links, hreflang alternates and feed links that do not resolve in output/."""
    pages = {}
    for page in output.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        pages[page] = parser
    broken = []
    for page, parser in pages.items():
        base = "/" + page.relative_to(output).as_posix()
        links = parser.links
        for link in links:
            parts = urlsplit(urljoin(base, link))
            if parts.scheme in ("mailto", "tel", "http", "https"):
                continue  # not ours to resolve
            target = output / unquote(parts.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(output)}: {link}")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(output)}: {link} (no such anchor)")
    for feed in output.glob("feeds/*.xml"):
        for link in re.findall(r'<link href="([^"]+)"', feed.read_text("utf-8")):
            target = output / urlsplit(link).path.lstrip("/")
            if link != "/" and not target.is_file() and not (target / "index.html").is_file():
                broken.append(f"{feed.relative_to(output)}: {link}")
    return broken


# From commands/test_registers.py.
AS_OF = "--as-of=2024-06-01"


RECRUITMENT = "registers/recruitment/policy.yaml"


CAMERA = "registers/camera-surveillance/policy.yaml"


def registers_project(target: Path) -> Project:
    project = copy_project(target)
    shutil.copytree(REGISTERS, project.path, dirs_exist_ok=True)
    return project


def files(project: Project) -> dict[str, bytes]:
    """Every input and released file of the project, by relative path."""
    return {
        str(path.relative_to(project.path)): path.read_bytes()
        for path in sorted(project.path.rglob("*"))
        if path.is_file() and "theme" not in path.parts and "plugins" not in path.parts
    }


def broken_register(project: Project) -> None:
    project.edit("period: P30D", "period: thirty days", CAMERA)


# From source/test_validate.py.
SOURCE = (DEFAULT_NOTICE / "policy.yaml").read_text("utf-8")

# The last line of a failed command: how many problems ("; nothing was written" where the
# command writes: a check, validate or lint, writes nothing anyway).
SUMMARY = re.compile(r"^\d+ problems?(; nothing was written)?$")


def diagnostics_for(text: str) -> list[str]:
    try:
        return [str(d) for d in validate(load_policy_text(text.encode(), "policy.yaml"))]
    except PolicyError as exc:
        return [str(d) for d in exc.diagnostics]


def position(text: str, anchor: str, occurrence: int = 1) -> str:
    index = -1
    for _ in range(occurrence):
        index = text.index(anchor, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


# From exports/test_dpv.py.
def unknown_dpv_iris(graph: Graph) -> set[str]:
    """IRIs in the DPV namespaces (dpv, pd, legal/…) that no vendored term list has."""
    used = {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}
    return {iri for iri in used if iri.startswith("https://w3id.org/dpv")} - dpv_terms.iris()


# From render/test_pages.py.
# The dates of history()'s four versions.
PLAN_DATES = ["2019-10-23", "2020-03-01", "2021-05-01", "2022-01-10"]


def version(date: str, document: dict[str, Any]) -> Version:
    document = copy.deepcopy(document)
    document["notice"]["updated"] = date
    raw = canonical_json(document)
    return Version(date, document, sha256(raw), raw)


def history() -> Site:
    """Four versions: the notice; a longer storage period; a Finnish-only fix of a storage
    rule's text; a new data field used for a purpose and kept under a storage rule."""
    site = build_site(
        Options(
            policy=DEFAULT_NOTICE / "policy.yaml",
            translations=DEFAULT_NOTICE / "translations",
            versions=DEFAULT_NOTICE / "content/versions",
        )
    )
    first = copy.deepcopy(site.current.document)
    longer = copy.deepcopy(first)
    rule = next(r for r in longer["retention"]["rules"] if r.get("period"))
    rule["period"] = "P99M"
    fixed = copy.deepcopy(longer)
    rule = next(r for r in fixed["retention"]["rules"] if r.get("period"))
    rule["text"]["fi"] += " Korjattu."
    added = copy.deepcopy(fixed)
    field = copy.deepcopy(added["personal_data"]["fields"][0])
    field.update(id="ip-address", name={lang: f"IP {lang}" for lang in added["languages"]})
    field["purposes"] = [added["purposes"]["items"][0]["id"]]
    added["personal_data"]["fields"].append(field)
    added["retention"]["rules"][0].setdefault("data_fields", []).append("ip-address")
    documents = [first, longer, fixed, added]
    versions = tuple(version(d, doc) for d, doc in zip(PLAN_DATES, documents, strict=True))
    return Site(versions, site.catalogs, (), site.locales)


def theme() -> Environment:
    env = Environment(loader=FileSystemLoader(ROOT / "theme/templates"), autoescape=True)
    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    filters.install(env)
    env.globals.update(page_url=page_url, format_url=formats.format_url, SITEURL="")
    return env


def plan_of(site: Site, env: Environment) -> Plan:
    translations = {lang: theme_translations(site.catalogs, lang) for lang in site.languages}
    return plan(
        site,
        lambda name, context: env.get_template(name).render(context),
        translations,
        default_lang=site.languages[0],
        exports=formats.site_exports(site, "", page_url),
    )


# From render/test_centre.py.
def outputs(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in sorted(output.rglob("*"))
        if p.is_file()
    }


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"] or "")
        for key in ("href", "src"):
            if attributes.get(key):
                self.links.append(attributes[key] or "")


REGISTERS = DATA / "registers"


# From commands/test_registers.py.
MOVED = "The data protection officer moved."


def translate_fi(project: Project, catalog: str, text: str, translation: str) -> None:
    path = project.path / catalog / "fi/LC_MESSAGES/policy.po"
    entry = f'msgid "{text}"\nmsgstr ""'
    project.edit(entry, f'msgid "{text}"\nmsgstr "{translation}"', str(path))


def same_slug(project: Project) -> None:
    shutil.copytree(
        project.path / "registers/recruitment", project.path / "registers/customer-service"
    )


def missing_block(project: Project) -> None:
    project.edit("$shared: controller", "$shared: controler", RECRUITMENT)


# From source/test_validate.py and source/test_written_out.py: a document broken.
def breakings(data: object, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """(path, replacement) pairs that break ``data`` in every way the schema can see: a
    value of each wrong type, an unknown key, a key taken away (``...``)."""
    yield path, 12345
    yield path, "?"
    yield path, [{"unknown": True}]
    if isinstance(data, dict):
        yield path, {**data, "unknwon_key": 1}
        for key, value in data.items():
            yield (*path, key), ...
            yield from breakings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from breakings(value, (*path, index))


def broken(data: object, path: tuple, value: object) -> object:
    if not path:
        return value
    copy = json.loads(json.dumps(data))
    parent = copy
    for part in path[:-1]:
        parent = parent[part]
    if value is ...:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return copy


# From history/test_diff.py and history/test_diff_facts.py.
def described(
    document: dict[str, Any], edit: Callable[[dict[str, Any]], None], lang: str = "en"
) -> list[tuple[str, bool]]:
    """The changes ``edit`` makes to ``document``, as ``lang``'s readers are told them, and
    whether each is material."""
    new = copy.deepcopy(document)
    edit(new)
    old_model, new_model = register_from_document(document), register_from_document(new)
    return [
        (c.describe(lang, lambda m: m), c.material)
        for c in semantic_changes(old_model, new_model)
        if c.shown_in(lang)
    ]


# From integration/test_serve.py and integration/test_preview_safety.py.
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_preview(
    project: Project, log: IO[str], *args: str
) -> tuple[subprocess.Popen[bytes], int]:
    """``privacy-notice serve ARGS`` in ``project`` on a free port, its output into
    ``log``; the process and its port."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "privacy_notice", "serve", "--port", str(port), *args],
        cwd=project.path,
        stderr=log,
        stdout=log,
    )
    return server, port


# From integration/test_hostile.py and integration/test_output_safety.py.
@contextmanager
def build_waiting_for_the_lock(
    project: Project,
) -> Iterator[tuple[subprocess.Popen[str], Path, str]]:
    """A build of ``project`` into ``output`` started while this process holds the lock of
    its builds folder: the build, the builds folder and what the build said once it said
    something (no timer: it says that it waits). The lock is held until the block ends."""
    builds = outputdir.builds_dir(project.path / "output")
    builds.mkdir()
    with open(builds / "lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        second = subprocess.Popen(
            [sys.executable, "-m", "privacy_notice", "build"],
            cwd=project.path,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert second.stderr is not None
        ready, _, _ = select.select([second.stderr], [], [], 120)
        yield second, builds, second.stderr.readline() if ready else ""
