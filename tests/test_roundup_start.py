"""ROUNDUP_START: no roundup, email, #FollowFriday kit or status line for the weeks before it
(an imported archive must not suddenly get years of roundups), and the first roundup covers its own
week only."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta, timezone

import pytest

from helpers.frontmatter import article, front_matter
from helpers.roundup import berlin, phrases, post, profile
from roundup.notes import read_note
from roundup.roundups import build_roundups
from roundup.windows import Cutoff, before_start
from helpers.site import MINIMAL_SITE, ROOT, SAMPLE_SETTINGS, run_tool, write_files
from shared.config import read_config, settings_reference
from shared.dates import parse_iso_week
from shared.problems import WARNING
from tools.newsletter.schedule import send_decision
from tools.status import Entry, status_lines
from roundup.thanks import PostCredit

PROFILES = {handle: profile(handle, name) for handle, name in
            (("jana-beispiel", "Jana Beispiel"), ("tom-muster", "Tom Muster"))}
NOW = berlin("2026-11-23 12:00")  # Monday after KW 47


@pytest.mark.parametrize("text, week", [
    ("2026-W49", (2026, 49)),
    ("2026-W01", (2026, 1)),
    ("2026-W53", (2026, 53)),  # 2026 has 53 ISO weeks
    (" 2026-W49 ", (2026, 49)),
    ("2027-W53", None),  # 2027 has 52
    ("2026-W00", None),
    ("2026-W9", None),
    ("2026-w49", None),
    ("2026-49", None),
    ("KW 49/2026", None),
    (49, None),
])
def test_an_iso_week_is_read_only_when_written_like_a_roundup_slug(text, week):
    assert parse_iso_week(text) == week


@pytest.mark.parametrize("value, expected", [
    ("2026-w9", 'an ISO week written like "2026-W09"'),
    ("2026-49", 'an ISO week written like "2026-W49"'),
    ("2027-W53", 'an ISO week written like "2026-W49"'),
    ("Dezember", 'an ISO week written like "2026-W49"'),
    (49, "text or None"),
])
def test_a_bad_roundup_start_names_the_value_and_how_to_write_it(value, expected):
    config, problems = read_config({"PLUGINS": [], "ROUNDUP_START": value})
    messages = [p.message for p in problems if p.message.startswith("ROUNDUP_START")]
    assert messages == [f"ROUNDUP_START = {value!r} is not allowed: expected {messages[0].split('expected ', 1)[1]}"]
    assert expected in messages[0]
    assert config["ROUNDUP_START"] is None


@pytest.mark.parametrize("value", [None, "2026-W49", "2020-W53"])
def test_a_good_roundup_start_is_kept(value):
    config, problems = read_config({"PLUGINS": [], "ROUNDUP_START": value})
    assert [p for p in problems if "ROUNDUP_START" in p.message] == []
    assert config["ROUNDUP_START"] == value


def test_the_readme_explains_roundup_start_as_the_schema_does():
    row = next(line for line in settings_reference().splitlines() if "`ROUNDUP_START`" in line)
    assert row in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("week, start, before", [
    ((2026, 46), (2026, 47), True),
    ((2026, 47), (2026, 47), False),
    ((2025, 52), (2026, 1), True),
    ((2027, 1), (2026, 53), False),
    ((2019, 10), None, False),
])
def test_only_weeks_earlier_than_the_start_come_before_it(week, start, before):
    assert before_start(*week, start) is before


# ---- the roundups ---------------------------------------------------------------------------------

IMPORTED_AND_NEW = [
    post("2019-03-29 10:00", "jana-beispiel", title="Alt 2019"),
    post("2026-11-05 10:00", "tom-muster", title="KW 45"),
    post("2026-11-18 10:00", "jana-beispiel", title="KW 47"),
    post("2026-11-19 10:00", "tom-muster", title="Auch KW 47"),
]


def roundups_of(posts, start, notes=()):
    return build_roundups(posts, cutoff=Cutoff(), now=NOW, phrases=phrases(), lang="de", profiles=PROFILES,
                          notes=notes, render_markdown=lambda text: f"<p>{text}</p>", start=start)


def test_weeks_before_the_start_get_no_roundup():
    everything, _ = roundups_of(IMPORTED_AND_NEW, start=None)
    assert [r.slug for r in everything] == ["2026-W47", "2026-W45", "2019-W13"]
    roundups, problems = roundups_of(IMPORTED_AND_NEW, start=(2026, 46))
    assert problems == []
    assert [r.slug for r in roundups] == ["2026-W47"]


def test_the_first_roundup_covers_its_own_week_only():
    first = roundups_of(IMPORTED_AND_NEW, start=(2026, 47))[0][-1]
    assert first.slug == "2026-W47"
    assert (first.start, first.end) == (berlin("2026-11-13 15:00"), berlin("2026-11-20 15:00"))
    assert first.articles == ["KW 47", "Auch KW 47"]
    assert first.period == "13.–20. November 2026"


def test_people_who_wrote_before_the_start_are_no_newcomers_in_the_first_roundup():
    first = roundups_of(IMPORTED_AND_NEW, start=(2026, 47))[0][-1]
    assert [person.name for person in first.newcomers] == []
    assert "Zum ersten Mal dabei" not in first.intro_text


def test_a_start_after_the_last_week_leaves_no_roundup_at_all():
    assert roundups_of(IMPORTED_AND_NEW, start=(2026, 49)) == ([], [])


def note(name, text="Ein Vorwort."):
    found, problems = read_note(text, f"content/roundups/{name}", set(PROFILES))
    assert problems == []
    return found


def test_a_note_for_a_week_before_the_start_is_a_warning_that_says_why():
    roundups, problems = roundups_of(IMPORTED_AND_NEW, start=(2026, 47),
                                     notes=[note("2026-W45.md"), note("2026-W47.md")])
    assert [r.slug for r in roundups] == ["2026-W47"]
    assert [(p.path, p.line, p.severity) for p in problems] == [("content/roundups/2026-W45.md", 1, WARNING)]
    assert problems[0].message == ("no roundup for KW 45/2026: roundups start with 2026-W47 (ROUNDUP_START), "
                                   "so this note is not used")
    assert "set ROUNDUP_START = '2026-W45' (or earlier)" in problems[0].hint


def test_a_note_before_the_start_for_a_week_without_posts_gets_only_that_warning():
    _roundups, problems = roundups_of(IMPORTED_AND_NEW, start=(2026, 47), notes=[note("2026-W44.md")])
    assert [p.message.split(":")[0] for p in problems] == ["no roundup for KW 44/2026"]


# ---- make status and the Friday job ---------------------------------------------------------------

CUTOFF = Cutoff(4, time(15, 0), "Europe/Berlin")


def entry(title, when):
    return Entry(title, berlin(when), ("Jana Beispiel",), "content/articles/x.md",
                 PostCredit(title, ("jana-beispiel",), ()))


def status(start):
    return status_lines(NOW, CUTOFF, scheduled=[], published=[entry("Montagsfrage", "2026-11-23 10:00")],
                        drafts=[], names={"jana-beispiel": "Jana Beispiel"}, sent=[], start=start)


def test_status_shows_no_roundup_and_no_newsletter_before_the_start():
    lines = status((2026, 49))
    assert "next roundup: none before 2026-W49 (ROUNDUP_START); the first closes Fri 04.12.2026 15:00 CET (in 11 d 3 h)" in lines
    assert "newsletter: none yet, the first is 2026-W49 (ROUNDUP_START)" in lines
    assert not any(line.startswith(("next roundup 2026-W48", "newsletter 2026-W47", "  posts so far")) for line in lines)


def test_status_from_the_start_week_on_is_as_before():
    lines = status((2026, 48))
    assert "next roundup 2026-W48: cut-off Fri 27.11.2026 15:00 CET (in 4 d 3 h)" in lines
    assert "  posts so far (1): 'Montagsfrage'" in lines
    assert "newsletter: none yet, the first is 2026-W48 (ROUNDUP_START)" in lines  # KW 47 closed before it
    assert status((2026, 47)) == status(None)


def test_the_friday_job_sends_nothing_for_a_week_before_the_start():
    now = datetime(2026, 11, 20, 14, 5, tzinfo=timezone.utc)
    decision = send_decision(now, CUTOFF, sent=set(), written={"2026-W47"}, within=timedelta(hours=24),
                             start=(2026, 48))
    assert not decision.due
    assert decision.reason.startswith("nothing due: roundups start with 2026-W48 (ROUNDUP_START); 2026-W47")
    assert send_decision(now, CUTOFF, sent=set(), written={"2026-W47"}, within=timedelta(hours=24),
                         start=(2026, 47)).due


# ---- a whole site ---------------------------------------------------------------------------------

OLD_AND_NEW = {
    "articles/2019/alt.md": article("Aus dem alten Blog", "2019-03-29 10:00", id="0101", summary="Alt."),
    "articles/2019/noch-aelter.md": article("Noch älter", "2019-03-05 10:00", author="tom-muster", id="0102",
                                            summary="Älter."),
    "roundups/2019-W13.md": front_matter({"title": "Ein alter Rückblick"}, body="Aus dem Archiv."),
}


@pytest.fixture
def imported(build_site):
    return build_site(OLD_AND_NEW, settings_file="publishconf.py", overrides={"ROUNDUP_START": "2026-W47"})


def test_an_imported_archive_gets_no_roundups_emails_or_share_kits(imported):
    assert imported.result.exit_code(strict=True) == 0, imported.messages
    written = sorted(p.relative_to(imported.output).as_posix()
                     for p in (imported.output / "wochenrueckblick").glob("*/index.html"))
    assert written == ["wochenrueckblick/2026-W47/index.html"]
    assert [n["slug"] for n in json.loads(imported.text("newsletter/index.json"))["newsletters"]] == ["2026-W47"]
    assert sorted(p.name for p in (imported.output / "newsletter").glob("*.eml")) == ["2026-W47.eml"]
    assert not list(imported.output.glob("wochenrueckblick/2019-*"))
    weeks = imported.html("wochenrueckblick/").xpath("//main//a[contains(@href, '-W')]/@href")
    assert weeks and all("/2026-W47/" in href for href in weeks)
    assert "2019-W" not in imported.text("wochenrueckblick/atom.xml")


def test_the_note_of_an_imported_week_is_a_warning_not_a_failure(imported):
    assert [(p.path.endswith("roundups/2019-W13.md"), p.message.split(":")[0]) for p in imported.result.warnings] == [
        (True, "no roundup for KW 13/2019")]


def test_a_start_in_the_future_leaves_the_site_without_roundups(build_site):
    site = build_site(OLD_AND_NEW, overrides={"ROUNDUP_START": "2026-W49"})
    assert site.result.errors == [], site.messages
    assert not list(site.output.glob("wochenrueckblick/*/index.html"))
    assert site.html("").xpath("//*[contains(@class, 'roundup')]//a[contains(@href, 'wochenrueckblick/2')]") == []


def test_make_status_reads_the_start_from_the_settings(tmp_path):
    write_files(tmp_path / "content", {**MINIMAL_SITE, **OLD_AND_NEW})
    settings = tmp_path / "meinconf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(SAMPLE_SETTINGS)!r})\nfrom pelicanconf import *  # noqa\n"
                        "ROUNDUP_START = '2026-W49'\n", encoding="utf-8")
    done = run_tool("tools.status", "--settings", str(settings), "--content", str(tmp_path / "content"),
                    "--ledger", str(tmp_path / "sent.json"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "next roundup: none before 2026-W49 (ROUNDUP_START); the first closes Fri 04.12.2026 15:00 CET (in 11 d 3 h)" in lines
    assert "newsletter: none yet, the first is 2026-W49 (ROUNDUP_START)" in lines
