"""Connects author profiles to Pelican: load and attach them, shape the author pages and index.

Contract for other plugins: context["author_profiles"] = {handle: Profile}; article.authors are
Author objects (name = display name, slug = handle, .profile); article.blog.profiles and
article.blog.thanks (shared.post).
"""

import os
from dataclasses import replace

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
from .profiles import ProfileCheck, load_profiles


def attach_profiles(generator):
    """Before Pelican groups articles by author: load profiles, replace article.authors."""
    settings = generator.settings
    options = read_options(site_config(generator.context))
    check = ProfileCheck(settings["PATH"], options.static_paths, options.removed_byline)
    profiles, problems = load_profiles(options.folder, check)
    urls = url_table(generator.context)
    render = markdown_renderer(settings)
    profiles = {handle: replace(profile, page_url=urls.url("author", slug=handle),
                                bio_html=render(profile.bio) if profile.bio else "")
                for handle, profile in profiles.items()}
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
