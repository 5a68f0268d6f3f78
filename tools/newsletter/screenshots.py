"""Screenshots of the latest newsletter email at 600 and 375 px, light and dark.

`email_screenshot_targets(output_dir)` lists what to shoot (for tools/screenshots.py, `make
screenshots`); `write_email_screenshots(output_dir)` shoots them in Debian's chromium (tools/chromium.py).
Requests to the site's own URL are answered from output/; nothing else leaves the machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools.chromium import guarded_requests, running_browser
from tools.newsletter.written import newsletters, site_url


@dataclass(frozen=True)
class ScreenshotTarget:
    name: str  # file name under output/_screenshots/
    source: Path  # the email HTML
    width: int
    color_scheme: str  # "light" or "dark"


def email_screenshot_targets(output_dir: Path) -> list[ScreenshotTarget]:
    latest = newsletters(Path(output_dir))[0]
    source = Path(output_dir) / latest["html"]
    return [ScreenshotTarget(f"newsletter-{width}-{scheme}.png", source, width, scheme)
            for width in (600, 375) for scheme in ("light", "dark")]


def write_email_screenshots(output_dir: Path, browser=None) -> list[Path]:
    output_dir = Path(output_dir)
    targets = email_screenshot_targets(output_dir)
    published = site_url(output_dir)
    folder = output_dir / "_screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    written = []

    def shoot(active):
        for target in targets:
            page = active.new_page(viewport={"width": target.width, "height": 900},
                                   color_scheme=target.color_scheme)
            with guarded_requests(page, "file://", output_dir, published):
                page.goto(target.source.resolve().as_uri())
                path = folder / target.name
                page.screenshot(path=str(path), full_page=True)
            page.close()
            written.append(path)

    if browser is not None:
        shoot(browser)
    else:
        with running_browser() as launched:
            shoot(launched)
    return written
