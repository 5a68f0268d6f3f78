"""A running preview (session, HTTP server, watcher) over a tiny site in tmp_path, for the tests."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from helpers.site import site_settings, write_files
from tools.preview.server import PreviewServer
from tools.preview.session import PreviewSession
from tools.preview.watcher import watch

ARTICLE = """\
---
title: "Erster Beitrag"
id: 0001
date: 2026-11-18 09:30
author: jana-beispiel
tags: [netzwerken]
category: Arbeitskultur
summary: "Ein Satz zum Beitrag."
---
{body}
"""


class RunningPreview:
    def __init__(self, tmp_path: Path, files: dict):
        write_files(tmp_path / "content", files)
        self.content = tmp_path / "content"
        self.session = PreviewSession(site_settings(tmp_path), root=tmp_path)
        self.session.start()
        self.server = PreviewServer(self.session, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        restarts = []
        self.watcher = threading.Thread(target=watch, daemon=True, args=(
            self.session, str(self.content), [], str(tmp_path / "no-theme-watch"), lambda changed: restarts.append(changed)))
        self.watcher.start()
        time.sleep(0.3)  # the watcher is listening

    def get(self, path: str) -> tuple[int, str, str]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read().decode("utf-8")

    def save(self, relative: str, text: str) -> None:
        (self.content / relative).write_text(text, encoding="utf-8")

    def wait_until_settled(self, timeout: float = 30) -> None:
        time.sleep(0.2)  # the watcher's debounce
        assert self.session.settled.wait(timeout)
        while not self.session.changes.empty():
            time.sleep(0.05)
        assert self.session.settled.wait(timeout)

    def stop(self) -> None:
        self.session.stop()
        self.server.shutdown()
        self.server.server_close()
