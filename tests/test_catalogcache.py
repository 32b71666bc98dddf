"""catalogcache.py: a catalog whose bytes already passed every check is not parsed again;
a changed catalog, a failing one and other code are read afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DEFAULT_NOTICE, ROOT
from privacy_notice import catalogcache
from privacy_notice.catalogcache import CatalogCache
from privacy_notice.diagnostics import PolicyError
from privacy_notice.i18n import read_catalog, theme_translations

THEME_FI = ROOT / "theme" / "translations" / "fi" / "LC_MESSAGES" / "theme.po"
POLICY_FI = DEFAULT_NOTICE / "translations" / "fi" / "LC_MESSAGES" / "policy.po"


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Record every parse of a .po file by Babel (i18n imports its reader where it parses)."""
    from babel.messages import pofile

    calls: list[str] = []
    real = pofile.read_po

    def recording(buffer, *args, **kwargs):
        calls.append(kwargs["domain"])
        return real(buffer, *args, **kwargs)

    monkeypatch.setattr(pofile, "read_po", recording)
    return calls


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "catalog.po"
    shutil.copyfile(source, target)
    return target


def test_a_hit_parses_nothing_and_gives_the_same_catalog(tmp_path: Path, parses):
    cache = CatalogCache(tmp_path / "cache")
    po = _copy(POLICY_FI, tmp_path)
    first = read_catalog(po, "fi", "policy", "fi.po", cache)
    second = read_catalog(po, "fi", "policy", "fi.po", cache)
    assert parses == ["policy"]  # the second read came from the cache
    assert second.display == "fi.po" and second.compiled is None
    assert [(m.id, m.string, m.fuzzy, m.lineno) for m in second.catalog] == [
        (m.id, m.string, m.fuzzy, m.lineno) for m in first.catalog
    ]


def test_a_theme_catalog_keeps_its_compiled_translations(tmp_path: Path, parses):
    cache = CatalogCache(tmp_path / "cache")
    po = _copy(THEME_FI, tmp_path)
    uncached = read_catalog(po, "fi", "theme", "theme.po")
    read_catalog(po, "fi", "theme", "theme.po", cache)
    cached = read_catalog(po, "fi", "theme", "theme.po", cache)
    assert parses == ["theme", "theme"]
    assert cached.compiled == uncached.compiled and cached.compiled
    message = "Not yet translated"
    assert theme_translations({("fi", "theme"): cached}, "fi").gettext(message) == (
        theme_translations({("fi", "theme"): uncached}, "fi").gettext(message)
    )
    assert theme_translations({("fi", "theme"): cached}, "fi").gettext(message) != message


def test_an_edited_catalog_is_read_again(tmp_path: Path, parses):
    cache = CatalogCache(tmp_path / "cache")
    po = _copy(THEME_FI, tmp_path)
    read_catalog(po, "fi", "theme", "theme.po", cache)
    text = po.read_text("utf-8")
    po.write_text(text.replace('msgstr "Ei vielä käännetty"', 'msgstr "Kääntämättä"'), "utf-8")
    assert "Kääntämättä" in po.read_text("utf-8")
    edited = read_catalog(po, "fi", "theme", "theme.po", cache)
    assert parses == ["theme", "theme"]
    assert theme_translations({("fi", "theme"): edited}, "fi").gettext("Not yet translated") == (
        "Kääntämättä"
    )


def test_a_catalog_with_problems_is_never_remembered(tmp_path: Path, parses):
    cache = CatalogCache(tmp_path / "cache")
    po = _copy(THEME_FI, tmp_path)
    text = po.read_text("utf-8")
    po.write_text(text.replace('msgstr "Ei vielä käännetty"', 'msgstr "%(x)s"'), "utf-8")
    for _ in range(2):
        with pytest.raises(PolicyError):
            read_catalog(po, "fi", "theme", "theme.po", cache)
    assert parses == ["theme", "theme"]
    assert not list((tmp_path / "cache" / "catalogs").glob("*.pickle"))


def test_the_key_depends_on_bytes_language_domain_and_code(monkeypatch):
    key = CatalogCache.key
    assert key(b"x", "fi", "theme") == key(b"x", "fi", "theme")
    assert len({key(b"x", "fi", "theme"), key(b"y", "fi", "theme"), key(b"x", "sv", "theme")}) == 3
    assert key(b"x", "fi", "theme") != key(b"x", "fi", "policy")
    before = key(b"x", "fi", "theme")
    monkeypatch.setattr(catalogcache, "code_fingerprint", lambda names, salt=b"": b"other code")
    assert key(b"x", "fi", "theme") != before


def test_a_damaged_entry_is_read_again(tmp_path: Path, parses):
    cache = CatalogCache(tmp_path / "cache")
    po = _copy(POLICY_FI, tmp_path)
    read_catalog(po, "fi", "policy", "fi.po", cache)
    for entry in (tmp_path / "cache" / "catalogs").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert read_catalog(po, "fi", "policy", "fi.po", cache).catalog is not None
    assert parses == ["policy", "policy"]


def test_no_directory_remembers_nothing(tmp_path: Path, parses):
    po = _copy(POLICY_FI, tmp_path)
    for _ in range(2):
        read_catalog(po, "fi", "policy", "fi.po", CatalogCache(None))
    assert parses == ["policy", "policy"]
