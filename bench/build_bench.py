"""Benchmarks, as ratios against a baseline measured side by side in the same run.

    python bench/build_bench.py [--runs N] [--histories 50,100,200] [--quick] [--histories-only]
    python bench/build_bench.py --histories ''    # the default build and validate only

1. The default build against a bare Pelican build of a one-page Markdown site.
2. ``privacy-notice validate`` against ``python -c "import yaml, jsonschema"``.
3. Synthetic histories of N versions against a bare Pelican build of as many Markdown
   pages as the notice build writes HTML pages, each page the notice's English text.

Every figure is the median of alternating runs of whole processes. Timings are never
asserted; docs/performance.md records what was measured.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "plugins"))

BARE_CONF = """SITENAME = "Bare"
SITEURL = ""
TIMEZONE = "UTC"
PATH = "content"
"""


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def alternate(
    cases: dict[str, tuple[list[str], Path]], runs: int, before: dict[str, object] | None = None
) -> dict[str, float]:
    """Median seconds of each case, running the cases in turn, after one warm-up each."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for command, cwd in cases.values():
        timed(command, cwd)  # warm the OS file cache and the caches a developer has
    for _ in range(runs):
        for name, (command, cwd) in cases.items():
            if before and name in before:
                before[name]()  # type: ignore[operator]
            samples[name].append(timed(command, cwd))
    return {name: statistics.median(values) for name, values in samples.items()}


def copy_project(target: Path) -> Path:
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            ".venv",
            "output*",
            ".git",
            ".cache",
            "__pycache__",
            ".pytest_cache",
            ".ruff_cache",
            "tests",
            "bench",
        ),
    )
    return target


def bare_site(target: Path, pages: int, body: str) -> Path:
    (target / "content").mkdir(parents=True)
    (target / "pelicanconf.py").write_text(BARE_CONF)
    for index in range(pages):
        (target / "content" / f"page-{index:04d}.md").write_text(
            f"Title: Page {index}\nDate: 2019-10-23\n\n{body}\n", "utf-8"
        )
    return target


def synthetic_history(project: Path, versions: int) -> None:
    """Release ``versions - 1`` synthetic versions before the real 2019-10-23 one."""
    import datetime as dt

    from privacy_notice.versions import History, read_history, release

    store = project / "content" / "versions"
    current = read_history(store).snapshots[-1].document
    for path in store.glob("*.json"):
        path.unlink()
    history = History(store, "content/versions", ())
    start = dt.date(2019, 10, 23) - dt.timedelta(days=versions)
    for index in range(versions - 1):
        document = json.loads(json.dumps(current))
        notice = document["notice"]
        notice["updated"] = (start + dt.timedelta(days=index)).isoformat()
        notice["summary"] = {lang: f"Synthetic version {index}." for lang in document["languages"]}
        document["retention"]["rules"][1]["period"] = f"P{1 + index % 24}M"
        if index % 10 < 5:  # a field comes and goes
            field = json.loads(json.dumps(document["personal_data"]["fields"][-1]))
            field["id"], field["name"] = "ip-address", {k: f"IP address {k}" for k in field["name"]}
            document["personal_data"]["fields"].append(field)
        release(document, history)
        history = read_history(store)
    release(current, history)


def ratio_line(label: str, ours: float, base: float, target: float) -> str:
    ratio = ours / base
    verdict = "meets" if ratio <= target else "misses"
    return (
        f"{label}: {ours * 1000:.0f} ms vs {base * 1000:.0f} ms = {ratio:.2f}x "
        f"({verdict} the target of {target}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--histories", default="50,100,200")
    parser.add_argument("--quick", action="store_true", help="3 runs, histories 50,100")
    parser.add_argument(
        "--histories-only", action="store_true", help="skip the default and example builds"
    )
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = [50, 100] if args.quick else [int(n) for n in args.histories.split(",") if n]
    pelican = str(BIN / "pelican")
    english = (ROOT / "tests" / "data" / "seed_notice_en.txt").read_text("utf-8")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        bare = bare_site(work / "bare", 1, "Hello, *world*.")
        pelican_bare = [pelican, "content", "-s", "pelicanconf.py", "-o", "out", "-q"]
        if not args.histories_only:
            default_builds(project, bare, pelican_bare, runs, work)
        histories(sizes, runs, work, pelican_bare, english)


def default_builds(
    project: Path, bare: Path, pelican_bare: list[str], runs: int, work: Path
) -> None:
    """The default build (warm and cold caches), validate and the webshop example."""
    python, notice = str(BIN / "python"), str(BIN / "privacy-notice")
    cold_cache = project / ".cache"
    medians = alternate(
        {
            "notice": ([notice, "build", "-o", "out"], project),
            "notice (cold caches)": ([notice, "build", "-o", "out"], project),
            "bare": (pelican_bare, bare),
        },
        runs,
        before={"notice (cold caches)": lambda: shutil.rmtree(cold_cache, True)},
    )
    print(ratio_line("default build, warm caches", medians["notice"], medians["bare"], 1.3))
    print(
        ratio_line(
            "default build, cold caches", medians["notice (cold caches)"], medians["bare"], 1.3
        )
    )

    medians = alternate(
        {
            "validate": ([notice, "validate"], project),
            "imports": ([python, "-c", "import yaml, jsonschema"], project),
        },
        runs,
    )
    print(ratio_line("privacy-notice validate", medians["validate"], medians["imports"], 1.3))

    # The second example (examples/webshop): its own folder, the tool's default settings.
    example = work / "webshop"
    shutil.copytree(ROOT / "examples" / "webshop", example)
    example_build = [notice, "--root", str(example), "build", "-o", str(work / "ex-out")]
    medians = alternate(
        {
            "example": (example_build, work),
            "bare": (pelican_bare, bare),
            "example validate": ([notice, "--root", str(example), "validate"], work),
            "imports": ([python, "-c", "import yaml, jsonschema"], work),
        },
        runs,
    )
    print(ratio_line("examples/webshop build, warm", medians["example"], medians["bare"], 1.3))
    print(
        ratio_line(
            "examples/webshop validate",
            medians["example validate"],
            medians["imports"],
            1.3,
        )
    )


def histories(
    sizes: list[int], runs: int, work: Path, pelican_bare: list[str], english: str
) -> None:
    """Synthetic histories against as many bare Pelican pages, side by side."""
    notice = str(BIN / "privacy-notice")
    per_version = {}
    for size in sizes:
        history = copy_project(work / f"history-{size}")
        synthetic_history(history, size)
        timed([notice, "build", "-o", "out"], history)
        pages = sum(1 for _ in (history / "out").rglob("*.html"))
        bare_n = bare_site(work / f"bare-{size}", pages, english)
        medians = alternate(
            {
                "notice": ([notice, "build", "-o", "out"], history),
                "bare": (pelican_bare, bare_n),
            },
            max(1, runs // 3),
        )
        per_version[size] = medians["notice"] / size
        print(
            ratio_line(
                f"history of {size} versions ({pages} HTML pages)",
                medians["notice"],
                medians["bare"],
                1.0,
            )
            + f"; {per_version[size] * 1000:.1f} ms per version"
        )
    if 100 in per_version and 200 in per_version:
        growth = per_version[200] * 200 / (per_version[100] * 100)
        print(f"200 versions take {growth:.2f}x the time of 100 (target: at most 2.2x)")


if __name__ == "__main__":
    main()
