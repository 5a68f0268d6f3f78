"""Debian's chromium through Playwright, offline: one launcher and one request guard for every tool.

`make check` (tools/sitecheck/browser.py), `make screenshots` (tools/screenshots.py) and the
email screenshots (tools/newsletter/screenshots.py) all start chromium and guard its requests here.
"""

from __future__ import annotations

import contextlib
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from tools.sitecheck import environment

LAUNCH_TOOLS = ("playwright", "chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"  # "file://" for local files


def launch(playwright):
    """Debian's chromium by its path: Playwright's own browser download is unreachable here."""
    environment.require(LAUNCH_TOOLS)
    return playwright.chromium.launch(executable_path=environment.locate("chromium"), args=LAUNCH_ARGS)


@contextlib.contextmanager
def running_browser():
    """`with running_browser() as browser:` one chromium for a whole run."""
    environment.require(LAUNCH_TOOLS)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def published_file(output_dir: Path, site_url: str, url: str) -> Path | None:
    """The file in output_dir behind an absolute URL of the published site, if there is one."""
    prefix = site_url.rstrip("/") + "/"
    if not url.startswith(prefix):
        return None
    local = Path(output_dir) / url[len(prefix):].split("?")[0].split("#")[0]
    if url.endswith("/") or local.is_dir():
        local = local / "index.html"
    return local if local.is_file() else None


@contextlib.contextmanager
def guarded_requests(page, origin: str, output_dir: Path | None = None, site_url: str | None = None):
    """`with guarded_requests(page, origin) as blocked:` nothing leaves the machine.

    Requests to `origin` (the local server, or "file://") and data:/blob: URLs go through; with
    `site_url`, the published site's absolute URLs are answered from `output_dir`, so a publish
    build looks as it will online. Everything else is aborted and its URL appended to `blocked`.
    """
    blocked: list[str] = []

    def route(route_request):
        url = route_request.request.url
        if url.startswith(("data:", "blob:")) or origin_of(url) == origin:
            return route_request.continue_()
        local = published_file(output_dir, site_url, url) if site_url else None
        if local is not None:
            kind = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
            return route_request.fulfill(body=local.read_bytes(), content_type=kind)
        blocked.append(url)
        return route_request.abort("blockedbyclient")

    page.route("**/*", route)
    try:
        yield blocked
    finally:
        page.unroute("**/*", route)
