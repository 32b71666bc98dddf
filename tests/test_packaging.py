"""The package declaration: every folder of the plugin is a declared package, so a fresh
``pip install`` neither warns ("Package would be ignored") nor drops its data files."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_plugin_folder_is_a_declared_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = set(config["tool"]["setuptools"]["packages"])
    base = ROOT / "plugins"
    folders = {
        ".".join(path.relative_to(base).parts)
        for path in (base / "privacy_notice").rglob("*")
        if path.is_dir() and "__pycache__" not in path.parts and any(path.iterdir())
    }
    assert folders - declared == set()
    assert declared - folders - {"privacy_notice"} == set()


def test_data_folders_ship_their_files() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    base = ROOT / "plugins"
    for package in config["tool"]["setuptools"]["packages"]:
        folder = base.joinpath(*package.split("."))
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix not in {".py", ".pyc"}]
        if files:
            assert package in data, f"{package} has data files but no package-data entry"
