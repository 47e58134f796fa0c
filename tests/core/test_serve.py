# SPDX-License-Identifier: EUPL-1.2
"""``schakel serve`` really serves (issue 2, item 9): started as a subprocess on a free port
with the test settings and a throw-away data directory, it answers ``/gezond/`` (health) and
the login page through gunicorn (not the Django development server) with static files, and
stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SCHAKEL = Path(sys.executable).with_name("schakel")
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local test URL
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def served(tmp_path):
    if not SCHAKEL.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("the schakel console script must be installed in CI (make install)")
        pytest.skip("the schakel console script is not installed in this environment")
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "schakel.conf.test",
           "SCHAKEL_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    process = subprocess.Popen(  # noqa: S603 - fixed argv
        [str(SCHAKEL), "serve", "--port", str(port), "--workers", "1"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"schakel serve stopped: {process.stdout.read().decode()[-2000:]}")
            try:
                get(f"{base}/gezond/")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        else:
            pytest.fail("schakel serve did not answer within the start timeout")
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # only the group this test started
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_serve_answers_health_login_and_static_files(served, tmp_path):
    base, process = served
    status, headers, body = get(f"{base}/gezond/")
    assert status == 200 and b'"ok"' in body
    assert "gunicorn" in headers.get("Server", "").lower()
    status, _, login = get(f"{base}/inloggen/")
    assert status == 200 and b'name="password"' in login
    # static files are collected into the data directory and served by the WSGI app
    assert (tmp_path / "static").is_dir()
    css = next((tmp_path / "static").rglob("*.css")).relative_to(tmp_path / "static")
    status, headers, _ = get(f"{base}/static/{css.as_posix()}")
    assert status == 200 and "css" in headers.get("Content-Type", "")


def test_serve_stops_cleanly_on_sigterm(served):
    _base, process = served
    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(timeout=10) == 0
