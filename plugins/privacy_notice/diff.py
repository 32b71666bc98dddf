"""What changed between two versions: a semantic summary from the model, the sections
that changed, and a word-level redline of the rendered notice."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from .localize import country_name, format_duration, format_list
from .model import SECTIONS, Register, Text


def N_(message: str) -> str:
    """Mark a message for extraction into theme.pot; it is translated when rendered."""
    return message


@dataclass(frozen=True)
class Duration:
    iso: str


@dataclass(frozen=True)
class Countries:
    codes: tuple[str, ...]


Value = Text | Duration | Countries | str


@dataclass(frozen=True)
class Change:
    """One change, as a translatable message (``%(name)s`` style) and its values."""

    message: str
    values: dict[str, Value] = field(default_factory=dict)
    section: str = ""

    def describe(self, lang: str, gettext: Callable[[str], str]) -> str:
        return gettext(self.message) % {k: _format(v, lang) for k, v in self.values.items()}


def _format(value: Value, lang: str) -> str:
    if isinstance(value, Text):
        return value[lang]
    if isinstance(value, Duration):
        return format_duration(value.iso, lang) if value.iso else "–"
    if isinstance(value, Countries):
        return format_list([country_name(c, lang) for c in value.codes], lang)
    return value


# (section, attribute holding the list, what an added / removed / renamed item is called)
_LISTS = (
    (
        "personal_data",
        "fields",
        N_("New data field: %(name)s"),
        N_("Data field removed: %(name)s"),
        N_("Data field renamed: %(old)s → %(new)s"),
    ),
    (
        "sources",
        "channels",
        N_("New channel: %(name)s"),
        N_("Channel removed: %(name)s"),
        N_("Channel renamed: %(old)s → %(new)s"),
    ),
    (
        "protection",
        "measures",
        N_("New protection measure: %(name)s"),
        N_("Protection measure removed: %(name)s"),
        N_("Protection measure renamed: %(old)s → %(new)s"),
    ),
    (
        "retention",
        "rules",
        N_("New storage rule: %(name)s"),
        N_("Storage rule removed: %(name)s"),
        N_("Storage rule renamed: %(old)s → %(new)s"),
    ),
    (
        "recipients",
        "categories",
        N_("New recipients: %(name)s"),
        N_("Recipients removed: %(name)s"),
        N_("Recipients renamed: %(old)s → %(new)s"),
    ),
)


def semantic_changes(old: Register, new: Register) -> list[Change]:
    """The changes a reader cares about, from the structure rather than the wording."""
    changes = list(_controller_changes(old, new))
    for section, attribute, added, removed, renamed in _LISTS:
        changes += _list_changes(
            section,
            getattr(getattr(old, section), attribute),
            getattr(getattr(new, section), attribute),
            added,
            removed,
            renamed,
        )
    changes += _retention_changes(old, new)
    changes += _purpose_and_rights_changes(old, new)
    changes += _processing_changes(old, new)
    described = {c.section for c in changes}
    for section in SECTIONS:
        before, after = old.section(section), new.section(section)
        if section in described or _plain(before) == _plain(after):
            continue
        # Say "text" only when wording changed; otherwise it was a structured detail
        # (a reference, a flag) that the notice does not spell out.
        wording = _wording(before) != _wording(after)
        message = N_("Revised text: %(section)s") if wording else N_("Changed details: %(section)s")
        changes.append(Change(message, {"section": after.title}, section))
    return changes


def _plain(value: Any) -> Any:
    """A comparable form of a model value (Text compares by its texts only)."""
    if isinstance(value, Text):
        return dict(value.values)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def _wording(value: Any) -> list[dict[str, str]]:
    """Every text in a model value, in order, and nothing else."""
    if isinstance(value, Text):
        return [dict(value.values)]
    if isinstance(value, tuple):
        return [text for item in value for text in _wording(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [t for k in value.__dataclass_fields__ for t in _wording(getattr(value, k))]
    return []


def _list_changes(
    section: str, old: Sequence[Any], new: Sequence[Any], added: str, removed: str, renamed: str
) -> Iterator[Change]:
    old_by_id, new_by_id = {i.id: i for i in old}, {i.id: i for i in new}
    for item in new:
        if item.id not in old_by_id:
            yield Change(added, {"name": item.name}, section)
        elif _plain(old_by_id[item.id].name) != _plain(item.name):
            yield Change(renamed, {"old": old_by_id[item.id].name, "new": item.name}, section)
    for item in old:
        if item.id not in new_by_id:
            yield Change(removed, {"name": item.name}, section)


def _changed(
    message: str, section: str, old: Value | None, new: Value | None, **values: Value
) -> Iterator[Change]:
    if old != new and not (
        isinstance(old, Text) and isinstance(new, Text) and _plain(old) == _plain(new)
    ):
        yield Change(message, {"old": old or "–", "new": new or "–", **values}, section)


def _controller_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.controller, new.controller
    yield from _changed(N_("Controller's name: %(old)s → %(new)s"), "controller", o.name, n.name)
    yield from _changed(
        N_("Controller's Business ID: %(old)s → %(new)s"),
        "controller",
        o.business_id,
        n.business_id,
    )
    if _plain(o.visiting_address) != _plain(n.visiting_address):
        yield Change(N_("Controller's visiting address changed"), {}, "controller")
    yield from _changed(
        N_("Contact for register matters: %(old)s → %(new)s"),
        "controller",
        o.register_contact.email,
        n.register_contact.email,
    )


def _retention_changes(old: Register, new: Register) -> Iterator[Change]:
    old_rules = {r.id: r for r in old.retention.rules}
    for rule in new.retention.rules:
        before = old_rules.get(rule.id)
        if before is None:
            continue
        yield from _changed(
            N_("Storage period of %(name)s: %(old)s → %(new)s"),
            "retention",
            Duration(before.period or ""),
            Duration(rule.period or ""),
            name=rule.name,
        )
        yield from _changed(
            N_("Longest storage period of %(name)s: %(old)s → %(new)s"),
            "retention",
            Duration(before.extension.period if before.extension else ""),
            Duration(rule.extension.period if rule.extension else ""),
            name=rule.name,
        )


def _purpose_and_rights_changes(old: Register, new: Register) -> Iterator[Change]:
    old_purposes, new_purposes = (
        {p.id for p in old.purposes.items},
        {p.id for p in new.purposes.items},
    )
    for purpose in new.purposes.items:
        if purpose.id not in old_purposes:
            yield Change(N_("New purpose: %(name)s"), {"name": purpose.description}, "purposes")
    for purpose in old.purposes.items:
        if purpose.id not in new_purposes:
            yield Change(N_("Purpose removed: %(name)s"), {"name": purpose.description}, "purposes")
    o, n = old.rights.response, new.rights.response
    yield from _changed(
        N_("Response time to requests: %(old)s → %(new)s"),
        "rights",
        Duration(o.time),
        Duration(n.time),
    )
    yield from _changed(
        N_("Extension of the response time: %(old)s → %(new)s"),
        "rights",
        Duration(o.extension),
        Duration(n.extension),
    )


def _processing_changes(old: Register, new: Register) -> Iterator[Change]:
    o, n = old.processing_locations, new.processing_locations
    yield from _changed(
        N_("Countries of processing: %(old)s → %(new)s"),
        "processing_locations",
        Countries(o.usual_countries),
        Countries(n.usual_countries),
    )
    if (o.other_eu_eea, o.third_countries, o.safeguards) != (
        n.other_eu_eea,
        n.third_countries,
        n.safeguards,
    ):
        yield Change(
            N_("Transfers outside Finland or the EU/EEA changed"), {}, "processing_locations"
        )
    if old.automated_decision_making.used != new.automated_decision_making.used:
        yield Change(
            N_("Automated decision-making is now used")
            if new.automated_decision_making.used
            else N_("Automated decision-making is no longer used"),
            {},
            "automated_decision_making",
        )


def changed_sections(old: Register, new: Register) -> set[str]:
    return {s for s in SECTIONS if _plain(old.section(s)) != _plain(new.section(s))}


# --- word-level redline of rendered HTML --------------------------------------------------

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
