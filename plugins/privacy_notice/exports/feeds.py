"""The Atom feed of one language (RFC 4287): the versions and their change lines in,
entry data and the feed's bytes out.

Written here rather than by Pelican's feed writer, which takes entry ids from
``feedgenerator.get_tag_uri`` (``tag:None,…`` for a site without ``SITEURL``), gives all
language feeds the same ``<id>``, writes no ``xml:lang`` and an empty ``<author>``.

Ids are ``tag:`` URIs (RFC 4151): the authority is the host of ``SITEURL``, else (a
development build) the host of the controller's website, else the controller's email
address (RFC 4151 allows either), else ``localhost``; the date is the first
version's, which never changes; the specific part is the page's path. So ids are absolute,
stable, and unique across languages and versions. Nothing depends on the time of the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from privacy_notice.history.effective import InForce
from privacy_notice.languages.localize import format_date

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot hold at all: dropped rather than making the feed unreadable.
# An email address as RFC 4151 allows it in a tag's authority.
_TAG_EMAIL = re.compile(r"[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    """One entry of a feed: a version of the notice and what changed in it."""

    id: str
    title: str
    link: str
    updated: str  # RFC 3339
    summary: str  # plain text
    content: str  # HTML
    published: str = ""  # RFC 3339; "": the same as updated
    lang: str = ""  # "": the feed's language (a site-wide feed may carry others)
    author: str = ""  # "": the feed's author (a site-wide feed's registers may have others)
    author_uri: str | None = None


@dataclass(frozen=True)
class Feed:
    """One language's Atom feed, as data (:func:`atom` writes its bytes)."""

    id: str
    lang: str
    title: str
    link: str  # the current notice in this language
    self_link: str
    author: str
    author_uri: str | None
    updated: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Place:
    """Where the site is: absolute URLs from ``site_url`` (else root-relative ones), and the
    authority and date of its ``tag:`` ids."""

    site_url: str
    first_date: str
    # The controller's, for the ids of a build with no site URL.
    website: str | None = None
    email: str | None = None

    def url(self, path: str) -> str:
        return f"{self.site_url}/{path}" if self.site_url else f"/{path}"

    def tag(self, path: str) -> str:
        base = urlsplit(self.site_url or self.website or "")
        email = (self.email or "").lower()
        authority = base.hostname or (email if _TAG_EMAIL.fullmatch(email) else "localhost")
        prefix = base.path.rstrip("/") if self.site_url else ""
        return f"tag:{authority},{self.first_date}:{prefix}/{path}"


Gettext = Callable[[str], str]
PageUrl = Callable[..., str]


def entry_texts(
    notice: Any,
    lines: Sequence[str] | None,
    lang: str,
    locale: str,
    gettext: Gettext,
    period: InForce | None = None,
) -> tuple[str, str]:
    """(summary as plain text, content as HTML) of a version's entry: the human-written
    summary, when it is in force (``period``, from the history) if not from its update,
    then the change lines (``None``: the first version)."""
    if lines is None:
        lines = [gettext("First published version.")]
    elif not lines:
        lines = [gettext("No change in content: only the wording or a translation was corrected.")]
    paragraphs = [notice.summary[lang]] if notice.summary else []
    if period is not None and period.overtaken:
        paragraphs.append(
            gettext(
                "Announced to take effect on %(date)s; replaced before then by the notice "
                "of %(replacement)s."
            )
            % {
                "date": format_date(period.starts, locale),
                "replacement": format_date(str(period.replaced_by), locale),
            }
        )
    elif notice.effective and notice.effective != notice.updated:
        date = format_date(notice.effective, locale)
        paragraphs.append(gettext("In force from %(date)s.") % {"date": date})
    if notice.supersedes_announced:
        date = format_date(notice.supersedes_announced, locale)
        paragraphs.append(
            gettext(
                "This version replaces the version announced to take effect on %(date)s, "
                "which did not take effect."
            )
            % {"date": date}
        )
    summary = " ".join([*(_sentence(p) for p in paragraphs), _sentence("; ".join(lines))])
    content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    content += "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
    return summary, content


def language_feed(
    versions: Sequence[Any],
    changes: Mapping[str, Sequence[str]],
    lang: str,
    locale: str,
    gettext: Gettext,
    place: Place,
    page_url: PageUrl,
    site_name: str = "",
    periods: Mapping[str, InForce] | None = None,
    unchanged: Collection[str] = (),
) -> Feed:
    """The feed of ``lang``: one entry per version, newest first. ``changes``: each
    version's change lines in this language, by date (none for the first version);
    ``site_name`` (Pelican's ``SITENAME``) is put before the notice's title; ``periods``:
    when each version is in force (by date); ``unchanged``: the dates of versions whose
    page in this language reads as the one before (a fix in another language), which
    get no entry: there is nothing to tell this language's readers."""
    entries = []
    first = versions[0].date
    for version in reversed(versions):
        if version.date in unchanged:
            continue
        notice = version.register.notice
        period = (periods or {}).get(version.date)
        summary, content = entry_texts(
            notice, changes.get(version.date), lang, locale, gettext, period
        )
        kind = "changes" if version.date in changes else "version"
        date = format_date(version.date, locale)
        if version.date == first:
            title = gettext("Published on %(date)s") % {"date": date}
        else:
            title = gettext("Updated on %(date)s") % {"date": date}
        # An entry's text changes once more when a later version replaces it before it
        # took effect: ``updated`` is then that version's date (RFC 4287 4.2.15).
        updated = period.replaced_by if period is not None and period.replaced_by else None
        entries.append(
            Entry(
                id=place.tag(page_url("version", lang, version.date).removesuffix("index.html")),
                title=title,
                link=place.url(page_url(kind, lang, version.date)),
                published=f"{version.date}T00:00:00Z",
                updated=f"{updated or version.date}T00:00:00Z",
                summary=summary,
                content=content,
            )
        )
    current = versions[-1].register
    return Feed(
        id=place.tag(page_url("feed", lang)),
        lang=lang,
        title=" - ".join(filter(None, (site_name, current.notice.title[lang]))),
        link=place.url(page_url("current", lang)),
        self_link=place.url(page_url("feed", lang)),
        author=current.controller.name[lang],
        author_uri=current.controller.website,
        updated=max(entry.updated for entry in entries),
        entries=tuple(entries),
    )


def site_feed(
    parts: Sequence[tuple[str, Feed]],
    lang: str,
    place: Place,
    path: str,
    link: str,
    title: str,
    limit: int | None = None,
) -> Feed:
    """The site-wide feed of ``lang``: the entries of every register's feed (``parts``:
    the register's title and its feed), newest first, each title naming its register.
    A register that does not publish ``lang`` takes part in its own language (as the
    privacy centre lists it), its entries marked with their ``xml:lang``. The entries keep
    their ids, unique across registers (their paths differ). ``limit``: only the newest
    entries, as many (a feed of recent changes across hundreds of registers)."""
    entries = sorted(
        (
            replace(
                e,
                title=f"{name}: {e.title}",
                lang="" if feed.lang == lang else feed.lang,
                author=feed.author,  # each register's controller, not the first one's
                author_uri=feed.author_uri,
            )
            for name, feed in parts
            for e in feed.entries
        ),
        key=lambda e: (e.updated, e.id),
        reverse=True,
    )[:limit]
    first = parts[0][1]
    return Feed(
        id=place.tag(path),
        lang=lang,
        title=title,
        link=place.url(link),
        self_link=place.url(path),
        author=first.author,
        author_uri=first.author_uri,
        updated=entries[0].updated,
        entries=tuple(entries),
    )


def atom(feed: Feed) -> bytes:
    """The feed as Atom XML, UTF-8; the same feed gives the same bytes."""
    author = _author(feed.author, feed.author_uri)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f"<feed xmlns={quoteattr(ATOM)} xml:lang={_attr(feed.lang)}>",
        _element("id", feed.id),
        _element("title", feed.title),
        f'<link rel="alternate" type="text/html" hreflang={_attr(feed.lang)} '
        f"href={_attr(feed.link)}/>",
        f'<link rel="self" type="application/atom+xml" href={_attr(feed.self_link)}/>',
        _element("updated", feed.updated),
        author,
    ]
    for entry in feed.entries:
        out += [
            f"\n<entry xml:lang={_attr(entry.lang)}>" if entry.lang else "\n<entry>",
            _element("id", entry.id),
            _element("title", entry.title),
            f'<link rel="alternate" type="text/html" href={_attr(entry.link)}/>',
            _element("published", entry.published or entry.updated),
            _element("updated", entry.updated),
            _author(entry.author, entry.author_uri) if entry.author else author,
            '<summary type="text">' + _text(entry.summary) + "</summary>",
            '<content type="html">' + _text(entry.content) + "</content>",
            "</entry>",
        ]
    out.append("\n</feed>\n")
    return "".join(out).encode("utf-8")


def _author(name: str, uri: str | None) -> str:
    return "<author>" + _element("name", name) + (_element("uri", uri) if uri else "") + "</author>"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _element(name: str, text: str) -> str:
    return f"<{name}>{_text(text)}</{name}>"
