"""The sections of a notice and their default order are declared once, ``gdpr.SECTIONS``;
the schema, the model and the theme are checked against it, and the page (table of
contents and body) reads it through ``Register.section_keys``."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from conftest import ROOT
from privacy_notice.model.gdpr import SECTIONS
from privacy_notice.model.register import Register
from privacy_notice.source.schema import policy_schema

TEMPLATES = ROOT / "theme" / "templates"


def _resolved(schema: dict[str, Any], sub: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in sub:
        sub = schema["$defs"][sub["$ref"].rsplit("/", 1)[-1]]
    return sub


def test_the_schemas_sections_are_the_declared_ones():
    """A section is a top-level block with a title of its own (``notice`` holds the
    notice's title, not a section's)."""
    schema = policy_schema()
    titled = [
        key
        for key, sub in schema["properties"].items()
        if "title" in _resolved(schema, sub).get("properties", {}) and key != "notice"
    ]
    assert sorted(titled) == sorted(SECTIONS)


def test_every_section_is_in_the_model_and_has_a_template():
    fields = {f.name for f in dataclasses.fields(Register)}
    assert set(SECTIONS) <= fields
    templates = {p.stem for p in (TEMPLATES / "sections").glob("*.html")}
    assert templates == {*SECTIONS, "additional"}


def test_no_template_lists_the_sections():
    """The table of contents and the body loop over section_keys(); a template naming
    several section keys in a row would be a second declaration of the order."""
    keys = "|".join(SECTIONS)
    listing = re.compile(rf"['\"]({keys})['\"]\s*,\s*['\"]({keys})['\"]")
    for template in TEMPLATES.rglob("*.html"):
        assert not listing.search(template.read_text("utf-8")), template
    for name in ("notice.html", "_notice_body.html"):
        assert "register.section_keys()" in (TEMPLATES / name).read_text("utf-8")
