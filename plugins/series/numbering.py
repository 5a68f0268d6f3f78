"""Numbering, navigation and cadence of the tips of one series: plain data in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Hashable
from zoneinfo import ZoneInfo

from shared.messages import N_, t
from shared.problems import WARNING, ContentProblem

# The weekday a tip appears on, and the one its series appears on (Monday = 0), in messages.
DAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
             N_("Sunday"))
EVERY_DAY = (N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"), N_("Fridays"), N_("Saturdays"),
             N_("Sundays"))


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
                t("tip number {number} of series '{series}' is used twice: {other} has it too",
                  number=number, series=series_slug, other=other.path),
                t("give this tip another 'series_index', or remove 'series_index' to number by date"),
            ))
        elif tip.series_index is not None and number < highest:
            earlier = used[highest]
            problems.append(ContentProblem(
                tip.path, tip.line,
                t("series_index {number} conflicts with the date order of series '{series}': "
                  "the earlier tip {earlier} ({date}) already has number {highest}",
                  number=number, series=series_slug, earlier=earlier.path, date=f"{earlier.date:%Y-%m-%d}",
                  highest=highest),
                t("numbers rise with the date: use a number above {highest}, fix the date, "
                  "or remove 'series_index' to number by date", highest=highest),
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
            t("tip of series '{series}' appears on a {day} ({date}), the series appears on {days}",
              series=series_slug, day=t(DAY_NAMES[local.weekday()]), date=f"{local:%Y-%m-%d}",
              days=t(EVERY_DAY[weekday])),
            t("move 'date' to a {day}, e.g. {date}, or keep it if this one is an exception",
              day=t(DAY_NAMES[weekday]), date=f"{following:%Y-%m-%d}"),
            WARNING,
        ))
    return problems


def next_date(scheduled_dates) -> datetime | None:
    """The moment of the next scheduled tip; only the date is ever shown, never the tip."""
    return min(scheduled_dates, default=None)
