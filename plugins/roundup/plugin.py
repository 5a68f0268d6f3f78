"""Connects the weekly roundup (Wochenrückblick) to Pelican: a generator that reads the published
articles, the editor notes and the author profiles, and writes one page per week plus an index.

The generator comes from `get_generators`, so Pelican runs its generate_context after the
ArticlesGenerator's (whose signals attach profiles and series data to the articles).
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from datetime import time
from functools import partial

from babel.lists import format_list
from pelican import signals
from pelican.generators import Generator

from shared.dates import build_time
from shared.markdown import markdown_renderer
from shared.problems import problem, report

from .notes import read_note
from .roundups import Post, build_roundups
from .thanks import PostCredit
from .windows import WEEKDAYS, Cutoff

TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class RoundupSettings:
    cutoff: Cutoff
    notes_path: str
    url: str
    save_as: str
    index_url: str
    index_save_as: str
    lang: str


def read_roundup_settings(settings) -> RoundupSettings:
    """All ROUNDUP_* settings in one place, with defaults; a bad value is reported and replaced."""
    weekday_value = settings.get("ROUNDUP_WEEKDAY", "friday")
    weekday = str(weekday_value).strip().lower()
    if weekday not in WEEKDAYS:
        problem("pelicanconf.py", 0, f"ROUNDUP_WEEKDAY = {weekday_value!r} is not a weekday",
                f"use one of: {', '.join(WEEKDAYS)}; using friday for now")
        weekday = "friday"
    time_value = str(settings.get("ROUNDUP_TIME", "15:00")).strip()
    match = TIME.match(time_value)
    if not match:
        problem("pelicanconf.py", 0, f"ROUNDUP_TIME = {time_value!r} is not a time of day",
                "write it as \"HH:MM\", e.g. \"15:00\"; using 15:00 for now")
        match = TIME.match("15:00")
    cutoff = Cutoff(WEEKDAYS.index(weekday), time(int(match.group(1)), int(match.group(2))),
                    settings.get("TIMEZONE") or "Europe/Berlin")
    return RoundupSettings(
        cutoff=cutoff,
        notes_path=settings.get("ROUNDUP_NOTES_PATH", "roundups"),
        url=settings.get("ROUNDUP_URL", "wochenrueckblick/{slug}/"),
        save_as=settings.get("ROUNDUP_SAVE_AS", "wochenrueckblick/{slug}/index.html"),
        index_url=settings.get("ROUNDUPS_URL", "wochenrueckblick/"),
        index_save_as=settings.get("ROUNDUPS_SAVE_AS", "wochenrueckblick/index.html"),
        lang=settings.get("DEFAULT_LANG", "de"),
    )


@dataclass(frozen=True)
class Phrases:
    """The words of the roundup, from the theme's UI strings (the localization plugin's t/tn)."""

    text: object
    count: object
    join: object


def phrases_from(env, lang: str) -> Phrases:
    return Phrases(text=env.globals["t"], count=env.globals["tn"], join=partial(format_list, locale=lang))


def series_words(article, phrases) -> tuple[str | None, str | None]:
    """(role label, intro phrase) for a series tip, (None, None) otherwise.

    Uses the series plugin's data when present (series_info/series_label/series_number),
    else the series slug from the front matter.
    """
    series = getattr(article, "series_info", None)
    slug = getattr(article, "series", None)
    if series is None and not slug:
        return None, None
    label = getattr(article, "series_label", None)
    number = getattr(article, "series_number", None)
    if not label:
        label = phrases.text("roundup_series_fallback", series=getattr(series, "title", None) or slug)
    if series is not None and number and getattr(series, "label_pattern", None):
        part = series.label_pattern.replace("{n}", str(number))
        return label, phrases.text("roundup_intro_tip", part=part, series=series.title)
    return label, label


def post_of(article, phrases) -> Post:
    handles = getattr(article, "author_handles", None) or [author.slug for author in article.authors]
    thanks = tuple(
        {"handle": entry["handle"]} if entry.get("handle") else {"name": entry["name"], "url": entry.get("url")}
        for entry in getattr(article, "thanks", None) or ()
    )
    role, tip_phrase = series_words(article, phrases)
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


class RoundupGenerator(Generator):
    """One page per finished week (wochenrueckblick/<slug>/) and the index (wochenrueckblick/)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roundups = []

    def generate_context(self):
        config = read_roundup_settings(self.settings)
        phrases = phrases_from(self.env, config.lang)
        profiles = self.context.get("author_profiles")
        notes = load_notes(self.settings, config, set(profiles) if profiles is not None else None)
        articles = sorted(self.context.get("articles") or [], key=lambda a: (a.date, a.source_path))
        self.roundups, problems = build_roundups(
            [post_of(article, phrases) for article in articles],
            cutoff=config.cutoff, now=build_time(), phrases=phrases, lang=config.lang,
            profiles=profiles, notes=notes, render_markdown=markdown_renderer(self.settings),
            url_pattern=config.url, save_as_pattern=config.save_as,
        )
        for found in problems:
            report(found)
        self.context["roundups"] = self.roundups
        self.context["roundups_url"] = config.index_url
        self.context["roundups_save_as"] = config.index_save_as

    def generate_output(self, writer):
        relative = self.settings.get("RELATIVE_URLS", False)
        page = self.get_template("roundup")
        for roundup in self.roundups:
            # the writer joins save_as with sanitised_join, so a bad pattern cannot leave output/
            writer.write_file(roundup.save_as, page, self.context, relative, url=roundup.url, roundup=roundup)
        if self.context.get("roundups_save_as"):
            writer.write_file(self.context["roundups_save_as"], self.get_template("roundups"), self.context,
                              relative, url=self.context["roundups_url"])


def get_generators(pelican):
    return RoundupGenerator


def register():
    signals.get_generators.connect(get_generators)
