"""make import-wordpress WXR=export.xml [UPLOADS=folder-or-url] [DRY_RUN=1]

    python -m tools.wordpress --wxr export.xml [--uploads wp-content/uploads | https://old.example/wp-content/uploads]
                              [--content content] [--settings pelicanconf.py] [--dry-run]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from roundup.plugin import read_roundup_settings
from shared.config import read_config
from tools.build import load_settings

from .importer import Options, run_import
from .media import MediaError
from .wxr import WxrError, read_wxr

SETTING = "ROUNDUP_START"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Import a WordPress export (WXR) into content/.")
    parser.add_argument("--wxr", required=True, help="the export file (WordPress: Tools → Export → All content)")
    parser.add_argument("--uploads", default="", help="a copy of wp-content/uploads, or its http(s) address")
    parser.add_argument("--content", default="content")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    args = parser.parse_args(argv)
    if not args.wxr.strip():
        print("WXR is empty: make import-wordpress WXR=export.xml", file=sys.stderr)
        return 2
    uploads = args.uploads.strip() or None
    if uploads and not uploads.startswith(("http://", "https://")) and not os.path.isdir(uploads):
        print(f"UPLOADS={uploads}: no such folder; give the copy of wp-content/uploads or its https:// address",
              file=sys.stderr)
        return 2
    settings = load_settings(args.settings)
    config = read_config(settings)[0]
    options = Options(content=Path(args.content), uploads=uploads, dry_run=args.dry_run, tz_name=config.tz_name,
                      lang=config.lang, now=config.now, cutoff=read_roundup_settings(config).cutoff,
                      reserved_slugs=reserved_slugs({**config.values, **settings}))
    try:
        export = read_wxr(args.wxr)
        plan, report = run_import(export, options)
    except (WxrError, MediaError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    report.written = sorted([*plan.files, *plan.copies])
    start = plan.roundup_start if needs_later_start(settings.get(SETTING), plan.roundup_start) else None
    report.roundup_start = start or settings.get(SETTING)
    if not args.dry_run:
        write_plan(Path(args.content), plan)
        if start:
            set_roundup_start(Path(args.settings), start)
    print(report.format())
    return 0


def reserved_slugs(settings: dict) -> set:
    """First path segments of the site's own pages (/autoren/, /suche/ …): no imported page may take them."""
    found = {"images", "theme", "pagefind", "newsletter", "feeds", "admin"}
    for key, value in settings.items():
        if key.endswith("_URL") and isinstance(value, str) and "/" in value:
            first = value.split("/", 1)[0]
            if first and "{" not in first:
                found.add(first)
    return found


def write_plan(content: Path, plan) -> None:
    """Every file new ('x' mode): the plan chose free names, so an existing file is never replaced."""
    root = content.resolve()
    for relative, data in [*plan.files.items(), *plan.copies.items()]:
        target = (content / relative.removeprefix("content/")).resolve()
        if root not in target.parents:
            raise SystemExit(f"refusing to write outside {content}: {relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as handle:
            handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def needs_later_start(current, wanted) -> bool:
    return bool(wanted) and (not current or str(current) < wanted)


def set_roundup_start(settings_file: Path, week: str) -> None:
    """ROUNDUP_START = "<week>" in the settings file: replaced where it is set, else added at the end."""
    text = settings_file.read_text(encoding="utf-8")
    line = f'{SETTING} = "{week}"  # set by make import-wordpress: no roundups for the imported history'
    pattern = re.compile(rf"^{SETTING}\s*=.*$", re.M)
    text = pattern.sub(line, text, count=1) if pattern.search(text) else text.rstrip("\n") + "\n\n" + line + "\n"
    settings_file.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
