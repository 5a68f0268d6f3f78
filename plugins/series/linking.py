"""Ties series definitions to Pelican's articles: numbers, labels, neighbours, next date.

This is the edge between plain data (definitions, numbering) and Pelican's article objects. It sets
`article.blog.series` (a shared.post.SeriesPosition, None outside a series) on every build, so no
value survives from an earlier build in the same process (devserver).
"""

from __future__ import annotations

from shared.messages import t
from shared.post import SeriesPosition, post_model
from shared.problems import ContentProblem, relative_path
from shared.references import unknown_series_problem

from .definitions import Series
from .numbering import NumberedTip, Tip, neighbours, next_date, number_tips, off_cadence

def reset_attributes(articles) -> None:
    for article in articles:
        post_model(article).series = None


def series_slug(article) -> str | None:
    return getattr(article, "series", None) or None


def front_matter_line(article, key: str) -> int:
    lines = getattr(article, "front_matter_lines", None) or {}
    return lines.get(key) or lines.get("series") or 1


def as_tip(key, article, line_key: str | None = None) -> Tip:
    explicit = getattr(article, "series_index", None)
    line_key = line_key or ("series_index" if explicit is not None else "series")
    return Tip(
        key=key,
        date=article.date,
        series_index=explicit if isinstance(explicit, int) else None,
        path=relative_path(article.source_path),
        line=front_matter_line(article, line_key),
    )


def unknown_series(articles, series_by_slug: dict) -> list[ContentProblem]:
    """Articles naming a series that has no file, or numbering a tip of no series."""
    problems = []
    for article in articles:
        slug = series_slug(article)
        if not slug and getattr(article, "series_index", None) is not None:
            problems.append(ContentProblem(
                relative_path(article.source_path), front_matter_line(article, "series_index"),
                t("'series_index' without 'series'"),
                t("add the series, e.g. '{example}', or remove 'series_index'",
                  example=f"series: {sorted(series_by_slug)[0] if series_by_slug else 'mittwochstipp'}"),
            ))
        found = unknown_series_problem(article.source_path, slug, front_matter_line(article, "series"),
                                       series_by_slug)
        if found:
            problems.append(found)
    return problems


def link_series(series_by_slug: dict, published, unpublished, scheduled, *, tz_name: str,
                announce_next: bool) -> list[ContentProblem]:
    """Number every series' published tips and attach the results to the articles.

    `unpublished` (drafts, hidden) keep their series link and title but get no number and no
    neighbours; `scheduled` tips only contribute the date of the next announcement.
    """
    everything = [*published, *unpublished, *scheduled]
    reset_attributes(everything)
    problems = unknown_series(everything, series_by_slug)

    for slug, series in series_by_slug.items():
        tips = [a for a in published if series_slug(a) == slug]
        coming = [a for a in scheduled if series_slug(a) == slug]
        by_key = dict(enumerate(tips))
        numbered, found = number_tips([as_tip(k, a) for k, a in by_key.items()], slug)
        problems += found
        cadence_tips = [as_tip(k, a, "date") for k, a in enumerate([*tips, *coming])]
        problems += off_cadence(cadence_tips, series.weekday, slug, tz_name)

        series.tips = [by_key[entry.tip.key] for entry in numbered]
        series.next_date = next_date(a.date for a in coming) if announce_next else None
        attach_numbers(series, numbered, by_key)
        for article in unpublished:
            if series_slug(article) == slug:
                post_model(article).series = SeriesPosition(series, series.title)
    return problems


def attach_numbers(series: Series, numbered: list[NumberedTip], by_key: dict) -> None:
    for previous, entry, following in neighbours(numbered):
        post_model(by_key[entry.tip.key]).series = SeriesPosition(
            series, series.full_label(entry.number), entry.number, series.number_label(entry.number),
            previous=by_key[previous.tip.key] if previous else None,
            next=by_key[following.tip.key] if following else None,
            # only the newest tip announces the next one
            next_date=series.next_date if following is None else None,
        )
