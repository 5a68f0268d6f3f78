"""Dates: parse front-matter dates in the site's time zone, format them with Babel.

Babel carries its own CLDR data, so "18. November 2026" does not depend on the locales that
happen to be installed on the machine.
"""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

DEFAULT_TIMEZONE = "Europe/Berlin"
ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


class DateValueError(ValueError):
    """A date value an author wrote that we cannot read."""


def parse_datetime(value, tz_name: str = DEFAULT_TIMEZONE) -> datetime:
    """Accept `2026-11-18`, `2026-11-18 09:30`, `2026-11-18T09:30:00+01:00`; return an aware datetime.

    Values without an offset are local time in `tz_name` (zoneinfo picks the right DST offset).
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise DateValueError(value) from None
    else:
        raise DateValueError(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(tz_name))
    return parsed


def parse_day(value) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise DateValueError(value) from None


def parse_iso_week(text) -> tuple[int, int] | None:
    """(ISO year, week) for '2026-W49' (the way roundups are named); None unless it is written
    exactly so and the year has that week (53 only in long years)."""
    match = ISO_WEEK.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    return real_iso_week(int(match.group(1)), int(match.group(2)))


def real_iso_week(year: int, week: int) -> tuple[int, int] | None:
    """(year, week) when that ISO year has that week (53 only in long years), else None."""
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return year, week


def long_date(value, locale: str = "de", tz_name: str = DEFAULT_TIMEZONE) -> str:
    """'18. November 2026' (de) / 'November 18, 2026' (en), in the site's time zone."""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(tz_name)) if value.tzinfo else value
        value = value.date()
    return _long_day(value, locale)


@lru_cache(maxsize=8192)
def _long_day(day: date, locale: str) -> str:
    # A pure function of its arguments, so remembering results cannot leak between builds;
    # Babel takes about 0.1 ms per call and a site formats the same days thousands of times.
    return format_date(day, format="long", locale=locale)


def weekday_date(value, locale: str = "de", tz_name: str = DEFAULT_TIMEZONE) -> str:
    """'Mittwoch, 25. November' for announcements of the next tip."""
    if isinstance(value, datetime) and value.tzinfo:
        value = value.astimezone(ZoneInfo(tz_name))
    pattern = "EEEE, d. MMMM" if locale.startswith("de") else "EEEE, MMMM d"
    return format_date(value, format=pattern, locale=locale)


def date_and_time(value: datetime, locale: str = "de", tz_name: str = DEFAULT_TIMEZONE) -> str:
    pattern = "d. MMMM y, HH:mm" if locale.startswith("de") else "MMMM d, y, h:mm a"
    return format_datetime(value, format=pattern, tzinfo=ZoneInfo(tz_name), locale=locale)


def iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")
