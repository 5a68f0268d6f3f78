"""Connects author profiles to Pelican: load and attach them, shape the author pages and index.

Contract for other plugins: context["author_profiles"] = {handle: Profile}; article.authors are
Author objects (name = display name, slug = handle, .profile); article.blog.profiles and
article.blog.thanks (shared.post).
"""

import dataclasses
import os

from pelican import signals
from pelican.urlwrappers import Author

from shared.markdown import markdown_renderer
from shared.model import connect, on_stage, site_config, url_table
from shared.post import post_model
from shared.problems import report

from .bylines import profile_or_placeholder, thanks_display, unknown_handle_problems
from shared.collation import german_sort_key
from .options import read_options
from .pages import index_sections, owned_series, person_json_ld, thanked_in
from .profiles import ProfileCheck, load_profile, load_profiles


def attach_profiles(generator):
    """Before Pelican groups articles by author: load profiles, replace article.authors."""
    settings = generator.settings
    options = read_options(site_config(generator.context))
    profiles, problems = load_profiles(options.folder, profile_check(settings, options))
    urls, render = url_table(generator.context), markdown_renderer(settings)
    profiles = {handle: finished(profile, urls, render) for handle, profile in profiles.items()}
    generator.context["author_profiles"] = profiles

    authors = {}  # one Author object per handle and build, shared by all its articles

    def author_for(handle):
        if handle not in authors:
            authors[handle] = make_author(profile_or_placeholder(handle, profiles), settings)
        return authors[handle]

    for article in _every_article(generator):
        post = post_model(article)
        handles = list(post.handles)
        if not handles:
            continue
        thanks = list(article.metadata.get("thanks") or [])
        problems += unknown_handle_problems(article.source_path, handles, thanks,
                                            getattr(article, "front_matter_lines", {}), profiles,
                                            options.shown_folder)
        article.authors = [author_for(handle) for handle in handles]
        article.author = article.authors[0]  # Pelican's single-author attribute, kept consistent
        post.profiles = tuple(author.profile for author in article.authors)
        post.thanks = thanks_display(thanks, profiles)
    for found in problems:
        report(found)


def profile_check(settings, options) -> ProfileCheck:
    return ProfileCheck(settings["PATH"], options.static_paths, options.removed_byline)


def finished(profile, urls, render):
    """A profile as loaded, with what the site adds: its page's URL and its bio as HTML."""
    return dataclasses.replace(profile, page_url=urls.url("author", slug=profile.handle),
                               bio_html=render(profile.bio) if profile.bio else "")


# What a profile edit may not change for the preview to show it from the last build's model: these
# decide which pages and files exist (a page or none, the photo copied or withheld).
DECIDES_PAGES = ("handle", "status", "avatar", "avatar_size", "withheld_files", "page_url")


def profile_only_edit(context: dict, settings: dict, path: str):
    """(the profile of `path` in this build's model, the profile the file says now) when the edit
    changed only what pages say of the person (name, role, bio, links, ...). None for any other
    change, a problem in the file, or a file no profile of the model came from."""
    path = os.path.abspath(path)
    profiles = context.get("author_profiles") or {}
    profile = next((p for p in profiles.values() if os.path.abspath(p.source_path) == path), None)
    if profile is None or not os.path.isfile(path):
        return None
    fresh, problems = load_profile(profile.handle, path, profile_check(settings, read_options(site_config(context))))
    fresh = finished(fresh, url_table(context), markdown_renderer(settings))
    if problems or any(getattr(fresh, name) != getattr(profile, name) for name in DECIDES_PAGES):
        return None
    return profile, fresh


def update_profile(context: dict, profile, fresh) -> None:
    """The preview's shortcut for a profile edit: the last build's model takes the new values in
    place, so every article, Author and series that holds this profile object shows them. (Values
    copied from a profile, e.g. a thanks line, stay as they were until the full build that follows.)"""
    for field in dataclasses.fields(profile):
        if field.name != "source_path":
            object.__setattr__(profile, field.name, getattr(fresh, field.name))  # frozen for every build else
    options = read_options(site_config(context))
    for author in authors_of(context, profile.handle):
        author.name = profile.name
        if hasattr(author, "json_ld"):
            author.json_ld = person_json_ld(profile, options.site_url, options.publisher)
    context["author_index"] = index_sections((context.get("author_profiles") or {}).values())
    (context.get("authors") or []).sort(key=lambda entry: german_sort_key(entry[0].name))  # as shape_author_pages


def change_authors(article, authors: list) -> None:
    """The preview's shortcut for an edit of a post's authors: the post written by `authors` (Author
    objects of the last build's model), as attach_profiles would have made it."""
    article.authors = list(authors)
    article.author = article.authors[0]
    article.metadata["author_handles"] = [author.slug for author in authors]
    post = post_model(article)
    post.handles = tuple(author.slug for author in authors)
    post.profiles = tuple(author.profile for author in authors)


def authors_of(context: dict, handle: str) -> list:
    """Every Author object of `handle` in a build's model: its author page's and its articles'."""
    found = {}
    for author, _articles in context.get("authors") or ():
        if author.slug == handle:
            found[id(author)] = author
    for name in ("articles", "drafts", "hidden_articles"):
        for article in context.get(name) or ():
            for author in getattr(article, "authors", None) or ():
                if author.slug == handle:
                    found[id(author)] = author
    return list(found.values())


def make_author(profile, settings) -> Author:
    author = Author(profile.name, settings)
    author.slug = profile.handle
    author.profile = profile
    return author


def shape_author_pages(generator):
    """Every profile with a page gets one (even without posts yet); removed people get none."""
    profiles = generator.context.get("author_profiles", {})
    grouped = {author.slug: (author, articles) for author, articles in generator.authors}
    pages = []
    for handle, profile in profiles.items():
        if not profile.has_page:
            continue
        author, articles = grouped.get(handle) or (make_author(profile, generator.settings), [])
        pages.append((author, articles))
    pages.sort(key=lambda entry: german_sort_key(entry[0].name))
    generator.authors = pages
    generator.context["authors"] = pages
    generator.context["author_index"] = index_sections(profiles.values())


def add_page_details(context, generators=()):
    """Model stage "pages", when every part of the model exists: what each author page lists."""
    for generator in generators:
        if not isinstance(getattr(generator, "authors", None), list) or not hasattr(generator, "drafts"):
            continue
        options = read_options(site_config(generator.context))
        all_series = generator.context.get("series") or []
        thanked = thanked_in(generator.articles)
        for author, _articles in generator.authors:
            author.thanked_in = thanked.get(author.slug, [])
            author.owned_series = owned_series(author.slug, all_series)
            author.json_ld = person_json_ld(author.profile, options.site_url, options.publisher)


def withhold_removed_avatars(generator):
    """A removed person's photo is not copied to the site, even if the file is still in content/."""
    profiles = generator.context.get("author_profiles", {})
    withheld = {path for profile in profiles.values() for path in profile.withheld_files}
    if withheld:
        generator.staticfiles[:] = [static for static in generator.staticfiles
                                    if static.relative_source_path.replace(os.sep, "/") not in withheld]


def _every_article(generator):
    """Published, scheduled, draft and hidden articles and translations, each once."""
    seen = set()
    groups = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
              "hidden_translations")
    candidates = [a for name in groups for a in getattr(generator, name, [])]
    candidates += generator.context.get("scheduled_articles", [])
    for article in candidates:
        if id(article) not in seen:
            seen.add(id(article))
            yield article


def register():
    signals.article_generator_pretaxonomy.connect(attach_profiles)
    signals.article_generator_finalized.connect(shape_author_pages)
    signals.static_generator_finalized.connect(withhold_removed_avatars)
    connect()
    on_stage("pages", add_page_details)
