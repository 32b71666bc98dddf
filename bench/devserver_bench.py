"""How long the live preview takes from saving policy.yaml to serving the new page.

    python bench/devserver_bench.py [--edits N] [--registers N [--versions N]]

Starts `privacy-notice serve` on a copy of the project, then sets the retention of
recorded calls to a new number of months at each edit, timing each save until the served
page shows the new period. Reports the median and the worst (target: under a second).
With ``--registers N``: a site of N registers of ``--versions`` versions each (see
registers_bench.py), one further register edited and its page watched.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from build_bench import copy_project, work_folder
from registers_bench import registers_project
from test_devserver import fetch, free_port, wait_for


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--registers", type=int, default=1)
    parser.add_argument("--versions", type=int, default=20)
    args = parser.parse_args()
    with work_folder() as tmp:
        if args.registers > 1:
            project = registers_project(Path(tmp) / "project", args.registers, args.versions)
            edited = f"registers/register-{args.registers // 2:02d}/"
        else:
            project = copy_project(Path(tmp) / "project")
            edited = ""
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "privacy_notice", "serve", "--port", str(port)],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        page = f"http://127.0.0.1:{port}/{edited}en/index.html"
        policy = project / edited / "policy.yaml"
        try:
            wait_for(lambda: "conversations for 3 months" in fetch(page), timeout=120)
            time.sleep(1)
            samples = []
            months = 3
            for index in range(args.edits):
                # A new period each time (4, 5, ... 11, 2, 3, ...), as an author edits: never
                # back to the output of the edit before last, which the preview still keeps.
                old, months = f"P{months}M", 2 + (index + 2) % 10
                policy.write_text(policy.read_text("utf-8").replace(old, f"P{months}M"), "utf-8")
                start = time.perf_counter()
                wait_for(lambda n=months: f"conversations for {n} months" in fetch(page))
                samples.append(time.perf_counter() - start)
                time.sleep(0.3)
        finally:
            server.terminate()
    print(
        f"{args.registers} register(s): edit to served page: median "
        f"{statistics.median(samples) * 1000:.0f} ms, worst "
        f"{max(samples) * 1000:.0f} ms over {len(samples)} edits (target: under 1000 ms)"
    )


if __name__ == "__main__":
    main()
