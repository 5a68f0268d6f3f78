"""Connects the weekly roundup (Wochenrückblick) to Pelican: a generator that reads the published
articles, the editor notes and the author profiles, and writes one page per week plus an index.

The generator comes from `get_generators`, so Pelican runs its generate_context after the
ArticlesGenerator's (whose signals attach profiles and series data to the articles).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from datetime import time
from functools import partial

from babel.lists import format_list
from pelican import signals
from pelican.generators import Generator

from shared.dates import parse_iso_week
from shared.markdown import markdown_renderer
from shared.model import on_stage, connect, site_config, url_table
from shared.post import post_model
from shared.problems import report

from .notes import read_note
from .roundups import Post, build_roundups
from .thanks import PostCredit
from .windows import WEEKDAYS, Cutoff

@dataclass(frozen=True)
class RoundupSettings:
    cutoff: Cutoff
    notes_path: str
    lang: str
    start: tuple[int, int] | None = None  # ROUNDUP_START as (ISO year, week): no roundup before it


def read_roundup_settings(config) -> RoundupSettings:
    """The ROUNDUP_* values of the site config (validated there) as the pure code needs them."""
    hours, minutes = (int(part) for part in config["ROUNDUP_TIME"].strip().split(":"))
    cutoff = Cutoff(WEEKDAYS.index(config["ROUNDUP_WEEKDAY"]), time(hours, minutes), config.tz_name)
    start = parse_iso_week(config["ROUNDUP_START"]) if config["ROUNDUP_START"] else None
    return RoundupSettings(cutoff=cutoff, notes_path=config["ROUNDUP_NOTES_PATH"], lang=config.lang, start=start)


@dataclass(frozen=True)
class Phrases:
    """The words of the roundup, from the theme's UI strings (the localization plugin's t/tn)."""

    text: object
    count: object
    join: object


def phrases_from(env, lang: str) -> Phrases:
    return Phrases(text=env.globals["t"], count=env.globals["tn"], join=partial(format_list, locale=lang))


def series_words(position, phrases) -> tuple[str | None, str | None]:
    """(role label, intro phrase) for a series tip (article.blog.series), (None, None) otherwise."""
    if position is None:
        return None, None
    if position.number:
        part = position.series.number_label(position.number)
        return position.label, phrases.text("roundup_intro_tip", part=part, series=position.series.title)
    return position.label, position.label


def post_of(article, phrases) -> Post:
    post = post_model(article)
    thanks = tuple(
        {"handle": entry["handle"]} if entry.get("handle") else {"name": entry["name"], "url": entry.get("url")}
        for entry in article.metadata.get("thanks") or ()
    )
    handles = post.handles
    role, tip_phrase = series_words(post.series, phrases)
    title = str(article.title)  # typed text: striptags() would drop "<main>" from a title about HTML
    credit = PostCredit(title=title, author_handles=tuple(handles), thanks=thanks, series_role=role)
    return Post(date=article.date, credit=credit, article=article, tip_phrase=tip_phrase)


def load_notes(settings, config: RoundupSettings, known_handles) -> list:
    folder = os.path.join(settings["PATH"], config.notes_path)
    if not os.path.isdir(folder):
        return []
    ignored = settings.get("IGNORE_FILES", [])
    notes = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md") or any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as handle:
            note, problems = read_note(handle.read(), path, known_handles)
        for found in problems:
            report(found)
        if note is not None:
            notes.append(note)
    return notes


def build_week_roundups(context, generators=(), kept=None):
    """Model stage "roundups": every finished week's Roundup, newest first, into context["roundups"]
    (`kept`: see build_roundups)."""
    config, urls = site_config(context), url_table(context)
    roundup_config = read_roundup_settings(config)
    env = next(g.env for g in generators if hasattr(g, "env"))
    phrases = phrases_from(env, roundup_config.lang)
    profiles = context.get("author_profiles") or {}
    notes = load_notes(context, roundup_config, set(profiles))
    articles = sorted(context.get("articles") or [], key=lambda a: (a.date, a.source_path))
    roundups, problems = build_roundups(
        [post_of(article, phrases) for article in articles],
        cutoff=roundup_config.cutoff, now=config.now, phrases=phrases, lang=roundup_config.lang,
        profiles=profiles, notes=notes, render_markdown=markdown_renderer(context), start=roundup_config.start,
        url_pattern=urls.patterns["roundup"][0], save_as_pattern=urls.patterns["roundup"][1], kept=kept,
    )
    for found in problems:
        report(found)
    context["roundups"] = roundups


class RoundupGenerator(Generator):
    """One page per finished week (ROUNDUP_SAVE_AS) and the index (ROUNDUPS_SAVE_AS)."""

    def generate_context(self):
        self.context.setdefault("roundups", [])  # filled by the model's "roundups" stage

    def generate_output(self, writer):
        relative = self.settings.get("RELATIVE_URLS", False)
        urls = url_table(self.context)
        page = self.get_template("roundup")
        for roundup in self.context["roundups"]:
            # the writer joins save_as with sanitised_join, so a bad pattern cannot leave output/
            writer.write_file(roundup.save_as, page, self.context, relative, url=roundup.url, roundup=roundup)
        if urls.save_as("roundups"):
            writer.write_file(urls.save_as("roundups"), self.get_template("roundups"), self.context,
                              relative, url=urls.url("roundups"))


def get_generators(pelican):
    return RoundupGenerator


def register():
    connect()
    on_stage("roundups", build_week_roundups)
    signals.get_generators.connect(get_generators)
