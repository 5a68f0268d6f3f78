"""Numbering, navigation and cadence of series tips, on plain data."""

from datetime import datetime, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from series.definitions import Series
from series.linking import link_series
from series.numbering import Tip, neighbours, next_date, number_tips, off_cadence
from shared.problems import ERROR, WARNING

BERLIN = ZoneInfo("Europe/Berlin")


def november(day, hour=9):
    return datetime(2026, 11, day, hour, 0, tzinfo=BERLIN)


def tips_from(specs):
    """specs: (day in November 2026, explicit series_index or None) -> Tips keyed by day."""
    return [Tip(key=day, date=november(day), series_index=index, path=f"articles/{day}.md", line=6)
            for day, index in specs]


@pytest.mark.parametrize("specs, expected", [
    pytest.param([(4, None)], {4: 1}, id="one tip only"),
    pytest.param([(18, None), (4, None), (11, None)], {4: 1, 11: 2, 18: 3}, id="numbered by date, not by input order"),
    pytest.param([(4, None), (11, None), (18, 5), (25, None)], {4: 1, 11: 2, 18: 5, 25: 6},
                 id="explicit number with a gap, the count goes on from it"),
    pytest.param([(4, 3), (11, None)], {4: 3, 11: 4}, id="explicit number on the first tip"),
    pytest.param([(4, 1), (11, 2), (18, 3)], {4: 1, 11: 2, 18: 3}, id="explicit numbers matching the dates"),
])
def test_tips_are_numbered_by_date_unless_series_index_is_given(specs, expected):
    numbered, problems = number_tips(tips_from(specs), "mittwochstipp")
    assert {entry.tip.key: entry.number for entry in numbered} == expected
    assert [entry.tip.key for entry in numbered] == sorted(expected)
    assert problems == []


@pytest.mark.parametrize("specs, wrong_day, message, hint", [
    pytest.param([(4, 2), (11, 2)], 11,
                 "tip number 2 of series 'mittwochstipp' is used twice: articles/4.md has it too",
                 "give this tip another 'series_index'", id="two tips with the same explicit number"),
    pytest.param([(4, None), (11, None), (18, 2)], 18,
                 "tip number 2 of series 'mittwochstipp' is used twice: articles/11.md has it too",
                 "remove 'series_index' to number by date", id="explicit number already given by date"),
    pytest.param([(4, 5), (11, 3)], 11,
                 "series_index 3 conflicts with the date order of series 'mittwochstipp': "
                 "the earlier tip articles/4.md (2026-11-04) already has number 5",
                 "use a number above 5", id="later tip with a lower explicit number"),
])
def test_wrong_numbers_are_errors_on_the_later_tip(specs, wrong_day, message, hint):
    _, problems = number_tips(tips_from(specs), "mittwochstipp")
    assert len(problems) == 1
    found = problems[0]
    assert (found.path, found.line, found.severity) == (f"articles/{wrong_day}.md", 6, ERROR)
    assert found.message == message
    assert hint in found.hint


def test_numbers_after_a_conflict_stay_unique():
    numbered, _ = number_tips(tips_from([(4, 5), (11, 3), (18, None)]), "mittwochstipp")
    assert [entry.number for entry in numbered] == [5, 3, 6]


@pytest.mark.parametrize("items, expected", [
    pytest.param([], [], id="no tips"),
    pytest.param(["a"], [(None, "a", None)], id="one tip has no neighbours"),
    pytest.param(["a", "b", "c"], [(None, "a", "b"), ("a", "b", "c"), ("b", "c", None)], id="three tips"),
])
def test_neighbours_are_previous_and_next_in_order(items, expected):
    assert neighbours(items) == expected


@pytest.mark.parametrize("when, weekday, warned", [
    pytest.param(november(18), 2, False, id="a wednesday tip in a wednesday series"),
    pytest.param(november(19), 2, True, id="a thursday tip in a wednesday series"),
    pytest.param(datetime(2026, 11, 24, 23, 30, tzinfo=timezone.utc), 2, False,
                 id="tuesday night UTC is already wednesday in Berlin"),
    pytest.param(november(19), None, False, id="a series without cadence"),
])
def test_tip_on_another_weekday_is_only_a_warning(when, weekday, warned):
    tip = Tip(key=1, date=when, path="articles/x.md", line=3)
    problems = off_cadence([tip], weekday, "mittwochstipp", "Europe/Berlin")
    assert bool(problems) == warned
    if warned:
        assert problems[0].severity == WARNING
        assert problems[0].message == ("tip of series 'mittwochstipp' appears on a Thursday (2026-11-19), "
                                       "the series appears on Wednesdays")
        assert "e.g. 2026-11-25" in problems[0].hint


def test_next_date_is_the_earliest_scheduled_one():
    assert next_date([november(25), november(18)]) == november(18)
    assert next_date([]) is None


# --- linking plain article-like objects ---------------------------------------------------------

def article(day, series="mittwochstipp", **values):
    return SimpleNamespace(title=f"Tipp vom {day}.", date=november(day), series=series,
                           source_path=f"articles/{day}.md", front_matter_lines={"series": 5, "date": 3},
                           **values)


def wednesday_series():
    return Series(slug="mittwochstipp", title="#Mittwochstipp", weekday=2, label_pattern="Tipp {n}",
                  url="serien/mittwochstipp/")


def position(article):
    return article.blog.series


def link(published=(), unpublished=(), scheduled=(), announce_next=True):
    series = wednesday_series()
    problems = link_series({"mittwochstipp": series}, list(published), list(unpublished), list(scheduled),
                           tz_name="Europe/Berlin", announce_next=announce_next)
    return series, problems


def test_one_tip_only_has_no_neighbours_and_number_one():
    tip = article(4)
    series, problems = link([tip])
    at = position(tip)
    assert (at.number, at.label, at.previous, at.next) == (1, "Tipp 1 · #Mittwochstipp", None, None)
    assert at.series is series and series.tips == [tip]
    assert problems == []


def test_draft_in_the_middle_is_skipped_in_numbers_and_navigation():
    first, draft, last = article(4), article(11, status="draft"), article(18)
    series, _ = link([first, last], unpublished=[draft])
    assert series.tips == [first, last]
    assert (position(first).next, position(last).previous, position(last).number) == (last, first, 2)
    at = position(draft)
    assert at.number is None and at.previous is None and at.next is None
    assert at.label == "#Mittwochstipp"  # the draft preview still names its series


def test_scheduled_tip_is_never_linked_only_its_date_is_announced():
    first, newest, coming = article(11), article(18), article(25)
    series, _ = link([first, newest], scheduled=[coming])
    assert coming not in series.tips
    assert position(newest).next is None
    assert position(coming) is None  # a scheduled tip is never linked, not even to its series
    assert series.next_date == november(25)
    assert position(newest).next_date == november(25)
    assert position(first).next_date is None


def test_announcement_can_be_switched_off():
    newest, coming = article(18), article(25)
    series, _ = link([newest], scheduled=[coming], announce_next=False)
    assert series.next_date is None and position(newest).next_date is None


@pytest.mark.parametrize("where", ["published", "unpublished", "scheduled"])
def test_unknown_series_is_an_error_with_a_suggestion_wherever_the_article_is(where):
    stray = article(18, series="mittwochstip")
    _, problems = link(**{where: [stray]})
    assert [(p.path, p.line, p.message, p.severity) for p in problems] == [
        ("articles/18.md", 5, "unknown series 'mittwochstip' in 'series'", ERROR)]
    assert "did you mean 'mittwochstipp'?" in problems[0].hint


def test_scheduled_tip_on_wrong_weekday_is_warned_at_its_date_line():
    _, problems = link(scheduled=[article(26)])
    assert [(p.path, p.line, p.severity) for p in problems] == [("articles/26.md", 3, WARNING)]


def test_articles_outside_series_get_empty_series_attributes():
    other = article(18, series=None)
    link([other])
    assert position(other) is None


def test_series_index_without_series_is_an_error():
    stray = article(18, series=None, series_index=3)
    stray.front_matter_lines["series_index"] = 6
    _, problems = link([stray])
    assert [(p.path, p.line, p.message) for p in problems] == [("articles/18.md", 6, "'series_index' without 'series'")]
    assert "series: mittwochstipp" in problems[0].hint
