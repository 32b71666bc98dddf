"""``privacy-notice records``: the organisation's record of processing activities (GDPR
Art. 30(1)) from the registers' own source, one row per processing activity (each purpose
of each register), in every language of any register, as CSV and as a spreadsheet
(XLSX): ``records/records-<lang>.csv`` and ``.xlsx``.

It reads each register's ``policy.yaml`` as it is (an edit not yet released too: the
record describes the processing of today) with its ``records`` facts, which are never
published. Every register is checked first; a problem in any writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from privacy_notice.commands import context
from privacy_notice.commands.outputdir import STAMP
from privacy_notice.diagnostics import Diagnostic, PolicyError, display, visible
from privacy_notice.exports import records, spreadsheet
from privacy_notice.files import write_atomically
from privacy_notice.history.registers import RegisterJob, project_directory, register_jobs
from privacy_notice.history.versions import place_policy
from privacy_notice.languages.catalogs import theme_catalogs
from privacy_notice.model.labels import N_
from privacy_notice.model.register import register_from_document
from privacy_notice.source.project import each


def run(args: argparse.Namespace) -> int:
    project = context.project(args)
    project.select(args.register)  # an unknown slug: one located line
    base = replace(context.options(args), register=args.register)
    jobs, problems = register_jobs(base)
    directory = project_directory(project)

    def source(job: RegisterJob) -> records.Source:
        options = replace(job.options, preview=True)  # an unreleased edit is read as it is
        placed = place_policy(options, allow_fallback=False, refuse_unfilled=False)
        internal = placed.loaded.data.get("records") or {}
        locales = {**job.locales, **(placed.loaded.data.get("locales") or {})}
        register = register_from_document(placed.document)
        return records.Source(job.folder.slug, register, internal, locales)

    sources = each(jobs, source, problems)
    languages = list(dict.fromkeys(lang for s in sources for lang in s.register.languages))
    catalogs = theme_catalogs(base, languages)
    folder = Path(args.output or "records")
    _refuse_site(folder)
    day = context.as_of(args.as_of)
    folder.mkdir(parents=True, exist_ok=True)
    for lang in languages:
        gettext = catalogs[lang].gettext
        headings = records.headings(gettext)
        rows = records.rows(sources, lang, gettext, directory)
        title = gettext(N_("Record of processing activities"))
        # A sheet's name has 31 characters at most: a short one, whole in every language.
        sheet = gettext(N_("Processing activities"))
        for suffix, data in (
            ("csv", spreadsheet.csv_bytes(headings, rows)),
            ("xlsx", spreadsheet.xlsx_bytes(headings, rows, title, sheet, day)),
        ):
            path = folder / f"records-{lang}.{suffix}"
            write_atomically(path, data)
            print(f"wrote {visible(display(path))} ({len(rows)} rows)", file=sys.stderr)
    return 0


def _refuse_site(folder: Path) -> None:
    """The record is the organisation's own: never written into a built site."""
    for parent in (folder, *folder.resolve().parents):
        if (parent / STAMP).exists():
            message = (
                f"{display(folder)} is inside a built site: the record of processing "
                "activities is not published; write it elsewhere (default: records/)"
            )
            raise PolicyError([Diagnostic("-o", message=message)])
