"""The live preview: from a save of ``policy.yaml`` to the served page showing it.

    python bench/devserver_bench.py [--edits 10]

Starts ``privacy-notice serve`` on a copy of the project, then at each edit sets the
retention of recorded calls to a new number of months and polls the served English page
(every 20 ms) until it shows the new period. Reports the median and the worst of the
edits; target: under a second.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from measure import BIN, copy_project, load, work_folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, step: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out: the preview did not show the edit")
        time.sleep(step)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    with work_folder() as tmp:
        project = copy_project(Path(tmp) / "project")
        port = free_port()
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        server = subprocess.Popen(
            [str(BIN / "privacy-notice"), "serve", "--port", str(port)],
            cwd=project,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        page = f"http://127.0.0.1:{port}/en/index.html"
        policy = project / "policy.yaml"
        samples = []
        try:
            wait_for(lambda: "conversations for 3 months" in fetch(page), timeout=120)
            time.sleep(1)
            print(f"{args.edits} edits; {load()}")
            months = 3
            for index in range(args.edits):
                # A new period each time (4, 5, ... 11, 2, 3, ...), as an author edits.
                old, months = f"P{months}M", 2 + (index + 2) % 10
                text = policy.read_text("utf-8").replace(old, f"P{months}M")
                policy.write_text(text, "utf-8")
                start = time.perf_counter()
                wait_for(lambda n=months: f"conversations for {n} months" in fetch(page))
                samples.append(time.perf_counter() - start)
                time.sleep(0.3)
        finally:
            server.terminate()
            server.wait()
    median, worst = statistics.median(samples), max(samples)
    print(
        f"save of policy.yaml to served page: median {median * 1000:.0f} ms, worst "
        f"{worst * 1000:.0f} ms over {len(samples)} edits; target under 1000 ms: "
        f"{'met' if worst < 1 else 'NOT met'}"
    )
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
