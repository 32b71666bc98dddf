"""What a register document states once and refers to, filled in where it is referred to,
so that the model (and every page and export built from it) reads it in both places.

A recipient that is one of the joint controllers (``joint_controller: <id>`` of
``controller.joint_controllers``) is declared once, in the controller section: the
recipient takes its name, its role (joint controller, Art. 26) and, unless it states
its own, the purposes processed jointly. The document itself is not changed: it is
published as written, each fact once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def derived(document: Mapping[str, Any]) -> Mapping[str, Any]:
    """``document`` with its references filled in (the same object when it has none)."""
    recipients = (document.get("recipients") or {}).get("categories") or []
    if not any("joint_controller" in recipient for recipient in recipients):
        return document
    joint = {
        item["id"]: item
        for item in (document.get("controller") or {}).get("joint_controllers") or []
    }
    languages = document.get("languages") or []
    categories = []
    for recipient in recipients:
        controller = joint.get(recipient.get("joint_controller", ""))
        if controller is not None:
            recipient = _as_recipient(recipient, controller, languages)
        categories.append(recipient)
    return {**document, "recipients": {**document["recipients"], "categories": categories}}


def _as_recipient(
    recipient: Mapping[str, Any], controller: Mapping[str, Any], languages: list[str]
) -> dict[str, Any]:
    name = controller["organisation"]["name"]
    if isinstance(name, str):  # a name as written is the same in every language
        name = {lang: name for lang in languages}
    found = {"name": name, "role": "joint-controller", **recipient}
    if "purposes" not in recipient and controller.get("purposes"):
        found["purposes"] = controller["purposes"]
    return found
