"""Every list field of every file kind refuses a mapping or a number, naming key, line and what was found."""

import pytest

from authors.profiles import ProfileCheck, read_profile
from frontmatter.metadata import read_front_matter
from roundup.notes import read_note
from series.definitions import load_series
from shared.fields import kind_of, not_text, text_list
from shared.yamlsource import load_yaml

HANDLES = {"jana-beispiel", "tom-muster"}
ARTICLE_START = '---\ntitle: "Hallo"\ndate: 2026-11-18 09:30\nauthor: jana-beispiel\n'


def front_matter_problems(tmp_path, line):
    front = read_front_matter(ARTICLE_START + line + "\n---\nText\n", "content/articles/x.md",
                              is_page=False, tz_name="Europe/Berlin")
    return front.problems, 5  # the tested key is the fourth key: line 5 of the file


def profile_problems(tmp_path, line):
    text = 'name: "Jana"\n' + line + "\n"
    _, problems = read_profile("jana-beispiel", load_yaml(text, "jana-beispiel.yml"), "jana-beispiel.yml",
                               ProfileCheck(str(tmp_path)))
    return problems, 2


def series_problems(tmp_path, line):
    path = tmp_path / "mittwochstipp.yml"
    path.write_text('title: "#Mittwochstipp"\nlabel: "Tipp {n}"\n' + line + "\n", encoding="utf-8")
    _, problems = load_series(str(path), HANDLES, lambda text: text)
    return problems, 3


def note_problems(tmp_path, line):
    _, problems = read_note("---\n" + line + "\n---\nIntro\n", "content/roundups/2026-W47.md", HANDLES)
    return problems, 2


KINDS = {"front matter": front_matter_problems, "profile": profile_problems, "series": series_problems,
         "roundup note": note_problems}
LIST_FIELDS = [
    ("front matter", "tags", "text", "tags: ["),
    ("front matter", "co_authors", "author handles", "co_authors: ["),
    ("front matter", "thanks", "handles or {name: …, url: …} entries", "- tom-muster"),
    ("profile", "expertise", "topics", "expertise: ["),
    ("series", "owners", "author handles", "owners: ["),
    ("roundup note", "thanks", "handles or {name: …} entries", "- aylin-oezdemir"),
]


@pytest.mark.parametrize("written, found", [("{a: 1}", "a mapping"), ("5", "a number")])
@pytest.mark.parametrize("kind, key, what, hint", LIST_FIELDS, ids=[f"{k}-{f}" for k, f, *_ in LIST_FIELDS])
def test_a_mapping_or_number_where_a_list_belongs_is_one_error_naming_key_and_found(
        tmp_path, kind, key, what, hint, written, found):
    problems, line = KINDS[kind](tmp_path, f"{key}: {written}")
    assert [(p.line, p.message) for p in problems] == [(line, f"'{key}' must be a list of {what}, found {found}")]
    assert hint in problems[0].hint


LIST_ENTRIES = [
    ("front matter", "tags", 7), ("front matter", "co_authors", 7), ("profile", "expertise", 4),
    ("series", "owners", 5),
]


@pytest.mark.parametrize("entry, found", [("{a: b}", "a mapping"), ("[a, b]", "a list"), ("true", "true/false")])
@pytest.mark.parametrize("kind, key, line", LIST_ENTRIES, ids=[f"{k}-{f}" for k, f, _ in LIST_ENTRIES])
def test_an_entry_that_is_not_text_names_key_entry_number_and_line(tmp_path, kind, key, line, entry, found):
    good = "tom-muster" if key in ("co_authors", "owners") else "netzwerken"
    problems, _ = KINDS[kind](tmp_path, f"{key}:\n  - {good}\n  - {entry}")
    assert [(p.line, p.message) for p in problems] == [(line, f"'{key}' entry 2 must be text, found {found}")]
    assert "double quotes" in problems[0].hint


def test_tags_as_a_mapping_no_longer_become_a_tag():
    front = read_front_matter(ARTICLE_START + "tags: {a: 1}\n---\n", "x.md", is_page=False, tz_name="Europe/Berlin")
    assert "tags" not in front.values


def test_numbers_in_a_tag_list_are_text_and_commas_split_a_single_line():
    assert text_list("tags", [2026, "netzwerken"], what="text", example="")[0] == [(0, "2026"), (1, "netzwerken")]
    assert text_list("tags", "a, b", what="text", example="", split_commas=True)[0] == [(0, "a"), (0, " b")]


@pytest.mark.parametrize("kind, text, line, message", [
    ("front matter", "summary: {a: b}", 5, "'summary' must be text, found a mapping"),
    ("front matter", "status: [draft]", 5, "'status' must be text, found a list"),
    ("front matter", "series: {mittwochstipp: 1}", 5, "'series' must be text, found a mapping"),
    ("front matter", 'thanks:\n  - {name: {a: b}}', 6, "'name' in a 'thanks' entry must be text, found a mapping"),
    ("profile", "role: {a: b}", 2, "'role' must be text, found a mapping"),
    ("profile", "status: [active]", 2, "'status' must be text, found a list"),
    ("profile", "links:\n  website: {a: b}", 3, "link 'website' must be an address, found a mapping"),
    ("series", "weekday: [monday]", 3, "'weekday' must be text, found a list"),
    ("series", "description: {a: b}", 3, "'description' must be text, found a mapping"),
    ("roundup note", "title: {a: b}", 2, "'title' must be text, found a mapping"),
    ("roundup note", "thanks:\n  - {name: X, for: {a: b}}", 3,
     "'for' in a 'thanks' entry must be text, found a mapping"),
])
def test_text_fields_given_a_list_or_mapping_are_errors_everywhere(tmp_path, kind, text, line, message):
    problems, _ = KINDS[kind](tmp_path, text)
    assert [(p.line, p.message) for p in problems] == [(line, message)]
    assert problems[0].hint


def test_author_as_a_mapping_names_the_key():
    front = read_front_matter('---\ntitle: a\ndate: 2026-11-18\nauthor: {jana: beispiel}\n---\n', "x.md",
                              is_page=False, tz_name="Europe/Berlin")
    assert [(p.line, p.message) for p in front.problems] == [(4, "'author' must be text, found a mapping")]


@pytest.mark.parametrize("value, kind", [({}, "a mapping"), ([], "a list"), (3, "a number"), (2.5, "a number"),
                                         (False, "true/false"), ("x", "text")])
def test_kind_of_says_what_was_written(value, kind):
    assert kind_of(value) == kind


def test_numbers_and_text_are_text():
    assert not_text("title", 2026, "") is None and not_text("title", "a", "") is None
