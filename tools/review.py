"""`make review`: a branch's site the way colleagues read it before it goes live (CI links it on the
merge request): drafts (under /entwuerfe/) and scheduled posts shown as if their date had come, and
links that work from any folder: GitLab's artifact viewer and a downloaded copy opened from disk
serve files, not folders, so `…/netzwerken/` is written `…/netzwerken/index.html`.

    python -m tools.review [--output review] [--content content] [--days-ahead 366]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from tools.build import build_into, path_overrides

LINK = re.compile(r'(\s(?:href|src|action)=")([^"#?]*)((?:[?#][^"]*)?")')
ELSEWHERE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")  # https:, mailto:, data:, //host, /path


def file_link(target: str) -> str:
    """'../2026/netzwerken/' -> '../2026/netzwerken/index.html'; files, other sites and '' stay."""
    if not target or ELSEWHERE.match(target):
        return target
    if target in (".", ".."):
        return target + "/index.html"
    return target + "index.html" if target.endswith("/") else target


def link_files(html: str) -> str:
    return LINK.sub(lambda match: match.group(1) + file_link(match.group(2)) + match.group(3), html)


def relink_site(output: Path) -> int:
    pages = 0
    for page in output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        linked = link_files(text)
        if linked != text:
            page.write_text(linked, encoding="utf-8")
        pages += 1
    return pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="development settings: drafts are written")
    parser.add_argument("--output", default="review")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    parser.add_argument("--days-ahead", type=int, default=366,
                        help="build as of this many days from now, so scheduled posts are shown")
    args = parser.parse_args(argv)
    now = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    as_of = now + args.days_ahead * 86400
    os.environ["SOURCE_DATE_EPOCH"] = str(as_of)  # read by the build's config (shared.config.build_time)
    output = Path(args.output).resolve()
    code = build_into(args.settings, output, path_overrides(args.content, str(output)), strict=False, job="review")
    if code:
        return code
    pages = relink_site(output)
    shown = datetime.fromtimestamp(as_of, tz=timezone.utc).date().isoformat()
    print(f"review site: {output / 'index.html'} ({pages} pages; drafts and posts scheduled up to {shown} "
          "are shown)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
