"""Editor notes: content/roundups/<ISO year>-W<week>.md with title, skip, thanks and an intro."""

import pytest

from roundup.notes import read_note, week_of_file_name
from roundup.thanks import ExtraThanks

HANDLES = {"jana-beispiel", "tom-muster", "aylin-oezdemir"}


def read(text, name="2026-W47.md", handles=HANDLES):
    return read_note(text, f"content/roundups/{name}", handles)


def test_note_with_title_extra_thanks_and_intro():
    note, problems = read("""---
title: "KW 47/2026: Werkstatt offen"
thanks:
  - aylin-oezdemir
  - {handle: tom-muster, for: "die Fotos"}
  - {name: "Das Team am Empfang", url: "https://example.org/empfang", for: "den Kaffee"}
---
Eine **besondere** Woche.
""")
    assert problems == []
    assert (note.slug, note.iso_year, note.iso_week, note.title, note.skip) == ("2026-W47", 2026, 47,
                                                                              "KW 47/2026: Werkstatt offen", False)
    assert note.thanks == [
        ExtraThanks(handle="aylin-oezdemir"),
        ExtraThanks(handle="tom-muster", reason="die Fotos"),
        ExtraThanks(name="Das Team am Empfang", url="https://example.org/empfang", reason="den Kaffee"),
    ]
    assert note.intro_markdown == "Eine **besondere** Woche."


def test_note_with_skip():
    note, problems = read("---\nskip: true\n---\n")
    assert problems == [] and note.skip is True


def test_note_without_front_matter_is_just_an_intro():
    note, problems = read("Nur ein Intro.\n")
    assert problems == [] and note.intro_markdown == "Nur ein Intro." and note.title is None


@pytest.mark.parametrize("text, line, message, hint", [
    ("---\ntitle: X\nskipp: true\n---\n", 3, "unknown key 'skipp' in roundup note", "did you mean 'skip'?"),
    ("---\nskip: ja\n---\n", 2, "'skip' must be true or false, found 'ja'", "skip: true"),
    ("---\nthanks:\n  - tom-musterr\n---\n", 3, "unknown person 'tom-musterr' in 'thanks'", "did you mean 'tom-muster'?"),
    ("---\nthanks:\n  - {name: X, url: \"http://x.example\"}\n---\n", 3, "unsafe link 'http://x.example'", "https://"),
    ("---\nthanks:\n  - {name: X, fuer: Y}\n---\n", 3, "unknown key 'fuer' in a 'thanks' entry", "for"),
    ("---\ntitle: [a\n---\n", 2, "YAML syntax error", "indentation"),
])
def test_bad_note_names_file_line_problem_and_fix(text, line, message, hint):
    note, problems = read(text)
    assert note is None
    assert [(p.path, p.line) for p in problems][:1] == [("content/roundups/2026-W47.md", line)]
    assert message in problems[0].message and hint in problems[0].hint


@pytest.mark.parametrize("name, expected_hint", [
    ("2026-47.md", "2026-W47.md"),
    ("2026-W54.md", "weeks 01 to 52 or 53"),
    ("2027-W53.md", "weeks 01 to 52 or 53"),  # 2027 has 52 ISO weeks
    ("2026-W7.md", "rename the file to 2026-W07.md"),
    ("2026-w47.md", "rename the file to 2026-W47.md"),
])
def test_bad_file_name_is_reported(name, expected_hint):
    note, problems = read("---\nskip: true\n---\n", name=name)
    assert note is None and len(problems) == 1
    assert problems[0].line == 1 and expected_hint in problems[0].hint


@pytest.mark.parametrize("name, week", [("2026-W53.md", (2026, 53)), ("2026-W01.md", (2026, 1)), ("x.md", None)])
def test_week_of_file_name(name, week):
    assert week_of_file_name(name) == week


def test_unknown_handles_are_not_checked_without_profiles():
    note, problems = read("---\nthanks: [someone-new]\n---\n", handles=None)
    assert problems == [] and note.thanks == [ExtraThanks(handle="someone-new")]


@pytest.mark.parametrize("markdown, expected", [
    ("und im\n#Mittwochstipp geht es", "und im\n\\#Mittwochstipp geht es"),
    ("#FollowFriday am Anfang", "\\#FollowFriday am Anfang"),
    ("# Eine Überschrift", "# Eine Überschrift"),
    ("## Zwischentitel", "## Zwischentitel"),
    ("mitten im #Satz", "mitten im #Satz"),
])
def test_hashtag_at_the_start_of_a_line_stays_a_hashtag(markdown, expected):
    note, _ = read(markdown)
    assert note.intro_markdown == expected
