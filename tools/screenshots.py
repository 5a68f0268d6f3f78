"""`make screenshots`: PNGs of the main page types, so a reviewer can look at the site.

    python -m tools.screenshots [--output output]

Builds the site with the development settings when the output directory is missing, serves it on
127.0.0.1 and writes full-page screenshots to <output>/_screenshots/<type>-<width>[-dark].png,
then prints their paths. Every page type found in the output gets 1280 and 375 px; email HTML gets
600 and 375 px in light and dark. To add a view, add a Shot to `planned_shots`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.build import build, load_settings, path_overrides
from tools.sitecheck import browser, environment, pagetypes
from tools.sitecheck.server import SiteServer

SCREENSHOT_DIR = "_screenshots"


@dataclass(frozen=True)
class Shot:
    name: str
    path: str  # URL path on the site
    widths: tuple[int, ...] = (1280, 375)
    color_scheme: str = "light"
    expected_status: int = 200

    def file_names(self) -> list[str]:
        suffix = "" if self.color_scheme == "light" else f"-{self.color_scheme}"
        return [f"{self.name}-{width}{suffix}.png" for width in self.widths]


def planned_shots(output_dir: Path) -> list[Shot]:
    shots = []
    for page_type in pagetypes.discover(output_dir):
        if page_type.is_email:
            for scheme in ("light", "dark"):
                shots.append(Shot(page_type.name, page_type.path, (600, 375), scheme))
        else:
            shots.append(Shot(page_type.name, page_type.path, expected_status=page_type.expected_status))
    for name in ("index", "article"):  # dark mode, where a reader is most likely to see it
        shots += [Shot(s.name, s.path, (375,), "dark") for s in shots if s.name == name and s.color_scheme == "light"]
    return shots


def take_screenshots(output_dir: Path, shots: list[Shot]) -> tuple[list[Path], list[str]]:
    """Write the PNGs; returns their paths and warnings (requests blocked or failed while shooting)."""
    target_dir = output_dir / SCREENSHOT_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    written, warnings = [], []
    with SiteServer(output_dir) as server, browser.running_browser() as chromium:
        for shot in shots:
            page = browser.new_page(chromium, color_scheme=shot.color_scheme)
            for width, file_name in zip(shot.widths, shot.file_names()):
                page.set_viewport_size({"width": width, "height": 800})
                report = browser.inspect_page(page, server.url(shot.path), expected_status=shot.expected_status)
                warnings += [f"{shot.name}: {line}" for line in report.problems()
                             if not line.startswith("horizontal scrolling")]
                path = target_dir / file_name
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
            page.close()
    return written, warnings


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
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if any("leaves the site's origin" in w for w in warnings):
        print("hint: output/ holds absolute URLs of another host (a publish build?); "
              "run `make html` first for screenshots with styles", file=sys.stderr)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
