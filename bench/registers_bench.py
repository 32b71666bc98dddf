"""How ``validate`` and the build grow with the size of a register (see measure.py for how).

    python bench/registers_bench.py [--sizes 100,1000] [--rounds 5] [--against REV]

A register of N purposes and N data fields (synthetic.py: the webshop's, three languages,
every text translated, released once), validated and built at each size, the sizes in
turn. Target: t(1000) / t(100) ≤ 12 for both (ten times the register, at most twelve times
the time: it grows linearly, start-up included; ``--sizes 100,1000,2000`` shows the growth
beyond where start-up counts). With ``--against REV`` the tree at that
revision runs the same registers in the same rounds.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from measure import Case, alternate, load, trees, work_folder
from synthetic import register_project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", help="a git revision to run side by side with this tree")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    with work_folder() as tmp:
        work = Path(tmp)
        projects = {size: register_project(work / f"register-{size}", size) for size in sizes}
        cases: dict[str, Case] = {}
        for tree in trees(args.against, work):
            for size, project in projects.items():
                out = str(work / f"out-{tree.label.strip(': ')}-{size}")
                build = tree.command("build", "--as-of", "2026-12-06", "-o", out)
                cases[f"{tree.label}build {size}"] = Case(build, project, env=tree.env)
                cases[f"{tree.label}validate {size}"] = Case(
                    tree.command("validate"), project, env=tree.env
                )
        print(f"{args.rounds} rounds; {load()}")
        alternate(cases, args.rounds)
        for name, case in cases.items():
            print(
                f"{name}: {case.median() * 1000:.0f} ms (CPU {case.median('cpu') * 1000:.0f} ms,"
                f" peak memory {case.median('rss') / 1024:.0f} MiB)"
            )
        for kind in dict.fromkeys(name.rsplit(" ", 1)[0] for name in cases):
            for small, large in itertools.pairwise(sizes):
                a, b = cases[f"{kind} {small}"], cases[f"{kind} {large}"]
                growth = b.median() / a.median()
                rounds = sorted(x.wall / y.wall for x, y in zip(b.runs, a.runs, strict=True))
                limit = 1.2 * large / small  # 12 for ten times the register
                print(
                    f"{kind}: t({large}) / t({small}) = {growth:.2f} (rounds {rounds[0]:.2f}-"
                    f"{rounds[-1]:.2f}; CPU {b.median('cpu') / a.median('cpu'):.2f}); "
                    f"target {limit:g}: {'met' if growth <= limit else 'NOT met'}"
                )
        print(f"after: {load()}")


if __name__ == "__main__":
    main()
