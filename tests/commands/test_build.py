"""Full builds of the default site into temporary directories, read as a visitor or a
client would read them."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import DATA, Project, page_text

PAGES = [
    "index.html",
    "{lang}/index.html",
    "{lang}/versions/index.html",
    "{lang}/versions/2019-10-23/index.html",
]
LANGUAGES = ("fi", "sv", "en")

# The English page says what the seed says; where a value is rendered from structure by
# Babel, it reads the way Babel writes it.
SEED_RENDERED_AS = {"one (1) month": "1 month", "two months": "2 months"}
# Sentences of the seed that only repeat a fact: the page states that fact once, labelled
# (the notice's title is its heading; the register's name is a labelled fact).
SEED_STATED_AS = {
    "Privacy statement of Kivra Oy’s customer service.": (
        "Privacy statement of Kivra Oy’s customer service"
    ),
    "The name of our register is the Customer Service customer contacts storage and "
    "management system.": "Register name Customer Service customer contacts storage and "
    "management system",
    # the register contact: its description, then its address apart (a fact of the controller)
    "Contact person at Kivra for matters related to the register, tietosuoja@kivra.fi": (
        "Contact person at Kivra for matters related to the register tietosuoja@kivra.fi"
    ),
}


def sentences(text: str) -> list[str]:
    for old, new in SEED_RENDERED_AS.items():
        text = text.replace(old, new)
    lines = [line.strip().lstrip("•").strip() for line in text.splitlines()]
    parts = []
    for line in filter(None, lines):
        parts += [p.strip() for p in re.split(r"(?<=[.?!])\s+(?=[A-Z“])", line) if p.strip()]
    return parts


def tree_digest(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def test_url_contract_and_nothing_else(built_site: Project):
    output = built_site.path / "output"
    expected = {
        "index.html",
        "api/register.json",
        "api/register.schema.json",
        "api/versions.json",
        "api/versions/2019-10-23.json",
        "api/schema/1/register.schema.json",  # the schema the 2019 snapshot follows
        "api/schema/2/register.schema.json",  # today's, that of api/register.json
        "api/register.jsonld",
        "api/versions/2019-10-23.jsonld",
        "theme/css/notice.css",
        ".privacy-notice-output",  # the stamp: a later build may replace this directory
    }
    for lang in LANGUAGES:
        expected |= {page.format(lang=lang) for page in PAGES[1:]}
        expected.add(f"feeds/{lang}.atom.xml")
        expected |= {f"api/tilt/{lang}.json", f"api/tilt/2019-10-23/{lang}.json"}
    files = {str(p.relative_to(output)) for p in output.rglob("*") if p.is_file()}
    assert files == expected  # no tags, categories, archives, authors or blog feeds


def test_every_sentence_of_the_seed_is_on_the_english_page(built_site: Project):
    # labels are a definition list on the page ("Name" / "Kivra Oy"), not "Name: Kivra Oy"
    page = built_site.text("en/index.html").replace(":", "")
    seed = (DATA / "seed_notice_en.txt").read_text("utf-8")
    missing = [s for s in sentences(seed) if SEED_STATED_AS.get(s, s).replace(":", "") not in page]
    assert missing == []
    assert "The name of our register is" not in page  # a sentence that fits one notice only


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_translated_pages_carry_every_text_and_no_english(built_site: Project, lang: str):
    from privacy_notice.languages.placeholders import placeholder_values
    from privacy_notice.model.markup import render_markdown
    from privacy_notice.model.register import Text, register_from_document
    from privacy_notice.model.texts import substitute
    from privacy_notice.source.load import load_policy
    from privacy_notice.source.schema import iter_texts

    document = json.loads(built_site.read("api/register.json"))
    register = register_from_document(document)
    page = built_site.text(f"{lang}/index.html")
    checked = 0
    for path, _source, _kind in iter_texts(load_policy(built_site.policy).data):
        texts = document
        for part in path:
            texts = texts[part]
        values = placeholder_values(register, Text(texts, path=path), lang, lang)
        text = page_text(str(render_markdown(substitute(texts[lang], values))))
        if "{" in text:  # {period} and {measures}: checked with their values below
            continue
        checked += 1
        assert text in page, (path, text)
        english = page_text(str(render_markdown(texts["en"])))
        if english != text and len(english) > 12:
            assert english not in page, (path, english)
    assert checked > 70


OFFICIAL_TERMS = {
    "fi": [
        "Rekisterinpitäjä",
        "Henkilötunnus",
        "Tietosuojavaltuutetun toimisto",
        "23. lokakuuta 2019",
        "3 kuukautta",
        "12 kuukautta",
        "Espoo",
        "Suomi",
        "vakiosopimuslausekkeiden",
        "oikeus tulla unohdetuksi",
        "valvontaviranomaiselle",
    ],
    "sv": [
        "Personuppgiftsansvarig",
        "Personbeteckning",
        "Dataombudsmannens byrå",
        "23 oktober 2019",
        "3 månader",
        "12 månader",
        "Esbo",
        "Karlavägen 9 C",
        "Finland",
        "standardavtalsklausuler",
        "rätten att bli bortglömd",
        "tillsynsmyndigheten",
    ],
    "en": [
        "Data controller",
        "Personal identity code",
        "Office of the Data Protection Ombudsman",
        "23 October 2019",
        "3 months",
        "12 months",
        "Miestentie 9 C, 02150 Espoo, Finland",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_official_terms_and_localized_values(built_site: Project, lang: str):
    page = built_site.text(f"{lang}/index.html")
    for term in OFFICIAL_TERMS[lang]:
        assert term in page, term
    assert "2918721-9" in page and "tietosuoja@kivra.fi" in page
    assert f'<html lang="{lang}">' in built_site.read(f"{lang}/index.html")


def test_language_links_and_root(built_site: Project):
    page = built_site.read("sv/index.html")
    for lang, name in (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")):
        assert f'<link rel="alternate" hreflang="{lang}" href="../{lang}/index.html">' in page
        assert f'hreflang="{lang}" lang="{lang}"' in page and f">{name}</a>" in page
    root = built_site.read("index.html")
    assert '<html lang="fi">' in root
    assert root.index('href="./fi/index.html"') < root.index('href="./sv/index.html"')
    for title in (
        "Kivra Oy:n asiakaspalvelun tietosuojaseloste",
        "Dataskyddsbeskrivning för Kivra Oy:s kundtjänst",
        "Privacy statement of Kivra Oy’s customer service",
    ):
        assert title in root


def test_register_json_holds_the_facts_and_validates(built_site: Project):
    document = json.loads(built_site.read("api/register.json"))
    schema = json.loads(built_site.read("api/register.schema.json"))
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    assert document["schema_version"] == 2
    assert document["controller"]["identifiers"] == [
        {"scheme": "fi-business-id", "value": "2918721-9"}
    ]
    assert document["controller"]["visiting_address"]["city"] == {
        "fi": "Espoo",
        "sv": "Esbo",
        "en": "Espoo",
    }
    rules = {r["id"]: r for r in document["retention"]["rules"]}
    assert rules["call-recordings"]["period"] == "P3M"
    assert rules["call-recordings"]["extension"]["period"] == "P12M"
    assert document["rights"]["response"] | {"text": None} == {
        "time": "P1M",
        "extension": "P2M",
        "text": None,
    }
    assert [f["id"] for f in document["personal_data"]["fields"]] == [
        "personal-identity-code",
        "name",
        "address",
        "telephone-number",
        "email-address",
    ]
    assert [c["id"] for c in document["sources"]["channels"]] == ["email", "telephone", "chatbot"]
    assert len(document["rights"]["items"]) == 7
    assert document["processing_locations"]["usual_countries"] == ["FI"]
    assert document["automated_decision_making"]["decisions"] is False
    assert document["automated_decision_making"]["profiling"] is False
    broken = json.loads(json.dumps(document))
    broken["notice"]["title"] = "only English"
    assert list(Draft202012Validator(schema).iter_errors(broken))


def test_published_document_is_the_released_snapshot(built_site: Project):
    snapshot = (built_site.path / "content/versions/2019-10-23.json").read_bytes()
    assert (built_site.path / "output/api/versions/2019-10-23.json").read_bytes() == snapshot
    index = json.loads(built_site.read("api/versions.json"))
    assert index["versions"][0]["sha256"] == hashlib.sha256(snapshot).hexdigest()


def test_failed_build_leaves_output_untouched_and_explains(project: Project):
    project.build()
    before = tree_digest(project.path / "output")
    project.edit("period: P3M", "period: three months")
    project.edit("2918721-9", "2918721-8")
    result = project.build(ok=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "2 problems; nothing was written"
    assert lines[0].startswith("policy.yaml:28:14: controller.identifiers[0].value:")
    assert tree_digest(project.path / "output") == before
    assert sorted(p.name for p in project.path.iterdir() if p.name.startswith("output")) == [
        "output"
    ]


def test_builds_are_byte_identical_whatever_the_machine(project: Project):
    project.build()
    first = tree_digest(project.path / "output")
    env = {**os.environ, "TZ": "America/Los_Angeles", "LANG": "sv_SE.UTF-8", "LC_ALL": "C"}
    import subprocess
    import sys

    (project.path / "policy.yaml").touch()
    subprocess.run(
        [sys.executable, "-m", "privacy_notice", "build"],
        cwd=project.path,
        env=env,
        check=True,
        capture_output=True,
    )
    assert tree_digest(project.path / "output") == first


def test_publish_build_uses_absolute_urls(project: Project, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SITEURL", "https://tietosuoja.acme.test")  # publishconf.py reads it
    result = project.run("build", "-s", "publishconf.py")
    assert result.returncode == 0, result.stderr
    page = project.read("fi/index.html")
    assert (
        '<link rel="alternate" hreflang="sv" href="https://tietosuoja.acme.test/sv/index.html">'
    ) in page
    feed = project.read("feeds/fi.atom.xml")
    assert "https://tietosuoja.acme.test/fi/versions/2019-10-23/index.html" in feed


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, lambda: SystemExit(143)])
def test_interrupted_build_leaves_the_previous_site(project: Project, monkeypatch, interruption):
    from privacy_notice.commands import cli
    from privacy_notice.render.generator import NoticeGenerator

    project.build()
    before = tree_digest(project.path / "output")
    write_files = NoticeGenerator._write_files

    def interrupted(self, writer, files):
        write_files(self, writer, files)  # pages and JSON are written when it comes
        raise interruption()

    monkeypatch.setattr(NoticeGenerator, "_write_files", interrupted)
    monkeypatch.chdir(project.path)
    try:
        status = cli.main(["build", "-s", str(project.path / "pelicanconf.py")])
    except SystemExit as exc:
        status = exc.code
    assert status in (130, 143)
    assert tree_digest(project.path / "output") == before
    assert [p.name for p in project.path.iterdir() if p.name.startswith("output")] == ["output"]


def test_every_file_goes_through_pelicans_writer(project: Project, monkeypatch):
    """API files are written like pages (content_written is sent for each), and a plugin
    can change the plan through privacy_notice_plan_ready before anything is written."""
    import dataclasses

    from pelican.plugins import signals

    from privacy_notice.commands import cli
    from privacy_notice.render.pages import Page, Plan
    from privacy_notice.render.signals import plan_ready

    written: list[str] = []

    def on_written(path: str, context: object = None) -> None:
        written.append(Path(path).as_posix())  # in the build's staging directory

    def add_page(generator: object, plan: Plan) -> Plan:
        extra = Page(
            "en/extra/index.html", "history.html", plan.page("en/versions/index.html").context
        )
        return dataclasses.replace(plan, pages=(*plan.pages, extra))

    signals.content_written.connect(on_written)
    plan_ready.connect(add_page)
    try:
        monkeypatch.chdir(project.path)
        assert cli.main(["build", "-s", str(project.path / "pelicanconf.py")]) == 0
    finally:
        signals.content_written.disconnect(on_written)
        plan_ready.disconnect(add_page)
    for name in ("api/register.json", "api/versions.json", "api/versions/2019-10-23.json"):
        assert sum(path.endswith("/" + name) for path in written) == 1, name
    for name in ("en/index.html", "en/extra/index.html"):
        assert sum(path.endswith("/" + name) for path in written) == 1, name
    assert (project.path / "output/en/extra/index.html").is_file()


def test_a_build_keeps_no_file_of_derived_data(project: Project):
    """No cache folder: nothing a build reads back could be stale or code (Jinja's own file
    cache unpickles its files; compiled templates are kept in memory only, by the preview's
    worker)."""
    project.build()
    project.build()
    assert not (project.path / ".cache").exists()
    assert not [p for p in project.path.rglob("*") if p.suffix in (".pickle", ".kept")]


@pytest.mark.parametrize("template", ["history.html", "_glance.html"])
def test_a_theme_of_the_projects_own_without_a_template_is_one_line(
    project: Project, template: str
):
    """A project's copy of the theme, older than the tool: the missing template (a page's,
    or a part a page includes) named, with where to take it from, not an internal error."""
    (project.path / "theme/templates" / template).unlink()
    result = project.run("build")
    assert result.returncode == 1
    (line,) = [x for x in result.stderr.splitlines() if "template" in x]
    assert line.startswith(f"theme/templates: the theme has no template '{template}'")
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
