"""The Friday decision: cron runs at 13:05 and 14:05 UTC; the email goes out right after 15:00 Berlin,
in summer and in winter time, once."""

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from roundup.windows import Cutoff
from tools.newsletter.schedule import latest_cutoff, send_decision

ROOT = Path(__file__).resolve().parent.parent
CUTOFF = Cutoff(4, time(15, 0), "Europe/Berlin")
DAY = timedelta(hours=24)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def decide(now, sent=(), written=("2026-W43", "2026-W44", "2027-W12", "2027-W13")):
    return send_decision(utc(now), CUTOFF, sent=set(sent), written=set(written), within=DAY)


@pytest.mark.parametrize("now, sent, due, week", [
    # last Friday of summer time (CEST, UTC+2): 13:05 UTC is 15:05 in Berlin
    ("2026-10-23 13:05", (), True, "2026-W43"),
    ("2026-10-23 14:05", ("2026-W43",), False, "2026-W43"),
    # first Friday of winter time (CET, UTC+1, clocks went back on 25 October): 13:05 UTC is 14:05
    ("2026-10-30 13:05", ("2026-W43",), False, "2026-W43"),
    ("2026-10-30 14:05", ("2026-W43",), True, "2026-W44"),
    ("2026-10-30 14:00", ("2026-W43",), True, "2026-W44"),  # exactly at the cut-off it is due
    # last Friday of winter time before the clocks go forward on 28 March 2027
    ("2027-03-26 13:05", (), False, "2027-W11"),
    ("2027-03-26 14:05", (), True, "2027-W12"),
    # first Friday of summer time again
    ("2027-04-02 13:05", ("2027-W12",), True, "2027-W13"),
    ("2027-04-02 14:05", ("2027-W12", "2027-W13"), False, "2027-W13"),
])
def test_the_email_is_due_right_after_friday_15_00_berlin_across_both_dst_changes(now, sent, due, week):
    decision = decide(now, sent)
    assert (decision.due, decision.week) == (due, week), decision.reason


def test_the_cutoff_is_15_00_local_time_on_both_sides_of_the_change():
    assert latest_cutoff(utc("2026-10-23 13:05"), CUTOFF) == utc("2026-10-23 13:00")
    assert latest_cutoff(utc("2026-10-30 14:05"), CUTOFF) == utc("2026-10-30 14:00")


def test_a_week_without_posts_sends_nothing_and_says_why():
    decision = decide("2026-10-30 14:05", written=())
    assert not decision.due and "nothing was published" in decision.reason


def test_a_run_days_after_the_cutoff_sends_nothing():
    decision = decide("2026-11-02 08:00")
    assert not decision.due and "send it by hand" in decision.reason


def fridays(year_from: int, year_to: int):
    day = date(year_from, 1, 1)
    day += timedelta(days=(4 - day.weekday()) % 7)
    while day.year <= year_to:
        yield day
        day += timedelta(days=7)


def friday_cron_hours() -> list[tuple[int, int]]:
    """(hour, minute) in UTC of the Friday schedules in the GitHub workflow."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    found = []
    for entry in workflow[True]["schedule"]:  # YAML 1.1 reads the key `on` as True
        minute, hour, _, _, weekday = entry["cron"].split()
        if weekday == "5":
            found += [(int(h), int(minute)) for h in hour.split(",")]
    return found


def test_the_friday_crons_send_every_week_of_2026_and_2027_once_within_the_hour():
    runs = friday_cron_hours()
    assert sorted(runs) == [(13, 5), (14, 5)]
    for friday in fridays(2026, 2027):
        sent = set()
        for hour, minute in sorted(runs):
            now = datetime.combine(friday, time(hour, minute), tzinfo=timezone.utc)
            decision = send_decision(now, CUTOFF, sent=sent, written={"all"} | {f"{friday:%G-W%V}"}, within=DAY)
            if decision.due:
                assert now - decision.cutoff <= timedelta(hours=1), friday
                sent.add(decision.week)
        assert sent == {f"{friday:%G-W%V}"}, friday
