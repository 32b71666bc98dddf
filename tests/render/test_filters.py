"""filters.py: how a model value reads on a page in Finnish, Swedish or English."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import Environment

from privacy_notice.model.placeholders import UnfilledPlaceholder
from privacy_notice.model.register import Markdown, Text
from privacy_notice.render import filters


@pytest.fixture(scope="module")
def env() -> Environment:
    environment = Environment(autoescape=True)  # as the generator sets it
    filters.install(environment)
    return environment


def render(env: Environment, template: str, **context: Any) -> str:
    return env.from_string(template).render(**context)


# A register as far as placeholders reach into it: a rule's period, the protection measures.
RULE_TEXT = ("retention", "rules", 0, "text")
REGISTER = SimpleNamespace(
    retention=SimpleNamespace(rules=(SimpleNamespace(period="P3M"),)),
    protection=SimpleNamespace(
        measures=(
            SimpleNamespace(name=Text({"en": "locks & keys"})),
            SimpleNamespace(name=Text({"en": "logs"})),
        ),
    ),
    rights=SimpleNamespace(response=None),
)


def test_text_is_escaped_and_fills_placeholders(env):
    text = Text({"fi": "Säilytämme {period} <b>", "en": "We keep it {period} <b>"}, path=RULE_TEXT)
    assert render(env, "{{ t|t }}", t=text, lang="fi", register=REGISTER) == (
        "Säilytämme 3 kuukautta &lt;b&gt;"
    )
    intro = Text({"en": "We use {measures}."}, path=("protection", "measures_intro"))
    assert render(env, "{{ t|t }}", t=intro, lang="en", register=REGISTER) == (
        "We use locks &amp; keys and logs."
    )
    assert render(env, "[{{ none|t }}]", none=None, lang="en") == "[]"


def test_a_placeholder_with_no_value_is_an_error_not_left_as_written(env):
    """Wherever a template shows a text, its placeholders are filled from the register;
    one that cannot be (no value, or a text shown without its place) stops the build."""
    no_response = Markdown({"en": "Within {response_time}."}, path=("rights", "response", "text"))
    with pytest.raises(UnfilledPlaceholder, match=r"rights.response.text: \{response_time\}"):
        render(env, "{{ t|md }}", t=no_response, lang="en", register=REGISTER)
    placeless = Text({"en": "We keep it {period}"})
    with pytest.raises(UnfilledPlaceholder, match="without its place"):
        render(env, "{{ t|t }}", t=placeless, lang="en", register=REGISTER)


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
        {"en": "Kept **{period}**, see [the law](https://finlex.fi). <script>x</script>"},
        path=RULE_TEXT,
    )
    html = render(env, "{{ t|md }}", t=text, lang="en", register=REGISTER)
    assert html.startswith("<p>Kept <strong>3 months</strong>, see ")
    assert '<a href="https://finlex.fi" rel="noopener noreferrer">the law</a>' in html
    assert "<script" not in html
    inline = render(env, "{{ t|md(inline=True) }}", t=text, lang="en", register=REGISTER)
    assert inline.startswith("Kept <strong>3 months</strong>") and "<p>" not in inline
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
    # Each item is one <span class="item"> (the redline diffs a list item by item).
    items = rendered.split("|")[3]
    assert '<span class="item">&lt;c&gt;</span>' in items
    unwrapped = items.replace('<span class="item">', "").replace("</span>", "")
    assert [*rendered.split("|")[:3], unwrapped] == [date, duration, country, joined]
    assert rendered.split("|")[4] == {"fi": "Suomi", "sv": "Svenska", "en": "English"}[lang]


def test_names_are_a_real_list_and_keep_their_own_and(env):
    """A list of names is a list, not a sentence: "Orders and deliveries" stays one item,
    escaped, and no list is written for no names."""
    html = render(env, "{{ items|names }}", items=["Orders and deliveries", "Security", "<b>"])
    assert html == (
        '<ul class="names"><li>Orders and deliveries</li><li>Security</li><li>&lt;b&gt;</li></ul>'
    )
    assert render(env, "[{{ items|names }}]", items=[]) == "[]"
