"""A city of N registers (issue 24): its build on every core against a bare Pelican build
of as many pages, peak memory, ``validate`` of all of them.

    python bench/city_bench.py [--registers 30,100,300] [--rounds 3]

The city: examples/city's shared blocks and directory, and N registers copied from its
twelve (varied purposes, laws, special categories, recipients; fi and sv), each with its
two releases plus a third, a shared change released for all with ``release --summary``.
The baseline: Pelican's default theme with no page menu (``DISPLAY_PAGES_ON_MENU =
False``: with it every page lists every other, which makes Pelican quadratic), as many
Markdown articles as the city writes HTML pages, each the default notice's English text.
Measured as measure.py says (whole processes in turn, medians, peak memory); the preview
as devserver_bench.py times it, on ``serve --register`` of one library register.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from babel.messages.pofile import read_po
from devserver_bench import fetch, free_port, wait_for
from measure import (
    BARE_BUILD,
    BIN,
    ROOT,
    Case,
    alternate,
    bare_site,
    html_pages,
    load,
    memory,
    report,
    work_folder,
)

from privacy_notice.languages.update import render

NOTICE = str(BIN / "privacy-notice")
# The live preview's settings: the tool's defaults for the city's folder.
SETTINGS = """from pathlib import Path
from privacy_notice.render.defaults import notice_settings
globals().update(notice_settings(Path(__file__).resolve().parent))
"""
SUMMARY = "Tietosuojavastaavan puhelinnumero muuttui."


def make_city(target: Path, registers: int) -> Path:
    """The city of ``registers`` registers described above, at ``target``."""
    source = ROOT / "examples" / "city"
    target.mkdir(parents=True)
    shutil.copy2(source / "shared.yaml", target / "shared.yaml")
    shutil.copytree(source / "shared", target / "shared")
    templates = sorted((source / "registers").iterdir())
    for index in range(registers):
        template = templates[index % len(templates)]
        shutil.copytree(template, target / "registers" / f"{template.name}-{index:03d}")
        policy = target / "registers" / f"{template.name}-{index:03d}" / "policy.yaml"
        # English too, from the third version on (its texts marked, not translated).
        text = policy.read_text("utf-8")
        policy.write_text(text.replace('  - "sv"\n', '  - "sv"\n  - "en"\n', 1), "utf-8")
    shared = target / "shared.yaml"
    # The DPO's new telephone number: one shared edit, every register changed; and the
    # units and groups named in English too.
    text = shared.read_text("utf-8").replace("+358 9 123 4500", "+358 9 123 4600")
    text = re.sub(r'^( +)sv: "(.*)"$', r'\g<0>\n\1en: "[en] \2"', text, flags=re.M)
    shared.write_text(text, "utf-8")
    release = [NOTICE, "release", "--as-of", "2025-09-01", "--summary", SUMMARY]
    subprocess.run(release, cwd=target, capture_output=True)  # writes the summary to translate
    subprocess.run([NOTICE, "translations"], cwd=target, check=True, capture_output=True)
    for po in target.rglob("policy.po"):
        translate(po)
    done = subprocess.run(
        [NOTICE, "release", "--as-of", "2025-09-01"], cwd=target, text=True, capture_output=True
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return target


def translate(po: Path) -> None:
    """Every empty entry of a catalog filled: the summary in Swedish, every English text
    marked as such (the bench needs the pages, not the words)."""
    lang = po.parts[-3]
    catalog = read_po(po.open("rb"), locale=lang)
    for message in catalog:
        if message.id and (not message.string or message.fuzzy):
            swedish = "Dataskyddsombudets telefonnummer ändrades."
            # English has no case forms: a placeholder's case ({period:genitive}) is dropped.
            english = re.sub(r"\{(\w+):\w+\}", r"{\1}", message.id)
            message.string = swedish if lang == "sv" else f"[en] {english}"
            message.flags.discard("fuzzy")
    po.write_bytes(render(catalog, locations=False))


def preview(city: Path, edits: int) -> list[float]:
    """Seconds from a save of one register's ``policy.yaml`` to its page served by
    ``privacy-notice serve --register SLUG`` showing it (the register alone, see README)."""
    libraries = sorted(p.name for p in (city / "registers").iterdir() if "kirjasto" in p.name)
    if not libraries:
        raise SystemExit("the preview edits a library register: --registers 12 or more")
    slug = libraries[0]
    policy = city / "registers" / slug / "policy.yaml"
    port = free_port()
    server = subprocess.Popen(
        [NOTICE, "serve", "--register", slug, "--port", str(port), "-s", "pelicanconf.py"],
        cwd=city,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/fi/index.html"
    samples = []
    try:
        wait_for(lambda: "3 vuotta" in fetch(page), 120)
        years = 3
        for _ in range(edits):
            time.sleep(1)
            old, years = f"P{years}Y", years + 1
            text = policy.read_text("utf-8").replace(f'period: "{old}"', f"period: P{years}Y")
            text = text.replace(f"period: {old}", f"period: P{years}Y")
            start = time.perf_counter()
            policy.write_text(text, "utf-8")
            wait_for(lambda y=years: f"{y} vuotta" in fetch(page))
            samples.append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registers", default="30,100,300")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5, help="saves timed in the preview")
    args = parser.parse_args()
    with work_folder() as tmp:
        for size in [int(n) for n in args.registers.split(",")]:
            city = make_city(Path(tmp) / f"city-{size}", size)
            build = [NOTICE, "build", "-o", "out", "--as-of", "2026-01-01"]
            subprocess.run(build, cwd=city, check=True, capture_output=True)
            pages = html_pages(city / "out")
            cases = alternate(
                {
                    "city": Case(build, city),
                    "serial": Case([*build, "--jobs", "1"], city),
                    "bare": Case(BARE_BUILD, bare_site(Path(tmp) / f"bare-{size}", pages)),
                    "validate": Case([NOTICE, "validate"], city),
                },
                args.rounds,
            )
            city_case, bare = cases["city"], cases["bare"]
            print(f"{size} registers, {pages} HTML pages; {load()}")
            print("  " + report("build on every core vs bare Pelican", city_case, bare, 1.0))
            print("  " + report("build in one process vs bare Pelican", cases["serial"], bare))
            print("  " + memory("build on every core", city_case, bare, 2.0))
            print(f"  validate: {cases['validate'].median():.2f} s; target under 2 s")
            if args.edits:
                (city / "pelicanconf.py").write_text(SETTINGS, "utf-8")
                saves = preview(city, args.edits)
                print(
                    f"  serve --register: save to served page median "
                    f"{statistics.median(saves) * 1000:.0f} ms, worst {max(saves) * 1000:.0f} ms",
                    flush=True,
                )


if __name__ == "__main__":
    main()
