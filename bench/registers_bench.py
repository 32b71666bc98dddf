"""A site of several registers against a bare Pelican build of as many pages, side by side.

    python bench/registers_bench.py [--registers 10] [--versions 20] [--runs N]

The project: the default notice with a synthetic history of ``--versions`` versions as
the root register, and ``--registers - 1`` further registers under ``registers/`` (copies
of it, each in its own URL space), three languages each. The baseline: a bare Pelican
build of as many Markdown pages as the notice build writes HTML pages (see build_bench.py).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from build_bench import (
    BIN,
    ROOT,
    alternate,
    bare_site,
    copy_project,
    ratio_line,
    synthetic_history,
    timed,
    work_folder,
)


def registers_project(target: Path, registers: int, versions: int) -> Path:
    """The project described above, at ``target``."""
    project = copy_project(target)
    synthetic_history(project, versions)
    for index in range(1, registers):
        folder = project / "registers" / f"register-{index:02d}"
        folder.mkdir(parents=True)
        shutil.copy2(project / "policy.yaml", folder / "policy.yaml")
        shutil.copytree(project / "translations", folder / "translations")
        shutil.copytree(project / "content" / "versions", folder / "content" / "versions")
    return project


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registers", type=int, default=10)
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with work_folder() as tmp:
        project = registers_project(Path(tmp) / "project", args.registers, args.versions)
        build = [str(BIN / "privacy-notice"), "build", "-o", "out"]
        timed(build, project)  # one build, to count its pages
        pages = sum(1 for _ in (project / "out").resolve().rglob("*.html"))
        english = (ROOT / "tests" / "data" / "seed_notice_en.txt").read_text("utf-8")
        bare = bare_site(Path(tmp) / "bare", pages, english)
        pelican = [str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", "out", "-q"]
        samples = alternate(
            {"notice": (build, project), "bare": (pelican, bare)},
            args.runs,
        )
        label = (
            f"{args.registers} registers x {args.versions} versions x 3 languages ({pages} pages)"
        )
        print(ratio_line(label, samples, "notice", "bare", 1.0))


if __name__ == "__main__":
    main()
