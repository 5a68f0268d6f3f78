"""Screenshots of the latest newsletter email at 600 and 375 px, light and dark.

`email_screenshot_targets(output_dir)` lists what to shoot (for tools/screenshots.py, `make
screenshots`); `write_email_screenshots(output_dir)` shoots them with Playwright and Debian's chromium.
Requests to the site's own URL are answered from output/; nothing else leaves the machine.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class ScreenshotTarget:
    name: str  # file name under output/_screenshots/
    source: Path  # the email HTML
    width: int
    color_scheme: str  # "light" or "dark"


def email_screenshot_targets(output_dir: Path) -> list[ScreenshotTarget]:
    from tools.newsletter import newsletters

    latest = newsletters(Path(output_dir))[0]
    source = Path(output_dir) / latest["html"]
    return [ScreenshotTarget(f"newsletter-{width}-{scheme}.png", source, width, scheme)
            for width in (600, 375) for scheme in ("light", "dark")]


def serve_site_locally(page, output_dir: Path, site_url: str) -> None:
    """Answer requests for the site's URLs from output/, block everything else."""
    prefix = site_url.rstrip("/") + "/"

    def handle(route):
        url = route.request.url
        if url.startswith("file:"):
            return route.continue_()
        if url.startswith(prefix):
            local = Path(output_dir) / url[len(prefix):].split("?")[0]
            if local.is_file():
                kind = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
                return route.fulfill(body=local.read_bytes(), content_type=kind)
        return route.abort()

    page.route("**/*", handle)


def write_email_screenshots(output_dir: Path, browser=None) -> list[Path]:
    import json

    from playwright.sync_api import sync_playwright

    output_dir = Path(output_dir)
    targets = email_screenshot_targets(output_dir)
    site_url = json.loads((output_dir / "newsletter" / "index.json").read_text(encoding="utf-8"))["site_url"]
    folder = output_dir / "_screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def shoot(active):
        for target in targets:
            page = active.new_page(viewport={"width": target.width, "height": 900},
                                   color_scheme=target.color_scheme)
            serve_site_locally(page, output_dir, site_url)
            page.goto(target.source.resolve().as_uri())
            path = folder / target.name
            page.screenshot(path=str(path), full_page=True)
            page.close()
            written.append(path)

    if browser is not None:
        shoot(browser)
    else:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM)
            try:
                shoot(launched)
            finally:
                launched.close()
    return written
