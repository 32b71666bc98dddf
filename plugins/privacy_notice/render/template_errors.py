"""A theme's template that fails, as one located line: a project may have a theme of its
own, and a mistake in it is bad input (``file:line: template error: …``), not an internal
error of the tool; a template it lacks is named, with where to copy it from. Made where the
template fails, so that it also crosses from a worker process to the build (a traceback
does not)."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound

from privacy_notice.diagnostics import Diagnostic, PolicyError, display
from privacy_notice.source.options import DEFAULT_THEME


def missing_template(theme: os.PathLike[str] | str, exc: Exception) -> Diagnostic:
    """A template the theme (the folder ``theme``) lacks: most likely a project's own copy
    of the theme, older than the tool that builds it."""
    name = getattr(exc, "name", None) or str(exc).split(" from ")[0].split("load ")[-1]
    name = name.replace("[.html]", ".html")  # as Pelican words its own exception
    message = (
        f"the theme has no template {name!r}, which this version of privacy-notice needs: "
        f"copy it from the tool's theme ({DEFAULT_THEME / 'templates'}), or build with the "
        "tool's theme (leave THEME out of the settings)"
    )
    return Diagnostic(display(Path(theme) / "templates"), message=message)


def template_problem(exc: TemplateError, theme: os.PathLike[str] | str) -> Diagnostic:
    """Where Jinja says (a syntax error), or the template line a rendering failed at (Jinja
    writes the templates' own files and lines into its tracebacks)."""
    if isinstance(exc, TemplateNotFound):
        return missing_template(theme, exc)
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
def located(theme: os.PathLike[str] | str) -> Iterator[None]:
    """Raise a template's failure in the block as a :class:`PolicyError` located in it;
    ``theme``: the theme's folder."""
    try:
        yield
    except TemplateError as exc:
        raise PolicyError([template_problem(exc, theme)]) from None
