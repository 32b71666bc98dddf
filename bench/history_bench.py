"""A long history: the build of N versions against a bare Pelican build of as many pages
(see measure.py for how).

    python bench/history_bench.py [--versions 200] [--rounds 3] [--against REV]

The project: a copy of this one (with ``--against REV``, also of that revision's) with a
synthetic history of N versions (synthetic.py: a retention period that changes every
version, a data field that comes and goes). The baseline: a bare Pelican site of as many
Markdown articles as the notice build writes HTML pages, each the notice's English text,
with no page menu (measure.BARE_CONF). Targets at 200 versions: the build ≤ 0.5× the bare
one, its peak memory ≤ 2× Pelican's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from measure import (
    BARE_BUILD,
    Case,
    alternate,
    bare_site,
    copy_project,
    html_pages,
    load,
    memory,
    report,
    run,
    trees,
    work_folder,
)
from synthetic import synthetic_history


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", help="a git revision to run side by side with this tree")
    args = parser.parse_args()
    with work_folder() as tmp:
        work = Path(tmp)
        cases: dict[str, Case] = {}
        for index, tree in enumerate(trees(args.against, work)):
            project = copy_project(work / f"history-{index}", tree.plugins.parent)
            synthetic_history(project, args.versions)
            build = tree.command("build", "--as-of", "2026-12-06", "-o", "output")
            cases[f"{tree.label}notice"] = Case(build, project, env=tree.env)
        run(cases["notice"].command, cases["notice"].cwd)
        pages = html_pages(cases["notice"].cwd / "output")
        cases["bare"] = Case(BARE_BUILD, bare_site(work / "bare", pages))
        print(f"{args.versions} versions ({pages} HTML pages), {args.rounds} rounds; {load()}")
        alternate(cases, args.rounds)
        for name in [n for n in cases if n != "bare"]:
            label = f"{name.removesuffix('notice')}{args.versions} versions"
            print(report(label, cases[name], cases["bare"], 0.5))
            print(memory(label, cases[name], cases["bare"], 2.0))
        print(f"after: {load()}")


if __name__ == "__main__":
    main()
