"""The preview's HTTP server: output/ as the site, plus the reload script, events and problems.

Only this server adds the script (`/_preview/reload.js`, from this origin) and the problem banner,
to HTML responses as they are sent; nothing of it is ever written to output/.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import posixpath
import queue
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from tools.serve import QuietHTTPServer

from .problems import banner, problem_page

RELOAD_JS = (Path(__file__).parent / "reload.js").read_bytes()
# data-version: the state the page was served in. Its event stream may connect after the next
# build (a slow machine); the script compares, and reloads a page that is already out of date.
SCRIPT_TAG = '<script src="/_preview/reload.js" data-version="{version}" defer></script>'
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
# A page that keeps its own state (the web editor at /admin/) opts out of reloads and the banner:
# a reload would throw away what someone is typing.
_NO_RELOAD = re.compile(rb"<html\b[^>]*\sdata-preview-reload=[\"']?off", re.IGNORECASE)


def output_name(url_path: str) -> str | None:
    """"/2026/x/" -> "2026/x/index.html"; None for a path that leaves the output directory."""
    path = posixpath.normpath(unquote(url_path))
    if url_path.endswith("/") or path in ("", "/", "."):
        path = posixpath.join(path, "index.html")
    parts = [p for p in path.split("/") if p]
    if any(p in ("..", ".") for p in parts):
        return None
    return os.path.join(*parts) if parts else "index.html"


def inject(page: bytes, banner_html: str, version: str) -> bytes:
    """The reload script (with the version the page is served at) before </head>, the banner at
    the start of <body>."""
    script = SCRIPT_TAG.format(version=html.escape(version)).encode("utf-8")
    page, found = _HEAD_END.subn(lambda m: script + m.group(0), page, count=1)
    if not found:
        page = script + page
    if banner_html:
        data = banner_html.encode("utf-8")
        page, found = _BODY_START.subn(lambda m: m.group(0) + data, page, count=1)
        if not found:
            page = data + page
    return page


class PreviewHandler(BaseHTTPRequestHandler):
    server_version = "WerkbankPreview"
    protocol_version = "HTTP/1.1"

    @property
    def session(self):
        return self.server.session

    def log_message(self, format, *args):  # quiet: the terminal shows builds and problems
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        parts = urlsplit(self.path)
        if parts.path == "/_preview/reload.js":
            return self._send(HTTPStatus.OK, RELOAD_JS, "text/javascript; charset=utf-8", head)
        if parts.path == "/_preview/events":
            return self._events(parse_qs(parts.query).get("page", [None])[0])
        if parts.path == "/_preview/problems.json":
            body = json.dumps([p.format() for p in self.session.problems()], ensure_ascii=False)
            return self._send(HTTPStatus.OK, body.encode("utf-8"), "application/json", head)
        if parts.path == "/_preview/status.json":  # for make bench and scripts: has the last edit settled?
            current = self.session.current
            body = json.dumps({"settled": self.session.settled.is_set() and self.session.changes.empty(),
                               "build": current.number if current else 0})
            return self._send(HTTPStatus.OK, body.encode("utf-8"), "application/json", head)
        name = output_name(parts.path)
        if name is None:
            return self._send(HTTPStatus.BAD_REQUEST, b"bad path", "text/plain", head)
        self.session.wait_for_page(name)
        version = self.session.hello()  # before the file is read: a later build makes it out of date
        file = os.path.join(self.session.output, name)
        if os.path.isdir(file):  # "/autoren" -> "/autoren/"
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", parts.path + "/")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        problems = self.session.problems()
        source = self.session.source_of(name)
        try:
            with open(file, "rb") as handle:
                body = handle.read()
            status = HTTPStatus.OK
        except OSError:
            if source and any(_is_about(p, source, self.session.root) for p in problems):
                page = problem_page(problems, self.session.root, source).encode("utf-8")
                return self._send(HTTPStatus.OK, inject(page, "", version), "text/html; charset=utf-8", head)
            try:
                with open(os.path.join(self.session.output, "404.html"), "rb") as handle:
                    body, status, name = handle.read(), HTTPStatus.NOT_FOUND, "404.html"
            except OSError:
                return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain", head)
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind == "text/html":
            if not _NO_RELOAD.search(body[:1024]):
                body = inject(body, banner(problems, self.session.root, source), version)
            kind += "; charset=utf-8"
        elif kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml"):
            kind += "; charset=utf-8"
        return self._send(status, body, kind, head)

    def _send(self, status, body: bytes, kind: str, head: bool = False):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, page: str | None):
        name = output_name(page) if page else None
        client = self.session.connect(name)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not self.session.stopping.is_set():
                try:
                    event, data = client.events.get(timeout=10)
                    self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())
                except queue.Empty:
                    self.wfile.write(b": still here\n\n")  # finds closed connections
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ValueError):
            pass
        finally:
            self.session.disconnect(client)


def _is_about(problem, source: str, root: str) -> bool:
    return os.path.normpath(os.path.join(root, problem.path)) == source


class PreviewServer(QuietHTTPServer):
    allow_reuse_address = True

    def __init__(self, session, host: str = "127.0.0.1", port: int = 8000):
        self.session = session
        super().__init__((host, port), PreviewHandler)
