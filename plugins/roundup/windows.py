"""Week windows of the roundup: every post belongs to the first cutoff (Friday 15:00) at or after it.

Pure functions over datetimes. The cutoff is local wall time in the site's time zone, so a week
across a daylight-saving change is simply 7 days plus or minus an hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shared.dates import DEFAULT_TIMEZONE

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Cutoff:
    """When a roundup week ends: a weekday (0 = Monday) and a local time in a time zone."""

    weekday: int = 4
    time: time = time(15, 0)
    tz_name: str = DEFAULT_TIMEZONE

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)

    def on(self, day: date) -> datetime:
        """The cutoff moment on a given local day (zoneinfo picks summer or winter time)."""
        return datetime.combine(day, self.time, tzinfo=self.tz)


@dataclass(frozen=True)
class WeekWindow:
    """Posts after `start` (the previous cutoff) up to and including `end` (this week's cutoff)."""

    start: datetime
    end: datetime

    @property
    def iso_year(self) -> int:
        return self.end.date().isocalendar()[0]

    @property
    def iso_week(self) -> int:
        return self.end.date().isocalendar()[1]

    @property
    def slug(self) -> str:
        return week_slug(self.iso_year, self.iso_week)

    def contains(self, moment: datetime) -> bool:
        return self.start < moment <= self.end


def week_slug(iso_year: int, iso_week: int) -> str:
    return f"{iso_year}-W{iso_week:02d}"


def cutoff_at_or_after(moment: datetime, cutoff: Cutoff) -> datetime:
    """The first cutoff that is not earlier than `moment` (a post at exactly the cutoff belongs to it)."""
    local = moment.astimezone(cutoff.tz)
    day = local.date() + timedelta(days=(cutoff.weekday - local.weekday()) % 7)
    candidate = cutoff.on(day)
    if candidate < moment:
        candidate = cutoff.on(day + timedelta(days=7))
    return candidate


def window_ending_at(end: datetime, cutoff: Cutoff) -> WeekWindow:
    """The window whose cutoff is `end`; it starts at the cutoff one week earlier (local wall time)."""
    local_end = end.astimezone(cutoff.tz)
    return WeekWindow(start=cutoff.on(local_end.date() - timedelta(days=7)), end=local_end)


def window_of_week(iso_year: int, iso_week: int, cutoff: Cutoff) -> WeekWindow:
    """The window named by an ISO week (its cutoff falls in that week). ValueError if no such week."""
    day = date.fromisocalendar(iso_year, iso_week, cutoff.weekday + 1)
    return window_ending_at(cutoff.on(day), cutoff)


def group_by_week(items, date_of, cutoff: Cutoff) -> list[tuple[WeekWindow, list]]:
    """One pass over the items sorted by date: each goes into the window of the cutoff at or after it.

    Weeks without items do not appear. The sort is stable, so items with equal dates keep the
    caller's order (pass them in a deterministic order).
    """
    weeks: list[tuple[WeekWindow, list]] = []
    for item in sorted(items, key=date_of):
        moment = date_of(item)
        if not weeks or moment > weeks[-1][0].end:
            weeks.append((window_ending_at(cutoff_at_or_after(moment, cutoff), cutoff), []))
        weeks[-1][1].append(item)
    return weeks


def before_start(iso_year: int, iso_week: int, start: tuple[int, int] | None) -> bool:
    """Whether a week comes before the first roundup week (ROUNDUP_START; None: no week does)."""
    return start is not None and (iso_year, iso_week) < start


def has_ended(window: WeekWindow, now: datetime) -> bool:
    """A roundup is published once its cutoff has passed (at the cutoff itself it is due)."""
    return window.end <= now
