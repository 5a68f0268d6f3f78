"""Which redirect pages a build writes for the posts' old addresses (front matter `aliases:`).

Pure: posts and what the build writes arrive as plain values; out come the redirects to write and
one ContentProblem per alias that would overwrite something. Nothing is ever overwritten: an alias
that two files claim goes to the first (by file and line), one that a page of the build uses is
left out, each with a message naming both files.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace

from shared.messages import N_, t
from shared.problems import ContentProblem

# Folders the build fills by itself beside the pages (the search index is replaced whole after
# every build; the theme's files are copied): a redirect page there would be lost or hide a file.
FILLED_BY_THE_BUILD = ("pagefind/",)  # and the theme's folder (THEME_STATIC_DIR), from the settings
# Pages of the URL table that have no source file of their own, in the words of an editor.
LISTING_WORDS = {
    "index": N_("the home page"), "authors": N_("the list of authors"), "categories": N_("the list of categories"),
    "tags": N_("the list of topics"), "archives": N_("the archive"), "series_index": N_("the series overview"),
    "roundups": N_("the list of roundups"), "search": N_("the search page"), "subscribe": N_("the subscribe page"),
    "author": N_("an author page"), "category": N_("a category page"), "tag": N_("a topic page"),
    "series": N_("a series page"), "roundup": N_("a roundup"),
}


@dataclass(frozen=True)
class AliasedPost:
    """A published (or hidden) article or page that has old addresses."""

    source: str  # as an author sees it: content/articles/2026/x.md
    title: str
    url: str  # site-relative: 2026/x/
    aliases: tuple  # ({"alias": as typed, "save_as": file that answers it, "line": n}, ...)
    scheduled: bool = False  # dated after the build's "now": its aliases claim their address, nothing is written


@dataclass(frozen=True)
class Redirect:
    alias: str  # as typed
    save_as: str  # output-relative file: 2019/alt/index.html
    source: str
    line: int
    title: str  # of the post it leads to, as typed
    target: str  # the post's address as the redirect page links it (absolute, relative or root)
    html: str = ""  # the page, once rendered
    scheduled: bool = False  # of a post that is not out yet: checked now, written once it is


def redirects_of(posts, site_url: str, relative: bool) -> list[Redirect]:
    """One Redirect per alias, in file and line order (so the first claim of an address wins)."""
    found = [Redirect(alias["alias"], alias["save_as"], post.source, alias["line"], post.title,
                      link_to(post.url, alias["save_as"], site_url, relative), scheduled=post.scheduled)
             for post in posts for alias in post.aliases]
    return sorted(found, key=lambda redirect: (redirect.source, redirect.line, redirect.save_as))


def link_to(url: str, from_save_as: str, site_url: str, relative: bool) -> str:
    """The post's address as written in the redirect page at `from_save_as`: relative to it in
    preview builds (RELATIVE_URLS, like every other link there), else from SITEURL (absolute in
    publish builds, from the root when SITEURL is empty)."""
    if relative:
        depth = from_save_as.count("/")
        return ("/".join([".."] * depth) or ".") + "/" + url
    return f"{site_url}/{url}"


def rendered(redirects, render) -> list[Redirect]:
    """Each redirect with its page: `render(redirect)` gives the HTML."""
    return [replace(redirect, html=render(redirect)) for redirect in redirects]


def first_claims(redirects) -> tuple[list[Redirect], list[ContentProblem]]:
    """The first alias of each output file; every later one (another file, or the same file
    again) is a problem naming the first."""
    first: dict[str, Redirect] = {}
    kept, problems = [], []
    for redirect in redirects:
        earlier = first.get(redirect.save_as)
        if earlier is None:
            first[redirect.save_as] = redirect
            kept.append(redirect)
        else:
            problems.append(_claimed_twice(redirect, earlier))
    return kept, problems


def _claimed_twice(redirect: Redirect, earlier: Redirect) -> ContentProblem:
    spelled = (t(" ('{first}' and '{second}' are one address: a web server decodes the path "
                 "before it looks for the file)", first=earlier.alias, second=redirect.alias)
               if earlier.alias != redirect.alias else "")
    if earlier.source == redirect.source:
        return ContentProblem(redirect.source, redirect.line,
                              t("alias '{alias}' is listed twice (also on line {line}){spelled}",
                                alias=redirect.alias, line=earlier.line, spelled=spelled),
                              t("remove one of them"))
    return ContentProblem(redirect.source, redirect.line,
                          t("alias '{alias}' is also an alias of {other}: both would be written to {file}{spelled}",
                            alias=redirect.alias, other=f"{earlier.source}:{earlier.line}", file=redirect.save_as,
                            spelled=spelled),
                          t("an old address can lead to one page only: remove it from one of the two files"))


def not_upcoming(redirects, upcoming: dict) -> tuple[list[Redirect], list[ContentProblem]]:
    """Aliases on the address of a scheduled post (`upcoming`: its file -> source): found now, at
    `make check`, not in the hourly deploy that publishes the post."""
    kept, problems = [], []
    for redirect in redirects:
        source = upcoming.get(redirect.save_as)
        if source is None:
            kept.append(redirect)
        else:
            problems.append(ContentProblem(
                redirect.source, redirect.line,
                t("alias '{alias}' is the address of {source}, a scheduled post that takes it when it is published",
                  alias=redirect.alias, source=source),
                t("an alias must be an old address that no page of the site uses: remove it")))
    return kept, problems


def outside_build_folders(redirects, folders=FILLED_BY_THE_BUILD) -> tuple[list[Redirect], list[ContentProblem]]:
    """Aliases inside a folder the build fills by itself (the search index, the theme's files)."""
    kept, problems = [], []
    for redirect in redirects:
        folder = next((f for f in folders if redirect.save_as.startswith(f)), None)
        if folder is None:
            kept.append(redirect)
        else:
            problems.append(ContentProblem(
                redirect.source, redirect.line,
                t("alias '{alias}' is inside {folder}, which the build fills by itself", alias=redirect.alias,
                  folder=folder),
                t("remove the alias; if the old site had a page there, redirect it with a web-server rule "
                  "(docs/deploy.md)")))
    return kept, problems


def not_written_otherwise(redirects, written: set, sources: dict, listings: dict) -> tuple[list[Redirect], list]:
    """The redirects whose file no page, listing or static file of this build is written to.

    `written`: output-relative files of the build; `sources`: file -> source of the content and
    static files among them; `listings`: URL-table kind -> regular expression of its files."""
    kept, problems = [], []
    for redirect in redirects:
        if redirect.save_as not in written:
            kept.append(redirect)
            continue
        source = sources.get(redirect.save_as)
        if source == redirect.source:
            what = t("this post's own address")
            hint = t("remove it: the post answers there itself")
        else:
            page = source or f"{listing_words(redirect.save_as, listings)} {page_address(redirect.save_as)}"
            what = t("the address of {page}, which this build writes to {file}", page=page, file=redirect.save_as)
            hint = t("an alias must be an old address that no page of the site uses now: remove it "
                     "(nothing was overwritten)")
        problems.append(ContentProblem(redirect.source, redirect.line,
                                       t("alias '{alias}' is {what}", alias=redirect.alias, what=what), hint))
    return kept, problems


def listing_words(save_as: str, listings: dict) -> str:
    """'a topic page' for thema/netzwerken/index.html; 'a listing page' for page 2 of anything."""
    for kind, regex in listings.items():
        if kind in LISTING_WORDS and re.fullmatch(regex, save_as):
            return t(LISTING_WORDS[kind])
    return t("a page")


def page_address(save_as: str) -> str:
    """'/thema/netzwerken/' for thema/netzwerken/index.html (how the page is visited)."""
    folder, name = posixpath.split(save_as)
    return "/" + (f"{folder}/" if folder else "") if name == "index.html" else "/" + save_as


@dataclass(frozen=True)
class RedirectPlan:
    """What the model stage hands to the writer on `finalized` (plain values: it rides in Pelican's
    settings, the one thing `finalized` gets)."""

    redirects: tuple  # Redirect, rendered, not claimed twice
    sources: dict  # output file -> source, for every content and static file of the build
    static: frozenset  # output files of the static files (copied, not in the record of written pages)
    listings: dict  # URL-table kind -> regular expression of its output files
