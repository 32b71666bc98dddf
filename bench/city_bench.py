"""A city of N registers (issue 24): its build on every core against a bare Pelican build
of as many pages, peak memory, ``validate`` of all of them.

    python bench/city_bench.py [--registers 30,100,300] [--rounds 3]

The city: examples/city's shared blocks and directory, and N registers copied from its
twelve (varied purposes, laws, special categories, recipients; fi and sv), each with its
two releases plus a third, a shared change released for all with ``release --summary``.
The baseline: Pelican's default theme with no page menu (``DISPLAY_PAGES_ON_MENU =
False``: with it every page lists every other, which makes Pelican quadratic), as many
Markdown articles as the city writes HTML pages, each the default notice's English text.
Whole processes, run in turn, medians; peak memory from ``os.wait4``. Self-contained (the
bench helpers are being rewritten on another branch).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po

from privacy_notice.languages.update import render

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTICE = str(BIN / "privacy-notice")
BARE_CONF = """SITENAME = "Bare"
SITEURL = ""
TIMEZONE = "UTC"
PATH = "content"
DISPLAY_PAGES_ON_MENU = False
"""
# The live preview's settings: the tool's defaults for the city's folder.
SETTINGS = """from pathlib import Path
from privacy_notice.render.defaults import notice_settings
globals().update(notice_settings(Path(__file__).resolve().parent))
"""
SUMMARY = "Tietosuojavastaavan puhelinnumero muuttui."


def run(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (with children) and peak memory (KiB, the largest of the
    process and its children)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read() if process.stderr else b""
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


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


def bare_site(target: Path, pages: int) -> Path:
    body = (ROOT / "tests" / "data" / "seed_notice_en.txt").read_text("utf-8")
    (target / "content").mkdir(parents=True)
    (target / "pelicanconf.py").write_text(BARE_CONF)
    for index in range(pages):
        (target / "content" / f"page-{index:05d}.md").write_text(
            f"Title: Page {index}\nDate: 2019-10-23\n\n{body}\n", "utf-8"
        )
    return target


def preview(city: Path, edits: int) -> list[float]:
    """Seconds from a save of one register's ``policy.yaml`` to its page served by
    ``privacy-notice serve --register SLUG`` showing it (the register alone, see README)."""
    slug = sorted(p.name for p in (city / "registers").iterdir() if p.name.startswith("kirjasto"))[
        0
    ]
    policy = city / "registers" / slug / "policy.yaml"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [NOTICE, "serve", "--register", slug, "--port", str(port), "-s", "pelicanconf.py"],
        cwd=city,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = f"http://127.0.0.1:{port}/fi/index.html"
    samples = []
    try:
        _wait(lambda: "3 vuotta" in _fetch(page), 120)
        years = 3
        for _ in range(edits):
            time.sleep(1)
            old, years = f"P{years}Y", years + 1
            text = policy.read_text("utf-8").replace(f'period: "{old}"', f"period: P{years}Y")
            text = text.replace(f"period: {old}", f"period: P{years}Y")
            start = time.perf_counter()
            policy.write_text(text, "utf-8")
            _wait(lambda y=years: f"{y} vuotta" in _fetch(page), 30)
            samples.append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait()
    return samples


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition: Callable[[], bool], seconds: float) -> None:
    end = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > end:
            raise SystemExit("the preview did not show the edit in time")
        time.sleep(0.02)


def median(runs: list[tuple[float, float, int]], index: int) -> float:
    return statistics.median(r[index] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registers", default="30,100,300")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5, help="saves timed in the preview")
    args = parser.parse_args()
    parent = Path(os.environ.get("BENCH_TMP") or ROOT / ".bench")
    parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent) as tmp:
        for size in [int(n) for n in args.registers.split(",")]:
            city = make_city(Path(tmp) / f"city-{size}", size)
            build = [NOTICE, "build", "-o", "out", "--as-of", "2026-01-01"]
            run(build, city)
            pages = sum(1 for _ in (city / "out").resolve().rglob("*.html"))
            bare = bare_site(Path(tmp) / f"bare-{size}", pages)
            pelican = [str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", "out", "-q"]
            cases = {
                "city": (build, city),
                "serial": ([*build, "--jobs", "1"], city),
                "bare": (pelican, bare),
                "validate": ([NOTICE, "validate"], city),
            }
            runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in cases}
            for _ in range(args.rounds):
                for name, (command, cwd) in cases.items():
                    runs[name].append(run(command, cwd))
            load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
            city_wall, bare_wall = median(runs["city"], 0), median(runs["bare"], 0)
            print(
                f"{size} registers, {pages} pages (load {load}, {os.cpu_count()} cores): "
                f"build {city_wall:.2f} s vs bare Pelican {bare_wall:.2f} s = "
                f"{city_wall / bare_wall:.2f}x (one process: {median(runs['serial'], 0):.2f} s); "
                f"CPU {median(runs['city'], 1):.2f} vs {median(runs['bare'], 1):.2f} s; "
                f"peak memory {median(runs['city'], 2) / 1024:.0f} vs "
                f"{median(runs['bare'], 2) / 1024:.0f} MiB = "
                f"{median(runs['city'], 2) / median(runs['bare'], 2):.2f}x; "
                f"validate {median(runs['validate'], 0):.2f} s",
                flush=True,
            )
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
