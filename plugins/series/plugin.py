"""Connects the series plugin to Pelican: numbers tips after articles are read, writes series pages."""

from __future__ import annotations

import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import Generator

from shared.markdown import markdown_renderer
from shared.model import connect, site_config, url_table
from shared.problems import report

from .definitions import load_series, series_paths
from .linking import link_series

@dataclass(frozen=True)
class SeriesSettings:
    folder: str  # where the series files are, absolute
    announce_next: bool
    tz_name: str


def series_settings(config) -> SeriesSettings:
    content = config["PATH"]
    return SeriesSettings(
        folder=os.path.join(content, config["SERIES_DIR"]),
        announce_next=config["SERIES_ANNOUNCE_NEXT"],
        tz_name=config.tz_name,
    )


def attach_series(generator):
    """article_generator_finalized: load series files, number the tips, publish context["series"]."""
    config = series_settings(site_config(generator.context))
    series_url, series_save_as = url_table(generator.context).patterns["series"]
    handles = set(generator.context["author_profiles"])  # loaded before Pelican groups the articles
    markdown_to_html = markdown_renderer(generator.settings)
    series_by_slug, problems = {}, []
    for path in series_paths(config.folder):
        series, found = load_series(path, handles, markdown_to_html, series_url, series_save_as)
        series_by_slug[series.slug] = series
        problems += found
    problems += link_series(
        series_by_slug,
        published=list(generator.articles),
        unpublished=[*generator.drafts, *generator.hidden_articles],
        scheduled=list(generator.context.get("scheduled_articles", [])),
        tz_name=config.tz_name,
        announce_next=config.announce_next,
    )
    for found in sorted(problems):
        report(found)
    generator.context["series"] = sorted(series_by_slug.values(), key=lambda s: s.sort_key)


def description_only_edit(context: dict, settings: dict, path: str):
    """(the series of `path` in this build's model, its new description HTML) when the file now says
    the same but for its description: the preview shows that without making the model again. None
    for any other change, a problem in the file, or a file no series of the model came from."""
    path = os.path.abspath(path)
    series = next((s for s in context.get("series") or () if os.path.abspath(s.source_path) == path), None)
    if series is None or not os.path.isfile(path):
        return None
    series_url, series_save_as = url_table(context).patterns["series"]
    fresh, problems = load_series(path, set(context.get("author_profiles") or ()), markdown_renderer(settings),
                                  series_url, series_save_as)
    unchanged = ("slug", "title", "label_pattern", "weekday", "owners", "url", "save_as")
    if problems or any(getattr(fresh, name) != getattr(series, name) for name in unchanged):
        return None
    return series, fresh.description_html


def owner_links(handles, profiles: dict) -> list[dict]:
    """Owners as {name, url, handle}; an unknown handle (reported) is shown as written, unlinked."""
    owners = []
    for handle in handles:
        profile = profiles.get(handle)
        owners.append({"name": profile.name if profile else handle, "url": profile.url if profile else None,
                       "handle": handle})
    return owners


class SeriesGenerator(Generator):
    """Writes one page per series (SERIES_SAVE_AS) and the overview (SERIES_INDEX_SAVE_AS)."""

    def generate_context(self):
        # attach_series ran when the articles were finalized; make sure the key exists regardless
        self.context.setdefault("series", [])

    def generate_output(self, writer):
        all_series = self.context.get("series", [])
        profiles = self.context.get("author_profiles") or {}
        relative = self.settings.get("RELATIVE_URLS", False)
        page = self.get_template("series")
        for series in all_series:
            writer.write_file(
                series.save_as, page, self.context, relative_urls=relative, url=series.url,
                current_series=series, owners=owner_links(series.owners, profiles),
            )
        overview = self.get_template("series_index")
        urls = url_table(self.context)
        writer.write_file(urls.save_as("series_index"), overview, self.context, relative_urls=relative,
                          url=urls.url("series_index"), series_list=all_series)


def get_generators(pelican):
    return SeriesGenerator


def register():
    connect()
    signals.article_generator_finalized.connect(attach_series)
    signals.get_generators.connect(get_generators)
