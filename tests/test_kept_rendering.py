"""Bodies, "at a glance" blocks and redlines kept between builds (generator.py, bodies.py,
redline.py): a rebuild renders only what it has not rendered before, and gives the same
site as a build with no cache; a change of the theme, its catalogs or the settings renders
everything again."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, Project, new_version
from privacy_notice import apifiles, diff, glance, previewcache, redline
from privacy_notice.generator import NoticeGenerator

BODY = "_notice_body.html"
GLANCE = "glance"  # the rows of an "at a glance" block computed: the block rendered
RECORD = "change record"  # api/changes/<date>.json
CHANGES = "semantic changes"  # two versions' models compared, for a change summary
SCHEMA = "schema"  # a published JSON Schema made from the policy schema
SECTIONS = "sections compared"  # two bodies' sections, for "Changed" badges


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """Every body the notice generator renders, every "at a glance" block (however it
    is rendered: its template asks for its rows), every redline, change record, published
    schema and comparison of two models or bodies it computes (records and schemas without the
    process's own memory: each build a new process)."""
    calls: list[str] = []
    render, parts, rows = NoticeGenerator._render, redline._parts, glance.at_a_glance
    compare, schema = diff.semantic_changes, apifiles.register_schema_for.__wrapped__
    sections = redline.changed_sections
    record = apifiles._change_record.__wrapped__

    def render_spy(self, template, context):
        calls.append(template)
        return render(self, template, context)

    def parts_spy(*args):
        calls.append("redline")
        return parts(*args)

    def rows_spy(register):
        calls.append(GLANCE)
        return rows(register)

    def record_spy(old, new):
        calls.append(RECORD)
        return record(old, new)

    def compare_spy(old, new):
        calls.append(CHANGES)
        return compare(old, new)

    def schema_spy(*args):
        calls.append(SCHEMA)
        return schema(*args)

    def sections_spy(old, new):
        calls.append(SECTIONS)
        return sections(old, new)

    monkeypatch.setattr(NoticeGenerator, "_render", render_spy)
    monkeypatch.setattr(redline, "changed_sections", sections_spy)
    monkeypatch.setattr(apifiles, "register_schema_for", schema_spy)
    monkeypatch.setattr(diff, "semantic_changes", compare_spy)
    monkeypatch.setattr(redline, "_parts", parts_spy)
    monkeypatch.setattr(glance, "at_a_glance", rows_spy)  # the environment's, when made
    monkeypatch.setattr(apifiles, "_change_record", record_spy)
    return calls


def test_a_notice_page_of_a_plan_made_elsewhere_still_shows_the_glance(project: Project):
    """A page a plugin adds (privacy_notice_plan_ready) may lack the rendered glance:
    notice.html then includes _glance.html itself, as it did for every page."""
    import dataclasses

    from privacy_notice.pages import Page, Plan
    from privacy_notice.signals import plan_ready

    def add_page(generator: object, plan: Plan) -> Plan:
        current = plan.page("en/index.html").context
        context = {k: v for k, v in current.items() if k != "at_a_glance"}
        return dataclasses.replace(
            plan, pages=(*plan.pages, Page("en/extra/index.html", "notice.html", context))
        )

    plan_ready.connect(add_page)
    try:
        project.build("--as-of", "2030-06-01")
    finally:
        plan_ready.disconnect(add_page)
    glances = [_glance(project.read(p)) for p in ("en/extra/index.html", "en/index.html")]
    assert 'id="at-a-glance"' in glances[0] and glances[0] == glances[1]


def _glance(page: str) -> str:
    start = page.index('<section class="glance"')
    return page[start : page.index("</section>", start)]


def test_the_published_schemas_are_in_the_key_of_what_is_kept(tmp_path, monkeypatch):
    """api/register.schema.json and the others are kept: an edit of the plugin's schema
    files changes the kept texts' key (generator.py) as an edit of its code does."""
    plugin = tmp_path / "plugin"
    shutil.copytree(previewcache.PLUGIN, plugin, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(previewcache, "PLUGIN", plugin)
    theme = ROOT / "theme"
    before = previewcache.rendering_digest(theme)
    schema = plugin / "schema" / "policy.schema.json"
    schema.write_text(schema.read_text("utf-8").replace('"title"', '"title" ', 1), "utf-8")
    assert previewcache.rendering_digest(theme) != before


def _shown(project: Project) -> int:
    """How many (version, language) notice pages the site has: each shows one glance."""
    output = project.path / "output"
    return sum(1 for _ in output.glob("*/versions/*/index.html"))


def _site(project: Project) -> dict[str, bytes]:
    output = project.path / "output"
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def _fresh(project: Project) -> dict[str, bytes]:
    """The site a build with no cache gives."""
    shutil.rmtree(project.path / ".cache")
    project.build("--as-of", "2030-06-01")
    return _site(project)


def test_a_rebuild_renders_no_body_and_gives_the_same_site(project: Project, rendered):
    project.build("--as-of", "2030-06-01")
    assert rendered.count(BODY) >= 3 and "redline" in rendered  # three languages
    # One glance per version and language, though the current version has two pages.
    assert rendered.count(GLANCE) == _shown(project) >= 3
    first = _site(project)
    rendered.clear()
    project.build("--as-of", "2030-06-01")
    assert rendered == []
    assert _site(project) == first


def test_an_edit_renders_the_new_version_only(project: Project, rendered):
    project.build("--as-of", "2030-06-01")
    cold = rendered.count(BODY)
    project.edit("  title: ", "  title: Edited ", count=1)
    new_version(project, "2030-01-01", "The notice says more.")  # translates what is new
    rendered.clear()
    project.build("--as-of", "2030-06-01")
    edited = rendered.count(BODY)
    assert edited > 0
    assert rendered.count(GLANCE) == 3  # the new version's, in each language
    kept = _site(project)
    rendered.clear()
    assert kept == _fresh(project)  # what was kept is what a build without it renders
    # The released version's bodies came from the cache (the fresh build rendered them).
    assert edited < rendered.count(BODY)
    assert cold <= rendered.count(BODY)
    assert rendered.count(GLANCE) == _shown(project) > 3


def test_a_change_record_is_computed_once_for_its_documents(project: Project, rendered):
    project.edit("  title: ", "  title: Edited ", count=1)
    new_version(project, "2030-01-01", "The notice says more.")
    project.build("--as-of", "2030-06-01")
    assert rendered.count(RECORD) == 1 and rendered.count(CHANGES) == 2  # changes, compare
    rendered.clear()
    project.build("--as-of", "2030-06-01")
    assert rendered == []  # nor any change summary
    project.edit("  title: Edited ", "  title: Edited again ", count=1)
    project.pseudo_translate_missing()
    rendered.clear()
    project.build("--as-of", "2030-06-01")
    assert rendered.count(RECORD) == 1  # the new document's
    kept = _site(project)
    assert "Edited again" in kept["api/changes/2030-01-01.json"].decode()
    assert kept == _fresh(project)


def test_a_rebuild_asks_what_the_build_before_asked(project: Project):
    """The kept texts hold what a build asked: a rebuild asks the same (an answer asked
    only while computing another, kept one would be dropped), so nothing is written."""
    project.edit("  title: ", "  title: Edited ", count=1)
    new_version(project, "2030-01-01", "The notice says more.")
    project.build("--as-of", "2030-06-01")
    kept = project.path / ".cache" / "rendered.kept"
    written = kept.stat()
    project.build("--as-of", "2030-06-01")
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


@pytest.mark.parametrize(
    ("file", "old", "new", "seen"),
    [
        ("theme/templates/_notice_body.html", "</", "<!-- edited theme -->\n</", "edited theme"),
        ("theme/templates/_glance.html", "</section>", "edited glance</section>", "edited glance"),
        (
            "theme/translations/fi/LC_MESSAGES/theme.po",
            'msgid "Name"\nmsgstr "Nimi"',
            'msgid "Name"\nmsgstr "Nimi (muokattu)"',
            "Nimi (muokattu)",
        ),
    ],
)
def test_a_theme_edit_renders_every_body_again(
    project: Project, rendered, file: str, old: str, new: str, seen: str
):
    project.build("--as-of", "2030-06-01")
    path = project.path / file
    assert old in path.read_text("utf-8"), f"{old!r} not in {file}"
    project.edit(old, new, file=file)
    rendered.clear()
    project.build("--as-of", "2030-06-01")
    assert rendered.count(BODY) >= 3 and rendered.count(GLANCE) >= 3
    pages = [project.read(p) for p in ("fi/index.html", "en/index.html")]
    assert any(seen in page for page in pages)
    assert _site(project) == _fresh(project)


def test_other_settings_render_every_body_again(project: Project, rendered):
    project.build("--as-of", "2030-06-01")
    rendered.clear()
    project.build("--as-of", "2030-07-01")  # another day: which version is in force may change
    assert rendered.count(BODY) >= 3
