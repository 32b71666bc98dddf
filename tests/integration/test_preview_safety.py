"""The live preview's server against malformed and rude clients (issue 25, item 5): one
400 answer to a malformed request, nothing printed for a client that leaves early, idle
connections closed, and never a traceback in the console where rebuild errors show."""

from __future__ import annotations

import functools
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import start_preview

from conftest import Project
from privacy_notice.commands import serve

RESET = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends a reset, as a crashed client


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The preview's server (handler and server classes) on a folder, in this process;
    its port. Connections time out after half a second here."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hello</p>", "utf-8")
    (site / "big.bin").write_bytes(b"x" * 4_000_000)
    monkeypatch.setattr(serve._Handler, "timeout", 0.5)
    handler = functools.partial(serve._Handler, directory=str(site))
    httpd = serve._Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()


def exchange(port: int, request: bytes) -> bytes:
    """Send ``request``; everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    "request_line",
    [b"GET /%00 HTTP/1.1", b"GET /a%00b.html HTTP/1.1", b"GET /\x00 HTTP/1.1"],
    ids=["nul-quoted", "nul-inside", "nul-raw"],
)
def test_a_path_no_file_can_have_gets_one_400(
    server: int, capsys: pytest.CaptureFixture[str], request_line: bytes
):
    answer = exchange(server, request_line + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 400 ") and answer.count(b"HTTP/1.0 ") == 1, answer
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "request_bytes",
    [b"GARBAGE\r\n\r\n", b"GET / HTTP/x.y\r\n\r\n", b"GET / HTTP/1.1 extra words\r\n\r\n"],
    ids=["one-word", "bad-version", "too-many-words"],
)
def test_a_bad_request_line_gets_one_400(
    server: int, capsys: pytest.CaptureFixture[str], request_bytes: bytes
):
    answer = exchange(server, request_bytes)
    assert b"400" in answer and answer.count(b"<title>") == 1, answer
    assert capsys.readouterr().err == ""


def test_clients_that_leave_early_print_nothing(server: int, capsys: pytest.CaptureFixture[str]):
    for _ in range(30):
        client = socket.create_connection(("127.0.0.1", server), timeout=10)
        client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
        client.recv(100)  # the answer started
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET)
        client.close()
    time.sleep(1)  # the handlers meet the reset
    assert exchange(server, b"GET /index.html HTTP/1.0\r\n\r\n").endswith(b"<p>hello</p>")
    assert capsys.readouterr().err == ""


def test_the_preview_times_connections_out():
    # 900 held connections held 888 threads: each connection waits at most this long.
    assert serve._Handler.timeout is not None and 10 <= serve._Handler.timeout <= 30


def test_idle_connections_are_closed(server: int, capsys: pytest.CaptureFixture[str]):
    before = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", server), timeout=10) for _ in range(40)]
    half = [socket.create_connection(("127.0.0.1", server), timeout=10) for _ in range(10)]
    for client in half:
        client.sendall(b"GET /index.html HTTP/1.1\r\n")  # a request never finished
    try:
        deadline = time.monotonic() + 20
        while threading.active_count() > before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert threading.active_count() <= before  # each thread ended
        assert all(client.recv(10) == b"" for client in idle)  # closed by the server
    finally:
        for client in idle + half:
            client.close()
    assert capsys.readouterr().err == ""


def test_another_failure_is_one_line_not_a_traceback(capsys: pytest.CaptureFixture[str]):
    httpd = serve._Server(("127.0.0.1", 0), serve._Handler)
    try:
        try:
            raise ValueError("bad\nthing")
        except ValueError:
            httpd.handle_error(None, ("127.0.0.1", 1))
        try:
            raise BrokenPipeError(32, "Broken pipe")
        except BrokenPipeError:
            httpd.handle_error(None, ("127.0.0.1", 1))
    finally:
        httpd.server_close()
    assert capsys.readouterr().err == "preview: a request failed: ValueError: bad\\nthing\n"


def test_the_running_preview_survives_rude_clients_without_a_traceback(project: Project):
    log = project.path / "serve.log"
    with log.open("w") as sink:
        preview, port = start_preview(project, sink)
    try:
        deadline = time.monotonic() + 60
        while "Serving the preview" not in log.read_text("utf-8"):
            assert preview.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        assert exchange(port, b"GET /%00 HTTP/1.1\r\nConnection: close\r\n\r\n").startswith(
            b"HTTP/1.0 400 "
        )
        for _ in range(20):
            client = socket.create_connection(("127.0.0.1", port), timeout=10)
            client.sendall(b"GET /en/index.html HTTP/1.1\r\nHost: x\r\n\r\n")
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET)
            client.close()
        page = exchange(port, b"GET /en/index.html HTTP/1.0\r\n\r\n")
        assert page.startswith(b"HTTP/1.0 200 "), page[:100]
    finally:
        preview.terminate()
        preview.wait(timeout=10)
    text = log.read_text("utf-8")
    assert "Traceback" not in text and "preview: a request failed" not in text, text
