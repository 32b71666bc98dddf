"""Markdown to safe HTML.

Texts come from the legal team and from translators; either may paste HTML. Everything
is rendered by Python-Markdown and then sanitized by nh3 (ammonia), so no script, event
handler, style, form or foreign-origin embed reaches a visitor's page.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {
    "p",
    "a",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "br",
    "code",
    "blockquote",
    "abbr",
    "h3",
    "h4",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}
_URL_SCHEMES = {"https", "http", "mailto", "tel"}

_renderer = markdown.Markdown(extensions=[], output_format="html")


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> Markup:
    """Sanitized HTML for a Markdown text (cached: versions share most of their texts)."""
    html = _renderer.reset().convert(text)
    return Markup(sanitize(html))


@lru_cache(maxsize=8192)
def render_inline(text: str) -> Markup:
    """Like :func:`render_markdown`, without the enclosing paragraph, for one-line texts."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
