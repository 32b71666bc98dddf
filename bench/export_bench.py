"""The cost of each machine-readable format per version (TILT, DPV JSON-LD, the JSON-LD
data block of the pages), and the default build against a bare Pelican build.

    python bench/export_bench.py [--runs N] [--versions 50] [--against eb0062d]

1. In process, on a synthetic history of N versions (build_bench.synthetic_history): the
   time to make every version's TILT documents (all languages, serialized), its JSON-LD
   document, its serialized file and its page data block; the median of the runs, after
   one warm-up (a build has loaded Babel's locale data and rendered the texts by then).
2. The default build (warm caches) against a bare Pelican build of one Markdown page,
   whole processes run alternately, as in build_bench.py; with ``--against REV``, also
   against the same build at REV (a commit without the exports: their whole cost).

Timings are never asserted; docs/performance.md records what was measured.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bench import (
    BIN,
    ROOT,
    alternate,
    bare_site,
    checkout,
    copy_project,
    ratio_line,
    synthetic_history,
    work_folder,
)

from privacy_notice.exportcache import ExportCache
from privacy_notice.exports import formats
from privacy_notice.exports.dpv import notice_jsonld
from privacy_notice.exports.tilt import Meta, tilt_document
from privacy_notice.history.versions import build_site
from privacy_notice.languages.localize import format_duration
from privacy_notice.render.generator import page_url
from privacy_notice.source.options import Options


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def per_format(project: Path, runs: int) -> None:
    site = build_site(
        Options(project / "policy.yaml", project / "translations", project / "content/versions")
    )
    count = len(site.versions)
    url = "https://tietosuoja.example.fi"
    registers = [v.register for v in site.versions]
    languages = site.languages
    meta = Meta(1, "2019-10-23", "2019-10-23", True, url)
    iri = f"{url}/api/versions/x.jsonld"
    documents = [
        notice_jsonld(r, iri, sha256="0", date="x", locales=site.locales) for r in registers
    ]
    files = [formats.compact_json(d, sort_keys=True) for d in documents]
    cases = {
        "TILT (3 languages)": lambda: [
            formats.compact_json(tilt_document(r, lang, meta, site.locale(lang)))
            for r in registers
            for lang in languages
        ],
        "JSON-LD document": lambda: [
            notice_jsonld(r, iri, sha256="0", date="x", locales=site.locales) for r in registers
        ],
        "JSON-LD file (serialize)": lambda: [formats.compact_json(d, True) for d in documents],
        "JSON-LD page data block": lambda: [formats.script_tag(f) for f in files],
        "all formats, unchanged versions (cache)": lambda: formats.site_exports(
            site, url, page_url, cache
        ),
    }  # fmt: skip
    with work_folder() as directory:
        cache = ExportCache(directory)
        formats.site_exports(site, url, page_url, cache)
        print(f"{count} versions, {runs} runs; per version:")
        for name, work in cases.items():
            print(f"  {name}: {median_ms(work, runs) / count:.2f} ms")
        sizes = formats.site_exports(site, url, page_url).files
        tilt = sum(len(v) for k, v in sizes.items() if k.startswith("api/tilt/2")) / count
        print(f"  sizes: TILT {tilt / 1024:.1f} KiB, JSON-LD {len(files[-1]) / 1024:.1f} KiB")


def first_build_cost(project: Path) -> None:
    """What the exports add to one default build with no cache: their first call in a
    process in which Babel has loaded each language's locale data, as page rendering has
    done before them."""
    site = build_site(
        Options(project / "policy.yaml", project / "translations", project / "content/versions")
    )
    for lang in site.languages:  # Babel's locale data, as the pages' durations load it
        format_duration("P1M", site.locale(lang))
    start = time.perf_counter()
    formats.site_exports(site, "", page_url)
    formats.add_format_links({"versions": [{"date": site.current.date}]}, site, "")
    print(
        f"default notice, exports in a fresh build: {(time.perf_counter() - start) * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--versions", type=int, default=50)
    parser.add_argument("--against", help="a git revision to compare the default build with")
    args = parser.parse_args()
    with work_folder() as tmp:
        work = Path(tmp)
        history = copy_project(work / "history")
        synthetic_history(history, args.versions)
        per_format(history, max(3, args.runs // 3))
        first_build_cost(ROOT)

        project = copy_project(work / "project")
        bare = bare_site(work / "bare", 1, "Hello, *world*.")
        notice, pelican = str(BIN / "privacy-notice"), str(BIN / "pelican")
        cases = {
            "notice": ([notice, "build", "-o", "out"], project),
            "bare": ([pelican, "content", "-s", "pelicanconf.py", "-o", "out", "-q"], bare),
        }
        if args.against:  # the project as it was at REV, its own plugin first on the path
            old = checkout(args.against, work / "against")
            command = ["env", f"PYTHONPATH={old / 'plugins'}", notice, "build", "-o", "out"]
            cases["against"] = (command, old)
        samples = alternate(cases, args.runs)
        print(ratio_line("default build, warm caches", samples, "notice", "bare", 1.3))
        if args.against:
            notice_ms, against_ms = samples.median("notice"), samples.median("against")
            print(
                f"the same build at {args.against}: {against_ms * 1000:.0f} ms; "
                f"the exports add {(notice_ms - against_ms) * 1000:.0f} ms"
            )


if __name__ == "__main__":
    main()
