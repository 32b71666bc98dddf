"""A word-level redline of rendered HTML: what a reader sees struck out and underlined.

The notice bodies of two versions are split into their sections (``<section id=…>``),
sections equal as strings are kept as they are, and the others are tokenized into tags and
words and compared with difflib; text runs are wrapped in <del>/<ins> (with a label for
screen readers) and tags are never split, so the result stays valid HTML. A link and an
item of a list (``<span class="item">``, see the ``join_list`` filter) are one token each:
a list diffs item by item, not word by word ("Email address" is not re-inserted because
"IP address" also ends in "address"), and no deleted text lands inside another link. The first mark
of each changed section gets the id ``change-<section id>``, so that a summary can link
to it. Which sections changed is the same comparison: the page, its badges and its
redline agree by construction.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from markupsafe import Markup, escape

# Atomic elements first (without nested elements of their kind), then tags, words, spaces.
_ATOMIC = r'<a\b[^>]*>(?:(?!</?a\b).)*</a>|<span class="item">(?:(?!</?span\b).)*</span>'
_TOKEN = re.compile(rf"{_ATOMIC}|<[^>]*>|[^\s<]+\s*|\s+", re.DOTALL)
_IS_ATOMIC = re.compile(_ATOMIC, re.DOTALL)
_ANY_TAG = re.compile(r"<[^>]*>")
_SECTION = re.compile(r"(?=<section\b)")
_SECTION_ID = re.compile(r'<section\b[^>]*\bid="([^"]*)"')
_FIRST_MARK = re.compile(r"<(del|ins)>")


@dataclass(frozen=True)
class Part:
    """One section of a redlined body (``anchor`` "" for what precedes the first)."""

    anchor: str
    html: Markup
    changed: bool


# A body is compared with its predecessor, its successor and the current version: split once.
@lru_cache(maxsize=1024)
def sections(html: str) -> dict[str, Markup]:
    """The parts of a notice body by section id ("" for what precedes the first section);
    shared between callers, so never changed. An unchanged section is this very string on
    every redline of its body (Markup() of a string copies it, and a long history has
    thousands of redlines of mostly unchanged sections)."""
    found: dict[str, Markup] = {}
    for part in _SECTION.split(html):
        match = _SECTION_ID.match(part)
        found[match.group(1) if match else ""] = Markup(part)
    return found


def changed_sections(old_html: str, new_html: str) -> frozenset[str]:
    """The ids of the sections whose HTML differs (added and removed ones included)."""
    old, new = sections(old_html), sections(new_html)
    return frozenset(key for key in old.keys() | new.keys() if key and old.get(key) != new.get(key))


def redline(
    old_html: str, new_html: str, deleted_label: str = "", inserted_label: str = ""
) -> Markup:
    """The new HTML with words removed since the old marked ``<del>`` and new words ``<ins>``."""
    return Markup(
        "".join(p.html for p in redline_parts(old_html, new_html, deleted_label, inserted_label))
    )


def redline_parts(
    old_html: str,
    new_html: str,
    deleted_label: str = "",
    inserted_label: str = "",
) -> tuple[Part, ...]:
    """:func:`redline`, section by section: sections are matched by id, in the new order;
    a removed section is shown struck through after the section it followed."""
    old, new = sections(old_html), sections(new_html)
    removed_after: dict[str | None, list[str]] = {}
    previous: str | None = None
    for key in old:
        if key in new:
            previous = key
        else:
            removed_after.setdefault(previous, []).append(key)
    labels = (deleted_label, inserted_label)
    gone = Markup("")
    parts = [_part(key, old[key], gone, *labels) for key in removed_after.get(None, ())]
    for key in new:
        parts.append(_part(key, old.get(key, ""), new[key], *labels))
        parts += (_part(was, old[was], gone, *labels) for was in removed_after.get(key, ()))
    return tuple(parts)


def _part(anchor: str, old: str, new: Markup, deleted_label: str, inserted_label: str) -> Part:
    if old == new:
        return Part(anchor, new, False)
    marked = _redline(old, new, deleted_label, inserted_label)
    if anchor:
        marked = _FIRST_MARK.sub(rf'<\1 id="change-{anchor}">', marked, count=1)
    return Part(anchor, Markup(marked), True)


# Compare-with-current pages diff the same pairs of sections again and again.
@lru_cache(maxsize=4096)
def _redline(old_html: str, new_html: str, deleted_label: str, inserted_label: str) -> str:
    old_tokens, new_tokens = _TOKEN.findall(old_html), _TOKEN.findall(new_html)
    matcher = difflib.SequenceMatcher(None, _keys(old_tokens), _keys(new_tokens), autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += new_tokens[j1:j2]
            continue
        removed, inserted = old_tokens[i1:i2], new_tokens[j1:j2]
        if op in ("delete", "replace"):
            # Whole removed elements keep their tags (<li><del>…</del></li>, valid HTML);
            # fragments of elements lose them, so the result stays well-formed.
            out += _wrap(removed, "del", deleted_label, keep_tags=_balanced(removed))
        if op == "replace" and _runs_together(removed, inserted):
            out.append(" ")  # "23 October 2019. 1 December 2026.", not "2019.1 December"
        if op in ("insert", "replace"):
            out += _wrap(inserted, "ins", inserted_label, keep_tags=True)
    return "".join(out)


def _keys(tokens: list[str]) -> list[object]:
    """What the tokens are compared by: an atomic element by the text a reader sees (a link
    whose target alone changed is unchanged), the separators of a list (", ", " and ") by
    their items too, so that "a and b" -> "a, b and c" keeps b and adds ", " and " and c"
    instead of keeping " and " and adding ", b"."""
    items = [i for i, token in enumerate(tokens) if _IS_ATOMIC.fullmatch(token)]
    keys: list[object] = list(tokens)
    for i in items:
        keys[i] = ("item", _ANY_TAG.sub("", tokens[i]))
    for before, after in pairwise(items):
        between = tokens[before + 1 : after]
        words = [t for t in between if t.strip()]
        if len(words) <= 2 and not any(_is_tag(t) for t in between):
            for i in range(before + 1, after):
                keys[i] = (tokens[i], keys[before], keys[after])
    return keys


def _runs_together(removed: list[str], inserted: list[str]) -> bool:
    """Whether the removed words would touch the inserted ones with no space between."""
    before = "".join(t for t in removed if not _is_tag(t))
    after = "".join(t for t in inserted if not _is_tag(t))
    return bool(before.strip() and after.strip()) and not (
        before[-1].isspace() or after[0].isspace()
    )


def _is_tag(token: str) -> bool:
    """Whether a token is a lone tag (an atomic element is content, like a word)."""
    return token.startswith("<") and not _IS_ATOMIC.fullmatch(token)


_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")


def _balanced(tokens: list[str]) -> bool:
    """Whether every element opened in ``tokens`` is closed in them, and none closed early."""
    stack: list[str] = []
    for token in tokens:
        match = _TAG_NAME.match(token) if _is_tag(token) else None
        if not match or match.group(2).lower() in _VOID or token.endswith("/>"):
            continue
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _wrap(tokens: list[str], tag: str, label: str, *, keep_tags: bool) -> list[str]:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        if text.strip():
            hidden = f'<span class="visually-hidden">{escape(label)} </span>' if label else ""
            out.append(f"<{tag}>{hidden}{text.rstrip()}</{tag}>" + text[len(text.rstrip()) :])
        elif text and keep_tags:
            out.append(text)
        run.clear()

    for token in tokens:
        if _is_tag(token):
            flush()
            if keep_tags:
                out.append(token)
        else:
            run.append(token)
    flush()
    return out
