"""The privacy centre's optional full-text search (build --search, Pagefind): off, no page
has a script; on, only the search page loads scripts, all from the site's own origin under
its Content-Security-Policy, and a resident finds a register by a word of its notice in
Finnish and in Swedish; without scripts every page still reads."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, Project, copy_project, missing
from privacy_notice.commands.search import available

CHROMIUM = Path("/usr/bin/chromium")
CITY = ROOT / "examples" / "city"


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The example city, built with its search."""
    if not available():
        missing("the search test needs Pagefind: pip install 'pagefind[extended]' (make test)")
    path = tmp_path_factory.mktemp("city") / "project"
    shutil.copytree(CITY, path)
    project = Project(path)
    result = project.run("build", "--search", "--as-of=2025-06-01")
    assert result.returncode == 0, result.stderr
    return project


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", page)


def test_with_search_only_the_search_page_has_scripts_from_the_site(city: Project) -> None:
    output = (city.path / "output").resolve()
    assert (output / "pagefind" / "pagefind-ui.js").is_file()
    with_scripts = {
        str(p.relative_to(output)) for p in output.rglob("*.html") if _scripts(p.read_text("utf-8"))
    }
    assert with_scripts == {"fi/registers/search/index.html", "sv/registers/search/index.html"}
    page = city.read("fi/registers/search/index.html")
    for tag in _scripts(page):
        assert re.search(r'src="\.\./\.\./\.\./(pagefind|search)/', tag), tag
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "script-src 'self' 'wasm-unsafe-eval'" in policy.group(1)
    assert "'unsafe-inline'" not in policy.group(1)
    assert "<noscript>" in page  # and without scripts it says where else to look
    # The index holds the current notices only.
    notice = city.read("registers/oppilasrekisteri/fi/index.html")
    assert "data-pagefind-body" in notice
    assert "data-pagefind-body" not in city.read(
        "registers/oppilasrekisteri/fi/versions/2024-01-15/index.html"
    )


def test_without_search_no_page_has_a_script(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "default")
    shutil.copytree(CITY, project.path, dirs_exist_ok=True)
    (project.path / "policy.yaml").unlink()
    shutil.rmtree(project.path / "translations")
    shutil.rmtree(project.path / "content")
    result = project.run("--root", ".", "build", "-o", "out", "--as-of=2025-06-01")
    assert result.returncode == 0, result.stderr
    output = (project.path / "out").resolve()
    assert not (output / "pagefind").exists() and not (output / "search").exists()
    for page in output.rglob("*.html"):
        assert _scripts(page.read_text("utf-8")) == [], page


@pytest.fixture(scope="module")
def served(city: Project) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str((city.path / "output").resolve()))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "found"),
    [("fi", "oppilashuolto", "Oppilashuoltorekisterin"), ("sv", "elevhälsa", "elevhälsoregistret")],
)
def test_a_resident_finds_a_register_by_a_word(
    served: str, lang: str, query: str, found: str
) -> None:
    if not CHROMIUM.exists():
        missing(f"the search test needs Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        problems: list[str] = []
        page.on(
            "console",
            lambda m: (
                problems.append(f"{m.text} {m.location.get('url')}")
                if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
                else None
            ),
        )
        page.on(
            "request", lambda r: problems.append(r.url) if not r.url.startswith(served) else None
        )
        page.goto(f"{served}/{lang}/registers/search/index.html?q={query}")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        results = page.inner_text("#search")
        browser.close()
    assert found.lower() in results.lower(), results
    assert problems == [], problems
