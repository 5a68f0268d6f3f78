"""The newsletters a build wrote, read from output/newsletter/index.json (shared by the commands
and the screenshots, so neither imports the other)."""

from __future__ import annotations

import json
from pathlib import Path


class NewsletterMissing(Exception):
    pass


def newsletters(output: Path) -> list[dict]:
    """The written newsletters, newest first (newsletter/index.json of the build)."""
    index = output / "newsletter" / "index.json"
    if not index.exists():
        raise NewsletterMissing(f"{index} does not exist: build the newsletter first with `make newsletter` "
                                "(it needs NEWSLETTER_ENABLED = True, set in publishconf.py)")
    found = json.loads(index.read_text(encoding="utf-8"))["newsletters"]
    if not found:
        raise NewsletterMissing("no roundup yet: nothing was published in a week that has ended "
                                "(and is not before ROUNDUP_START)")
    return found


def pick(entries: list[dict], week: str | None) -> dict:
    if week is None:
        return entries[0]
    for entry in entries:
        if entry["slug"] == week:
            return entry
    known = ", ".join(e["slug"] for e in entries[:8])
    raise NewsletterMissing(f"no newsletter for week {week!r}; written weeks (newest first): {known}; "
                            "emails are written for the newest NEWSLETTER_WEEKS weeks (set it to 0 for all), "
                            "none before ROUNDUP_START")


def site_url(output: Path) -> str:
    """The SITEURL the emails link to (their images are answered from output/ when shot)."""
    return json.loads((output / "newsletter" / "index.json").read_text(encoding="utf-8"))["site_url"]
