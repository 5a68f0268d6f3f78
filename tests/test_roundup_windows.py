"""Week windows: which Friday-15:00 cutoff a post belongs to, on plain datetimes."""

from datetime import datetime, time, timedelta, timezone

import pytest

from roundup.windows import Cutoff, cutoff_at_or_after, group_by_week, has_ended, window_of_week
from helpers.roundup import berlin

FRIDAY_1500 = Cutoff()


@pytest.mark.parametrize("published, slug, end", [
    ("2026-11-20 15:00:00", "2026-W47", "2026-11-20 15:00"),  # exactly at the cutoff: this week
    ("2026-11-20 15:00:01", "2026-W48", "2026-11-27 15:00"),  # one second later: next week
    ("2026-11-13 15:00:01", "2026-W47", "2026-11-20 15:00"),  # right after the previous cutoff
    ("2026-11-18 09:30", "2026-W47", "2026-11-20 15:00"),
    ("2026-11-21 10:00", "2026-W48", "2026-11-27 15:00"),  # a Saturday post waits a week
    ("2026-11-20 14:59:59", "2026-W47", "2026-11-20 15:00"),
])
def test_post_belongs_to_the_first_cutoff_at_or_after_it(published, slug, end):
    weeks = group_by_week([berlin(published)], lambda d: d, FRIDAY_1500)
    window = weeks[0][0]
    assert window.slug == slug
    assert window.end == berlin(end)


def test_post_at_exact_cutoff_belongs_to_that_week_and_one_second_later_to_the_next():
    at, after = berlin("2026-11-20 15:00:00"), berlin("2026-11-20 15:00:01")
    weeks = group_by_week([after, at], lambda d: d, FRIDAY_1500)
    assert [(w.slug, posts) for w, posts in weeks] == [("2026-W47", [at]), ("2026-W48", [after])]


@pytest.mark.parametrize("published_utc, slug", [
    # Winter time starts Sunday 25 October 2026: the cutoff on Friday 30 October is 15:00 CET = 14:00 UTC.
    ("2026-10-30T13:30:00+00:00", "2026-W44"),  # 14:30 Berlin: before the cutoff
    ("2026-10-30T14:00:00+00:00", "2026-W44"),  # exactly 15:00 Berlin
    ("2026-10-30T14:00:01+00:00", "2026-W45"),
    ("2026-10-23T13:00:00+00:00", "2026-W43"),  # 15:00 CEST on the Friday before the change
    ("2026-10-23T13:00:01+00:00", "2026-W44"),
])
def test_window_across_the_change_to_winter_time_ends_at_local_15_00(published_utc, slug):
    moment = datetime.fromisoformat(published_utc)
    assert group_by_week([moment], lambda d: d, FRIDAY_1500)[0][0].slug == slug


def test_window_across_winter_time_change_is_a_week_and_an_hour_long():
    window = window_of_week(2026, 44, FRIDAY_1500)
    assert window.start == berlin("2026-10-23 15:00") and window.end == berlin("2026-10-30 15:00")
    # subtract in UTC: Python subtracts wall times when both sides share one tzinfo
    assert window.end.astimezone(timezone.utc) - window.start.astimezone(timezone.utc) == timedelta(days=7, hours=1)


def test_iso_week_53_ends_on_friday_1_january_2027():
    window = group_by_week([berlin("2026-12-30 10:00")], lambda d: d, FRIDAY_1500)[0][0]
    assert (window.slug, window.iso_year, window.iso_week) == ("2026-W53", 2026, 53)
    assert window.end == berlin("2027-01-01 15:00")
    assert window_of_week(2026, 53, FRIDAY_1500) == window


@pytest.mark.parametrize("published, slug", [
    ("2026-11-20T15:00:00+01:00", "2026-W47"),
    ("2026-11-20T14:00:00+00:00", "2026-W47"),  # the same moment written in UTC
    ("2026-11-20T14:00:01+00:00", "2026-W48"),
    ("2026-11-20T09:00:00-05:00", "2026-W47"),  # 15:00 Berlin, written in New York time
    ("2026-11-20T09:00:01-05:00", "2026-W48"),
    ("2026-11-21T00:30:00+11:00", "2026-W47"),  # Saturday in Sydney is still Friday morning in Berlin
])
def test_post_with_an_explicit_utc_offset_is_compared_as_a_moment(published, slug):
    moment = datetime.fromisoformat(published)
    assert group_by_week([moment], lambda d: d, FRIDAY_1500)[0][0].slug == slug


def test_weeks_without_posts_have_no_window():
    dates = [berlin("2026-11-02 10:00"), berlin("2026-11-18 10:00")]
    weeks = group_by_week(dates, lambda d: d, FRIDAY_1500)
    assert [w.slug for w, _ in weeks] == ["2026-W45", "2026-W47"]


def test_each_window_starts_at_the_previous_cutoff_even_after_an_empty_week():
    weeks = group_by_week([berlin("2026-11-02 10:00"), berlin("2026-11-18 10:00")], lambda d: d, FRIDAY_1500)
    assert weeks[1][0].start == berlin("2026-11-13 15:00")


@pytest.mark.parametrize("now, ended", [
    ("2026-11-20 14:59", False),
    ("2026-11-20 15:00", True),
    ("2026-11-23 12:00", True),
])
def test_a_week_is_published_only_once_its_cutoff_has_passed(now, ended):
    assert has_ended(window_of_week(2026, 47, FRIDAY_1500), berlin(now)) is ended


@pytest.mark.parametrize("weekday, at, published, end", [
    (0, time(9, 0), "2026-11-18 10:00", "2026-11-23 09:00"),  # Monday 9:00
    (4, time(15, 0), "2026-11-20 16:00", "2026-11-27 15:00"),
    (6, time(23, 30), "2026-11-22 23:30", "2026-11-22 23:30"),
])
def test_cutoff_follows_the_configured_weekday_and_time(weekday, at, published, end):
    assert cutoff_at_or_after(berlin(published), Cutoff(weekday, at)) == berlin(end)


def test_cutoff_of_a_utc_moment_is_in_berlin_time():
    moment = datetime(2026, 11, 20, 13, 0, tzinfo=timezone.utc)
    assert cutoff_at_or_after(moment, FRIDAY_1500).utcoffset() == timedelta(hours=1)
