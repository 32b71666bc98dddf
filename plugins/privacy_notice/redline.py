"""A word-level redline of rendered HTML: what a reader sees struck out and underlined.

The notice bodies of two versions are tokenized into tags and words and compared with
difflib; text runs are wrapped in <del>/<ins> (with a label for screen readers) and tags
are never split, so the result stays valid HTML.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_TOKEN = re.compile(r"<[^>]*>|[^\s<]+\s*|\s+")


_SECTION = re.compile(r"(?=<section\b)")
_SECTION_ID = re.compile(r'<section\b[^>]*\bid="([^"]*)"')


def redline(
    old_html: str, new_html: str, deleted_label: str = "", inserted_label: str = ""
) -> Markup:
    """The new HTML with words removed since the old marked ``<del>`` and new words ``<ins>``.

    Tags are never split: text runs are wrapped, tags pass through from the new side, and
    the old side's tags are dropped so the result stays well-formed.
    """
    labels = (deleted_label, inserted_label)
    old_parts, new_parts = _SECTION.split(old_html), _SECTION.split(new_html)
    # Consecutive versions share most sections: compare those as strings and diff only
    # the rest (word diffs are quadratic at worst). Different sections: diff the whole.
    if [_SECTION_ID.findall(p[:200]) for p in old_parts] != [
        _SECTION_ID.findall(p[:200]) for p in new_parts
    ]:
        return Markup(_redline(old_html, new_html, *labels))
    return Markup(
        "".join(
            new if old == new else _redline(old, new, *labels)
            for old, new in zip(old_parts, new_parts, strict=True)
        )
    )


def _redline(old_html: str, new_html: str, deleted_label: str, inserted_label: str) -> str:
    import difflib  # only a site with history needs it

    old_tokens, new_tokens = _TOKEN.findall(old_html), _TOKEN.findall(new_html)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += new_tokens[j1:j2]
            continue
        if op in ("delete", "replace"):
            removed = old_tokens[i1:i2]
            # Whole removed elements keep their tags (<li><del>…</del></li>, valid HTML);
            # fragments of elements lose them, so the result stays well-formed.
            out += _wrap(removed, "del", deleted_label, keep_tags=_balanced(removed))
        if op in ("insert", "replace"):
            out += _wrap(new_tokens[j1:j2], "ins", inserted_label, keep_tags=True)
    return "".join(out)


_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")


def _balanced(tokens: list[str]) -> bool:
    """Whether every element opened in ``tokens`` is closed in them, and none closed early."""
    stack: list[str] = []
    for token in tokens:
        match = _TAG_NAME.match(token)
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
        if token.startswith("<"):
            flush()
            if keep_tags:
                out.append(token)
        else:
            run.append(token)
    flush()
    return out
