"""make editor (tools/editor.py): the preview with the editor on and decap-server writing into the
checkout, both stopped together; a taken port is a message with the fix."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import yaml

from helpers.editor import free_port
from helpers.site import DEFAULT_BUILD_TIME, ROOT
from tools.editor import port_is_free


def _get(url: str, data: bytes | None = None) -> bytes:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.read()


def test_make_editor_runs_the_preview_with_the_editor_and_decap_server_and_stops_both(tmp_path):
    port, backend = free_port(), free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_BUILD_TIME}
    env.pop("EDITOR_LOCAL_BACKEND", None)
    editor = subprocess.Popen([sys.executable, "-m", "tools.editor", "--output", str(tmp_path / "output"),
                               "--port", str(port), "--backend-port", str(backend)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, config = time.monotonic() + 90, None
        while time.monotonic() < deadline and config is None:
            try:
                config = yaml.safe_load(_get(f"http://127.0.0.1:{port}/admin/config.yml"))
            except OSError:
                time.sleep(0.3)
        assert config is not None, "the preview did not serve admin/config.yml"
        assert config["local_backend"] == {"url": f"http://127.0.0.1:{backend}/api/v1"}
        info = json.loads(_get(f"http://127.0.0.1:{backend}/api/v1", json.dumps({"action": "info"}).encode()))
        assert info["type"] == "local_fs" and info["repo"] == ROOT.name  # it writes into this checkout
        page = _get(f"http://127.0.0.1:{port}/admin/").decode()
        assert "/_preview/reload.js" not in page
    finally:
        editor.send_signal(signal.SIGTERM)
        output, _ = editor.communicate(timeout=30)
    assert f"editor: http://127.0.0.1:{port}/admin/" in output
    assert port_is_free(port) and port_is_free(backend)


def test_a_taken_port_for_decap_server_is_a_message_with_the_fix():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "tools.editor", "--port", str(free_port()),
                               "--backend-port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert f"port {port} is taken (decap-server needs it)" in done.stderr
    assert f"make editor EDITOR_PORT={port + 1}" in done.stderr and "Traceback" not in done.stderr
