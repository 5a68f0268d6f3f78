"""Puts the pieces together: week windows + editor notes + thanks -> Roundup objects, newest first.

Pure: posts arrive as plain `Post` values (the Pelican article rides along untouched), words come
from a `phrases` object (text/count/join over the UI strings), Markdown from a callable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from babel.dates import format_date
from markupsafe import Markup

from shared.messages import t
from shared.problems import WARNING, ContentProblem, relative_path

from .thanks import Contributor, PostCredit, contributors
from .windows import Cutoff, WeekWindow, before_start, group_by_week, has_ended, week_slug, window_of_week


@dataclass(frozen=True)
class Post:
    date: datetime
    credit: PostCredit
    article: object = None  # the Pelican article, handed through to Roundup.articles
    tip_phrase: str | None = None  # "Tipp 12 der Serie #Mittwochstipp", only for series tips

    @property
    def is_tip(self) -> bool:
        return self.credit.series_role is not None


@dataclass
class Roundup:
    slug: str
    iso_year: int
    iso_week: int
    title: str
    start: datetime  # the previous cutoff (exclusive)
    end: datetime  # this week's cutoff (inclusive)
    url: str
    save_as: str
    period: str  # "13.–20. November 2026"
    intro_html: Markup  # HTML, shown as it is
    intro_text: str
    articles: list = field(default_factory=list)  # oldest first
    tips: list = field(default_factory=list)  # the series tips among them
    other_articles: list = field(default_factory=list)  # the rest, for the "more posts" group
    contributors: list = field(default_factory=list)  # Contributor, German alphabetical order
    has_editor_intro: bool = False

    @property
    def date(self) -> datetime:
        return self.end

    @property
    def newcomers(self) -> list[Contributor]:
        return [person for person in self.contributors if person.is_newcomer]


def period_text(start: date, end: date, lang: str) -> str:
    """'13.–20. November 2026', '30. Oktober – 6. November 2026' (de); 'November 13–20, 2026' (en)."""
    german = lang.startswith("de")
    full = "d. MMMM y" if german else "MMMM d, y"
    if start.year != end.year:
        first = format_date(start, full, locale=lang)
    elif start.month != end.month:
        first = format_date(start, "d. MMMM" if german else "MMMM d", locale=lang)
    else:
        first = f"{start.day}." if german else format_date(start, "MMMM d", locale=lang)
        if not german:
            return f"{first}–{end.day}, {end.year}"
        return f"{first}–{format_date(end, full, locale=lang)}"
    return f"{first} – {format_date(end, full, locale=lang)}"


def generated_intro(posts: list[Post], people: list[Contributor], phrases) -> str:
    """'Diese Woche: 3 Beiträge von 2 Personen, darunter Tipp 12 der Serie #Mittwochstipp. …'"""
    writers = {handle for post in posts for handle in post.credit.author_handles}
    tips = [post.tip_phrase for post in posts if post.is_tip and post.tip_phrase]
    among = phrases.text("roundup_intro_among", tips=phrases.join(tips)) if tips else ""
    sentences = [phrases.text(
        "roundup_intro",
        posts=phrases.count("roundup_intro_posts", len(posts)),
        people=phrases.count("roundup_intro_people", len(writers)),
        among=among,
    )]
    newcomers = [person.name for person in people if person.is_newcomer]
    if newcomers:
        sentences.append(phrases.text("roundup_intro_newcomers", names=phrases.join(newcomers)))
    sentences.append(phrases.count("roundup_intro_thanks", len(people)))
    return " ".join(sentences)


def newcomers_by_week(weeks) -> dict[str, set]:
    """Handles whose first-ever post falls in each week (one pass over the weeks in order)."""
    seen: set = set()
    found: dict[str, set] = {}
    for window, posts in weeks:
        found[window.slug] = set()
        for post in posts:
            for handle in post.credit.author_handles:
                if handle not in seen:
                    seen.add(handle)
                    found[window.slug].add(handle)
    return found


def build_roundups(posts, *, cutoff: Cutoff, now: datetime, phrases, lang: str, profiles=None,
                   notes=(), render_markdown=None, url_pattern="wochenrueckblick/{slug}/",
                   save_as_pattern="wochenrueckblick/{slug}/index.html", start: tuple[int, int] | None = None,
                   kept=None):
    """(roundups newest first, problems). Only weeks with posts whose cutoff has passed, not skipped,
    and not before `start` (ROUNDUP_START, as (ISO year, week)): an imported archive gets no roundups.
    `kept(window)`: a week's roundup as made before, when the caller knows it is still so (the
    preview after moving one post: only the weeks between its old and new date change), or None."""
    weeks = group_by_week(posts, lambda post: post.date, cutoff)
    newcomers = newcomers_by_week(weeks)  # over every week: who wrote before the start is no newcomer
    notes_by_slug = {note.slug: note for note in notes}
    early = [note for note in notes if before_start(note.iso_year, note.iso_week, start)]
    later = [note for note in notes if not before_start(note.iso_year, note.iso_week, start)]
    problems = notes_before_start(early, start, phrases)
    problems += notes_without_posts(later, {window.slug for window, _ in weeks}, cutoff, now, phrases)
    roundups = []
    for window, week_posts in weeks:
        note = notes_by_slug.get(window.slug)
        if before_start(window.iso_year, window.iso_week, start) or not has_ended(window, now) or (note and note.skip):
            continue
        known = kept(window) if kept is not None else None
        roundups.append(known if known is not None else roundup_of_week(
            window, week_posts, note, newcomers[window.slug], profiles, phrases, lang, render_markdown, url_pattern,
            save_as_pattern))
    roundups.reverse()
    return roundups, problems


def notes_before_start(notes, start, phrases) -> list[ContentProblem]:
    """A note for a week before ROUNDUP_START has no roundup to go into: said, not silently dropped."""
    problems = []
    for note in notes:
        week = phrases.text("roundup_title", week=note.iso_week, year=note.iso_year)
        problems.append(ContentProblem(
            relative_path(note.path), 1,
            t("no roundup for {week}: roundups start with {start} (ROUNDUP_START), so this note is not used",
              week=week, start=week_slug(*start)),
            t("delete the note, or set {setting} (or earlier) in pelicanconf.py if this week "
              "should have a roundup and a newsletter", setting=f"ROUNDUP_START = '{note.slug}'"),
            severity=WARNING,
        ))
    return problems


def notes_without_posts(notes, slugs_with_posts, cutoff, now, phrases) -> list[ContentProblem]:
    """A note for a finished week without posts is a mistake (often a wrong file name)."""
    problems = []
    for note in notes:
        if note.slug in slugs_with_posts:
            continue
        if has_ended(window_of_week(note.iso_year, note.iso_week, cutoff), now):
            week = phrases.text("roundup_title", week=note.iso_week, year=note.iso_year)
            problems.append(ContentProblem(
                relative_path(note.path), 1,
                t("no posts were published in {week}, so there is no roundup for this note", week=week),
                t("delete the note or check its file name (the ISO week of the roundup's Friday)"),
            ))
    return problems


def roundup_of_week(window: WeekWindow, posts, note, newcomer_handles, profiles, phrases, lang,
                    render_markdown, url_pattern, save_as_pattern) -> Roundup:
    people = contributors([post.credit for post in posts], profiles, newcomer_handles, phrases,
                          extra_thanks=note.thanks if note else ())
    intro_text = generated_intro(posts, people, phrases)
    intro_html = Markup("<p>{}</p>").format(intro_text)
    has_editor_intro = bool(note and note.intro_markdown and render_markdown)
    if has_editor_intro:
        intro_html = Markup(render_markdown(note.intro_markdown))
        intro_text = " ".join(intro_html.striptags().split())
    end_day = window.end.date()
    start_day = window.start.date()
    return Roundup(
        slug=window.slug,
        iso_year=window.iso_year,
        iso_week=window.iso_week,
        title=(note.title if note and note.title else
               phrases.text("roundup_title", week=window.iso_week, year=window.iso_year)),
        start=window.start,
        end=window.end,
        url=url_pattern.format(slug=window.slug),
        save_as=save_as_pattern.format(slug=window.slug),
        period=period_text(start_day, end_day, lang),
        intro_html=intro_html,
        intro_text=intro_text,
        articles=[post.article for post in posts],
        tips=[post.article for post in posts if post.is_tip],
        other_articles=[post.article for post in posts if not post.is_tip],
        contributors=people,
        has_editor_intro=has_editor_intro,
    )
