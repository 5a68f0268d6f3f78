"""`make editor`: the preview (`make devserver`) with the web editor at /admin/, and Decap's local
backend (decap-server) writing into this checkout, so anyone can try the editor without an account.

    python -m tools.editor [--port 8000] [--backend-port 8081]

A post saved in the editor is a file in content/ at once (no branch, no merge request: that is the
git host's part), and the preview shows it after its next rebuild.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


def backend_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api/v1"


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers bind: TIME_WAIT is no user
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start_backend(repository: Path, port: int, log=subprocess.DEVNULL) -> subprocess.Popen:
    """decap-server in file-system mode on 127.0.0.1:port, writing into `repository`; returns once it
    answers (or raises RuntimeError with its output)."""
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(repository), "LOG_LEVEL": "warn"}
    process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopped at start (exit status {process.returncode})")
        try:
            request = urllib.request.Request(backend_url(port), data=json.dumps({"action": "info"}).encode(),
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=1) as answer:
                if json.load(answer).get("type") == "local_fs":
                    return process
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError("decap-server did not answer within 20 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--backend-port", type=int, default=8081)
    args = parser.parse_args(argv)
    if not DECAP_SERVER.is_file():
        print(f"{DECAP_SERVER.relative_to(ROOT)} is missing: run make node-tools (npm ci) once", file=sys.stderr)
        return 1
    if not port_is_free(args.backend_port):
        print(f"port {args.backend_port} is taken (decap-server needs it): stop that program, or choose another "
              f"port: make editor EDITOR_PORT={args.backend_port + 1}", file=sys.stderr)
        return 1
    try:
        backend = start_backend(ROOT, args.backend_port)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"editor: http://127.0.0.1:{args.port}/admin/ (Login, then write: saving writes into content/ of this "
          "checkout; nothing leaves the machine)", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # like Ctrl+C: both servers stop
    env = {**os.environ, "EDITOR_LOCAL_BACKEND": backend_url(args.backend_port)}
    preview = subprocess.Popen([sys.executable, "-m", "tools.preview", "--settings", args.settings,
                                "--output", args.output, "--port", str(args.port)], cwd=ROOT, env=env)
    try:
        return preview.wait()
    except KeyboardInterrupt:
        stop(preview)
        return 0
    finally:
        stop(preview)
        stop(backend)


if __name__ == "__main__":
    sys.exit(main())
