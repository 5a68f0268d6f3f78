"""The YAML front-matter reader: what authors write, and the messages they get when it is wrong."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from frontmatter.metadata import read_front_matter, split_front_matter

BERLIN = ZoneInfo("Europe/Berlin")


def read(text, is_page=False):
    return read_front_matter(text, "content/articles/x.md", is_page=is_page, tz_name="Europe/Berlin")


def article(**lines):
    body = "\n".join(f"{key}: {value}" for key, value in lines.items())
    return f"---\n{body}\n---\nText\n"


VALID = {"title": '"Hallo"', "date": "2026-11-18 09:30", "author": "jana-beispiel"}


def test_split_front_matter_returns_yaml_body_and_offset():
    yaml_text, body, offset = split_front_matter("---\ntitle: a\n---\nBody\n")
    assert (yaml_text, body, offset) == ("title: a", "Body\n", 1)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2026-11-18 09:30", datetime(2026, 11, 18, 9, 30, tzinfo=BERLIN)),
        ("2026-07-01 09:30", datetime(2026, 7, 1, 9, 30, tzinfo=BERLIN)),
        ("2026-11-18", datetime(2026, 11, 18, 0, 0, tzinfo=BERLIN)),
        ('"2026-11-18T08:30:00+00:00"', datetime(2026, 11, 18, 9, 30, tzinfo=BERLIN)),
        ("2026-11-18T08:30:00Z", datetime(2026, 11, 18, 9, 30, tzinfo=BERLIN)),
    ],
)
def test_dates_without_offset_are_berlin_time_and_offsets_are_kept(written, expected):
    front = read(article(**{**VALID, "date": written}))
    assert front.problems == []
    assert front.values["date"] == expected
    assert front.values["date"].utcoffset() is not None


@pytest.mark.parametrize(
    "text, line, message, hint",
    [
        (article(**{**VALID, "date": "18.11.2026"}), 3, "invalid date '18.11.2026' in 'date'", "YYYY-MM-DD HH:MM"),
        (article(date="2026-11-18", author="jana-beispiel"), 2, "missing 'title'", 'title: "'),
        (article(title='""', date="2026-11-18", author="jana-beispiel"), 2, "missing 'title'", "add a line"),
        (article(title="a", author="jana-beispiel"), 2, "missing 'date'", "date: 2026-11-18 09:30"),
        (article(title="a", date="2026-11-18"), 2, "missing 'author'", "content/authors/"),
        ("---\ntitle: a: b\ndate: 2026-11-18\n---\n", 2, "YAML syntax error", "quot"),
        ("---\ntitle: [a\n---\n", 2, "YAML syntax error", "indentation"),
        # the parser stumbles lines later: at the next ", or at the line after an unclosed [
        ('---\ntitle: "Kaputter Beitrag\ndate: 2026-11-18\nauthor: jana\nsummary: "Ein Satz."\n---\n', 2,
         'YAML syntax error: the " that starts this value is not closed in its line', 'title: "Mein Titel"'),
        ("---\ntitle: a\ndate: 2026-11-18\ntags: [a, b\nsummary: S\n---\n", 4, "YAML syntax error", "indentation"),
        # a legal value over two lines is no unclosed quote; a bad item of a long list is its own line
        ('---\ntitle: a\nsummary: "Eins\n  zwei"\ndate: 2026-11-18\ntags: [a, b\n---\n', 6, "YAML syntax error",
         "indentation"),
        ('---\ntitle: a\ntags: [\n  a,\n  "c" d,\n]\n---\n', 5, "YAML syntax error", "indentation"),
        # a tab after an earlier key (libyaml reads it), a quoted key after the open [
        ('---\nauthor:\tjana\ntitle: "Hallo\ncategory: Arbeit\nsummary: "Kurz"\n---\n', 3,
         'the " that starts this value is not closed', 'title: "Mein Titel"'),
        ('---\ntitle: "T"\ntags: [a, b\n"summary": x\n---\n', 3, "YAML syntax error", "indentation"),
        # a two-line value closed where it should be is not blamed for the next line's mistake
        ('---\ntitle: "Ein langer\n  Titel"\n  summary: Kurz\n---\n', 4, "YAML syntax error", "indentation"),
        ("---\ntitle: a\n", 1, "front matter is not closed", "'---'"),
        ("title: a\n", 1, "no front matter", "'---'"),
        (article(**VALID, titel="x"), 5, "unknown key 'titel'", "did you mean 'title'?"),
        (article(**VALID, status="veröffentlicht"), 5, "unknown status", "published, draft, hidden"),
        (article(**VALID, image="images/a.png"), 5, "image without alt text", "image_alt"),
        (article(**VALID, series_index="drei"), 5, "'series_index' must be a whole number", "series_index: 13"),
        (article(**{**VALID, "author": "Jana Beispiel"}), 4, "'Jana Beispiel' in 'author' is not a handle", "jana-beispiel"),
        (article(**VALID, thanks='[{name: "X", url: "javascript:alert(1)"}]'), 5, "unsafe link", "https://"),
    ],
)
def test_bad_front_matter_names_line_problem_and_fix(text, line, message, hint):
    front = read(text)
    assert front.problems, "expected a problem"
    found = front.problems[0]
    assert (found.path, found.line) == ("content/articles/x.md", line)
    assert message in found.message
    assert hint in found.hint


def test_every_problem_of_a_file_is_reported_in_one_run():
    front = read("---\ntitel: a\ndate: gestern\nauthor: jana-beispiel\n---\n")
    messages = [p.message for p in front.problems]
    assert any("missing 'title'" in m for m in messages)
    assert any("invalid date" in m for m in messages)
    assert any("unknown key 'titel'" in m for m in messages)


def test_thanks_accepts_handles_and_free_names_with_lines():
    text = '---\ntitle: a\ndate: 2026-11-18\nauthor: jana-beispiel\nthanks:\n  - tom-muster\n  - {name: "Das Team", url: "https://example.org/team"}\n---\n'
    front = read(text)
    assert front.problems == []
    assert front.values["thanks"] == [
        {"handle": "tom-muster", "line": 6},
        {"name": "Das Team", "url": "https://example.org/team", "line": 7},
    ]


def test_pages_need_only_a_title():
    front = read("---\ntitle: Impressum\n---\nText", is_page=True)
    assert front.problems == []
    assert front.values == {"title": "Impressum", "status": "published"}


@pytest.mark.parametrize("written, expected", [("0012", "0012"), ("a7c3e1f0", "a7c3e1f0"), ('"1e5"', "1e5"), ("1e5", "1e5")])
def test_id_is_kept_exactly_as_written(written, expected):
    front = read(article(**VALID, id=written))
    assert front.problems == []
    assert front.values["id"] == expected


def test_every_unknown_key_of_a_thanks_entry_is_reported():
    front = read(article(**VALID, thanks='[{name: "X", urll: "https://a.example", wofuer: "Kaffee"}]'))
    assert [p.message for p in front.problems] == ["unknown key 'urll' in a 'thanks' entry",
                                                   "unknown key 'wofuer' in a 'thanks' entry"]
    assert "did you mean 'url'?" in front.problems[0].hint
