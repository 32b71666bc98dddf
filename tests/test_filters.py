"""filters.py: how a model value reads on a page in Finnish, Swedish or English."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import Environment

from privacy_notice import filters
from privacy_notice.model import Markdown, Text


@pytest.fixture(scope="module")
def env() -> Environment:
    environment = Environment(autoescape=True)  # as the generator sets it
    filters.install(environment)
    return environment


def render(env: Environment, template: str, **context: Any) -> str:
    return env.from_string(template).render(**context)


def test_text_is_escaped_and_fills_placeholders(env):
    text = Text({"fi": "Säilytämme {period} <b>", "en": "We keep it {period} <b>"})
    assert render(env, "{{ t|t(period='3 kk & 2') }}", t=text, lang="fi") == (
        "Säilytämme 3 kk &amp; 2 &lt;b&gt;"
    )
    assert render(env, "{{ t|t }}", t=text, lang="en") == "We keep it {period} &lt;b&gt;"
    assert render(env, "[{{ none|t }}]", none=None, lang="en") == "[]"


def test_text_shown_untranslated_is_marked(env):
    text = Text({"fi": "Source text", "en": "Source text"}, fallbacks=frozenset({"fi"}))
    context = {"source_language": "en", "fallback_label": "Ei käännetty"}
    assert render(env, "{{ t|t }}", t=text, lang="fi", **context) == (
        '<span lang="en" class="fallback" title="Ei käännetty">Source text</span>'
    )
    assert render(env, "{{ t|t }}", t=text, lang="en", **context) == "Source text"
    assert render(
        env, "{{ t|md }}", t=Markdown(text.values, text.fallbacks), lang="fi", **context
    ) == ('<div lang="en" class="fallback" title="Ei käännetty"><p>Source text</p></div>')


def test_markdown_is_rendered_sanitized_and_filled(env):
    text = Markdown(
        {"en": "Kept **{period}**, see [the law](https://finlex.fi). <script>x</script>"}
    )
    html = render(env, "{{ t|md }}", t=text, lang="en", placeholders={"period": "3 months"})
    assert html.startswith("<p>Kept <strong>3 months</strong>, see ")
    assert '<a href="https://finlex.fi" rel="noopener noreferrer">the law</a>' in html
    assert "<script" not in html
    inline = render(env, "{{ t|md(inline=True, period='P') }}", t=text, lang="en")
    assert inline.startswith("Kept <strong>P</strong>") and "<p>" not in inline
    assert render(env, "[{{ none|md }}]", none=None, lang="en") == "[]"


@pytest.mark.parametrize(
    ("lang", "date", "duration", "country", "joined"),
    [
        ("fi", "23. lokakuuta 2019", "3 kuukautta", "Ruotsi", "a, b ja &lt;c&gt;"),
        ("sv", "23 oktober 2019", "3 månader", "Sverige", "a, b och &lt;c&gt;"),
        ("en", "23 October 2019", "3 months", "Sweden", "a, b and &lt;c&gt;"),
    ],
)
def test_values_in_each_language(env, lang, date, duration, country, joined):
    template = (
        "{{ '2019-10-23'|date }}|{{ 'P3M'|duration }}|{{ 'SE'|country }}|"
        "{{ items|join_list }}|{{ language_name(lang) }}"
    )
    # The locale the default notice chooses for each language (policy.yaml: locales).
    locale = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}[lang]
    rendered = render(env, template, lang=lang, locale=locale, items=["a", "b", "<c>"])
    assert rendered.split("|")[:4] == [date, duration, country, joined]
    assert rendered.split("|")[4] == {"fi": "Suomi", "sv": "Svenska", "en": "English"}[lang]
