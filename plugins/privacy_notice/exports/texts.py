"""Texts as the machine-readable exports (TILT, DPV JSON-LD) carry them: plain text in one
language, with ``{period}`` and the other placeholders written out as the page writes them
(Babel, in the language's locale), and Markdown reduced to its words (a link keeps its
address in parentheses when its text does not show it).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from privacy_notice.languages.localize import format_duration
from privacy_notice.languages.placeholders import placeholder_values
from privacy_notice.model.markup import _MARKDOWN_SYNTAX as MARKDOWN_SYNTAX
from privacy_notice.model.markup import TEXTS, render_markdown
from privacy_notice.model.register import Register, Text
from privacy_notice.model.texts import substitute

_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_BLOCK_END = re.compile(r"</(?:p|h3|h4|blockquote|ul|ol)>\s*")
_TAG = re.compile(r"<[^>]+>")


def _link(match: re.Match[str]) -> str:
    href, text = html.unescape(match[1]), match[2]
    shown = html.unescape(_TAG.sub("", text))
    target = href.removeprefix("mailto:").removeprefix("tel:")
    return text if target in shown or shown in href else f"{text} ({html.escape(href)})"


@lru_cache(maxsize=TEXTS)
def plain(source: str) -> str:
    """The words of a Markdown text, paragraphs separated by a blank line."""
    if not MARKDOWN_SYNTAX.search(source):  # one plain paragraph: the text as written
        return source
    rendered = _LINK.sub(_link, str(render_markdown(source)))
    rendered = _BLOCK_END.sub("\n\n", rendered.replace("<li>", "- ").replace("</li>", "\n"))
    text = html.unescape(_TAG.sub("", rendered))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class Texts:
    """The texts of one register in one language (``locale`` writes its values)."""

    def __init__(self, register: Register, lang: str, locale: str | None = None) -> None:
        self.register = register
        self.lang = lang
        self.locale = locale or lang

    def __call__(self, text: Text | None) -> str:
        """``text`` in this language as plain text, placeholders filled in ("" when the
        notice states none)."""
        if text is None:
            return ""
        values = placeholder_values(self.register, text, self.lang, self.locale)
        return plain(substitute(text[self.lang], values))

    def duration(self, iso: str) -> str:
        return format_duration(iso, self.locale)

    def join(self, *parts: str) -> str:
        return "\n\n".join(part for part in parts if part)
