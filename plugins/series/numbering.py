"""Numbering, navigation and cadence of the tips of one series: plain data in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Hashable
from zoneinfo import ZoneInfo

from shared.problems import WARNING, ContentProblem

from .definitions import WEEKDAYS


@dataclass(frozen=True)
class Tip:
    """What numbering needs to know about one published article of a series."""

    key: Hashable  # whatever identifies the article for the caller
    date: datetime
    series_index: int | None = None  # the author's explicit number, if any
    path: str = ""
    line: int = 0  # line of series_index (or series) in the front matter


@dataclass(frozen=True)
class NumberedTip:
    tip: Tip
    number: int


def date_order(tips) -> list[Tip]:
    # the path breaks ties between tips with the same date, so the order never depends on reading order
    return sorted(tips, key=lambda tip: (tip.date, tip.path))


def number_tips(tips, series_slug: str) -> tuple[list[NumberedTip], list[ContentProblem]]:
    """Number published tips by date; an explicit series_index wins and the count goes on from it.

    Explicit numbers may leave gaps (5 after 1, 2; the next is 6) but must rise with the date.
    """
    numbered: list[NumberedTip] = []
    problems: list[ContentProblem] = []
    used: dict[int, Tip] = {}
    highest = 0
    for tip in date_order(tips):
        number = tip.series_index if tip.series_index is not None else highest + 1
        if tip.series_index is not None and number in used:
            other = used[number]
            problems.append(ContentProblem(
                tip.path, tip.line,
                f"tip number {number} of series '{series_slug}' is used twice: {other.path} has it too",
                "give this tip another 'series_index', or remove 'series_index' to number by date",
            ))
        elif tip.series_index is not None and number < highest:
            earlier = used[highest]
            problems.append(ContentProblem(
                tip.path, tip.line,
                f"series_index {number} conflicts with the date order of series '{series_slug}': "
                f"the earlier tip {earlier.path} ({earlier.date:%Y-%m-%d}) already has number {highest}",
                f"numbers rise with the date: use a number above {highest}, fix the date, "
                "or remove 'series_index' to number by date",
            ))
        used.setdefault(number, tip)
        highest = max(highest, number)
        numbered.append(NumberedTip(tip, number))
    return numbered, problems


def neighbours(items: list) -> list[tuple[object | None, object, object | None]]:
    """(previous, item, next) for every item of an ordered list."""
    return [
        (items[i - 1] if i > 0 else None, item, items[i + 1] if i + 1 < len(items) else None)
        for i, item in enumerate(items)
    ]


def off_cadence(tips, weekday: int | None, series_slug: str, tz_name: str) -> list[ContentProblem]:
    """A warning for every tip that does not appear on the series' weekday (site time zone)."""
    if weekday is None:
        return []
    zone = ZoneInfo(tz_name)
    problems = []
    for tip in date_order(tips):
        local = tip.date.astimezone(zone) if tip.date.tzinfo else tip.date
        if local.weekday() == weekday:
            continue
        following = local + timedelta(days=(weekday - local.weekday()) % 7)
        problems.append(ContentProblem(
            tip.path, tip.line,
            f"tip of series '{series_slug}' appears on a {WEEKDAYS[local.weekday()].capitalize()} "
            f"({local:%Y-%m-%d}), the series appears on {WEEKDAYS[weekday].capitalize()}s",
            f"move 'date' to a {WEEKDAYS[weekday].capitalize()}, e.g. {following:%Y-%m-%d}, "
            "or keep it if this one is an exception",
            WARNING,
        ))
    return problems


def next_date(scheduled_dates) -> datetime | None:
    """The moment of the next scheduled tip; only the date is ever shown, never the tip."""
    return min(scheduled_dates, default=None)
