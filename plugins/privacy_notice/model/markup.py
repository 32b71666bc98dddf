"""Markdown to safe HTML.

Texts come from the legal team and from translators; either may paste HTML. Everything
is rendered by Python-Markdown and then sanitized by nh3 (ammonia), so no script, event
handler, style, form or foreign-origin embed reaches a visitor's page.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markdown.extensions.tables import TableExtension
from markupsafe import Markup

from privacy_notice.model.texts import markdown_problem

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
    # Markdown tables (additional sections may have them)
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope"},
}
_URL_SCHEMES = {"https", "http", "mailto", "tel"}

# Tables: a column's alignment (a style attribute) is dropped by the sanitizer; the HTML
# align attribute it could be written as instead is obsolete (the Nu checker refuses it).
# The extension given as an object, not by name: a name is looked up among the installed
# packages' entry points, which read every package's metadata (~30 ms of every build).
_renderer = markdown.Markdown(extensions=[TableExtension()], output_format="html")

# A text with none of these is one paragraph of plain prose, whatever Markdown would make of
# it: no emphasis, links, code, HTML, entities, escapes, line breaks, headings or lists.
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&\\!\n#|~]|^\s|^[-+=]|^\d+[.)]\s|\s$|  ")


# Room for every text of a register of a few thousand items in three languages: a smaller
# memory is overrun by one build, which then renders every text of it again and again.
TEXTS = 2**16


@lru_cache(maxsize=TEXTS)
def render_markdown(text: str) -> Markup:
    """Sanitized HTML for a Markdown text (memoised: versions share most of their texts).

    A text beyond the bounds of :func:`markdown_problem` (refused, at its line, where texts
    are read) is shown as plain text rather than rendered.
    """
    if text and markdown_problem(text):
        return Markup(sanitize(f"<p>{html.escape(text, quote=False)}</p>"))
    if text and not _MARKDOWN_SYNTAX.search(text):  # most texts: skip Python-Markdown (same result)
        return Markup(sanitize(f"<p>{html.escape(text, quote=False)}</p>"))
    return Markup(sanitize(_renderer.reset().convert(text)))


@lru_cache(maxsize=TEXTS)
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
        # A Markdown table's header cells are its column headers (thead only).
        set_tag_attribute_values={"th": {"scope": "col"}},
    )
