"""Is this week's email due? The scheduled CI job runs at 13:05 and 14:05 UTC every Friday (cron
cannot follow daylight saving time); this decides from the build's "now" in the site's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from roundup.windows import Cutoff, before_start, cutoff_at_or_after, week_slug, window_ending_at


@dataclass(frozen=True)
class SendDecision:
    week: str  # the week whose cut-off is the latest one at or before now, e.g. "2026-W47"
    cutoff: datetime
    due: bool
    reason: str


def latest_cutoff(now: datetime, cutoff: Cutoff) -> datetime:
    """The newest cut-off that is not later than now (local wall time, so DST is handled)."""
    upcoming = cutoff_at_or_after(now, cutoff)
    if upcoming <= now:
        return upcoming
    return cutoff.on(upcoming.date() - timedelta(days=7))


def send_decision(now: datetime, cutoff: Cutoff, *, sent: set[str], written: set[str],
                  within: timedelta, start: tuple | None = None) -> SendDecision:
    """`start`: ROUNDUP_START as (ISO year, week); earlier weeks have no roundup to send."""
    end = latest_cutoff(now, cutoff)
    window = window_ending_at(end, cutoff)
    week = window.slug
    local = end.strftime("%a %d.%m.%Y %H:%M %Z")

    def decision(due: bool, reason: str) -> SendDecision:
        return SendDecision(week, end, due, reason)

    if before_start(window.iso_year, window.iso_week, start):
        return decision(False, f"nothing due: roundups start with {week_slug(*start)} (ROUNDUP_START); "
                               f"{week} (cut-off {local}) has none")
    if week in sent:
        return decision(False, f"{week} was already sent (cut-off {local})")
    if now - end > within:
        upcoming = cutoff_at_or_after(now, cutoff).strftime("%a %d.%m.%Y %H:%M %Z")
        return decision(False, f"nothing due: the next cut-off is {upcoming}; {week} (cut-off {local}) is "
                               f"more than {within} ago, send it by hand if it is missing: make send-newsletter")
    if week not in written:
        return decision(False, f"no email for {week}: nothing was published that week (cut-off {local})")
    return decision(True, f"{week} is due: its cut-off {local} has passed and it was not sent yet")
