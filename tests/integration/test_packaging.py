"""The package as pip installs it: a wheel built from this checkout holds every module and
every data file of the plugin (schemas, the vendored standards), and building it warns
about nothing (setuptools' "Package would be ignored" means a folder's files are lost)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "plugins" / "privacy_notice"

IGNORED = shutil.ignore_patterns("__pycache__")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], str]:
    """The files of a wheel of this checkout (copied: setuptools would reuse a ``build/``
    folder of an earlier build), and what building it printed."""
    source, target = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "plugins" / "privacy_notice", ignore=IGNORED)
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"]
    built = subprocess.run(
        [*pip, "-w", str(target), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (path,) = target.glob("privacy_notice-*.whl")
    with zipfile.ZipFile(path) as archive:
        return set(archive.namelist()), built.stdout + built.stderr


def test_every_module_and_data_file_is_in_the_wheel(wheel: tuple[set[str], str]) -> None:
    names, _output = wheel
    expected = {
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected - names == set()


def test_building_the_wheel_warns_about_nothing(wheel: tuple[set[str], str]) -> None:
    _names, output = wheel
    assert "would be ignored" not in output and "warning" not in output.lower(), output
