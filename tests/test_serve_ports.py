"""make serve / make devserver on a port another program has: a message and exit status 1, no traceback."""

import socket

import pytest

from helpers.network import free_port
from helpers.site import run_tool


@pytest.mark.parametrize("tool, command", [("tools.serve", "make serve"), ("tools.preview", "make devserver")])
def test_a_taken_port_says_so_and_how_to_choose_another(tmp_path, tool, command):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        done = run_tool(tool, "--output", str(tmp_path / "output"), "--port", str(port),
                        *(["--no-watch"] if tool == "tools.preview" else []))
    assert done.returncode == 1
    assert f"port {port} is taken" in done.stderr and f"{command} PORT={port + 1}" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2


def test_make_serve_serves_the_output_folder(tmp_path):
    import subprocess
    import sys
    import time
    import urllib.request

    from helpers.site import ROOT

    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("<!DOCTYPE html><title>x</title><p>Hallo</p>")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tools.serve", "--output", str(tmp_path / "output"),
                               "--port", str(port)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert "serving" in server.stderr.readline()
        for _ in range(50):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "Hallo" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("error", [BrokenPipeError, ConnectionResetError, ConnectionAbortedError])
def test_a_browser_that_went_away_is_no_traceback(capsys, error):
    from tools.preview.server import PreviewServer
    from tools.serve import QuietHTTPServer

    for server in (QuietHTTPServer.__new__(QuietHTTPServer), PreviewServer.__new__(PreviewServer)):
        try:
            raise error("the browser closed the connection")
        except error:
            server.handle_error(None, ("127.0.0.1", 50000))
    assert capsys.readouterr().err == ""


def test_any_other_error_is_still_shown(capsys):
    from tools.serve import QuietHTTPServer

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        QuietHTTPServer.__new__(QuietHTTPServer).handle_error(None, ("127.0.0.1", 50000))
    assert "RuntimeError: a bug" in capsys.readouterr().err
