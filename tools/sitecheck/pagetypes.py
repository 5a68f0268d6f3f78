"""One representative URL per page type of a built site, discovered from the output's paths.

Page types that later features add (author, series, roundup, newsletter pages) are found by their
URL patterns as soon as they are built, so every check covers them without being told. The richest
page of a type (the largest file) stands for it: it exercises most of the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# A missing URL: the server answers it with 404.html and status 404, as the web host would.
NOT_FOUND_PROBE = "gibt-es-nicht/"


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # URL path relative to the site root ("" is the home page)
    expected_status: int = 200
    is_email: bool = False


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: str  # matched against output-relative file paths
    required: bool = False
    is_email: bool = False


_SECTIONS = ("archiv|autoren|kategorie|thema|serien|wochenrueckblick|newsletter|entwuerfe|seite|"
             "feeds|theme|images|_screenshots")
_PATTERNS = (
    _Pattern("index", r"index\.html", required=True),
    _Pattern("index-page-2", r"seite/2/index\.html"),
    _Pattern("article", r"\d{4}/[^/]+/index\.html", required=True),
    _Pattern("page", rf"(?!(?:{_SECTIONS})/)(?!\d{{4}}/)[^/]+/index\.html", required=True),
    _Pattern("categories-index", r"kategorie/index\.html", required=True),
    _Pattern("category", r"kategorie/(?!seite/)[^/]+/index\.html", required=True),
    _Pattern("tags-index", r"thema/index\.html", required=True),
    _Pattern("tag", r"thema/(?!seite/)[^/]+/index\.html", required=True),
    _Pattern("archives", r"archiv/index\.html", required=True),
    _Pattern("authors-index", r"autoren/index\.html"),
    _Pattern("author", r"autoren/(?!seite/)[^/]+/index\.html"),
    _Pattern("series-index", r"serien/index\.html"),
    _Pattern("series", r"serien/(?!seite/)[^/]+/index\.html"),
    _Pattern("roundups-index", r"wochenrueckblick/index\.html"),
    _Pattern("roundup", r"wochenrueckblick/\d{4}-W\d{2}/index\.html"),
    # Below a roundup's own page: its share page (texts to copy for #FollowFriday) ...
    _Pattern("roundup-share", r"wochenrueckblick/\d{4}-W\d{2}/(?!newsletter/)(?!index\.html$).+\.html"),
    # ... and the newsletter's "view in browser" copy, which is the email's HTML.
    _Pattern("newsletter-web", r"(?:.+/)?newsletter/(?:.+/)?index\.html", is_email=True),
    _Pattern("newsletter-email", r"newsletter/[^/]+\.html(?<!index\.html)", is_email=True),
)
REQUIRED = tuple(pattern.name for pattern in _PATTERNS if pattern.required) + ("404",)


def discover(output_dir: str | Path) -> list[PageType]:
    """The page types present in `output_dir`, in a fixed order, each with its richest page."""
    root = Path(output_dir)
    files = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    sizes = {relative: (root / relative).stat().st_size for relative in files}
    found = []
    for pattern in _PATTERNS:
        regex = re.compile(pattern.regex)
        matches = [relative for relative in files if regex.fullmatch(relative)]
        if matches:
            richest = min(matches, key=lambda relative: (-sizes[relative], relative))
            found.append(PageType(pattern.name, _url_path(richest), is_email=pattern.is_email))
    if "404.html" in files:
        found.append(PageType("404", NOT_FOUND_PROBE, expected_status=404))
    return found


def is_email_html(relative_path: str) -> bool:
    """Newsletter emails and their web copies (anything in a newsletter/ folder) are email HTML:
    Outlook markup and mail-service placeholders are allowed there, landmarks are not expected."""
    return "newsletter" in PurePosixPath(relative_path).parts[:-1]


def missing_required(page_types: list[PageType]) -> list[str]:
    present = {page_type.name for page_type in page_types}
    return [name for name in REQUIRED if name not in present]


def _url_path(relative: str) -> str:
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative
