"""Completeness warnings that the law implies for particular processing, beside those of
Articles 13 and 14 (:mod:`.lint`): the law behind a condition of Art. 9(2) or Art. 10 that
rests on one, what a public authority cannot say (Art. 6(1), 37(1)(a)), rights stated
where the legal bases do not give them (Art. 20, 21, read as :mod:`.rights` reads them),
children's guardians (Art. 12(1)) and the law behind permanent storage.

Each is ``(article, path, message)`` at the line where the statement is or belongs;
``reviewed_warnings`` accepts one with a reason, as any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from privacy_notice.diagnostics import YamlPath
from privacy_notice.model.gdpr import LAW_CONDITIONS
from privacy_notice.model.rights import ARTICLES, PurposeBases, applies
from privacy_notice.source.loaded import items_at

Finding = tuple[str, YamlPath, str]

# What each right that depends on the legal bases needs, as lint words it.
_NEEDS = {
    "portability": "it applies only where processing rests on consent or contract (Art. "
    "20(1)), never to a task in the public interest or official authority (Art. 20(3))",
    "objection": "it applies only where processing rests on public-task or "
    "legitimate-interests (Art. 21(1)), or is direct marketing (direct_marketing, Art. 21(2))",
}


def law_findings(data: dict[str, Any]) -> Iterator[Finding]:
    yield from _special_category_laws(data)
    yield from _public_authority(data)
    yield from _rights_that_cannot_apply(data)
    yield from _children(data)
    yield from _permanent_storage(data)


def purposes_of(data: dict[str, Any]) -> dict[str, PurposeBases]:
    """The purposes of ``data`` by id, as :func:`.rights.applies` reads them."""
    explicit = {
        purpose
        for _, field in items_at(data, ("personal_data", "fields"))
        if (field.get("special_category") or {}).get("condition") == "explicit-consent"
        for purpose in field.get("purposes") or ()
    }
    return {
        purpose["id"]: PurposeBases(
            purpose["id"],
            frozenset(
                str(entry["basis"])
                for _, entry in items_at(purpose, ("legal_bases",))
                if isinstance(entry.get("basis"), str)
            ),
            purpose.get("direct_marketing") is True,
            purpose["id"] in explicit,
        )
        for _, purpose in items_at(data, ("purposes", "items"))
        if isinstance(purpose.get("id"), str)
    }


def _special_category_laws(data: dict[str, Any]) -> Iterator[Finding]:
    for index, field in items_at(data, ("personal_data", "fields")):
        special = field.get("special_category") or {}
        article = LAW_CONDITIONS.get(str(special.get("condition")))
        if article and not special.get("law"):
            yield (
                "10" if article == "10" else "9(2)",
                ("personal_data", "fields", index, "special_category"),
                f"the data field '{field.get('id')}' is processed under "
                f"{special['condition']} (GDPR Art. {article}), which rests on Union or Member "
                "State law, but the law is not named: add law (e.g. Basic Education Act "
                "(628/1998), section 40)",
            )


def _public_authority(data: dict[str, Any]) -> Iterator[Finding]:
    if (data.get("controller") or {}).get("public_authority") is not True:
        return
    for index, purpose in items_at(data, ("purposes", "items")):
        for b_index, entry in items_at(purpose, ("legal_bases",)):
            if entry.get("basis") == "legitimate-interests":
                yield (
                    "6(1)",
                    ("purposes", "items", index, "legal_bases", b_index),
                    f"the purpose '{purpose.get('id')}' rests on legitimate interests, which "
                    "do not apply to processing by a public authority in the performance of "
                    "its tasks (Art. 6(1), second subparagraph): use public-task or "
                    "legal-obligation, or review this warning if it is not one of its tasks",
                )


def _rights_that_cannot_apply(data: dict[str, Any]) -> Iterator[Finding]:
    purposes = purposes_of(data)
    for index, right in items_at(data, ("rights", "items")):
        code = right.get("right")
        if code not in _NEEDS or "does_not_apply" in right:
            continue
        path: YamlPath = ("rights", "items", index)
        stated = right.get("purposes")
        if isinstance(stated, list) and stated:
            for p_index, pid in enumerate(stated):
                purpose = purposes.get(pid) if isinstance(pid, str) else None
                if purpose is not None and applies(code, purpose) is False:
                    yield (
                        ARTICLES[code],
                        (*path, "purposes", p_index),
                        f"the right of {code} does not apply to the purpose '{pid}', which "
                        f"rests on {', '.join(sorted(purpose.bases))}: {_NEEDS[code]}",
                    )
        elif purposes and all(applies(code, p) is False for p in purposes.values()):
            yield (
                ARTICLES[code],
                path,
                f"the right of {code} is stated, but no purpose gives it: {_NEEDS[code]}; "
                "say why it does not apply (does_not_apply), or remove it",
            )


def _children(data: dict[str, Any]) -> Iterator[Finding]:
    for index, group in items_at(data, ("data_subjects", "groups")):
        if group.get("children") is True and not group.get("guardians"):
            yield (
                "12(1)",
                ("data_subjects", "groups", index),
                f"the group '{group.get('id')}' includes children: say how their guardians "
                "use their rights (guardians), in words a child can follow too",
            )


def _permanent_storage(data: dict[str, Any]) -> Iterator[Finding]:
    for index, rule in items_at(data, ("retention", "rules")):
        if rule.get("until") == "permanent" and not rule.get("law"):
            yield (
                "13(2)(a)",
                ("retention", "rules", index),
                f"the data of the storage rule '{rule.get('id')}' is kept permanently, but no "
                "law is named that requires it: add law (e.g. Archives Act (831/1994))",
            )
