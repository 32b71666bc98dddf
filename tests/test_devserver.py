"""The live preview, as the legal team uses it: serve, edit, see; break, keep the preview."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import Project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_edit_shows_and_a_broken_edit_keeps_the_preview(project: Project):
    port = free_port()
    log = project.path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "privacy_notice.cli", "serve", "--port", str(port)],
            cwd=project.path,
            stderr=sink,
            stdout=sink,
        )
    page = f"http://127.0.0.1:{port}/en/index.html"
    try:
        wait_for(lambda: "conversations for 3 months" in fetch(page))
        time.sleep(0.5)  # the watcher is up
        project.edit("period: P3M", "period: P6M")
        wait_for(lambda: "conversations for 6 months" in fetch(page))
        assert "Draft." in fetch(page)  # an unreleased edit of a released version is marked
        project.edit("period: P6M", "period: six months")
        wait_for(lambda: "NOT rebuilt" in log.read_text("utf-8"))
        assert "'six months' is not an ISO 8601 duration" in log.read_text("utf-8")
        assert "conversations for 6 months" in fetch(page)  # the last good preview stays
        project.edit("period: six months", "period: P3M")
        wait_for(lambda: "conversations for 3 months" in fetch(page))
        assert "Draft." not in fetch(page)  # back to the released version
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Traceback" not in log.read_text("utf-8")


def test_publishing_still_refuses_an_edited_release(project: Project):
    project.edit("period: P3M", "period: P6M")
    assert "already released" in project.build(ok=False).stderr
    assert project.run("build", "--preview").returncode == 0
