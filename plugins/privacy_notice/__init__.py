"""privacy_notice: a Pelican plugin that publishes a GDPR privacy notice from one YAML
register, in several languages, with its version history."""

from __future__ import annotations

from pelican import signals


def _generators(pelican):
    from .generator import NoticeGenerator

    return NoticeGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
