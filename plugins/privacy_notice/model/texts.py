"""Placeholders in texts: ``{period}`` and friends stand for values stated in structure,
so that a changed period is one edit, formatted anew in every language. And the bounds
of what a Markdown text may ask of the renderer."""

from __future__ import annotations

import re
from collections.abc import Mapping

# ``{name}``, or ``{name:case}`` for a value in a grammatical case (see model/cases.py).
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_]+))?\}")


def placeholders(text: str) -> set[str]:
    """The names of the placeholders in ``text``, whatever case each asks for."""
    return {name for name, _case in PLACEHOLDER.findall(text)}


def placeholder_uses(text: str) -> set[tuple[str, str | None]]:
    """``(name, case)`` for each placeholder in ``text`` (case None: the basic form)."""
    return {(name, case or None) for name, case in PLACEHOLDER.findall(text)}


def placeholder_key(name: str, case: str | None) -> str:
    """How :func:`substitute` finds the value of ``{name}`` or ``{name:case}``."""
    return f"{name}:{case}" if case else name


def substitute(text: str, values: Mapping[str, str]) -> str:
    """Replace the known placeholders (by :func:`placeholder_key`); leave anything else as
    written."""
    return PLACEHOLDER.sub(
        lambda m: values.get(placeholder_key(m.group(1), m.group(2)), m.group(0)), text
    )


# Python-Markdown is quadratic in unclosed '[' and '<' (20,000 '[' take 52 s) and recurses
# once per level of nesting (RecursionError near 1,000 levels). A notice's texts have a few
# links and two or three levels; these bounds keep every text well under a second.
MAX_OPENERS = 200  # '[' and '<', each
MAX_NESTING = 20  # list items, quotes and 4-column indentations on one line
_LEVEL = re.compile(r"(?:>|[-+*](?=\s)|\d{1,9}[.)](?=\s))[ \t]*")


def markdown_problem(text: str) -> str | None:
    """Why ``text`` would take Python-Markdown too long or too deep, in linear time."""
    for opener in "[<":
        if text.count(opener) > MAX_OPENERS:
            return (
                f"has {text.count(opener):,} '{opener}' characters; a text may have at most "
                f"{MAX_OPENERS}: split it into several texts"
            )
    for line in text.splitlines():
        expanded = line.expandtabs(4)
        rest = expanded.lstrip(" ")
        depth, position = (len(expanded) - len(rest)) // 4, 0
        while (match := _LEVEL.match(rest, position)) and depth <= MAX_NESTING:
            depth, position = depth + 1, match.end()
        if depth > MAX_NESTING:
            return f"nests lists or quotes more than {MAX_NESTING} levels deep: flatten it"
    return None
