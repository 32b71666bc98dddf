"""Every public fact of a register is on every language's page (issue 10).

The schema is walked together with the published register document: each structured value
must be on the page in the page's language (codes as their labels, countries by their
Babel names, durations and dates as Babel writes them, addresses, identifiers…); a
reference is checked through the name of the item it refers to; texts are checked as
rendered. Values the page does not state are declared once, in ``schema.NOT_ON_PAGE``.

It runs on the default notice, on a synthetic notice that uses every optional part of the
schema (``tests/data/full/``), on a municipality's pupil register (``tests/data/municipality/``)
and on every ``examples/*/`` folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, Project, page_text
from privacy_notice.languages import localize
from privacy_notice.languages.catalogs import read_catalogs, theme_translations
from privacy_notice.model import labels
from privacy_notice.model.markup import render_inline, render_markdown
from privacy_notice.model.texts import substitute
from privacy_notice.source.load import load_policy
from privacy_notice.source.rules import _REFERENCES
from privacy_notice.source.schema import NOT_ON_PAGE, TEXT_KINDS, policy_schema
from run_cli import in_process

Check = tuple[str, str]  # (where in the document, what the page must say)

# A reference list (by its path, items as "*") -> the list of the items it names.
TARGETS = {".".join((*holder, "*", key)): target for holder, key, target, _what in _REFERENCES}
# Where each value is stated, when not on the notice page itself.
ON_HISTORY_PAGE = ("notice.summary",)
# Values the page states as the rest of the document reads them: "from the data subjects"
# beside other sources named is "from them and from the others", never "all" (Sources.received).
DERIVED = {
    "sources.from_data_subject": lambda document, value: (
        "and-others"
        if value
        and (document["sources"].get("other_sources") or document["sources"].get("providers"))
        else value
    ),
}


def _pattern(path: tuple[Any, ...]) -> str:
    return ".".join("*" if isinstance(p, int) else str(p) for p in path)


class Facts:
    """What the page of ``lang`` must say for ``document``."""

    def __init__(self, document: dict[str, Any], lang: str, locale: str, gettext) -> None:
        self.document, self.lang, self.locale = document, lang, locale
        self.gettext: Callable[[str], str] = gettext
        self.schema = policy_schema()

    def label(self, kind: str, code: Any) -> str:
        return labels.label(kind, code, self.gettext)

    def item_name(self, target: tuple[str, ...], item_id: str) -> str:
        items = self.document
        for key in target:
            items = items[key]
        item = next(i for i in items if i["id"] == item_id)
        if "name" in item:
            return page_text(str(render_inline(item["name"][self.lang])))
        return page_text(str(render_inline(item["description"][self.lang])))

    def joint_controller_name(self, joint_id: str) -> str:
        """A recipient that is a joint controller is named by it (model/derive.py)."""
        joint = self.document["controller"]["joint_controllers"]
        name = next(j for j in joint if j["id"] == joint_id)["organisation"]["name"]
        return name if isinstance(name, str) else name[self.lang]

    def walk(self) -> Iterator[Check]:
        yield from self._walk(self.schema, self.document, (), ())

    def _walk(self, sub: dict, value: Any, path: tuple, local: tuple) -> Iterator[Check]:
        where = _pattern(path)
        if where in NOT_ON_PAGE:
            return
        while "$ref" in sub:
            name = sub["$ref"].rsplit("/", 1)[-1]
            if name in TEXT_KINDS or (name == "name" and isinstance(value, dict)):
                yield from self._text(value, where)  # a translated name is published a text
                return
            if where == "recipients.categories.*.joint_controller":
                yield where, self.joint_controller_name(value)
                return
            if name in ("country", "countries", "duration", "date", "references", "id"):
                yield from self._defined(name, value, path)
                return
            sub, local = self.schema["$defs"][name], (f"$defs/{name}",)
        kind = labels.SCHEMA_KINDS.get(where) or labels.SCHEMA_KINDS.get(_pattern(local))
        if where in DERIVED:  # a code the page states as the rest of the document reads it
            value = DERIVED[where](self.document, value)
        if kind and not (kind == "duration" and value != "session"):
            yield where, self.label(kind, value)
        elif "anyOf" in sub:  # a duration or "session"
            yield where, localize.format_duration(value, self.locale)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from self._walk(sub["properties"][key], item, (*path, key), (*local, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from self._walk(sub["items"], item, (*path, index), (*local, "*"))
        elif isinstance(value, str) and where in ("source_language", "languages.*"):
            yield where, localize.language_name(value)
        elif isinstance(value, str):  # names, identifiers, emails, telephones, addresses
            yield where, value
        else:
            raise AssertionError(f"{where}: {value!r} has no way to be checked on the page")

    def _defined(self, name: str, value: Any, path: tuple) -> Iterator[Check]:
        where = _pattern(path)
        if name == "country":
            yield where, localize.country_name(value, self.locale)
        elif name == "countries":
            for code in value:
                yield where, localize.country_name(code, self.locale)
        elif name == "duration":
            yield where, localize.format_duration(value, self.locale)
        elif name == "date":
            yield where, localize.format_date(value, self.locale)
        elif name == "references":
            for item_id in value:
                yield where, self.item_name(TARGETS[where], item_id)
        # an id is stated through its item's name (checked where the item is referred to)

    def _text(self, value: dict[str, str], where: str) -> Iterator[Check]:
        text = value[self.lang]
        if "{" not in text:  # texts with placeholders are checked by test_build
            yield where, page_text(str(render_markdown(text)))


def theme_gettext(lang: str, source: str) -> Callable[[str], str]:
    catalogs = read_catalogs(
        ROOT / "translations", [lang], source, theme_dir=ROOT / "theme" / "translations"
    )
    return theme_translations(catalogs, lang).gettext


def _locales(project: Path) -> dict[str, str]:
    from privacy_notice.source.load import load_policy

    return dict(load_policy(project / "policy.yaml").data.get("locales") or {})


def assert_every_fact_shown(output: Path, locales: dict[str, str]) -> None:
    document = json.loads((output / "api/register.json").read_text("utf-8"))
    missing = []
    for lang in document["languages"]:
        page = page_text((output / lang / "index.html").read_text("utf-8"))
        history = page_text((output / lang / "versions/index.html").read_text("utf-8"))
        gettext = theme_gettext(lang, document["source_language"])
        for where, expected in Facts(document, lang, locales.get(lang, lang), gettext).walk():
            shown = history if where in ON_HISTORY_PAGE else page
            if expected not in shown:
                missing.append(f"{lang}: {where}: {expected!r}")
    assert missing == []


def test_every_fact_of_the_default_notice_is_on_every_page(built_site: Project):
    assert_every_fact_shown(built_site.path / "output", _locales(built_site.path))


def test_every_fact_of_the_full_notice_is_on_every_page(full_site: Project):
    assert_every_fact_shown(full_site.path / "output", _locales(full_site.path))


def test_every_fact_of_the_municipality_notice_is_on_every_page(municipality_site: Project):
    assert_every_fact_shown(municipality_site.path / "output", _locales(municipality_site.path))


def test_the_full_notice_uses_every_part_of_the_schema():
    """The synthetic notice uses every property of the schema (those of a definition in
    one place or another), so that the walk above sees every kind of fact."""
    from privacy_notice.source.load import load_policy

    schema = policy_schema()
    offered: set[str] = set()
    used: set[str] = set()

    def visit(sub: dict, value: Any, local: tuple) -> None:
        while "$ref" in sub and sub["$ref"].rsplit("/", 1)[-1] not in TEXT_KINDS:
            name = sub["$ref"].rsplit("/", 1)[-1]
            sub, local = schema["$defs"][name], (f"$defs/{name}",)
        if isinstance(value, dict) and "properties" in sub:
            for key, child in sub["properties"].items():
                offered.add(".".join((*local, key)))
                if key in value:
                    used.add(".".join((*local, key)))
                    visit(child, value[key], (*local, key))
        elif isinstance(value, list) and isinstance(sub.get("items"), dict):
            for item in value:
                visit(sub["items"], item, (*local, "*"))

    visit(schema, load_policy(DATA / "full/policy.yaml").data, ())
    assert ", ".join(sorted(offered - used)) == ""


def _examples() -> list[Path]:
    return sorted(p.parent for p in (ROOT / "examples").glob("*/policy.yaml"))


@pytest.mark.parametrize("example", _examples(), ids=lambda p: p.name)
def test_every_fact_of_each_example_is_on_every_page(example: Path, tmp_path: Path):
    folder = tmp_path / example.name  # a copy: the build writes its cache into the folder
    shutil.copytree(example, folder, ignore=shutil.ignore_patterns(".cache", "output*"))
    output = tmp_path / "output"
    result = in_process(tmp_path, "--root", str(folder), "build", "-o", str(output))
    assert result.returncode == 0, result.stderr
    policy = load_policy(folder / "policy.yaml").data
    built = json.loads((output / "api/register.json").read_text("utf-8"))
    assert built["controller"]["name"] == policy["controller"]["name"]
    assert_every_fact_shown(output, dict(policy.get("locales") or {}))


def test_placeholders_of_the_full_notice_are_written_out(full_site: Project):
    document = json.loads(full_site.read("api/register.json"))
    rule = document["retention"]["rules"][0]
    for lang in document["languages"]:
        page = full_site.text(f"{lang}/index.html")
        period = localize.format_duration(rule["period"], lang)
        text = page_text(str(render_markdown(substitute(rule["text"][lang], {"period": period}))))
        assert text in page


def test_no_output_file_leaves_a_placeholder_unfilled(full_site: Project):
    """Every place that shows a text (pages, feeds, exports) fills its placeholders."""
    from privacy_notice.model.placeholders import SOURCES

    output = full_site.path / "output"
    names = [f"{{{name}}}" for name in SOURCES]
    checked = 0
    for file in sorted(output.rglob("*")):
        shown = file.suffix in (".html", ".xml") or file.name.endswith(".jsonld")
        if not (shown or (file.suffix == ".json" and "tilt" in file.parts)):
            continue  # the register documents carry the texts as written, by design
        text = file.read_text("utf-8")
        checked += 1
        assert not [n for n in names if n in text], file.relative_to(output)
    assert checked > 10


def test_sections_and_contents_follow_the_notices_order(full_site: Project):
    """One declaration of the order (section_order, then the default order): the table of
    contents and the sections read the same, and the first layer comes before both."""
    import re

    from privacy_notice.model.register import register_from_document

    document = json.loads(full_site.read("api/register.json"))
    anchors = [k.replace("_", "-") for k in register_from_document(document).section_keys()]
    assert anchors[:3] == ["controller", "at-the-shop", "purposes"]
    page = full_site.read("en/index.html")
    toc = page[page.index('<nav class="toc"') : page.index("</nav>", page.index('class="toc"'))]
    assert re.findall(r'href="#([\w-]+)"', toc) == anchors
    assert re.findall(r'<section[^>]* id="([\w-]+)"', page) == ["at-a-glance", *anchors]
