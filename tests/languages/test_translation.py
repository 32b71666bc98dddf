"""The translation workflow: extraction, coverage enforcement, fallback, Babel formats."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT, Project
from privacy_notice.languages import localize


def make(project: Project, target: str) -> subprocess.CompletedProcess[str]:
    for name in ("Makefile", "babel.cfg", "pyproject.toml"):
        (project.path / name).write_bytes((ROOT / name).read_bytes())
    venv = Path(sys.executable).parent.parent  # the tests' own (.venv, or make test-newest's)
    # -o: the copied pyproject.toml is newer than the venv's stamp, and without it make
    # would reinstall the package from this copy into the shared venv.
    return subprocess.run(
        ["make", "-o", f"{venv}/.installed", target, f"VENV={venv}"],
        cwd=project.path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def po_line(project: Project, lang: str, msgid: str) -> int:
    path = project.path / "translations" / lang / "LC_MESSAGES" / "policy.po"
    return read_po(path.open("rb"), locale=lang)[msgid].lineno


def test_extraction_gives_yaml_paths_and_no_lines(project: Project):
    result = make(project, "translations")
    assert result.returncode == 0, result.stderr
    catalog = read_po((project.path / "translations/policy.pot").open("rb"))
    message = catalog[
        "We will record incoming and outgoing calls from our Customer Service. We "
        "will keep recorded telephone conversations for {period}."
    ]
    assert message.auto_comments == ["retention.rules[1].text", "Markdown"]
    assert message.locations == []  # the YAML path locates it; line numbers only churn
    theme = read_po((project.path / "theme/translations/theme.pot").open("rb"))
    assert "Skip to content" in theme and "New data field: %(name)s" in theme
    assert theme["Skip to content"].locations == [("theme/templates/base.html", None)]


def test_changed_sentence_is_reported_fuzzy_until_translated(project: Project):
    old = "The customer’s personal identity code can be asked"
    project.edit(old, "The customer’s personal identity code may be asked")
    assert make(project, "translations").returncode == 0
    result = project.build(ok=False)
    template = read_po((project.path / "translations/policy.pot").open("rb"))
    new_id = next(m.id for m in template if m.id and "may be asked" in m.id)
    for lang in ("fi", "sv"):
        expected = (
            f"translations/{lang}/LC_MESSAGES/policy.po:{po_line(project, lang, new_id)}: "
            f'fuzzy (source text changed): "The customer’s personal identity code may be'
        )
        assert expected in result.stderr
    assert result.stderr.count("fuzzy (source text changed)") == 2
    project.translate(
        {
            new_id: (
                "Asiakkaan henkilötunnusta voidaan kysyä.",
                "Kundens personbeteckning kan efterfrågas.",
            )
        }
    )
    # translated, it is a new version of the notice: a released date cannot take it
    assert "2019-10-23 is already released" in project.build(ok=False).stderr
    project.edit("updated: 2019-10-23", "updated: 2020-02-01")
    project.build()
    assert "Asiakkaan henkilötunnusta voidaan kysyä." in project.text("fi/index.html")


def test_new_data_field_without_translations_is_named(project: Project):
    project.edit(
        "    - id: email-address\n",
        "    - id: ip-address\n      name: IP address\n"
        "      purposes: [identification]\n      purpose: The IP address is stored.\n"
        "    - id: email-address\n",
    )
    result = project.build(ok=False)
    text = project.policy.read_text("utf-8")
    line = text[: text.index("IP address")].count("\n") + 1
    assert (
        f"policy.yaml:{line}:13: personal_data.fields[4].name: no Finnish (fi) translation"
        in result.stderr
    )
    assert "personal_data.fields[4].purpose: no Swedish (sv) translation" in result.stderr
    assert result.stderr.strip().endswith("4 problems; nothing was written")


@pytest.mark.parametrize(
    ("msgid_part", "broken", "expected"),
    [
        (
            "keep recorded telephone conversations",
            "Säilytämme puhelut kolme kuukautta.",
            "changes its placeholders: expected ['period'], found []",
        ),
        (
            "To do so, please contact Kivra at",
            "Ota yhteyttä Kivraan.",
            "changes its links: expected 1, found 0",
        ),
        ("Source", "", 'untranslated: "Source"'),
    ],
)
def test_translation_must_keep_placeholders_and_links(
    project: Project, msgid_part: str, broken: str, expected: str
):
    path = project.path / "translations/fi/LC_MESSAGES/policy.po"
    catalog = read_po(path.open("rb"), locale="fi")
    msgid = next(m.id for m in catalog if m.id and msgid_part in m.id)
    project.translate({msgid: (broken, "-")} if broken else {msgid: ("", "Källa")})
    result = project.build(ok=False)
    assert (
        f"translations/fi/LC_MESSAGES/policy.po:{po_line(project, 'fi', msgid)}: " in result.stderr
    )
    assert expected in result.stderr


def test_draft_fallback_marks_untranslated_texts(project: Project, monkeypatch: pytest.MonkeyPatch):
    project.edit(
        "    - id: chatbot\n      name: Via the Chatbot service\n",
        "    - id: chatbot\n      name: Via the Chatbot service\n"
        "    - id: letter\n      name: By letter\n",
    )
    project.edit(
        "PRIVACY_NOTICE_FALLBACK = False", "PRIVACY_NOTICE_FALLBACK = True", file="pelicanconf.py"
    )
    title = re.search(
        r"^notice:\n  title: (.*)$", (project.path / "policy.yaml").read_text("utf-8"), re.M
    )
    assert title is not None
    project.edit(f"  title: {title[1]}\n", f"  title: {title[1]} (draft)\n")
    project.edit("  material: true\n", "  material: true\n  summary: Letters.\n")
    project.edit("updated: 2019-10-23", "updated: 2020-01-01")
    result = project.build()
    assert "warning: sources.channels[3].name: no Finnish (fi) translation" in result.stderr
    page = project.read("fi/index.html")
    assert '<span lang="en" class="fallback" title="Ei vielä käännetty">By letter</span>' in page
    # The tab's title is text: the untranslated title shows as itself, not as markup.
    assert re.search(r"<title>[^<]*\(draft\)</title>", page), page[:600]
    # publishing (publishconf.py: an absolute SITEURL) shows no text untranslated
    monkeypatch.setenv("SITEURL", "https://tietosuoja.acme.test")
    published = project.run("build", "-s", "publishconf.py")
    assert published.returncode == 1
    assert "sources.channels[3].name: no Finnish (fi) translation" in published.stderr


def test_broken_catalog_is_located(project: Project):
    path = project.path / "theme/translations/sv/LC_MESSAGES/theme.po"
    text = path.read_text("utf-8")
    line = text[: text.index('msgstr "Språk"')].count("\n") + 1
    path.write_text(text.replace('msgstr "Språk"', 'msgstr "Språk', 1), "utf-8")
    result = project.build(ok=False)
    assert "theme/translations/sv/LC_MESSAGES/theme.po:" in result.stderr
    assert f"theme.po:{line}: not valid gettext syntax" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("lang", "date", "three_months", "one_month", "list_"),
    [
        ("fi", "23. lokakuuta 2019", "3 kuukautta", "1 kuukausi", "a, b ja c"),
        ("sv", "23 oktober 2019", "3 månader", "1 månad", "a, b och c"),
        ("en_FI", "23 October 2019", "3 months", "1 month", "a, b and c"),
        ("en", "October 23, 2019", "3 months", "1 month", "a, b, and c"),  # Babel's default
        ("de", "23. Oktober 2019", "3 Monate", "1 Monat", "a, b und c"),
    ],
)
def test_babel_formats(lang, date, three_months, one_month, list_):
    assert localize.format_date("2019-10-23", lang) == date
    assert localize.format_duration("P3M", lang) == three_months
    assert localize.format_duration("P1M", lang) == one_month
    assert localize.format_list(["a", "b", "c"], lang) == list_


def test_durations_are_exact_and_compound():
    assert localize.format_duration("P12M", "en") == "12 months"  # never rounded to a year
    assert localize.format_duration("P1Y6M", "en") == "1 year and 6 months"
    assert localize.format_duration("P2W", "fi") == "2 viikkoa"
    with pytest.raises(ValueError):
        localize.format_duration("3 months", "en")


def test_country_and_language_names():
    assert [localize.country_name("SE", lang) for lang in ("fi", "sv", "en")] == [
        "Ruotsi",
        "Sverige",
        "Sweden",
    ]
    assert [localize.language_name(lang) for lang in ("fi", "sv", "en")] == [
        "Suomi",
        "Svenska",
        "English",
    ]


def test_a_translation_writes_a_duration_in_its_own_case(tmp_path: Path):
    """The Finnish source asks for the genitive ("{response_time:genitive} kuluessa"); the
    German translation for the dative, the English one for the basic form."""
    from conftest import DATA, copy_project

    project = copy_project(tmp_path / "project", DATA / "other-notice")
    project.build()
    assert "Vastaamme pyyntöösi 1 kuukauden kuluessa." in project.text("fi/index.html")
    assert "innerhalb von 1 Monat." in project.text("de/index.html")
    assert "We answer your request within 1 month." in project.text("en/index.html")
    project.edit("time: P1M", "time: P13M")
    project.build()
    assert "Vastaamme pyyntöösi 13 kuukauden kuluessa." in project.text("fi/index.html")
    assert "innerhalb von 13 Monaten." in project.text("de/index.html")


def test_a_case_the_translations_language_lacks_is_located_at_its_msgstr(tmp_path: Path):
    from conftest import DATA, copy_project

    project = copy_project(tmp_path / "project", DATA / "other-notice")
    po = project.path / "translations/de/LC_MESSAGES/policy.po"
    project.edit("{response_time:dative}.", "{response_time:dativ}.", file=str(po))
    result = project.build(ok=False)
    line = (
        po.read_text("utf-8")
        .split("\n")
        .index('msgid "Vastaamme pyyntöösi {response_time:genitive} kuluessa."')
    )  # the entry's line, as for every other problem of a translation
    assert (
        f'translations/de/LC_MESSAGES/policy.po:{line + 1}: the translation of "Vastaamme '
        "pyyntöösi {response_time:geni…\": unknown case 'dativ' in "
        "{response_time:dativ}: a duration in 'de' takes dative, genitive; did you mean "
        "'dative'?"
    ) in result.stderr
