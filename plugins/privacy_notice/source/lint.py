"""The GDPR completeness check: what Articles 13 and 14 require a notice to say, and
where this register does not say it yet.

Each finding is a warning at the YAML location where the missing statement belongs,
naming its article. ``reviewed_warnings`` in the policy accepts a warning with a reason;
``--strict`` makes the remaining ones errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from privacy_notice.diagnostics import Diagnostic, Severity, YamlPath, format_path
from privacy_notice.model.rights import NEEDED_BASES, applies
from privacy_notice.source.law_checks import LAW_BASES
from privacy_notice.source.lint_law import law_findings, purposes_of
from privacy_notice.source.loaded import Loaded, items_at

# The rights of Art. 13(2)(b) that every notice must mention, and their articles.
REQUIRED_RIGHTS = {
    "access": 15,
    "rectification": 16,
    "erasure": 17,
    "restriction": 18,
    "objection": 21,
    "portability": 20,
}


def findings(data: dict[str, Any]) -> Iterator[tuple[str, YamlPath, str]]:
    """``(article, path, message)`` for each requirement the register does not meet."""
    yield from _controller_findings(data)
    yield from _purpose_findings(data)
    yield from law_findings(data)
    if not items_at(data, ("recipients", "categories")):
        yield ("13(1)(e)", ("recipients",), "no recipients or categories of recipients are named")
    locations = data.get("processing_locations") or {}
    if locations.get("third_countries", "never") != "never" and not locations.get("safeguards"):
        yield (
            "13(1)(f)",
            ("processing_locations",),
            "data may go outside the EU/EEA, but no "
            "safeguard is named: add safeguards (e.g. standard-contractual-clauses)",
        )
    rules = [rule for _, rule in items_at(data, ("retention", "rules"))]
    covered = {field for rule in rules for field in rule.get("data_fields", [])}
    # a rule that names purposes and no data fields keeps the data of those purposes
    kept_for = {p for rule in rules if not rule.get("data_fields") for p in _ids(rule, "purposes")}
    for index, field in items_at(data, ("personal_data", "fields")):
        if field.get("id") not in covered and not kept_for & set(_ids(field, "purposes")):
            yield (
                "13(2)(a)",
                ("personal_data", "fields", index),
                f"no storage rule covers the "
                f"data field '{field.get('id')}': list it in a rule's data_fields "
                "(or one of its purposes in the purposes of a rule without data_fields)",
            )
    stated = {right.get("right") for _, right in items_at(data, ("rights", "items"))}
    applying = applicable_rights(data)
    for right, article in REQUIRED_RIGHTS.items():
        if right not in stated and right in applying:
            yield (
                "13(2)(b)",
                ("rights", "items"),
                f"the right of {right} (Art. {article}) is not stated{_why(right)}",
            )
    if not _provision_stated(data):
        yield (
            "13(2)(e)",
            ("personal_data",),
            "the notice does not say whether providing the "
            "data is a statutory or contractual requirement, and what follows if it is not "
            "provided: add personal_data.provision",
        )
    decisions = data.get("automated_decision_making") or {}
    if (decisions.get("decisions") or decisions.get("profiling")) and not (
        decisions.get("logic") and decisions.get("consequences")
    ):
        yield (
            "13(2)(f)",
            ("automated_decision_making",),
            "automated decisions or profiling are used, but their logic and consequences "
            "are not explained: add logic and consequences",
        )
    sources = data.get("sources") or {}
    if sources.get("from_data_subject") is False and not (
        sources.get("other_sources") or sources.get("providers")
    ):
        yield (
            "14(2)(f)",
            ("sources",),
            "data also comes from others, but its sources are not named: add sources.other_sources",
        )


def applicable_rights(data: dict[str, Any]) -> set[str]:
    """The rights of ``REQUIRED_RIGHTS`` that apply to this register's processing.

    A right that needs some legal bases (``NEEDED_BASES`` of model/rights.py: portability,
    objection) applies if some purpose gives it (its legal bases, or direct marketing), or
    if some purpose (or none at all) states no basis: that one is unknown, and its missing
    basis is a finding of its own.
    """
    purposes = purposes_of(data).values()
    return {
        right
        for right in REQUIRED_RIGHTS
        if right not in NEEDED_BASES
        or not purposes
        or any(applies(right, purpose) is not False for purpose in purposes)
    }


def _ids(item: dict[str, Any], key: str) -> list[str]:
    """The ids a reference list of ``item`` names (none where it is not a list of them)."""
    value = item.get(key)
    return [i for i in value if isinstance(i, str)] if isinstance(value, list) else []


def _why(right: str) -> str:
    bases = NEEDED_BASES.get(right)
    if not bases:
        return ""
    also = " or is direct marketing" if right == "objection" else ""
    return f" (it applies where a purpose rests on {' or '.join(bases)}{also})"


# The keys of ``controller`` any one of which is a way to contact it (Art. 13(1)(a)).
CONTROLLER_CONTACTS = (
    "email",
    "telephone",
    "visiting_address",
    "postal_address",
    "register_contact",
)


def _controller_findings(data: dict[str, Any]) -> Iterator[tuple[str, YamlPath, str]]:
    controller = data.get("controller") or {}
    if not any(controller.get(key) for key in CONTROLLER_CONTACTS):
        yield (
            "13(1)(a)",
            ("controller",),
            "the controller's contact details are not given: add an email, a telephone, "
            "an address or register_contact",
        )
    officer = controller.get("data_protection_officer") or {}
    if controller.get("public_authority") is True and not any(
        officer.get(key) for key in ("email", "telephone", "address")
    ):
        yield (
            "37(1)(a)",
            ("controller",),
            "a public authority must designate a data protection officer: give their contact "
            "details in controller.data_protection_officer (email, telephone or address; "
            "GDPR Art. 13(1)(b))",
        )
    elif not officer:
        yield (
            "13(1)(b)",
            ("controller",),
            "no data protection officer's contact, and no "
            "statement that none is required: add controller.data_protection_officer",
        )


def _provision_stated(data: dict[str, Any]) -> bool:
    """Whether the notice says, for all its data, whether providing it is required: for the
    register, or for each data field (itself, or each of its purposes)."""
    if (data.get("personal_data") or {}).get("provision"):
        return True
    stated = {p.get("id") for _, p in items_at(data, ("purposes", "items")) if p.get("provision")}
    fields = items_at(data, ("personal_data", "fields"))
    return bool(fields) and all(
        field.get("provision") or (field.get("purposes") and set(field["purposes"]) <= stated)
        for _, field in fields
    )


def _purpose_findings(data: dict[str, Any]) -> Iterator[tuple[str, YamlPath, str]]:
    consent_withdrawable = any(
        r.get("right") == "withdraw-consent" for _, r in items_at(data, ("rights", "items"))
    )
    for index, purpose in items_at(data, ("purposes", "items")):
        path: YamlPath = ("purposes", "items", index)
        bases = items_at(purpose, ("legal_bases",))
        if not bases:
            yield (
                "13(1)(c)",
                path,
                f"the purpose '{purpose.get('id')}' states no legal basis: add legal_bases "
                "(consent, contract, legal-obligation, vital-interests, public-task or "
                "legitimate-interests)",
            )
        for b_index, entry in bases:
            basis = entry.get("basis")
            if basis == "consent" and not consent_withdrawable:
                yield (
                    "13(2)(c)",
                    path,
                    f"the purpose '{purpose.get('id')}' rests on consent, but the rights do "
                    "not include withdrawing it: add a right 'withdraw-consent'",
                )
            elif basis in LAW_BASES and not entry.get("law"):
                yield (
                    "6(3)",
                    (*path, "legal_bases", b_index),
                    f"the purpose '{purpose.get('id')}' rests on {basis}, but the law behind "
                    "it is not named: add law (e.g. Accounting Act (1336/1997))",
                )


# What `privacy-notice init` writes where a statement is still to be written: capitals
# (a notice may well ask readers to "fill in" a form), or the id fill-in.
FILL_IN = re.compile(r"\bFILL[ -]IN\b|^fill-in$")


def _strings(data: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def unfilled(loaded: Loaded, severity: Severity = "warning") -> list[Diagnostic]:
    """Every value that is still a ``FILL IN`` marker of the skeleton."""
    return [
        loaded.diagnostic(
            path,
            f"still to be written: {text!r} (a placeholder of 'privacy-notice init')",
            severity=severity,
        )
        for path, text in _strings(loaded.data)
        if path[:1] != ("reviewed_warnings",) and FILL_IN.search(text)
    ]


def lint(loaded: Loaded) -> list[Diagnostic]:
    """Completeness warnings for a valid policy, minus those reviewed in the policy."""
    data = loaded.data
    reviewed = [(i, r) for i, r in items_at(data, ("reviewed_warnings",))]
    used: set[int] = set()
    found = []
    for article, path, message in findings(data):
        where = format_path(path)
        match = next(
            (
                i
                for i, r in reviewed
                if r.get("article") == article and r.get("path", where) in (where, "")
            ),
            None,
        )
        if match is not None:
            used.add(match)
            continue
        found.append(
            loaded.diagnostic(
                path, f"{message} (GDPR Art. {article})", at_key=True, severity="warning"
            )
        )
    for index, review in reviewed:
        # A reviewed material change is checked by the release (release_rules.py) against
        # the changes; here only whether it is still for this version.
        if review.get("article") == "material-change":
            found += _stale_approval(loaded, index, review)
        elif index not in used:
            found.append(
                loaded.diagnostic(
                    ("reviewed_warnings", index),
                    f"no warning of Art. {review.get('article')} "
                    f"{'at ' + review['path'] + ' ' if review.get('path') else ''}remains to "
                    "accept: remove this review",
                    severity="warning",
                )
            )
    return sorted(found + unfilled(loaded))


def _stale_approval(loaded: Loaded, index: int, review: dict[str, Any]) -> list[Diagnostic]:
    """A material change accepted as editorial is accepted for one release only."""
    updated = str(loaded.data["notice"]["updated"])
    if str(review.get("release")) == updated:
        return []
    return [
        loaded.diagnostic(
            ("reviewed_warnings", index),
            f"accepts the material changes of the release of {review.get('release')}, not "
            f"of this version ({updated}): remove this review",
            severity="warning",
        )
    ]
