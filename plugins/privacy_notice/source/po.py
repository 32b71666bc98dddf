"""The lines of a gettext catalog (``.po``): one grammar for the check of its syntax (Babel's
reader forgives an unterminated string, dropping a character instead, so every line is
checked first) and for reading its translations where Babel is not needed (``validate``
warns about the markup of a translation at its ``msgstr`` line).
"""

from __future__ import annotations

import re

from privacy_notice.diagnostics import Diagnostic

_STRING = r'"(?P<string>(?:[^"\\]|\\[\\"abfnrtv])*)"'
# A keyword and its string, or a string continuing the keyword's; a comment is no entry.
LINE = re.compile(
    rf"^(?:(?P<keyword>msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_STRING}\s*$"
)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def syntax_problems(text: str, display: str) -> list[Diagnostic]:
    """One diagnostic per line that is not a comment, a keyword with a string, or a string."""
    return [
        Diagnostic(
            display,
            number,
            0,
            "",
            'not valid gettext syntax: expected a keyword and a "quoted string" (check for a '
            'missing quote or an unescaped ")',
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if (stripped := line.strip()) and not stripped.startswith("#") and not LINE.match(stripped)
    ]


def translations(text: str) -> dict[str, tuple[str, int]]:
    """A catalog's translations, ``{msgid: (msgstr, line of the msgstr)}``, without plural
    forms, contexts or fuzzy entries (the build publishes none of them)."""
    messages: dict[str, tuple[str, int]] = {}
    entry: dict[str, tuple[str, int]] = {}  # keyword: (string, line)
    keyword, fuzzy = "", False
    for number, raw in enumerate([*text.splitlines(), "#"], start=1):  # "#": the end
        line = raw.strip()
        match = LINE.match(line)
        begins = line.startswith("#") or (
            match is not None and match["keyword"] in ("msgctxt", "msgid")
        )
        if begins and "msgstr" in entry:  # the entry before is complete
            msgid, msgstr = entry.get("msgid", ("", 0)), entry["msgstr"]
            if msgid[0] and msgstr[0] and "msgctxt" not in entry and not fuzzy:
                messages[msgid[0]] = msgstr
            entry, keyword, fuzzy = {}, "", False
        fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
        if match is None:
            continue
        value = _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), match["string"])
        if match["keyword"]:
            keyword = match["keyword"]
            entry[keyword] = (value, number)
        elif keyword:
            entry[keyword] = (entry[keyword][0] + value, entry[keyword][1])
    return messages
