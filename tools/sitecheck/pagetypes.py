"""One representative URL per page type of a built site, discovered from the output's paths.

Page types that later features add (author, series, roundup, newsletter pages) are found by their
URL patterns as soon as they are built, so every check covers them without being told. The richest
page of a type (the largest file) stands for it: it exercises most of the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from shared.config import read_config
from shared.editor import EDITOR_FOLDER
from shared.urls import build_url_table, pattern_regex
from tools.build import load_settings

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


def _second_page(settings) -> str:
    """The home page's page 2 from PAGINATION_PATTERNS (base_name of index.html is empty)."""
    patterns = [p for p in settings.get("PAGINATION_PATTERNS", ()) if p[0] > 1]
    if not patterns:
        return r"(?!)"
    return re.escape(patterns[0][2].format(base_name="", number=2).lstrip("/"))


def patterns_for(urls, settings) -> tuple[_Pattern, ...]:
    """The page types of a site with these URL settings, in the order they are checked."""
    def section(kind):
        return pattern_regex(urls.save_as(kind, slug="{slug}"))

    sections = [urls.prefix(kind) for kind in ("author", "authors", "category", "categories", "tag", "tags",
                                               "archives", "series", "series_index", "roundup", "roundups",
                                               "draft", "search", "subscribe")]
    sections += [urls.newsletter_dir, "feeds/", "theme/", "images/", "_screenshots/", "pagefind/",
                 EDITOR_FOLDER + "/"]  # the web editor is no page of the site (FULL=1 still loads it)
    other = "|".join(re.escape(prefix) for prefix in sorted(set(sections)) if prefix)
    return (
        _Pattern("index", pattern_regex(urls.save_as("index")), required=True),
        _Pattern("index-page-2", _second_page(settings)),
        _Pattern("article", pattern_regex(settings.get("ARTICLE_SAVE_AS", "{slug}.html")), required=True),
        _Pattern("page", rf"(?!(?:{other}))(?!\d{{4}}/)" + pattern_regex(urls.save_as("page", slug="{slug}")), required=True),
        _Pattern("categories-index", pattern_regex(urls.save_as("categories")), required=True),
        _Pattern("category", section("category"), required=True),
        _Pattern("tags-index", pattern_regex(urls.save_as("tags")), required=True),
        _Pattern("tag", section("tag"), required=True),
        _Pattern("archives", pattern_regex(urls.save_as("archives")), required=True),
        _Pattern("authors-index", pattern_regex(urls.save_as("authors"))),
        _Pattern("author", section("author")),
        _Pattern("series-index", pattern_regex(urls.save_as("series_index"))),
        _Pattern("series", section("series")),
        _Pattern("roundups-index", pattern_regex(urls.save_as("roundups"))),
        _Pattern("search", pattern_regex(urls.save_as("search"))),
        _Pattern("subscribe", pattern_regex(urls.save_as("subscribe"))),
        _Pattern("roundup", pattern_regex(urls.save_as("roundup", slug="{slug}"))),
        # Below a roundup's own page: its share page (texts to copy for #FollowFriday) ...
        _Pattern("roundup-share", pattern_regex(urls.url("roundup_share", slug="{slug}")) + "index\\.html"),
        # ... and the newsletter's "view in browser" copy, which is the email's HTML.
        _Pattern("newsletter-web", pattern_regex(urls.url("newsletter_web", slug="{slug}")) + "index\\.html", is_email=True),
        _Pattern("newsletter-email", re.escape(urls.newsletter_dir) + r"[^/]+\.html(?<!index\.html)", is_email=True),
    )


def site_of(settings: dict):
    """(URL table, settings) of a build, as discover() needs them."""
    return build_url_table(settings, read_config(settings)[0].values), settings


def default_site():
    """The project's pelicanconf.py (for tests that only have files)."""
    return site_of(load_settings(Path(__file__).resolve().parents[2] / "pelicanconf.py"))


REQUIRED = ("index", "article", "page", "categories-index", "category", "tags-index", "tag", "archives", "404")


def discover(output_dir: str | Path, site=None) -> list[PageType]:
    """The page types present in `output_dir`, in a fixed order, each with its richest page.

    `site` is (URL table, settings) of the build; the project's pelicanconf.py when not given."""
    urls, settings = site or default_site()
    root = Path(output_dir)
    files = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    sizes = {relative: (root / relative).stat().st_size for relative in files}
    found = []
    for pattern in patterns_for(urls, settings):
        regex = re.compile(pattern.regex)
        matches = [relative for relative in files if regex.fullmatch(relative)]
        if matches:
            richest = min(matches, key=lambda relative: (-sizes[relative], relative))
            found.append(PageType(pattern.name, _url_path(richest), is_email=pattern.is_email))
    if "404.html" in files:
        found.append(PageType("404", NOT_FOUND_PROBE, expected_status=404))
    return found


def every_page(output_dir: str | Path, site=None, leave_out=()) -> list[PageType]:
    """Every HTML file in `output_dir` as a page to load, named by its page type ("other" when no
    pattern knows it), sorted by path; 404.html is loaded by a missing URL. `leave_out`: output-relative
    paths not to load (redirect pages: they forward at once)."""
    root = Path(output_dir)
    files = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    kinds = Classifier(site)
    return [kinds.page(relative) for relative in files if relative not in leave_out]


class Classifier:
    """The page type of any output file of one site (the first pattern that matches it)."""

    def __init__(self, site=None):
        urls, settings = site or default_site()
        self._patterns = [(re.compile(pattern.regex), pattern) for pattern in patterns_for(urls, settings)]
        self._later_pages = _later_pages(settings)

    def page(self, relative: str) -> PageType:
        if relative == "404.html":
            return PageType("404", NOT_FOUND_PROBE, expected_status=404)
        for regex, pattern in self._patterns:
            if regex.fullmatch(relative):
                return PageType(pattern.name, _url_path(relative), is_email=pattern.is_email)
        later = self._later_pages.fullmatch(relative) if self._later_pages else None
        if later:  # page 3 of a tag: named after the tag's first page
            first = self.page(f"{later['base']}/index.html" if later["base"] else "index.html")
            return PageType(f"{first.name.removesuffix('-page-n')}-page-n", _url_path(relative))
        return PageType("other", _url_path(relative), is_email=is_email_html(relative))


def _later_pages(settings) -> re.Pattern | None:
    """The output paths of page 2, 3, … of any listing, from PAGINATION_PATTERNS ('base' is the
    listing's folder, empty for the home page)."""
    for number, _url, save_as in settings.get("PAGINATION_PATTERNS", ()):
        before, found, after = save_as.partition("{base_name}")
        if number > 1 and found and not before:
            return re.compile(r"(?:(?P<base>.+?)/)?" + pattern_regex(after.lstrip("/")))
    return None


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
