"""The lock (requirements/*.txt, written by `make lock`) pins what pyproject.toml asks for:
after an edit of the dependencies there, `make lock` must run before the lock installs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pins(lock: str) -> dict[str, str]:
    """The versions a lock file pins for this Python and platform (its markers applied)."""
    found = {}
    for line in (ROOT / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        if re.match(r"[A-Za-z0-9]", line):
            requirement = Requirement(line.removesuffix("\\").strip())
            if requirement.marker is None or requirement.marker.evaluate():
                (version,) = (spec.version for spec in requirement.specifier)
                found[canonicalize_name(requirement.name)] = version
    return found


def unmet(requirements: list[str], pinned: dict[str, str]) -> list[str]:
    """The requirements (for this Python and platform) that no pin satisfies."""
    return [
        text
        for text in requirements
        if (requirement := Requirement(text)).marker is None or requirement.marker.evaluate()
        if not requirement.specifier.contains(
            pinned.get(canonicalize_name(requirement.name), "0.dev0"), prereleases=True
        )
    ]


def test_the_lock_pins_what_pyproject_asks_for() -> None:
    """The build lock pins the dependencies and the build backend, the test lock the test
    extra too, and the two agree on every version they share."""
    build, test = pins("build.txt"), pins("test.txt")
    wanted = PYPROJECT["project"]["dependencies"] + PYPROJECT["build-system"]["requires"]
    assert unmet(wanted, build) == []
    assert unmet(wanted + PYPROJECT["project"]["optional-dependencies"]["test"], test) == []
    assert {name: test.get(name) for name in build} == build
