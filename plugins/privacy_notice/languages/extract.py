"""A Babel extraction method for ``policy.yaml``.

Registered as the ``policy_yaml`` entry point, so ``pybabel extract -F babel.cfg`` reads
the register like any other source: every translatable text, at its line, with its YAML
path as the comment translators see (``#. retention.rules[1].text``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import IO, Any

from privacy_notice.diagnostics import PolicyError, format_path
from privacy_notice.source.load import load_policy_text
from privacy_notice.source.schema import iter_texts


def extract_policy(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Mapping[str, Any]
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    name = getattr(fileobj, "name", "policy.yaml")
    try:
        loaded = load_policy_text(fileobj.read(), str(name))
    except PolicyError as exc:
        # Extraction from a broken file would silently lose texts: stop with the reason.
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        raise SystemExit(1) from None
    for path, text, kind in iter_texts(loaded.data):
        comments = [format_path(path)] + (["Markdown"] if kind == "markdown" else [])
        yield loaded.mark(path).line, None, text, comments
