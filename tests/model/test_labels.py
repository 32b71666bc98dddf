"""Every code of the schema has a label, and every theme string is translated."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from privacy_notice.model import labels
from privacy_notice.source.schema import NOT_ON_PAGE, policy_schema

THEME = ROOT / "theme" / "translations"


def coded_values(node: Any, path: tuple[str, ...]) -> Iterator[tuple[str, list[Any]]]:
    """``(where, values)`` for every enum, constant and yes-or-no property of the schema."""
    if isinstance(node, dict):
        if "enum" in node:
            yield ".".join(path), list(node["enum"])
        if "const" in node:
            yield ".".join(path), [node["const"]]
        if node.get("type") == "boolean":
            yield ".".join(path), [True, False]
        for key, child in node.items():
            if key in ("properties", "$defs"):
                for name, sub in child.items():
                    step = f"$defs/{name}" if key == "$defs" else name
                    yield from coded_values(sub, (step,) if key == "$defs" else (*path, step))
            elif key == "items":
                yield from coded_values(child, (*path, "*"))
            elif key in ("anyOf", "oneOf"):
                for sub in child:
                    yield from coded_values(sub, path)


def test_every_code_of_the_schema_has_a_label():
    unlabelled = []
    for where, values in coded_values(policy_schema(), ()):
        if where in NOT_ON_PAGE or where.split(".")[0] in NOT_ON_PAGE:
            continue
        if where.startswith("$defs/country"):
            continue  # countries are named by Babel, in every language
        kind = labels.SCHEMA_KINDS.get(where)
        if kind is None:
            unlabelled.append(f"{where}: no kind in labels.SCHEMA_KINDS")
            continue
        for value in values:
            try:
                labels.label(kind, value)
            except KeyError:
                unlabelled.append(f"{where}: {value!r} has no label in labels.LABELS[{kind!r}]")
    assert unlabelled == []


def test_every_kind_of_label_comes_from_the_schema():
    kinds = set(labels.SCHEMA_KINDS.values())
    assert kinds == set(labels.LABELS)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pot") / "theme.pot"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    options = ("-F", "babel.cfg", "--no-wrap", "--no-location", "-o", str(target))
    subprocess.run(
        [pybabel, "extract", *options, "theme/templates", "plugins/privacy_notice"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return target


def _ids(path: Path) -> set[str]:
    return {m.id for m in read_po(path.open("rb")) if m.id}


def test_theme_template_is_up_to_date(extracted: Path):
    assert _ids(extracted) == _ids(THEME / "theme.pot"), "run 'make translations'"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_theme_string_is_translated(extracted: Path, lang: str):
    catalog = read_po((THEME / lang / "LC_MESSAGES/theme.po").open("rb"), locale=lang)
    missing = [
        i for i in _ids(extracted) if i not in catalog or not catalog[i].string or catalog[i].fuzzy
    ]
    assert missing == []
    for label_kind in labels.LABELS.values():
        for msgid in label_kind.values():
            assert catalog[msgid].string, msgid
