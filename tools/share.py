"""Print a roundup's #FollowFriday posts per network, ready to copy: `make share WEEK=2026-W47`.

    python -m tools.share [2026-W47] [--settings pelicanconf.py] [--output output]

Reads the share.json of the week's #FollowFriday page (ROUNDUP_SHARE_URL, e.g.
wochenrueckblick/<week>/teilen/), written by `make html` or `make publish`, instead of building the site again. Without a week: the latest roundup.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from tools.build import load_settings

from shared.config import read_config  # noqa: E402  (tools/__init__.py put plugins/ on sys.path)
from shared.urls import build_url_table  # noqa: E402
from sharekit.counting import length_on, validate_limits  # noqa: E402
from shared.people import SHARE_TEXT_NETWORKS  # noqa: E402

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


def available_weeks(output: Path, urls) -> dict[str, Path]:
    """{week slug: share.json} of every roundup share page the build wrote (ROUNDUP_SHARE_URL)."""
    found = {}
    for path in sorted(output.glob(urls.url("roundup_share", slug="*") + "share.json")):
        relative = path.relative_to(output).as_posix()
        week = next((part for part in relative.split("/") if WEEK.fullmatch(part)), None)
        if week and urls.url("roundup_share", slug=week) + "share.json" == relative:
            found[week] = path
    return found


def read_weeks(output: Path, urls) -> dict[str, Path]:
    """available_weeks of a built output; without a built site, which command builds it."""
    if not (output / "index.html").is_file():
        raise ShareToolError(f"{output}/ has no built site, so no share data: "
                             "run `make html` (or `make publish`) first, then `make share` again")
    return available_weeks(output, urls)


def choose_week(weeks: dict[str, Path], wanted: str | None) -> str:
    if not weeks:
        raise ShareToolError("the site has no roundup yet: a week gets one when something was published in it, "
                             "its Friday cutoff has passed and it is not before ROUNDUP_START "
                             "(if that changed, run `make html` again)")
    if not wanted:
        return max(weeks)
    week = normalise_week(wanted)
    if week not in weeks:
        listed = ", ".join(sorted(weeks, reverse=True))
        raise ShareToolError(f"no #FollowFriday page for week {week}; available: {listed} "
                             "(if the week is newer than the build, run `make html` again; pages are written "
                             "for the newest SHARE_WEEKS roundups, set it to 0 for all, and none before "
                             "ROUNDUP_START)")
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
    parser.add_argument("--settings", default="pelicanconf.py", help="for the roundup URL, limits, site URL")
    parser.add_argument("--output", default="output", help="the built site (make html or make publish)")
    args = parser.parse_args(argv)
    try:
        if args.week:
            normalise_week(args.week)  # a typo is named before anything is read
        config = read_config(load_settings(args.settings))[0]
        urls = build_url_table(config.pelican, config.values)
        weeks = read_weeks(Path(args.output), urls)
        week = choose_week(weeks, args.week)
        posts = json.loads(weeks[week].read_text(encoding="utf-8"))
        limits = validate_limits(config["SHARE_LIMITS"] or None)
        page_url = urls.shared(urls.url("roundup_share", slug=week))
        print(format_posts(week, posts, limits, page_url), end="")
        return 0
    except ShareToolError as error:
        print(f"make share: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
