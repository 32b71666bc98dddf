"""Markdown to safe HTML.

Texts come from the legal team and from translators; either may paste HTML. Everything
is rendered by Python-Markdown and then sanitized by nh3 (ammonia), so no script, event
handler, style, form or foreign-origin embed reaches a visitor's page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

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


# --- what the sanitizer takes out: warned about by validate (see validate.removed_markup) --

# nh3 removes these elements with everything inside them (ammonia's clean_content_tags).
_CONTENT_DROPPED = {"script", "style"}
# Attributes nh3 sets itself: their absence from the rendered HTML is not a removal.
_SET_BY_SANITIZER = {("a", "rel"), ("th", "scope")}
_HEADINGS = {"h1", "h2", "h5", "h6"}


class _Elements(HTMLParser):
    """The start tags (with attributes) and the words of an HTML fragment, in order."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.words: list[str] = []
        self._hidden = 0  # inside <script> or <style>: words that are not text
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._hidden += tag in _CONTENT_DROPPED

    def handle_endtag(self, tag: str) -> None:
        if tag in _CONTENT_DROPPED and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.words += data.split()


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer removes from a text: what, and how to write it instead."""

    what: str
    fix: str


_WRITE_MARKDOWN = "write it in Markdown: HTML is not published"
_LINK_FIX = "link only to https:, http:, mailto: or tel: addresses"


def removed_markup(text: str) -> tuple[Removal, ...]:
    """What the sanitizer takes out of ``text`` once rendered, in order: elements and
    attributes outside the allowlist, links to another scheme, lost words. Found by
    comparing the rendered HTML with what :func:`sanitize` keeps of it (each allowed
    element paired with its sanitized self in document order), so the verdict is the
    sanitizer's own, not a guess at it."""
    if not text or markdown_problem(text):  # published as escaped text: nothing is lost
        return ()
    rendered = _renderer.reset().convert(text)
    before, after = _Elements(rendered), _Elements(sanitize(rendered))
    kept: dict[str, list[dict[str, str]]] = {}
    for tag, attrs in after.tags:
        kept.setdefault(tag, []).append(attrs)
    found: list[Removal] = []
    seen: dict[str, int] = {}
    for tag, attrs in before.tags:
        if tag not in _ALLOWED_TAGS:
            found.append(_element(tag, attrs))
            continue
        index = seen[tag] = seen.get(tag, -1) + 1
        survivors = kept.get(tag, [])
        if index >= len(survivors):  # the sanitizer dropped an allowed element (malformed)
            found.append(Removal(f"<{tag}>", _WRITE_MARKDOWN))
            continue
        found += [
            _attribute(tag, name, value)
            for name, value in attrs.items()
            if name not in survivors[index] and (tag, name) not in _SET_BY_SANITIZER
        ]
    lost = _lost_words(before.words, after.words)
    if lost:
        found.append(Removal(f"the text {_short(lost)!r}", _WRITE_MARKDOWN))
    return tuple(dict.fromkeys(found))  # each once, in order


def _element(tag: str, attrs: dict[str, str]) -> Removal:
    if tag == "img":
        alt = attrs.get("alt") or attrs.get("src") or ""
        return Removal(f"the image {_short(alt)!r}", "describe it in words: no image is published")
    if tag in _HEADINGS:
        return Removal(f"the heading level of <{tag}> (its text stays)", "use ### or ####")
    if tag == "hr":
        return Removal("a horizontal rule (---)", "leave it out or start a new heading")
    if tag == "pre":
        return Removal("a code block's layout (its text stays)", "do not indent the text")
    written = " ".join([tag, *attrs])
    if tag in _CONTENT_DROPPED:
        return Removal(f"<{written}> with its content", _WRITE_MARKDOWN)
    return Removal(f"the HTML <{written}> (its text stays)", _WRITE_MARKDOWN)


def _attribute(tag: str, name: str, value: str) -> Removal:
    if tag == "a" and name == "href":
        return Removal(f"the link to {_short(value)!r} (its text stays, unlinked)", _LINK_FIX)
    if name == "style" and tag in ("th", "td") and value.startswith("text-align"):
        return Removal("a table column's alignment (:-:)", "use --- in the table's second line")
    return Removal(f"the attribute {name} of <{tag}>", _WRITE_MARKDOWN)


def _lost_words(before: list[str], after: list[str]) -> str:
    """The words of ``before`` that ``after`` lacks (the sanitizer dropped them). A removed
    tag between two words joins them: only a character lost counts as a loss."""
    if "".join(before) == "".join(after):
        return ""
    import difflib  # only for a text that loses words

    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    return " ".join(
        word
        for op, first, last, _b1, _b2 in matcher.get_opcodes()
        if op in ("delete", "replace")
        for word in before[first:last]
    )


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
