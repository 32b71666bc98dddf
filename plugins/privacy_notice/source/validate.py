"""Validate a loaded policy: JSON Schema, then the rules a schema cannot express.

Every problem becomes one :class:`Diagnostic` at the line and column it was written,
worded as advice to a person editing YAML, not as a validator's internals.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, FormatChecker

from privacy_notice.diagnostics import (
    Diagnostic,
    PolicyError,
    YamlPath,
    did_you_mean,
    display,
    errors,
)
from privacy_notice.files import leftover_temporaries
from privacy_notice.model.texts import markdown_problem
from privacy_notice.source.directory import REFERENCES, reference_problems
from privacy_notice.source.lint import lint
from privacy_notice.source.load import load_policy_text, read_source
from privacy_notice.source.loaded import Loaded
from privacy_notice.source.markup_warnings import removed_markup, translated_markup
from privacy_notice.source.references import Resolved, resolve_shared
from privacy_notice.source.rules import domain_checks
from privacy_notice.source.schema import Schema, iter_texts, policy_checks
from privacy_notice.source.shared import (
    UNKNOWN_KEY,
    Shared,
    project_of,
    read_shared_or_problems,
    refers_to_shared,
)

# A project's shared.yaml as read once for all its registers: it, or its problems.
SharedRead = tuple[Shared | None, tuple[Diagnostic, ...]]

_TYPE_NAMES = {
    "object": "a mapping (key: value lines)",
    "array": "a list ('- ' items)",
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}


if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def check_policy(
    path: os.PathLike[str] | str,
    strict: bool = False,
    folder: Path | None = None,
    shared: SharedRead | None = None,
) -> tuple[Loaded, list[Diagnostic]]:
    """Load and validate a policy file; raise on errors, return it with its warnings
    (the GDPR completeness check of :mod:`.lint`, and the markup the sanitizer will remove
    from its Markdown texts; with ``strict``, they are errors). ``folder``: the register's
    folder (``validate``), whose catalogs are checked for the same markup, and whose
    version store for what an interrupted release left. ``shared``: its project's
    ``shared.yaml`` as the command read it for every register (else read here).
    """
    name = display(path)
    raw = read_source(path, name)
    loaded = load_policy_text(raw, name)
    resolved = None
    # What is validated is the register resolved, its place in the directory checked.
    if refers_to_shared(loaded.data) or _in_directory(loaded.data):
        resolved = _resolved(loaded, Path(path), shared)
        loaded = resolved.loaded
    found = validate(loaded)
    found += bounded_texts(loaded)  # always: it guards the renderer, not the schema
    if resolved is not None:
        found = [resolved.at_reference(d) for d in found]
    if resolved is not None and resolved.problems:  # the rest of the file is checked too
        found = sorted({*resolved.problems, *(d for d in found if not resolved.hides(d))})
    if errors(found):
        raise PolicyError(found)
    found += removed_markup(loaded)
    if folder is not None:  # its layout: see source.project.RegisterFolder
        catalogs = project_of(Path(path)) / "shared" / "translations" if resolved else None
        found += translated_markup(loaded, folder / "translations", catalogs)
        versions = folder / "content" / "versions"
        found += leftover_temporaries(versions, display(versions))
    found = sorted(found + lint(loaded))
    if strict and found:
        raise PolicyError([replace(d, severity="error") for d in found])
    return loaded, found


def _resolved(loaded: Loaded, path: Path, read: SharedRead | None = None) -> Resolved:
    """``loaded`` with its shared blocks. A broken ``shared.yaml`` or a missing block does
    not stop the check of the rest: every problem of the register is reported in one run."""
    shared, broken = read or read_shared_or_problems(project_of(path))
    resolved = resolve_shared(loaded, shared, broken=bool(broken))
    listed = [] if broken else reference_problems(loaded, shared.loaded if shared else None)
    if broken or listed:
        resolved = replace(resolved, problems=(*broken, *resolved.problems, *listed))
    return resolved


def _in_directory(data: Any) -> bool:
    """Whether a register names its unit or the groups it concerns (see directory.py)."""
    return isinstance(data, dict) and any(key in data for key in REFERENCES)


def bounded_texts(loaded: Loaded) -> list[Diagnostic]:
    """Texts the Markdown renderer could not render in bounded time and depth."""
    return [
        loaded.diagnostic(path, problem)
        for path, text, _kind in iter_texts(loaded.data)
        if (problem := markdown_problem(text))
    ]


def validate(loaded: Loaded, schema: Schema | None = None) -> list[Diagnostic]:
    """All problems of a loaded policy, in file order."""

    schema = schema or policy_checks()
    validator = Draft202012Validator(schema, format_checker=FormatChecker(formats=("date",)))
    found = [d for error in validator.iter_errors(loaded.data) for d in _describe(loaded, error)]
    found += domain_checks(loaded)
    return sorted(set(found))


def _value_text(loaded: Loaded, path: YamlPath, value: Any) -> str:
    source = loaded.scalars.get(path)
    return repr(source if source is not None else value)


def _choices(schema: Any) -> str:
    """ " (one of: a, b, c)" for a key whose value is one of a few codes, else nothing."""
    options = schema.get("enum") if isinstance(schema, Mapping) else None
    if not options or len(options) > 12:
        return ""
    return f" (one of: {', '.join(str(option) for option in options)})"


def _describe(loaded: Loaded, error: ValidationError) -> Iterator[Diagnostic]:
    path: YamlPath = tuple(error.absolute_path)
    value: Any = error.instance
    keyword = error.validator
    # A failing keyword always sits in a schema object, never in a boolean schema.
    sub: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    rule: Any = error.validator_value  # the keyword's value in the schema
    if keyword == "required":
        missing = [k for k in rule if not isinstance(value, dict) or k not in value]
        allowed = sub.get("properties", {})
        # A key written with a typo is one problem: its "did you mean" line says it.
        closed = isinstance(value, dict) and sub.get("additionalProperties") is False
        misspelt = [k for k in value if k not in allowed] if closed else []
        for key in missing:
            # Only where that line names this key (as did_you_mean chooses among all keys).
            if any(
                difflib.get_close_matches(word, list(allowed), n=1) == [key] for word in misspelt
            ):
                continue
            what = "section" if not path else "key"
            message = f"missing required {what} '{key}'" + _choices(allowed.get(key))
            yield loaded.diagnostic(path, message, at_key=True)
    elif keyword == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        for key in value:
            if key not in allowed:
                yield loaded.diagnostic((*path, key), _unknown_key(key, allowed), at_key=True)
    elif keyword == "type":
        expected = rule
        expected = expected if isinstance(expected, list) else [expected]
        message = (
            f"expected {' or '.join(_TYPE_NAMES[t] for t in expected)}, "
            f"found {_describe_value(value)}"
        )
        source = loaded.scalars.get(path)
        if "string" in expected and source is not None:
            message += f': write it in quotes, "{source}"'
        yield loaded.diagnostic(path, message)
    elif keyword == "pattern" and "patternErrorMessage" in sub:
        yield loaded.diagnostic(
            path, f"{_value_text(loaded, path, value)} {sub['patternErrorMessage']}"
        )
    elif keyword == "format" and rule == "date":
        # JSON Schema's pattern matches anywhere (re.search), as jsonschema checks it.
        if "pattern" in sub and not re.search(sub["pattern"], str(value)):
            return  # the pattern's message says it
        yield loaded.diagnostic(
            path,
            f"{_value_text(loaded, path, value)} is not a valid date (YYYY-MM-DD, e.g. 2019-10-23)",
        )
    elif keyword == "enum":
        options = rule
        hint = did_you_mean(str(value), [str(o) for o in options])
        if "errorMessage" in sub:
            message = f"{_value_text(loaded, path, value)} {sub['errorMessage']}"
        elif len(options) > 12:
            what = sub.get("title", "value").lower()
            message = f"{_value_text(loaded, path, value)} is not a valid {what}"
            message += f" ({sub['description']})" if "description" in sub else ""
        else:
            message = f"{_value_text(loaded, path, value)} is not one of: " + ", ".join(
                str(o) for o in options
            )
        message += hint
        yield loaded.diagnostic(path, message)
    elif keyword == "minLength":
        yield loaded.diagnostic(path, "must not be empty")
    elif keyword == "minItems":
        yield loaded.diagnostic(path, f"must list at least {rule} item(s)")
    elif keyword == "uniqueItems":
        yield loaded.diagnostic(path, "lists the same item more than once")
    else:
        yield loaded.diagnostic(path, error.message)


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _unknown_key(key: str, allowed: list[str]) -> str:
    return f"{UNKNOWN_KEY} '{key}'" + (
        did_you_mean(key, allowed) or f"; allowed here: {', '.join(allowed)}"
    )
