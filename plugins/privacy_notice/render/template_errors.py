"""A theme's template that fails, as one located line: a project may have a theme of its
own, and a mistake in it is bad input (``file:line: template error: …``), not an internal
error of the tool. Made where the template fails, so that it also crosses from a worker
process to the build (a traceback does not)."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from jinja2 import TemplateError

from privacy_notice.diagnostics import Diagnostic, PolicyError, display


def template_problem(exc: TemplateError) -> Diagnostic:
    """Where Jinja says (a syntax error), or the template line a rendering failed at (Jinja
    writes the templates' own files and lines into its tracebacks)."""
    filename: str | None = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line: int | None = getattr(exc, "lineno", None)
    if line is None:
        frames = [
            frame
            for frame in traceback.extract_tb(exc.__traceback__)
            if frame.filename.endswith(".html")
        ]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    return Diagnostic(
        display(filename or "theme"), line or 0, 0, "", f"template error: {exc.message or exc}"
    )


@contextmanager
def located() -> Iterator[None]:
    """Raise a template's failure in the block as a :class:`PolicyError` located in it."""
    try:
        yield
    except TemplateError as exc:
        raise PolicyError([template_problem(exc)]) from None
