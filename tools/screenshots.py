"""`make screenshots`: PNGs of the main page types, so a reviewer can look at the site.

    python -m tools.screenshots [--output output]

Builds the site with the development settings when the output directory is missing, serves it on
127.0.0.1 and writes full-page screenshots to <output>/_screenshots/<type>-<width>[-dark].png,
then prints their paths. Every page type found in the output gets 1280 and 375 px, light and
dark; when the output has newsletters (a publish build), their emails are
shot by tools/newsletter/screenshots.py. To add a view, add a Shot to `planned_shots`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lxml import html as lxml_html

from tools.build import build, load_settings, path_overrides
from tools.chromium import guarded_requests, running_browser
from tools.sitecheck import browser, environment, pagetypes
from tools.sitecheck.server import SiteServer

SCREENSHOT_DIR = "_screenshots"
LOAD_LAZY_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach((image) => { image.loading = "eager"; });
  await Promise.all(images.map((image) => image.complete ? null
    : new Promise((done) => { image.onload = image.onerror = done; })));
}"""


@dataclass(frozen=True)
class Shot:
    name: str
    path: str  # URL path on the site
    widths: tuple[int, ...] = (1280, 375)
    color_scheme: str = "light"
    expected_status: int = 200
    wait_for: str | None = None  # a CSS selector that appears once the page has done its work (search results)

    def file_names(self) -> list[str]:
        suffix = "" if self.color_scheme == "light" else f"-{self.color_scheme}"
        return [f"{self.name}-{width}{suffix}.png" for width in self.widths]


def planned_shots(output_dir: Path, site=None) -> list[Shot]:
    """Every page type at 1280 and 375 px, in light and in dark mode (`site`: as pagetypes.discover).
    Emails are left to tools/newsletter/screenshots.py (600 and 375 px, light and dark)."""
    shots = [Shot(t.name, t.path, expected_status=t.expected_status)
             for t in pagetypes.discover(output_dir, site) if not t.is_email]
    search = next((shot for shot in shots if shot.name == "search"), None)
    # (a publish build's search script comes from its SITEURL, another origin here: its page would stay empty)
    word = search and (output_dir / "pagefind").is_dir() and not production_url(output_dir) and first_title_word(output_dir)
    if word:  # the search page with results, as a reader who searched sees it
        shots.append(Shot("search-results", f"{search.path}?q={quote(word)}", wait_for=".search-results li"))
    shots += [Shot(s.name, s.path, s.widths, "dark", s.expected_status, s.wait_for) for s in list(shots)]
    return shots


def first_title_word(output_dir: Path) -> str | None:
    """A word of the newest post's title (on the home page): it finds at least that post."""
    document = lxml_html.fromstring((output_dir / "index.html").read_bytes())
    titles = document.xpath("//main//*[contains(@class, 'card-title')]/a/text()")
    words = [word.strip(".,:;!?„“\"'()") for title in titles[1:2] + titles[:1] for word in title.split()]
    return next((word for word in words if len(word) > 4 and word.isalpha()), None)


def production_url(output_dir: Path) -> str | None:
    """The SITEURL a publish build wrote into its pages (None for a relative-URL preview build)."""
    document = lxml_html.fromstring((output_dir / "index.html").read_bytes())
    for href in document.xpath("//link[@rel='stylesheet']/@href"):
        if href.startswith(("http://", "https://")) and "/theme/" in href:
            return href.split("/theme/")[0]
    return None


def take_screenshots(output_dir: Path, shots: list[Shot]) -> tuple[list[Path], list[str]]:
    """Write the PNGs; returns their paths and warnings (requests blocked while shooting).

    A publish build's absolute URLs are answered from the output directory, so its pages look
    as they will online; any other host is blocked.
    """
    target_dir = output_dir / SCREENSHOT_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    written, warnings = [], []
    site_url = production_url(output_dir)
    with SiteServer(output_dir) as server, running_browser() as chromium:
        for shot in shots:
            if site_url:  # its pages allow their own origin (CSP 'self'): the production one, not ours
                page = chromium.new_page(viewport={"width": shot.widths[0], "height": 800},
                                         color_scheme=shot.color_scheme, bypass_csp=True)
            else:
                page = browser.new_page(chromium, color_scheme=shot.color_scheme)
            with guarded_requests(page, server.origin, output_dir, site_url) as blocked:
                for width, file_name in zip(shot.widths, shot.file_names()):
                    page.set_viewport_size({"width": width, "height": 800})
                    page.goto(server.url(shot.path), wait_until="load")
                    if shot.wait_for and not _appears(page, shot.wait_for):
                        # a publish build's script comes from its SITEURL: here another origin, refused
                        warnings.append(f"{file_name}: {shot.wait_for} did not appear (shot as it was)")
                    page.evaluate(LOAD_LAZY_IMAGES)  # a full-page shot does not scroll: lazy images stay empty
                    path = target_dir / file_name
                    page.screenshot(path=str(path), full_page=True)
                    written.append(path)
            warnings += [f"blocked request: {url}" for url in blocked]
            page.close()
    return written, sorted(set(warnings))


def _appears(page, selector: str) -> bool:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_selector(selector, timeout=10_000)
        return True
    except PlaywrightTimeout:
        return False


def email_screenshots(output_dir: Path) -> list[Path]:
    """The newsletter feature's email screenshots, when this output has newsletters."""
    if not (output_dir / "newsletter" / "index.json").is_file():
        return []
    from tools.newsletter.screenshots import write_email_screenshots

    return write_email_screenshots(output_dir)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="output", help="built site to photograph (default: output)")
    parser.add_argument("--settings", default="pelicanconf.py", help="settings for the build when output is missing")
    args = parser.parse_args(argv)
    output_dir = Path(args.output)
    if not (output_dir / "index.html").is_file():
        print(f"{output_dir}/ has no site yet: building it with {args.settings}", file=sys.stderr)
        result = build(load_settings(args.settings, path_overrides(None, str(output_dir))))
        print(result.summary(), file=sys.stderr)
        if result.crashed:
            return 2
    try:
        written, warnings = take_screenshots(output_dir, planned_shots(output_dir))
    except environment.ToolMissing as missing:
        print(f"screenshots: {missing}", file=sys.stderr)
        return 1
    written += email_screenshots(output_dir)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
