"""The plugin's own signals (blinker, like Pelican's ``pelican.plugins.signals``).

``privacy_notice_plan_ready``: sent by the generator with the :class:`.pages.Plan` before
anything is written; the sender is the generator. A receiver may return a new plan (for
example ``dataclasses.replace(plan, pages=(*plan.pages, page))``) to add, change or drop
pages, API files or feeds; the last plan returned is the one written. Every file is then
written through Pelican's Writer, which sends ``content_written`` (pages, API files) and
``feed_generated``/``feed_written`` (feeds).
"""

from __future__ import annotations

from blinker import signal

plan_ready = signal("privacy_notice_plan_ready")
