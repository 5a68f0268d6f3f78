"""`make new-site`: make this checkout a company's own blog.

    python -m tools.new_site --name "Acme Blog" --company "Acme GmbH" --url https://blog.acme.example \
        --lang de [--logo logo.svg] [--accent "#0b5cad"] [--dry-run]
    python -m tools.new_site --write-manifest   # after changing the sample content

Removes exactly the sample company's files (tools/sample_manifest.json: paths and content hashes),
and stops before deleting anything when a file in content/ was changed or added; writes the
settings; creates the legal pages with placeholders that `make publish` refuses until replaced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .manifest import MANIFEST, current_manifest, manifest_text
from .site import LEGAL_PAGES, Refused, Request, make_site
from .settings import get_value

ROOT = Path(__file__).resolve().parents[2]


def write_manifest(root: Path) -> int:
    site_name = get_value((root / "pelicanconf.py").read_text(encoding="utf-8"), "SITENAME") or ""
    (root / MANIFEST).write_text(manifest_text(current_manifest(root, site_name)), encoding="utf-8")
    print(f"wrote {MANIFEST}")
    return 0


def describe_accent(accent: str | None) -> list[str]:
    if not accent:
        return ["ACCENT_COLOR not set: the theme's blue is used"]
    from brand.palette import brand_css, describe

    return describe(accent.lower(), brand_css(accent.lower())[1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", help="the blog's name (SITENAME)")
    parser.add_argument("--company", help="the company (PUBLISHER)")
    parser.add_argument("--url", help="the blog's https address (SITEURL of publishconf.py)")
    parser.add_argument("--lang", default="de", help="de or en (default de)")
    parser.add_argument("--logo", help="SVG or PNG file")
    parser.add_argument("--accent", help="brand colour #rrggbb")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    parser.add_argument("--dry-run", action="store_true", help="list what would be removed; change nothing")
    parser.add_argument("--write-manifest", action="store_true", help="record the sample content's hashes")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if args.write_manifest:
        return write_manifest(root)
    request = Request(args.name or "", args.company or "", args.url or "", args.lang, args.logo, args.accent)
    try:
        report = make_site(root, request, dry_run=args.dry_run)
    except Refused as refused:
        print("\n".join(refused.lines), file=sys.stderr)
        return refused.status
    if args.dry_run:
        print(f"would remove {len(report.removed)} files of the sample company:")
        print("\n".join(f"  {path}" for path in report.removed))
        return 0
    imprint, privacy = LEGAL_PAGES[request.lang]
    lines = [f"removed {len(report.removed)} files of the sample company" if report.removed
             else "no sample files left to remove",
             _settings_line(report.settings)]
    if report.logo:
        lines.append(f"logo: content/{report.logo} (SITE_LOGO): header, favicon, touch icon, newsletter")
    lines += [f"colour: {line}" for line in describe_accent(request.accent)]
    for page in report.pages:
        lines.append(f"created {page}: replace every [[…]]; make publish refuses the site until then")
    for page in report.kept_pages:
        lines.append(f"kept {page} (it was there already)")
    lines += ["", "Next:",
              "  make serve                     # your empty blog at http://localhost:8000",
              "  content/authors/<handle>.yml   # a profile for each author (docs/authors.md)",
              '  make new-post TITLE="…" AUTHOR=<handle>',
              f"  fill in content/pages/{imprint}.md and content/pages/{privacy}.md, then make check and make publish"]
    print("\n".join(lines))
    return 0


def _settings_line(written: list[str]) -> str:
    names = [name for name in written if name != "SITEURL"]
    if not names and "SITEURL" not in written:
        return "settings unchanged: run again, make new-site changes only what NAME, COMPANY, URL, LOGO and ACCENT change"
    line = f"wrote pelicanconf.py ({', '.join(names)})" if names else "pelicanconf.py unchanged"
    return line + (" and publishconf.py (SITEURL)" if "SITEURL" in written else "") + "; look for TODO there"


if __name__ == "__main__":
    sys.exit(main())
