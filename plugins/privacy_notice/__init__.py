"""privacy_notice: a Pelican plugin that publishes a GDPR privacy notice from one YAML
register, in several languages, with its version history.

Importing the package imports nothing heavy: ``privacy-notice validate`` must start as
fast as ``import yaml, jsonschema``, so Pelican is imported only when it loads the plugin.
"""

from __future__ import annotations

from typing import Any


def _generator_class(_pelican: Any) -> type:
    from .generator import NoticeGenerator

    return NoticeGenerator


def register() -> None:
    from pelican import signals

    # A module-level receiver: loading the plugin again (a second build in the same
    # process) connects it once, not twice.
    signals.get_generators.connect(_generator_class)
