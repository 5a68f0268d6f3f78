"""Connects the old addresses (front matter `aliases:`) to Pelican: the model's "pages" stage plans
and renders the redirect pages; they are written on `finalized`, when every other file of the build
is written and known, so an alias never overwrites one and its place in PLUGINS does not matter."""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import sanitised_join

from shared.model import connect, on_stage, remember_redirect_page, site_config, url_table, written_pages
from shared.problems import relative_path, report
from shared.urls import pattern_regex

from .redirects import (FILLED_BY_THE_BUILD, LISTING_WORDS, AliasedPost, RedirectPlan, first_claims, not_upcoming,
                        not_written_otherwise, outside_build_folders, redirects_of, rendered)

PLAN_KEY = "ALIASES_REDIRECT_PLAN"
PUBLISHED = ("articles", "translations", "hidden_articles", "hidden_translations", "pages", "hidden_pages")
WRITTEN = (*PUBLISHED, "drafts", "drafts_translations", "draft_pages", "draft_translations")


def plan_redirects(context, generators=()):
    """Model stage "pages": the redirects of every published or hidden post that is out (not drafts,
    not scheduled posts, whose aliases are only checked), each address claimed once, rendered with
    the theme's redirect.html."""
    config = site_config(context)
    content = [g for g in generators if isinstance(g, (ArticlesGenerator, PagesGenerator))]
    scheduled = context.get("scheduled_articles") or ()
    posts = aliased_posts(content, scheduled, config.now)
    redirects, problems = first_claims(redirects_of(posts, config.site_url, config.relative_urls))
    redirects, upcoming = not_upcoming(redirects, {a.save_as: relative_path(a.source_path) for a in scheduled})
    theme_files = str(context.get("THEME_STATIC_DIR", "theme")).strip("/") + "/"
    redirects, folders = outside_build_folders(redirects, (*FILLED_BY_THE_BUILD, theme_files))
    for found in problems + upcoming + folders:
        report(found)
    redirects = [redirect for redirect in redirects if not redirect.scheduled]
    env = next(g.env for g in generators if hasattr(g, "env"))
    static = {item.save_as: relative_path(item.source_path) for item in context.get("staticfiles", ())}
    patterns = url_table(context).patterns
    generators[0].settings[PLAN_KEY] = RedirectPlan(
        redirects=tuple(rendered(redirects, lambda r: env.get_template("redirect.html").render(
            title=r.title, target=r.target, SITENAME=context["SITENAME"]))),
        sources={**content_sources(content), **static}, static=frozenset(static),
        listings={kind: pattern_regex(patterns[kind][1]) for kind in LISTING_WORDS if patterns[kind][1]})


def aliased_posts(content_generators, scheduled, now) -> list[AliasedPost]:
    """Published and hidden posts and pages with aliases; those dated after `now` (and the scheduled
    articles) only claim their addresses: a scheduled post's old address waits with the post."""
    items = [(item, not is_out(item, now)) for generator in content_generators for name in PUBLISHED
             for item in getattr(generator, name, ())]
    return [AliasedPost(relative_path(item.source_path), str(item.title), item.url, tuple(item.aliases), later)
            for item, later in (*items, *((item, True) for item in scheduled)) if getattr(item, "aliases", None)]


def content_sources(content_generators) -> dict:
    """Output file -> source of every article and page the build writes (drafts too)."""
    return {item.save_as: relative_path(item.source_path) for generator in content_generators
            for name in WRITTEN for item in getattr(generator, name, ())}


def is_out(item, now) -> bool:
    """Not dated after this build's "now"."""
    date = getattr(item, "date", None)
    return date is None or date <= now


def write_redirects(pelican):
    """finalized: every redirect whose file this build did not write otherwise."""
    settings = pelican.settings
    plan, written = settings.get(PLAN_KEY), written_pages(settings)
    if plan is None or written is None or not plan.redirects:  # most builds: nothing to look up
        return
    files = {os.path.relpath(page.path, written.output_path).replace(os.sep, "/") for page in written.pages}
    redirects, problems = not_written_otherwise(plan.redirects, files | plan.static, plan.sources, plan.listings)
    for found in problems:
        report(found)
    for redirect in redirects:
        path = sanitised_join(written.output_path, redirect.save_as)
        write_if_changed(path, redirect.html.encode("utf-8"))
        remember_redirect_page(settings, path)


def write_if_changed(path: str, data: bytes) -> None:
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return
    except OSError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def forget_last_plan(generator):
    """generator_init: the last build's plan leaves the settings (each build makes its own)."""
    generator.settings.pop(PLAN_KEY, None)


def register():
    connect()
    signals.generator_init.connect(forget_last_plan)
    on_stage("pages", plan_redirects)
    signals.finalized.connect(write_redirects)
