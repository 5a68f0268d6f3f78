"""Roundups from plain posts: which weeks get one, titles, intros, notes, newcomers."""

import pytest

from roundup.notes import read_note
from roundup.roundups import build_roundups, period_text
from roundup.windows import Cutoff
from helpers.roundup import berlin, phrases, post, profile

PROFILES = {
    "jana-beispiel": profile("jana-beispiel", "Jana Beispiel"),
    "tom-muster": profile("tom-muster", "Tom Muster"),
    "aylin-oezdemir": profile("aylin-oezdemir", "Aylin Özdemir"),
}
NOW = berlin("2026-11-23 12:00")  # Monday after KW 47


def roundups_of(posts, now=NOW, notes=(), lang="de"):
    return build_roundups(posts, cutoff=Cutoff(), now=now, phrases=phrases(lang), lang=lang, profiles=PROFILES,
                          notes=notes, render_markdown=lambda text: f"<p>{text}</p>")


def note(text, name="2026-W47.md"):
    found, problems = read_note(text, f"content/roundups/{name}", set(PROFILES))
    assert problems == []
    return found


WEEKS_45_AND_47 = [
    post("2026-11-02 10:00", "jana-beispiel", title="Erster"),
    post("2026-11-16 10:00", "jana-beispiel", title="Zweiter"),
    post("2026-11-18 10:00", "aylin-oezdemir", title="Tipp", series="Tipp 12 · #Mittwochstipp",
         tip_phrase="Tipp 12 der Serie #Mittwochstipp", thanks=["tom-muster"]),
]


def test_weeks_with_posts_get_a_roundup_newest_first_and_an_empty_week_gets_none():
    roundups, problems = roundups_of(WEEKS_45_AND_47)
    assert problems == []
    assert [r.slug for r in roundups] == ["2026-W47", "2026-W45"]  # nothing published in KW 46
    assert [r.url for r in roundups] == ["wochenrueckblick/2026-W47/", "wochenrueckblick/2026-W45/"]
    latest = roundups[0]
    assert (latest.title, latest.iso_year, latest.iso_week) == ("KW 47/2026", 2026, 47)
    assert latest.start == berlin("2026-11-13 15:00") and latest.end == latest.date == berlin("2026-11-20 15:00")
    assert latest.articles == ["Zweiter", "Tipp"] and latest.tips == ["Tipp"] and latest.other_articles == ["Zweiter"]
    assert latest.period == "13.–20. November 2026"


def test_the_current_unfinished_week_is_not_published():
    posts = [*WEEKS_45_AND_47, post("2026-11-23 09:00", "tom-muster", title="Montag")]
    roundups, _ = roundups_of(posts, now=NOW)
    assert roundups[0].slug == "2026-W47"
    roundups, _ = roundups_of(posts, now=berlin("2026-11-27 15:00"))
    assert roundups[0].slug == "2026-W48"


def test_generated_intro_counts_posts_people_and_names_tips_and_newcomers():
    latest = roundups_of(WEEKS_45_AND_47)[0][0]
    assert latest.intro_text == (
        "Diese Woche: 2 Beiträge von 2 Personen, darunter Tipp 12 der Serie #Mittwochstipp. "
        "Zum ersten Mal dabei: Aylin Özdemir – herzlich willkommen! Danke an alle 3, die mitgewirkt haben!"
    )
    assert latest.intro_html == f"<p>{latest.intro_text}</p>"


def test_generated_intro_in_english_and_singular():
    oldest = roundups_of(WEEKS_45_AND_47, lang="en")[0][1]
    assert oldest.title == "Week 45/2026"
    assert oldest.intro_text == ("This week: one post by one person. First time here: Jana Beispiel – welcome! "
                                 "Thank you for taking part!")
    assert oldest.period == "October 30 – November 6, 2026"


def test_newcomer_is_welcomed_only_in_the_week_of_the_first_post():
    latest, oldest = roundups_of(WEEKS_45_AND_47)[0]
    assert [p.name for p in oldest.contributors if p.is_newcomer] == ["Jana Beispiel"]
    assert [p.name for p in latest.newcomers] == ["Aylin Özdemir"]


def test_note_with_extra_thanks_title_and_intro():
    extra = note('---\ntitle: "KW 47: Werkstatt offen"\nthanks:\n  - {handle: jana-beispiel, for: "die Moderation"}\n'
                 '  - {name: "Das Team am Empfang"}\n---\nHallo *Welt*.\n')
    latest = roundups_of(WEEKS_45_AND_47, notes=[extra])[0][0]
    assert latest.title == "KW 47: Werkstatt offen"
    assert latest.intro_html == "<p>Hallo *Welt*.</p>" and latest.has_editor_intro
    assert [(p.name, p.roles) for p in latest.contributors] == [
        ("Aylin Özdemir", ["Tipp 12 · #Mittwochstipp"]),
        ("Das Team am Empfang", ["Dank der Redaktion"]),
        ("Jana Beispiel", ["1 Beitrag", "Danke für die Moderation"]),
        ("Tom Muster", ["Hilfe bei „Tipp“"]),
    ]


def test_note_with_skip_drops_that_week():
    roundups, problems = roundups_of(WEEKS_45_AND_47, notes=[note("---\nskip: true\n---\n")])
    assert problems == [] and [r.slug for r in roundups] == ["2026-W45"]


@pytest.mark.parametrize("name, week", [("2026-W44.md", "KW 44/2026"), ("2026-W46.md", "KW 46/2026")])
def test_note_for_a_finished_week_without_posts_is_an_error(name, week):
    _, problems = roundups_of(WEEKS_45_AND_47, notes=[note("Intro.\n", name=name)])
    assert [(p.path, p.line, p.severity) for p in problems] == [(f"content/roundups/{name}", 1, "error")]
    assert f"no posts were published in {week}" in problems[0].message
    assert "delete the note or check its file name" in problems[0].hint


def test_note_for_a_week_that_has_not_ended_waits_for_its_posts():
    _, problems = roundups_of(WEEKS_45_AND_47, notes=[note("Vorbereitet.\n", name="2026-W48.md")])
    assert problems == []


def test_same_posts_give_equal_roundups():
    assert roundups_of(WEEKS_45_AND_47) == roundups_of(list(reversed(WEEKS_45_AND_47)))


@pytest.mark.parametrize("start, end, lang, text", [
    ("2026-11-13", "2026-11-20", "de", "13.–20. November 2026"),
    ("2026-10-30", "2026-11-06", "de", "30. Oktober – 6. November 2026"),
    ("2026-12-25", "2027-01-01", "de", "25. Dezember 2026 – 1. Januar 2027"),
    ("2026-11-13", "2026-11-20", "en", "November 13–20, 2026"),
    ("2026-12-25", "2027-01-01", "en", "December 25, 2026 – January 1, 2027"),
])
def test_period_is_written_out_in_the_site_language(start, end, lang, text):
    from datetime import date
    assert period_text(date.fromisoformat(start), date.fromisoformat(end), lang) == text
