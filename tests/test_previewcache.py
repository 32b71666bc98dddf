"""The live preview's kept output of each register (see previewcache.py)."""

from __future__ import annotations

from privacy_notice.previewcache import PreviewCache, Rendered


def _rendered(text: str) -> Rendered:
    return Rendered({"registers/x/en/index.html": text}, {})


def test_a_register_keeps_its_folders_from_another_whose_slug_it_begins(tmp_path):
    cache = PreviewCache(tmp_path)
    cache.put("camera-lobby", "a" * 64, _rendered("lobby"), "registers/x/")
    cache.put("camera", "b" * 64, _rendered("camera 1"), "registers/x/")
    cache.put("camera", "c" * 64, _rendered("camera 2"), "registers/x/")
    cache.put("camera", "d" * 64, _rendered("camera 3"), "registers/x/")
    lobby = cache.folder("camera-lobby", "a" * 64)
    assert lobby is not None and (lobby / "en" / "index.html").read_text() == "lobby"
    assert cache.get("camera-lobby", "a" * 64) is not None
    kept = sorted(p.name for p in (tmp_path / "preview").glob("camera-*") if p.is_dir())
    # camera's own: the newest and the one before it (the served build may link it)
    assert kept == ["camera-cccccccccccccccccccc", "camera-dddddddddddddddddddd", lobby.name]
