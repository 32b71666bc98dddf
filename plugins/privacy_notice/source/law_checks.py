"""The rules the law implies between values of a register, which a JSON Schema cannot
state: a legal basis with what it needs (a legitimate interest, a law), a special category
with a condition of its own article, a transfer outside the EU/EEA with a mechanism.

Written defensively, as every rule: the data may not have passed the schema.
"""

from __future__ import annotations

from typing import Any

from privacy_notice.diagnostics import Diagnostic, YamlPath, did_you_mean
from privacy_notice.model.gdpr import (
    ARTICLE_9_CONDITIONS,
    ARTICLE_10_CONDITIONS,
    CRIMINAL_CONVICTIONS,
    EU_EEA,
)
from privacy_notice.source.loaded import Loaded, items_at

# The bases of GDPR Art. 6(1) that rest on a law (Art. 6(3)).
LAW_BASES = ("legal-obligation", "public-task")


def law_checks(loaded: Loaded) -> list[Diagnostic]:
    data = loaded.data
    found: list[Diagnostic] = []
    found += _check_legal_bases(loaded, data)
    found += _check_transfers(loaded, data)
    found += _check_special_categories(loaded, data)
    found += _check_joint_recipients(loaded, data)
    found += _check_storage(loaded, data)
    found += _check_rights(loaded, data)
    return found


def _check_joint_recipients(loaded: Loaded, data: Any) -> list[Diagnostic]:
    """A recipient that is a joint controller refers to it, declared once in the controller
    section, and takes its role from it."""
    found = []
    joint = [
        item["id"]
        for _, item in items_at(data, ("controller", "joint_controllers"))
        if isinstance(item.get("id"), str)
    ]
    for index, recipient in items_at(data, ("recipients", "categories")):
        ref = recipient.get("joint_controller")
        path = ("recipients", "categories", index)
        if isinstance(ref, str) and ref not in joint:
            hint = (
                did_you_mean(ref, joint)
                if joint
                else ": declare it in controller.joint_controllers first"
            )
            found.append(
                loaded.diagnostic(
                    (*path, "joint_controller"),
                    f"no joint controller has the id '{ref}' (in controller.joint_controllers)"
                    + hint,
                )
            )
        if ref is not None and recipient.get("role", "joint-controller") != "joint-controller":
            found.append(
                loaded.diagnostic(
                    (*path, "role"),
                    f"'{recipient['role']}' is not the role of a joint controller: remove role "
                    "(a recipient that refers to its joint controller takes joint-controller)",
                )
            )
    return found


def _check_storage(loaded: Loaded, data: Any) -> list[Diagnostic]:
    found = []
    for index, rule in items_at(data, ("retention", "rules")):
        path = ("retention", "rules", index)
        if rule.get("until") == "permanent":
            for key in ("period", "extension"):
                found += _stated_only_for(
                    loaded,
                    rule,
                    path,
                    key,
                    False,
                    f"data kept permanently has no {'longer ' if key == 'extension' else ''}"
                    f"storage period: remove {key}, or until: permanent",
                )
        if "starts" in rule and "start_event" in rule:
            found.append(
                loaded.diagnostic(
                    (*path, "start_event"),
                    "the period starts once: state it with starts (a code) or start_event "
                    "(in words), not both",
                    at_key=True,
                )
            )
    return found


def _check_rights(loaded: Loaded, data: Any) -> list[Diagnostic]:
    found = []
    for index, right in items_at(data, ("rights", "items")):
        if "does_not_apply" in right:
            found += _stated_only_for(
                loaded,
                right,
                ("rights", "items", index),
                "purposes",
                False,
                "a right that does not apply names no purposes it applies to: remove purposes "
                "or does_not_apply",
            )
    return found


def _check_legal_bases(loaded: Loaded, data: Any) -> list[Diagnostic]:
    found = []
    for index, purpose in items_at(data, ("purposes", "items")):
        for b_index, entry in items_at(purpose, ("legal_bases",)):
            path = ("purposes", "items", index, "legal_bases", b_index)
            basis = entry.get("basis")
            if basis == "legitimate-interests" and not entry.get("interest"):
                found.append(
                    loaded.diagnostic(
                        path,
                        f"the purpose '{purpose.get('id')}' rests on legitimate interests "
                        "but does not say which: add interest (GDPR Art. 13(1)(d))",
                        at_key=True,
                    )
                )
            found += _stated_only_for(
                loaded,
                entry,
                path,
                "interest",
                basis == "legitimate-interests",
                "an interest is stated only for the basis legitimate-interests",
            )
            found += _stated_only_for(
                loaded,
                entry,
                path,
                "law",
                basis in LAW_BASES,
                "a law is stated only for the bases legal-obligation and public-task",
            )
    return found


def _stated_only_for(
    loaded: Loaded, item: dict[str, Any], path: YamlPath, key: str, applies: bool, message: str
) -> list[Diagnostic]:
    """A problem at ``key`` of ``item`` when it is given where it does not ``apply`` (a
    legitimate interest beside another basis, a derogation beside another mechanism…)."""
    if key in item and not applies:
        return [loaded.diagnostic((*path, key), message, at_key=True)]
    return []


def _check_special_categories(loaded: Loaded, data: Any) -> list[Diagnostic]:
    """A condition of Art. 9(2) with a special category of Art. 9(1), one of Art. 10 with
    data relating to criminal convictions: the page states the condition under its
    article, which would otherwise be false."""
    found = []
    for index, field in items_at(data, ("personal_data", "fields")):
        special = field.get("special_category")
        if not isinstance(special, dict):
            continue
        category, condition = special.get("category"), special.get("condition")
        path = ("personal_data", "fields", index, "special_category", "condition")
        if category == CRIMINAL_CONVICTIONS and condition in ARTICLE_9_CONDITIONS:
            found.append(
                loaded.diagnostic(
                    path,
                    f"'{condition}' is a condition of GDPR Art. 9(2), for the special "
                    "categories of Art. 9(1); data relating to criminal convictions is "
                    "processed under Art. 10: official-authority or authorised-by-law"
                    + did_you_mean(condition, list(ARTICLE_10_CONDITIONS)),
                )
            )
        elif (
            isinstance(category, str)
            and category != CRIMINAL_CONVICTIONS
            and condition in ARTICLE_10_CONDITIONS
        ):
            found.append(
                loaded.diagnostic(
                    path,
                    f"'{condition}' is a condition of GDPR Art. 10, for data relating to "
                    f"criminal convictions; '{category}' is a special category of Art. 9(1): "
                    f"choose a condition of Art. 9(2) ({', '.join(ARTICLE_9_CONDITIONS)})",
                )
            )
    return found


def _check_transfers(loaded: Loaded, data: Any) -> list[Diagnostic]:
    found = []
    for index, recipient in items_at(data, ("recipients", "categories")):
        path: YamlPath = ("recipients", "categories", index)
        countries = recipient.get("countries")
        countries = (
            [c for c in countries if isinstance(c, str)] if isinstance(countries, list) else []
        )
        third = [c for c in countries if c not in EU_EEA]
        transfers = items_at(recipient, ("transfers",))
        covered: set[str] = set()
        for t_index, transfer in transfers:
            t_path = (*path, "transfers", t_index)
            named = transfer.get("countries")
            named = [c for c in named if isinstance(c, str)] if isinstance(named, list) else third
            covered.update(named)
            listed = transfer.get("countries")
            for c_index, country in enumerate(listed if isinstance(listed, list) else []):
                if not isinstance(country, str):
                    continue  # the schema says what is wrong with it
                if country in EU_EEA:
                    found.append(
                        loaded.diagnostic(
                            (*t_path, "countries", c_index),
                            f"{country} is in the EU/EEA: a transfer is to a country outside it",
                        )
                    )
                elif country not in countries:
                    found.append(
                        loaded.diagnostic(
                            (*t_path, "countries", c_index),
                            f"{country} is not among the recipient's countries: add it there",
                        )
                    )
            mechanism = transfer.get("mechanism")
            if mechanism == "derogation" and not transfer.get("derogation"):
                found.append(
                    loaded.diagnostic(
                        t_path,
                        "a derogation must say which of GDPR "
                        "Art. 49(1) applies: add derogation (e.g. explicit-consent)",
                        at_key=True,
                    )
                )
            found += _stated_only_for(
                loaded,
                transfer,
                t_path,
                "derogation",
                mechanism == "derogation",
                "derogation is stated only for the mechanism derogation",
            )
        missing = [c for c in third if c not in covered]
        if missing:
            found.append(
                loaded.diagnostic(
                    path,
                    f"the recipient '{recipient.get('id')}' is in {', '.join(missing)}, outside "
                    "the EU/EEA, but no transfer mechanism covers it: add transfers with a "
                    "mechanism (e.g. standard-contractual-clauses) (GDPR Art. 44-49)",
                    at_key=True,
                )
            )
        elif transfers and not third:
            found.append(
                loaded.diagnostic(
                    (*path, "transfers"),
                    "the recipient has no "
                    "country outside the EU/EEA: list it in countries, or remove transfers",
                    at_key=True,
                )
            )
    return found
