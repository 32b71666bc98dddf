"""How the benches measure: whole processes, each case beside its baseline in the same
session, run in turn (ours, baseline, ours, ...), after one warm-up run of each; every
figure a median, as wall time, as CPU time (user + system of the process and its
children: steadier on a shared machine) and, where asked, as peak memory (the maximum
resident set of the process). A ratio is ours / the baseline's, with the range of the
ratios of single rounds. Timings are never asserted; docs/performance.md records them.

The builds run in ``.bench/`` beside the project (``BENCH_TMP`` to choose another place).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PYTHON = str(BIN / "python")
PELICAN = str(BIN / "pelican")
ENGLISH = ROOT / "tests" / "data" / "seed_notice_en.txt"  # the default notice's English text

# A bare Pelican site: the default theme, articles only (no page menu: with pages on the
# menu every page lists every other, which makes Pelican's build grow with the square of
# the number of pages).
BARE_CONF = """SITENAME = "Bare"
SITEURL = ""
TIMEZONE = "UTC"
PATH = "content"
DISPLAY_PAGES_ON_MENU = False
"""
BARE_BUILD = [PELICAN, "content", "-s", "pelicanconf.py", "-o", "out", "-q"]


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss: int  # peak resident set, KiB


@dataclass
class Case:
    """A command, where it runs, and what to do before each of its runs."""

    command: Sequence[str]
    cwd: Path
    before: Callable[[], object] | None = None
    env: dict[str, str] | None = None
    runs: list[Run] = field(default_factory=list)

    def median(self, what: str = "wall") -> float:
        return statistics.median(getattr(run, what) for run in self.runs)


def run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """One run of ``command``: its wall and CPU seconds and its peak memory."""
    # Python writes bytecode as it does on a user's machine (this one may say not to).
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**environment, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} (in {cwd}) failed:\n{errors.decode()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def alternate(cases: dict[str, Case], rounds: int) -> dict[str, Case]:
    """Every case ``rounds`` times, the cases in turn, after one warm-up run of each (the
    OS's file cache, Python's bytecode, Jinja's compiled templates: what a second run has)."""
    for case in cases.values():
        if case.before:
            case.before()
        run(case.command, case.cwd, case.env)
    for _ in range(rounds):
        for case in cases.values():
            if case.before:
                case.before()
            case.runs.append(run(case.command, case.cwd, case.env))
    return cases


def ratio(ours: Case, base: Case, what: str = "wall") -> float:
    return ours.median(what) / base.median(what)


def report(label: str, ours: Case, base: Case, target: float | None = None) -> str:
    """One line: both medians, the ratio (wall, CPU), the range of the rounds' ratios."""
    wall, cpu = ratio(ours, base), ratio(ours, base, "cpu")
    rounds = sorted(a.wall / b.wall for a, b in zip(ours.runs, base.runs, strict=True))
    verdict = ""
    if target is not None:
        verdict = f"; target {target}x: {'met' if wall <= target else 'NOT met'}"
    return (
        f"{label}: {ours.median() * 1000:.0f} vs {base.median() * 1000:.0f} ms = {wall:.2f}x"
        f" (rounds {rounds[0]:.2f}-{rounds[-1]:.2f}x; CPU {ours.median('cpu') * 1000:.0f} vs "
        f"{base.median('cpu') * 1000:.0f} ms = {cpu:.2f}x){verdict}"
    )


def memory(label: str, ours: Case, base: Case, target: float | None = None) -> str:
    """One line: the median peak memory of both and their ratio."""
    share = ours.median("rss") / base.median("rss")
    verdict = ""
    if target is not None:
        verdict = f"; target {target}x: {'met' if share <= target else 'NOT met'}"
    return (
        f"{label}: peak memory {ours.median('rss') / 1024:.0f} vs "
        f"{base.median('rss') / 1024:.0f} MiB = {share:.2f}x{verdict}"
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} cores)"


def work_folder() -> tempfile.TemporaryDirectory[str]:
    """A temporary folder for a bench's projects and builds."""
    parent = Path(os.environ.get("BENCH_TMP") or ROOT / ".bench")
    parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=parent)


def bare_site(target: Path, pages: int, body: str | None = None) -> Path:
    """A bare Pelican site of ``pages`` Markdown articles, each the notice's English text."""
    body = ENGLISH.read_text("utf-8") if body is None else body
    (target / "content").mkdir(parents=True)
    (target / "pelicanconf.py").write_text(BARE_CONF)
    for index in range(pages):
        (target / "content" / f"page-{index:04d}.md").write_text(
            f"Title: Page {index}\nDate: 2019-10-23\n\n{body}\n", "utf-8"
        )
    return target


def html_pages(output: Path) -> int:
    return sum(1 for _ in output.resolve().rglob("*.html"))


@dataclass(frozen=True)
class Tree:
    """A tree of the plugin to run: ``privacy-notice`` with ``plugins`` first on the path."""

    label: str
    plugins: Path
    program: tuple[str, ...] = (str(BIN / "privacy-notice"),)

    @property
    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(self.plugins)}

    def command(self, *args: str) -> list[str]:
        return [*self.program, *args]


def this_tree() -> Tree:
    return Tree("", ROOT / "plugins")


def checkout(revision: str, target: Path) -> Tree:
    """The project as it was at ``revision``, run with its own plugin (its own program:
    ``python -m privacy_notice``, which may predate the ``privacy-notice`` script's module)."""
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return Tree(f"{revision}: ", target / "plugins", (PYTHON, "-m", "privacy_notice"))


def trees(against: str | None, work: Path) -> list[Tree]:
    """This tree, and with ``--against REV`` the tree at REV, to run side by side."""
    found = [this_tree()]
    if against:
        found.append(checkout(against, work / "against"))
    return found


# What a copy of the project leaves out of its top folder: builds, caches, the tool's own
# tests and benches (and everywhere: Python's bytecode).
NOT_COPIED = (
    ".venv*",
    ".bench",
    "output*",
    ".output*",
    ".git",
    ".cache",
    ".pytest_cache",
    ".ruff_cache",
    "tests",
    "bench",
    "node_modules",
)


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """A copy of the project at ``source`` as a fresh clone has it: no caches, no bytecode."""
    top = shutil.ignore_patterns(*NOT_COPIED)

    def ignore(folder: str, names: list[str]) -> set[str]:
        left_out = top(folder, names) if Path(folder) == source else set()
        return left_out | {"__pycache__"} & set(names)

    shutil.copytree(source, target, ignore=ignore)
    return target


def remove_bytecode(folder: Path) -> None:
    for cache in folder.rglob("__pycache__"):
        shutil.rmtree(cache)
