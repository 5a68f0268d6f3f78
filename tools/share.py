"""Print a roundup's #FollowFriday posts per network, ready to copy: `make share WEEK=2026-W47`.

    python -m tools.share [2026-W47] [--settings pelicanconf.py] [--content DIR]

Builds the site into a temporary directory (the same build as `make html`, nothing in output/
changes) and reads wochenrueckblick/<week>/teilen/share.json. Without a week: the latest roundup.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import re
import sys
import tempfile
from pathlib import Path

from tools.build import build, load_settings, path_overrides

from sharekit.counting import length_on, validate_limits  # noqa: E402  (tools.build put plugins/ on sys.path)
from sharekit.handles import SHARE_TEXT_NETWORKS  # noqa: E402

WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
NETWORK_NAMES = {"mastodon": "Mastodon", "bluesky": "Bluesky", "linkedin": "LinkedIn", "xing": "XING", "x": "X"}


class ShareToolError(Exception):
    """Something the editor can fix: a mistyped week, a week without roundup."""


def normalise_week(value: str) -> str:
    """'2026-W47', '2026-w47', '2026W47' -> '2026-W47'."""
    match = WEEK.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 53:
        raise ShareToolError(f"'{value}' is not a week; write it like 2026-W47 (ISO year, W, week number)")
    return f"{match.group(1)}-W{int(match.group(2)):02d}"


def available_weeks(output: Path, settings: dict) -> dict[str, Path]:
    """{week slug: share.json} of every roundup share page the build wrote."""
    folder = output / settings.get("ROUNDUPS_URL", "wochenrueckblick/").strip("/")
    return {path.parent.parent.name: path for path in sorted(folder.glob("*/teilen/share.json"))}


def choose_week(weeks: dict[str, Path], wanted: str | None) -> str:
    if not weeks:
        raise ShareToolError("the site has no roundup yet: a week gets one when something was published in it "
                             "and its Friday cutoff has passed")
    if not wanted:
        return max(weeks)
    week = normalise_week(wanted)
    if week not in weeks:
        listed = ", ".join(sorted(weeks, reverse=True))
        raise ShareToolError(f"no roundup for week {week}; available: {listed}")
    return week


def format_posts(week: str, posts: dict, limits: dict, page_url: str) -> str:
    """The posts per network, clearly separated, each with its length against the limit."""
    lines = [f"#FollowFriday {week}  ·  {page_url}", ""]
    for network in [n for n in SHARE_TEXT_NETWORKS if n in posts] + sorted(set(posts) - set(SHARE_TEXT_NETWORKS)):
        thread = posts[network]
        name = NETWORK_NAMES.get(network, network)
        size = "1 Beitrag" if len(thread) == 1 else f"Thread aus {len(thread)} Beiträgen"
        lines.append(f"===== {name} ({size}) " + "=" * max(4, 60 - len(name) - len(size)))
        for number, post in enumerate(thread, start=1):
            limit = limits.get(network)
            count = f"{length_on(network, post)} / {limit} Zeichen" if limit else f"{length_on(network, post)} Zeichen"
            lines.append(f"----- {name} {number}/{len(thread)} · {count} -----")
            lines.append(post)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("week", nargs="?", help="ISO week like 2026-W47 (default: the latest roundup)")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s: %(message)s")
    try:
        if args.week:
            normalise_week(args.week)  # a typo fails before a build
        with tempfile.TemporaryDirectory(prefix="share-") as temp:
            output = Path(temp) / "output"
            overrides = path_overrides(args.content, str(output))
            overrides["CACHE_PATH"] = str(Path(temp) / "cache")
            settings = load_settings(args.settings, overrides)
            with contextlib.redirect_stdout(sys.stderr):  # Pelican's "Done: ..." line; stdout holds only the posts
                result = build(settings)
            if result.crashed:
                print(result.summary(), file=sys.stderr)
                return 2
            if result.errors or result.other_errors:
                print(result.summary(), file=sys.stderr)
            weeks = available_weeks(output, settings)
            week = choose_week(weeks, args.week)
            posts = json.loads(weeks[week].read_text(encoding="utf-8"))
        limits = validate_limits(settings.get("SHARE_LIMITS"))
        base = settings.get("SITEURL") if str(settings.get("SITEURL", "")).startswith("https://") \
            else settings.get("SHARE_SITEURL", "")
        page_url = f"{str(base).rstrip('/')}/{settings.get('ROUNDUPS_URL', 'wochenrueckblick/')}{week}/teilen/"
        print(format_posts(week, posts, limits, page_url), end="")
        return 0
    except ShareToolError as error:
        print(f"make share: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
