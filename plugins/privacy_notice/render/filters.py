"""Jinja filters that present model values in the page's language (``lang`` in context).

Templates stay presentation-only: they say *which* value goes where; these say how a
value reads in Finnish, Swedish or English.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from privacy_notice.languages import localize
from privacy_notice.languages.placeholders import placeholder_values
from privacy_notice.model import labels
from privacy_notice.model.labels import N_
from privacy_notice.model.markup import render_inline, render_markdown
from privacy_notice.model.register import Name, Text
from privacy_notice.model.rights import right_scope
from privacy_notice.model.texts import substitute
from privacy_notice.render import glance


def _fallback(text: Text, lang: str, html: Markup, context: Context, block: bool) -> Markup:
    """Mark a text shown untranslated (draft previews): its own lang and a visible flag."""
    if lang not in text.fallbacks:
        return html
    source = context.get("source_language", "en")
    tag = "div" if block else "span"
    return Markup(
        f'<{tag} lang="{source}" class="fallback" '
        f'title="{escape(context.get("fallback_label", "untranslated"))}">'
        f"{html}</{tag}>"
    )


def _values(context: Context, text: Text) -> dict[str, str]:
    """The text's placeholders filled in from the page's register (see placeholders.py)."""
    lang = context["lang"]
    if "{" not in text[lang] or isinstance(text, Name):  # a name is as written
        return {}
    return placeholder_values(context["register"], text, lang, _locale(context))


@pass_context
def text_filter(context: Context, text: Text | None) -> Markup:
    """A plain text in the page's language, escaped; ``{name}`` placeholders filled in."""
    if text is None:
        return Markup("")
    lang = context["lang"]
    values = {name: str(escape(value)) for name, value in _values(context, text).items()}
    html = Markup(substitute(str(escape(text[lang])), values))
    return _fallback(text, lang, html, context, block=False)


@pass_context
def markdown_filter(context: Context, text: Text | None, inline: bool = False) -> Markup:
    """A Markdown text in the page's language as sanitized HTML, placeholders filled in."""
    if text is None:
        return Markup("")
    lang = context["lang"]
    source = substitute(text[lang], _values(context, text))
    html = render_inline(source) if inline else render_markdown(source)
    return _fallback(text, lang, html, context, block=not inline)


def _locale(context: Context) -> str:
    """The locale the page's values are formatted in (``locale``, else the language)."""
    return str(context.get("locale") or context["lang"])


@pass_context
def date_filter(context: Context, iso_date: str) -> str:
    return localize.format_date(iso_date, _locale(context))


@pass_context
def duration_filter(context: Context, iso_duration: str) -> str:
    return localize.format_duration(iso_duration, _locale(context))


@pass_context
def country_filter(context: Context, code: str) -> str:
    return localize.country_name(code, _locale(context))


@pass_context
def list_filter(context: Context, items: Any) -> Markup:
    """Items joined the language's way ("a, b ja c"); items are escaped unless already HTML.

    Each item is a ``<span class="item">``, which the redline compares as one token, so
    that a changed list shows the items added and removed, not a word-by-word mix."""
    spans = [f'<span class="item">{escape(i)}</span>' for i in items]
    return Markup(localize.format_list(spans, _locale(context)))


@pass_context
def label_filter(context: Context, code: str | bool, kind: str) -> str:
    """What a code of the model (``legal-obligation``) reads as in the page's language."""
    gettext = context.resolve("gettext")
    return labels.label(kind, code, lambda msgid: str(context.call(gettext, msgid)))


@pass_context
def name_filter(context: Context, item: Any) -> Markup:
    """An item's name in the page's language; a purpose without one by its description."""
    name = getattr(item, "name", None)
    if name is None:
        return markdown_filter(context, item.description, inline=True)
    return text_filter(context, name)


@pass_context
def refs_filter(context: Context, ids: Any, kind: str, linked: bool = True) -> Markup:
    """Referenced items (``purposes: [orders]``) by name, each linked to where it is stated
    (unless ``linked`` is false: where the items are named again and again, as in the
    rights' scopes, links would only crowd the page), as a list of names (see
    :func:`names_filter`)."""
    register = context["register"]
    names = []
    for item_id in ids:
        item = register.item(kind, item_id)
        if item is not None:
            name = name_filter(context, item)
            names.append(Markup(f'<a href="#{kind}-{item_id}">{name}</a>') if linked else name)
    return names_filter(names)


def names_filter(items: Any) -> Markup:
    """Names as a real list, ``<ul class="names">`` (the theme shows it on one line, the
    items apart): joined with "and" in a sentence, a list of names is ambiguous when a name
    itself holds an "and" or a comma ("Orders and deliveries, Customer account and
    Security"), and its capitals stand mid-sentence. Items are escaped unless already HTML;
    nothing for no items."""
    listed = "".join(f"<li>{escape(item)}</li>" for item in items)
    return Markup(f'<ul class="names">{listed}</ul>') if listed else Markup("")


def _gettext(context: Context, message: str, **values: Any) -> Markup:
    """The page's translation of a theme string, ``%(name)s`` filled in (escaped)."""
    return Markup(context.call(context.resolve("gettext"), message, **values))


@pass_context
def short_label_filter(context: Context, code: str, kind: str) -> str:
    """A code by its short name, for the first layer ("access to your data", "Contract");
    :func:`label_filter` gives its full label, with the article."""
    return str(_gettext(context, glance.SHORT_LABELS[kind][code]))


@pass_context
def kept_filter(context: Context, rule: Any) -> Markup:
    """A storage rule in a few words: its name, for how long and from when ("Order data:
    2 years (When the contract ends)"): a period read without the event it counts from
    says something else ("2 years" of a client's data kept after death)."""
    html = text_filter(context, rule.name)
    if rule.period:
        html += Markup(": ") + duration_filter(context, rule.period)
        start = (
            label_filter(context, rule.starts, "starts")
            if rule.starts
            else text_filter(context, rule.start_event)
            if rule.start_event
            else None
        )
        if start:
            html += Markup(" (%s)") % start
    elif rule.until:
        html += Markup(": ") + label_filter(context, rule.until, "until")
    if rule.extension:
        longest = duration_filter(context, rule.extension.period)
        html += Markup(" (%s)") % _gettext(context, N_("at most %(period)s"), period=longest)
    return html


@pass_context
def abroad_filter(context: Context, recipient: Any) -> Markup:
    """A recipient and the countries outside the EU/EEA it is in ("Email platform (United
    States)")."""
    countries = [country_filter(context, c) for c in recipient.third_countries]
    joined = localize.format_list(countries, _locale(context))
    return text_filter(context, recipient.name) + Markup(" (%s)") % joined


def tel_filter(number: str) -> str:
    """A ``tel:`` URL for a number written ``+358 9 123 4567`` (RFC 3966: no spaces)."""
    return "tel:" + "".join(c for c in number if c == "+" or c.isdigit())


def install(env: Environment) -> None:
    env.filters.update(
        {
            "t": text_filter,
            "md": markdown_filter,
            "date": date_filter,
            "duration": duration_filter,
            "country": country_filter,
            "join_list": list_filter,
            "label": label_filter,
            "name": name_filter,
            "refs": refs_filter,
            "names": names_filter,
            "short_label": short_label_filter,
            "kept": kept_filter,
            "abroad": abroad_filter,
            "tel": tel_filter,
        }
    )
    env.globals["language_name"] = localize.language_name
    env.globals["glance"] = glance.at_a_glance
    env.globals["right_scope"] = right_scope
