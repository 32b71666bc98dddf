"""The live preview, as the legal team uses it: serve, edit, see; break, keep the preview."""

from __future__ import annotations

import shutil
import time
import urllib.request
from pathlib import Path

from helpers import start_preview

from conftest import Project


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
    log = project.path / "serve.log"
    with log.open("w") as sink:
        server, port = start_preview(project, sink)
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


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_preview_after_edits_is_what_a_full_build_writes(registers_site: Project, tmp_path):
    """The long-lived worker changes nothing: after edits of two registers, the served
    output equals a fresh build of the same inputs."""
    project = registers_site.clone(tmp_path / "served")
    log = (tmp_path / "serve.log").open("w")
    server, port = start_preview(project, log)
    page = f"http://127.0.0.1:{port}/registers/recruitment/en/index.html"
    try:
        wait_for(lambda: "6 months" in fetch(page), timeout=60)
        time.sleep(0.5)  # the watcher is up
        project.edit("period: P6M", "period: P9M", "registers/recruitment/policy.yaml")
        wait_for(lambda: "9 months" in fetch(page))
        project.edit("period: P3M", "period: P4M")
        wait_for(lambda: "4 months" in fetch(f"http://127.0.0.1:{port}/en/index.html"))
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    fresh = project.clone(tmp_path / "fresh")
    shutil.rmtree(fresh.path / ".cache", ignore_errors=True)
    assert fresh.build("--preview").returncode == 0
    served = _files((project.path / "output").resolve())
    assert served == _files((fresh.path / "output").resolve())


def test_serve_one_register_previews_it_alone(registers_site: Project, tmp_path):
    """``serve --register SLUG``: a site of that register alone (as ``build --register``
    writes it, into output.SLUG), rebuilt on its own edits; another register's edit is not
    even watched."""
    project = registers_site.clone(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server, port = start_preview(project, log, "--register", "recruitment")
    page = f"http://127.0.0.1:{port}/en/index.html"  # at the URLs of a single-register site
    try:
        wait_for(lambda: "6 months" in fetch(page), timeout=60)
        time.sleep(0.5)  # the watcher is up
        project.edit("period: P30D", "period: P31D", "registers/camera-surveillance/policy.yaml")
        project.edit("period: P6M", "period: P9M", "registers/recruitment/policy.yaml")
        wait_for(lambda: "9 months" in fetch(page))
        wait_for(lambda: "policy.yaml changed: rebuilt" in log_path.read_text("utf-8"))
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = log_path.read_text("utf-8")
    assert "registers/recruitment/policy.yaml changed: rebuilt" in text
    assert "camera-surveillance/policy.yaml" not in text  # not watched, not built
    served = project.path / "output.recruitment"
    assert (served / "en/index.html").is_file() and not (served / "registers").exists()
    assert not (project.path / "output").exists()  # the whole site's folder is not touched


def test_serve_an_unknown_register_is_refused(registers_site: Project, tmp_path):
    project = registers_site.clone(tmp_path / "project")
    result = project.process("serve", "--register", "recruitmnet")
    assert result.returncode == 1
    assert "--register: no register 'recruitmnet'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_build_worker_reports_warnings_on_every_build(project: Project, monkeypatch, caplog):
    """Pelican logs a message once a process; the worker's every build reports its own."""
    from privacy_notice.commands.preview_worker import run_build

    project.edit("period: P3M", "period: P6M")  # a released version edited: a warning
    monkeypatch.chdir(project.path)
    for _build in range(2):
        caplog.clear()
        code, messages = run_build(["build", "--preview", "-o", "output"])
        assert code == 0, messages
        # to stderr in the worker, to the log capture here
        assert "already released and its content differs" in messages + caplog.text


def test_a_theme_edit_shows_in_every_register(registers_site: Project, tmp_path):
    """A theme edit reaches every register's pages in the preview."""
    project = registers_site.clone(tmp_path / "project")
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server, port = start_preview(project, log)
    page = f"http://127.0.0.1:{port}/registers/recruitment/en/index.html"
    try:
        wait_for(lambda: "6 months" in fetch(page), timeout=60)
        time.sleep(0.5)  # the watcher is up
        body = project.path / "theme" / "templates" / "_notice_body.html"
        body.write_text(body.read_text("utf-8") + "<p>edited theme</p>\n", "utf-8")
        wait_for(lambda: "edited theme" in fetch(page))
        assert "edited theme" in fetch(f"http://127.0.0.1:{port}/en/index.html")
    finally:
        server.terminate()
        server.wait(timeout=10)
