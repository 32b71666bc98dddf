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


def test_a_new_folder_starts_from_an_old_one_and_writes_only_what_differs(tmp_path):
    cache = PreviewCache(tmp_path)
    base = "registers/x/"
    pages = {f"{base}en/versions/{n}/index.html": f"version {n}" for n in range(3)}
    first = Rendered({**pages, f"{base}en/index.html": "current 1", f"{base}gone.html": "x"}, {})
    cache.put("x", "a" * 64, first, base)
    folder_a = cache.folder("x", "a" * 64)
    assert folder_a is not None
    unchanged = (folder_a / "en/versions/1/index.html").stat().st_ino
    cache.put("x", "b" * 64, Rendered({**pages, f"{base}en/index.html": "current 2"}, {}), base)
    folder_b = cache.folder("x", "b" * 64)
    assert folder_b is not None
    served = {p: p.read_bytes() for p in folder_b.rglob("*") if p.is_file()}
    third = Rendered({**pages, f"{base}en/index.html": "current 3"}, {})
    cache.put("x", "c" * 64, third, base)
    folder_c = cache.folder("x", "c" * 64)
    assert folder_c is not None and not folder_a.exists()
    # The folder of "a" became the folder of "c": its unchanged file was not written again.
    assert (folder_c / "en/versions/1/index.html").stat().st_ino == unchanged
    files = {
        str(p.relative_to(folder_c)): p.read_text() for p in folder_c.rglob("*") if p.is_file()
    }
    assert files == {name.removeprefix(base): text for name, text in third.files.items()}
    # The previous folder (the served build links it) is as it was.
    assert {p: p.read_bytes() for p in folder_b.rglob("*") if p.is_file()} == served
    assert cache.get("x", "c" * 64) is not None
