"""The Pelican generator: runs the pipeline, then writes every page, JSON file and feed.

It only orchestrates. What the site shows is computed by :mod:`.site` and :mod:`.diff`;
how it looks is the theme's business.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path as FilePath
from typing import Any

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from . import diff, export, feeds, filters, formats, labels, redline
from .change import Change
from .diagnostics import PolicyError
from .exportcache import ExportCache
from .i18n import theme_translations
from .schema import register_schema_for, register_schema_path
from .settings import OPTIONS_KEY, SOURCE_KEY, Locator, check_settings
from .site import Options, Site, Version, build_site
from .theme_i18n import escaped_callables

logger = logging.getLogger(__name__)


def options_from(settings: dict[str, Any]) -> Options:
    """The pipeline's options from Pelican's settings, checked (see :mod:`.settings`)."""
    notice = check_settings(settings)
    base = FilePath(notice.root or FilePath(settings["PATH"]).parent)
    return Options(
        policy=base / notice.policy,
        translations=base / notice.translations,
        versions=base / notice.versions,
        allow_fallback=notice.allow_fallback,
        allow_draft=notice.allow_draft,
        theme_translations=FilePath(settings["THEME"]) / "translations",
        cache=FilePath(settings.get("CACHE_PATH", "cache")),
        preview=notice.allow_preview,
        as_of=notice.as_of or today_in(settings),
    )


def today_in(settings: dict[str, Any]) -> str:
    """Today's date where the notice is published (Pelican's ``TIMEZONE``, else UTC)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    timezone = settings.get("TIMEZONE") or "UTC"
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        message = f"unknown time zone {timezone!r}: set an IANA name such as 'Europe/Helsinki'"
        where = Locator(settings.get(SOURCE_KEY))
        raise PolicyError([where.locate("TIMEZONE", message, "TIMEZONE")]) from None
    return dt.datetime.now(zone).date().isoformat()


def page_url(kind: str, lang: str, date: str = "") -> str:
    """The site-relative URL of a page (the public URL contract)."""
    return {
        "current": f"{lang}/index.html",
        "history": f"{lang}/versions/index.html",
        "version": f"{lang}/versions/{date}/index.html",
        "changes": f"{lang}/versions/{date}/changes/index.html",
        "feed": f"feeds/{lang}.atom.xml",
    }[kind]


class NoticeGenerator(Generator):  # type: ignore[misc]  # Pelican ships no types
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.autoescape = True  # policy texts are data, never markup
        # Compiling the templates is most of a small build's own time; Jinja's bytecode
        # cache is keyed by each template's source checksum, so edits are picked up.
        cache = FilePath(self.settings.get("CACHE_PATH", "cache")) / "jinja"
        cache.mkdir(parents=True, exist_ok=True)
        self.env.bytecode_cache = FileSystemBytecodeCache(str(cache))
        self.env.add_extension("jinja2.ext.i18n")
        filters.install(self.env)
        self.env.globals["page_url"] = page_url
        self.env.globals["format_url"] = formats.format_url
        self.site: Site | None = None

    def generate_context(self) -> None:
        # Checked by privacy-notice build already; by the first use under plain pelican.
        options = self.settings.get(OPTIONS_KEY) or options_from(self.settings)
        self.site = build_site(options)
        if self.settings.get("SITENAME") in (None, DEFAULT_CONFIG["SITENAME"]):
            # The site is the controller's (feed titles, templates), unless settings say so.
            self.context["SITENAME"] = self.site.current.register.controller.name
        for warning in self.site.warnings:
            logger.warning("%s", warning)

    # --- output ---------------------------------------------------------------------------

    def generate_output(self, writer: Writer) -> None:
        site = self.site
        assert site is not None
        # What changed is the same in every language (only its wording is not): computed
        # once per pair of versions.
        changes: dict[tuple[str, str], list[Change]] = {}
        # TILT, JSON-LD (see formats.py): the JSON-LD of a version is also in its pages.
        cache = ExportCache(self.settings.get("CACHE_PATH", "cache"))
        self._exports = formats.site_exports(
            site, self.settings.get("SITEURL", ""), page_url, cache
        )
        # Each theme catalog compiled once (the entry page is in the default language).
        compiled = {lang: theme_translations(site.catalogs, lang) for lang in site.languages}
        for lang in site.languages:
            self._write_language(writer, site, lang, self._install(compiled[lang]), changes)
        self._install(compiled[self._default(site)])
        self._write_page(
            writer,
            "index.html",
            "root.html",
            **{**self._common(self._default(site), "current"), "page_kind": "root"},
        )
        self._write_api(site)

    def _install(self, translations: Any) -> Any:
        """Make ``translations`` (one language's theme catalog) those of gettext in
        templates (Pelican core does not)."""
        # Jinja marks what gettext returns as safe: the callables escape it (text, not HTML).
        self.env.install_gettext_callables(**escaped_callables(translations), newstyle=True)
        self._translations = translations
        return translations

    def _default(self, site: Site) -> str:
        default = self.settings.get("DEFAULT_LANG", site.languages[0])
        return default if default in site.languages else site.languages[0]

    def _common(
        self, lang: str, kind: str, date: str = "", languages: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """What every page needs; ``languages`` are those the page exists in (an old version
        may lack a language added later)."""
        site = self.site
        assert site is not None
        return {
            "lang": lang,
            "locale": site.locale(lang),
            "site": site,
            "source_language": site.source_language,
            "page_kind": kind,
            "page_date": date,
            "alternates": [
                (other, page_url(kind, other, date)) for other in languages or site.languages
            ],
            "fallback_label": self._translations.gettext("Not yet translated"),
        }

    def _write_page(self, writer: Writer, name: str, template: str, **context: Any) -> None:
        writer.write_file(
            name,
            self.get_template(template.removesuffix(".html")),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            **context,
        )

    def _body(self, version: Version, lang: str, changed: frozenset[str] = frozenset()) -> Markup:
        register = version.register
        return Markup(
            self.env.get_template("_notice_body.html").render(
                register=register,
                lang=lang,
                locale=self.site.locale(lang) if self.site else lang,
                changed=changed,
                source_language=register.source_language,
                fallback_label=self._translations.gettext("Not yet translated"),
            )
        )

    def _write_language(
        self,
        writer: Writer,
        site: Site,
        lang: str,
        translations: Any,
        changes: dict[tuple[str, str], list[Change]],
    ) -> None:
        versions = [v for v in site.versions if lang in v.languages]
        bodies = {v.date: self._body(v, lang) for v in versions}
        summaries: dict[str, list[str]] = {}
        for index, version in enumerate(versions):
            previous = versions[index - 1] if index else None
            context = {
                "version": version,
                "register": version.register,
                "previous": previous,
            }
            self._write_page(
                writer,
                page_url("version", lang, version.date),
                "notice.html",
                body=bodies[version.date],
                jsonld=self._exports.scripts[version.date],
                machine_links=formats.alternate_links(version, current=False),
                **context,
                **self._common(lang, "version", version.date, version.languages),
            )
            if previous is None:
                continue
            pair = (previous.date, version.date)
            if pair not in changes:
                changes[pair] = diff.semantic_changes(previous.register, version.register)
            # Only what this language's text shows: a Finnish fix is no change in English.
            summaries[version.date] = [
                c.describe(lang, translations.gettext, site.locale(lang), labels.label)
                for c in changes[pair]
                if c.shown_in(lang)
            ]
            redlined = redline.redline(
                bodies[previous.date],
                bodies[version.date],
                translations.gettext("Deleted:"),
                translations.gettext("Inserted:"),
            )
            self._write_page(
                writer,
                page_url("changes", lang, version.date),
                "changes.html",
                body=redlined,
                changes=summaries[version.date],
                **context,
                **self._common(lang, "changes", version.date, site.changes_languages(version)),
            )
        current = versions[-1]
        previous = versions[-2] if len(versions) > 1 else None
        changed = frozenset(
            diff.changed_sections(previous.register, current.register) if previous else ()
        )
        self._write_page(
            writer,
            page_url("current", lang),
            "notice.html",
            body=self._body(current, lang, changed) if changed else bodies[current.date],
            version=current,
            register=current.register,
            previous=previous,
            changed=changed,
            jsonld=self._exports.scripts[current.date],
            machine_links=formats.alternate_links(current, current=True),
            **self._common(lang, "current"),
        )
        self._write_page(
            writer,
            page_url("history", lang),
            "history.html",
            versions=versions,
            summaries=summaries,
            register=current.register,
            **self._common(lang, "history"),
        )
        self._write_feed(site, lang, versions, summaries, translations)

    def _write_feed(
        self,
        site: Site,
        lang: str,
        versions: list[Version],
        summaries: dict[str, list[str]],
        translations: Any,
    ) -> None:
        controller = site.current.register.controller
        place = feeds.Place(
            self.settings.get("SITEURL", ""),
            site.versions[0].date,
            controller.website,
            controller.email,
        )
        feed = feeds.language_feed(
            versions,
            summaries,
            lang,
            site.locale(lang),
            translations.gettext,
            place,
            page_url,
            self.context.get("SITENAME", ""),
        )
        self._write_bytes(page_url("feed", lang), feeds.atom(feed))

    def _write_bytes(self, name: str, data: bytes) -> None:
        target = FilePath(self.output_path) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def _write_api(self, site: Site) -> None:
        site_url = self.settings.get("SITEURL", "")
        files = {
            "api/register.json": export.canonical_json(site.current.document),
            "api/register.schema.json": export.canonical_json(register_schema_for(site.languages)),
            **{
                register_schema_path(number): export.canonical_json(
                    register_schema_for(None, number)
                )
                for number in export.schema_versions(site.versions)
            },
            "api/versions.json": export.canonical_json(
                formats.add_format_links(
                    export.versions_index(site.versions, site_url, page_url), site, site_url
                )
            ),
            **self._exports.files,
        }
        for index, version in enumerate(site.versions):
            # Published as stored, so that its SHA-256 in versions.json is the file's; the
            # change record applies to the documents as published.
            files[f"api/versions/{version.date}.json"] = version.published
            if index:
                files[f"api/changes/{version.date}.json"] = export.canonical_json(
                    export.json_patch(
                        json.loads(site.versions[index - 1].published),
                        json.loads(version.published),
                    )
                )
        for name, data in files.items():
            self._write_bytes(name, data)
