"""privacy_notice: a Pelican plugin that publishes a GDPR privacy notice from one YAML
register, in several languages, with its version history.

One sub-package per stage of the data flow, each importing only from those before it:
``model`` < ``source`` < ``languages`` < ``history`` < ``exports`` < ``render`` <
``commands`` (with ``diagnostics`` and ``files`` beneath them all). Importing the package
itself imports nothing: ``privacy-notice validate`` loads ``source`` and what it needs,
and Pelican is imported when Pelican loads the plugin (:func:`register`).
"""

from __future__ import annotations

from typing import Any


def _generator_class(_pelican: Any) -> type:
    from privacy_notice.render.generator import NoticeGenerator

    return NoticeGenerator


def register() -> None:
    from pelican import signals

    # A module-level receiver: loading the plugin again (a second build in the same
    # process) connects it once, not twice.
    signals.get_generators.connect(_generator_class)
