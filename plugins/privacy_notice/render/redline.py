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

import bisect
import difflib
import re
from collections.abc import Sequence
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
    out: list[str] = []
    for op, i1, i2, j1, j2 in _opcodes(_keys(old_tokens), _keys(new_tokens)):
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


Opcode = tuple[str, int, int, int, int]
# Up to this many tokens on either side (the longest section of the default notice has
# ~800), difflib compares the whole.
_WHOLE = 5000


def _opcodes(old: list[object], new: list[object]) -> Sequence[Opcode]:
    """difflib's opcodes from ``old`` to ``new``. A longer section (a register of hundreds
    of purposes) is compared in pieces: difflib compares every token with each of its
    repetitions (``<dl class="facts">`` once per purpose), so that a section of a thousand
    purposes took minutes. Its common beginning and end are matched first (as difflib
    matches them: its longest matching blocks, unless the text repeats itself at length),
    and a long changed middle is cut at the tokens that occur once in each, in the same
    order (a patience diff's anchors: an item's id, a link); difflib compares each piece."""
    if max(len(old), len(new)) <= _WHOLE:
        return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    start, end = _common_ends(old, new)
    middle = (old[start : len(old) - end], new[start : len(new) - end])
    cuts = _anchors(*middle) if max(map(len, middle)) > _WHOLE else []
    found: list[Opcode] = [("equal", 0, start, 0, start)]
    i0 = j0 = start
    for i, j in [*((start + i, start + j) for i, j in cuts), (len(old) - end, len(new) - end)]:
        matcher = difflib.SequenceMatcher(None, old[i0:i], new[j0:j], autojunk=False)
        found += [(op, i0 + a, i0 + b, j0 + c, j0 + d) for op, a, b, c, d in matcher.get_opcodes()]
        found.append(("equal", i, i + 1, j, j + 1))  # the anchor
        i0, j0 = i + 1, j + 1
    found[-1] = ("equal", len(old) - end, len(old), len(new) - end, len(new))  # the end
    return found


def _common_ends(old: list[object], new: list[object]) -> tuple[int, int]:
    """The lengths of the common beginning and end of ``old`` and ``new`` (not overlapping:
    where they would, the longer keeps its length, as difflib matches the longer first)."""
    shorter = min(len(old), len(new))
    start = 0
    while start < shorter and old[start] == new[start]:
        start += 1
    end = 0
    while end < shorter and old[-1 - end] == new[-1 - end]:
        end += 1
    if start + end > shorter:
        if start >= end:
            end = shorter - start
        else:
            start = shorter - end
    return start, end


def _anchors(old: list[object], new: list[object]) -> list[tuple[int, int]]:
    """The positions ``(i, j)`` of the tokens that occur once in ``old`` and once in
    ``new``, as many of them as keep the same order in both (a longest increasing
    subsequence, found by patience sorting)."""
    once_old = _once(old)
    once_new = _once(new)
    pairs = [(i, once_new[key]) for key, i in once_old.items() if key in once_new]
    pairs.sort()
    # piles[k]: the pair ending the best increasing run of length k + 1 found so far
    piles: list[tuple[int, int]] = []
    tops: list[int] = []  # the j of each pile's pair, increasing
    before: dict[tuple[int, int], tuple[int, int] | None] = {}
    for pair in pairs:
        k = bisect.bisect_left(tops, pair[1])
        before[pair] = piles[k - 1] if k else None
        if k == len(piles):
            piles.append(pair)
            tops.append(pair[1])
        else:
            piles[k], tops[k] = pair, pair[1]
    chain: list[tuple[int, int]] = []
    last = piles[-1] if piles else None
    while last is not None:
        chain.append(last)
        last = before[last]
    return chain[::-1]


def _once(keys: list[object]) -> dict[object, int]:
    """The position of each key that occurs exactly once in ``keys``."""
    seen: dict[object, int] = {}
    twice: set[object] = set()
    for position, key in enumerate(keys):
        if key in seen:
            twice.add(key)
        seen[key] = position
    return {key: position for key, position in seen.items() if key not in twice}


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
