"""Benchmarks, as ratios against a baseline measured side by side in the same run.

    python bench/build_bench.py [--runs N] [--histories 50,100,200] [--quick] [--histories-only]
    python bench/build_bench.py --histories ''    # the default build and validate only
    python bench/build_bench.py --histories '' --against 58e3480   # and before, side by side

1. The default build against a bare Pelican build of a one-page Markdown site: with the
   caches of the last build (warm), with none (cold: a fresh clone), and after a save of
   ``policy.yaml`` that adds a comment (its bytes checked again, its pages from the kept
   bodies: what an author's rebuild costs at least).
2. ``privacy-notice validate`` against ``python -c "import yaml, jsonschema"``.
3. Synthetic histories of N versions against a bare Pelican build of as many Markdown
   pages as the notice build writes HTML pages, each page the notice's English text.

The builds run in a folder beside the project (``.bench/``), where a project's ``output/``
is, not in the system's temporary folder: on the machine of docs/performance.md, creating
a file under ``/tmp`` at times cost ~0.9 ms of kernel time while it cost ~0.02 ms beside
the project (90 empty files, measured side by side: 82 vs 1.4 ms; half an hour later both
~2 ms), which charged each build by the number of files it writes (a notice site ~80, the
bare build ~30). Set ``BENCH_TMP`` to measure elsewhere (``BENCH_TMP=/tmp``).

Every figure is the median of alternating runs of whole processes, as wall time and as
CPU time (user + system of the process: steadier on a shared machine), with the range of
the ratios of the runs made side by side (ours in round i / the baseline in round i).
Timings are never asserted; docs/performance.md records what was measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "plugins"))

BARE_CONF = """SITENAME = "Bare"
SITEURL = ""
TIMEZONE = "UTC"
PATH = "content"
"""


def work_folder() -> tempfile.TemporaryDirectory[str]:
    """A temporary folder for a bench's projects and builds (see the module docstring)."""
    parent = Path(os.environ.get("BENCH_TMP") or ROOT / ".bench")
    parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=parent)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start, _cpu() - cpu


class Samples(dict[str, list[tuple[float, float]]]):
    """(wall, CPU) seconds of every run, by case, in the order they ran."""

    def median(self, name: str, cpu: bool = False) -> float:
        return statistics.median(sample[cpu] for sample in self[name])


def alternate(
    cases: dict[str, tuple[list[str], Path]], runs: int, before: dict[str, object] | None = None
) -> Samples:
    """Every run of each case, running the cases in turn, after one warm-up each."""
    samples = Samples({name: [] for name in cases})
    for command, cwd in cases.values():
        timed(command, cwd)  # warm the OS file cache and the caches a developer has
    for _ in range(runs):
        for name, (command, cwd) in cases.items():
            if before and name in before:
                before[name]()  # type: ignore[operator]
            samples[name].append(timed(command, cwd))
    return samples


def copy_project(target: Path) -> Path:
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".bench",
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


def compile_bytecode(plugins: Path) -> None:
    """Bytecode for every plugin module whose source changed, as make writes it: the
    machine sets PYTHONDONTWRITEBYTECODE, so a stale module is compiled on every run."""
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", str(plugins)], check=True)


def checkout(revision: str, target: Path) -> Path:
    """The project as it was at ``revision``; run with its own plugin first on the path."""
    target.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    compile_bytecode(target / "plugins")
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

    from privacy_notice.history.store import History, read_history, release

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


def ratio_line(label: str, samples: Samples, ours: str, base: str, target: float | None) -> str:
    wall = samples.median(ours) / samples.median(base)
    cpu = samples.median(ours, cpu=True) / samples.median(base, cpu=True)
    paired = sorted(a[0] / b[0] for a, b in zip(samples[ours], samples[base], strict=True))
    verdict = "" if target is None else " (meets" if wall <= target else " (misses"
    return (
        f"{label}: {samples.median(ours) * 1000:.0f} ms vs {samples.median(base) * 1000:.0f} ms"
        f" = {wall:.2f}x (runs {paired[0]:.2f}-{paired[-1]:.2f}x; CPU time "
        f"{samples.median(ours, True) * 1000:.0f} vs {samples.median(base, True) * 1000:.0f} ms"
        f" = {cpu:.2f}x)" + (f"{verdict} the target of {target}x)" if verdict else "")
    )


def add_comment(policy: Path) -> None:
    """An author's save of ``policy.yaml``: new bytes (checked again), the same register."""
    with policy.open("a", encoding="utf-8") as file:
        file.write(f"# saved at {time.perf_counter_ns()}\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--histories", default="50,100,200")
    parser.add_argument("--quick", action="store_true", help="3 runs, histories 50,100")
    parser.add_argument("--against", help="a git revision to run side by side with this tree")
    parser.add_argument(
        "--histories-only", action="store_true", help="skip the default and example builds"
    )
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = [50, 100] if args.quick else [int(n) for n in args.histories.split(",") if n]
    python, pelican, notice = str(BIN / "python"), str(BIN / "pelican"), str(BIN / "privacy-notice")
    english = (ROOT / "tests" / "data" / "seed_notice_en.txt").read_text("utf-8")
    compile_bytecode(ROOT / "plugins")  # the editable install runs this tree's modules

    with work_folder() as tmp:
        work = Path(tmp)
        bare = bare_site(work / "bare", 1, "Hello, *world*.")
        pelican_bare = [pelican, "content", "-s", "pelicanconf.py", "-o", "out", "-q"]
        imports = [python, "-c", "import yaml, jsonschema"]
        # This tree, and with --against the tree at that revision, run side by side.
        trees = {"": (copy_project(work / "project"), [notice])}
        if args.against:
            old = checkout(args.against, work / "against")
            # Its own program (its cli's __main__), which may predate this tree's console.
            program = [python, "-m", "privacy_notice.cli"]
            trees["before: "] = (old, ["env", f"PYTHONPATH={old / 'plugins'}", *program])
        examples = (
            ()
            if args.histories_only
            else (("default", None), ("examples/webshop", "examples/webshop"))
        )
        for what, root in examples:
            cases: dict[str, tuple[list[str], Path]] = {"bare": (pelican_bare, bare)}
            cases["imports"] = (imports, bare)
            clear = {}
            for tree, (project, command) in trees.items():
                folder = project / root if root else project
                where = ["--root", str(folder)] if root else []
                build = [*command, *where, "build", "-o", str(work / "out")]
                cases[f"{tree}warm"] = (build, project)
                cases[f"{tree}cold"] = (build, project)
                cases[f"{tree}validate"] = ([*command, *where, "validate"], project)
                cases[f"{tree}edited"] = (build, project)
                clear[f"{tree}cold"] = partial(shutil.rmtree, folder / ".cache", True)
                clear[f"{tree}edited"] = partial(add_comment, folder / "policy.yaml")
            samples = alternate(cases, runs, before=clear)
            for tree in trees:
                label = f"{tree}{what}"
                print(
                    ratio_line(f"{label} build, warm caches", samples, f"{tree}warm", "bare", 1.3)
                )
                print(
                    ratio_line(f"{label} build, cold caches", samples, f"{tree}cold", "bare", 1.3)
                )
                print(ratio_line(f"{label} validate", samples, f"{tree}validate", "imports", 1.3))
                edited = f"{label} build after a save of policy.yaml (checked again; no target)"
                print(ratio_line(edited, samples, f"{tree}edited", "bare", None))

        per_version = {}
        for size in sizes:
            history = copy_project(work / f"history-{size}")
            synthetic_history(history, size)
            timed([notice, "build", "-o", "out"], history)
            pages = sum(1 for _ in (history / "out").rglob("*.html"))
            bare_n = bare_site(work / f"bare-{size}", pages, english)
            samples = alternate(
                {
                    "notice": ([notice, "build", "-o", "out"], history),
                    "bare": (pelican_bare, bare_n),
                },
                max(1, runs // 3),
            )
            per_version[size] = samples.median("notice") / size
            label = f"history of {size} versions ({pages} HTML pages)"
            print(
                ratio_line(label, samples, "notice", "bare", 1.0)
                + f"; {per_version[size] * 1000:.1f} ms per version"
            )
        if 100 in per_version and 200 in per_version:
            growth = per_version[200] * 200 / (per_version[100] * 100)
            print(f"200 versions take {growth:.2f}x the time of 100 (target: at most 2.2x)")


if __name__ == "__main__":
    main()
