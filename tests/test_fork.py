"""A fork publishes another notice with the tool unchanged: the tests use notices of their
own (tests/data/), never the root policy.yaml, catalogs or versions."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Reading the root notice: the root policy.yaml, content/ or translations/
# (conftest copies the theme's catalogs from there, which are the tool's).
ROOT_NOTICE = re.compile(r"""ROOT\s*/\s*["'](?:policy\.yaml|content|translations)""")


def test_no_test_reads_the_root_notice():
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(TESTS.glob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if ROOT_NOTICE.search(line) and "theme" not in line
    ]
    assert offenders == []
