"""The default notice: its build against a bare Pelican build of as many pages, and
``validate`` against importing what it needs (see measure.py for how).

    python bench/build_bench.py [--rounds 11] [--against REV]

- second build: ``privacy-notice build`` of a copy of the project that has built before
  (Python's bytecode of the plugin); target ≤ 1.3× a bare Pelican build of as many
  Markdown articles as the notice writes HTML pages, each article the notice's English
  text;
- first build of a fresh clone: the same with the plugin's ``__pycache__`` removed before
  each run; target ≤ 2× the same bare build;
- ``privacy-notice validate``; target ≤ 1.3× ``python -c "import yaml, jsonschema"``.

With ``--against REV`` the tree at that revision runs the same cases in the same rounds.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from measure import (
    BARE_BUILD,
    PYTHON,
    Case,
    Tree,
    alternate,
    bare_site,
    copy_project,
    html_pages,
    load,
    remove_bytecode,
    report,
    run,
    trees,
    work_folder,
)


def fresh_clone(project: Path) -> None:
    """What a fresh clone lacks: the plugin's bytecode, a site."""
    for made in (".cache", "output", ".output.builds"):
        shutil.rmtree(project / made, ignore_errors=True)
    remove_bytecode(project / "plugins")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--against", help="a git revision to run side by side with this tree")
    args = parser.parse_args()
    with work_folder() as tmp:
        work = Path(tmp)
        cases: dict[str, Case] = {}
        pages = 0
        for index, tree in enumerate(trees(args.against, work)):
            source = tree.plugins.parent
            second = copy_project(work / f"second-{index}", source)
            fresh = copy_project(work / f"fresh-{index}", source)
            build = tree.command("build", "-o", "output")
            env = Tree(tree.label, second / "plugins").env
            run(build, second, env)
            pages = pages or html_pages(second / "output")
            cases[f"{tree.label}second"] = Case(build, second, env=env)
            cases[f"{tree.label}first"] = Case(
                build,
                fresh,
                before=lambda fresh=fresh: fresh_clone(fresh),
                env=Tree(tree.label, fresh / "plugins").env,
            )
            cases[f"{tree.label}validate"] = Case(tree.command("validate"), second, env=env)
        cases["bare"] = Case(BARE_BUILD, bare_site(work / "bare", pages))
        cases["imports"] = Case([PYTHON, "-c", "import yaml, jsonschema"], work)
        print(f"default notice ({pages} HTML pages), {args.rounds} rounds; {load()}")
        alternate(cases, args.rounds)
        bare, imports = cases["bare"], cases["imports"]
        for label in [name.removesuffix("second") for name in cases if name.endswith("second")]:
            print(report(f"{label}second build", cases[f"{label}second"], bare, 1.3))
            print(report(f"{label}first build, fresh clone", cases[f"{label}first"], bare, 2.0))
            print(report(f"{label}validate", cases[f"{label}validate"], imports, 1.3))
        print(f"after: {load()}")


if __name__ == "__main__":
    main()
