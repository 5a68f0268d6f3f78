"""Reading and checking content/series/<slug>.yml."""

import pytest

from series.definitions import Series, load_series
from series.plugin import owner_links
from shared.problems import ERROR

HANDLES = {"jana-beispiel", "tom-muster"}
VALID = """\
title: "#Mittwochstipp"
description: "Jeden **Mittwoch** ein Tipp."
weekday: wednesday
label: "Tipp {n}"
owners: [jana-beispiel, tom-muster]
"""


def load(tmp_path, text, name="mittwochstipp.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_series(str(path), HANDLES, lambda text: f"<p>{text}</p>")


def test_a_valid_series_file_becomes_a_series(tmp_path):
    series, problems = load(tmp_path, VALID)
    assert problems == []
    assert (series.slug, series.title, series.weekday, series.label_pattern, series.owners) == (
        "mittwochstipp", "#Mittwochstipp", 2, "Tipp {n}", ["jana-beispiel", "tom-muster"])
    assert (series.url, series.save_as) == ("serien/mittwochstipp/", "serien/mittwochstipp/index.html")
    assert series.description_html == "<p>Jeden **Mittwoch** ein Tipp.</p>"


@pytest.mark.parametrize("text, line, message, hint", [
    pytest.param(VALID + "farbe: blau\n", 6, "unknown key 'farbe' in series", "remove the key", id="unknown key"),
    pytest.param(VALID.replace("title:", "titel:"), 1, "unknown key 'titel' in series", "did you mean 'title'?",
                 id="misspelt key"),
    pytest.param(VALID.replace('title: "#Mittwochstipp"\n', ""), 1, "missing 'title'", 'title: "#Mittwochstipp"',
                 id="missing title"),
    pytest.param(VALID.replace('label: "Tipp {n}"\n', ""), 1, "missing 'label'", 'label: "Tipp {n}"',
                 id="missing label"),
    pytest.param(VALID.replace("Tipp {n}", "Tipp"), 4, "label 'Tipp' has no '{n}' for the tip's number",
                 'label: "Tipp {n}"', id="label without number"),
    pytest.param(VALID.replace("wednesday", "wensday"), 3, "unknown weekday 'wensday'", "did you mean 'wednesday'?",
                 id="misspelt weekday"),
    pytest.param(VALID.replace("wednesday", "Mittwoch"), 3, "unknown weekday 'Mittwoch'",
                 "use the English name: weekday: wednesday", id="german weekday"),
    pytest.param(VALID.replace("tom-muster]", "Tom Muster]"), 5, "owner 'Tom Muster' is not a handle",
                 "lower-case letters", id="owner is not a handle"),
    pytest.param(VALID.replace("tom-muster]", "tom-mustre]"), 5, "unknown owner 'tom-mustre' in 'owners'",
                 "no profile content/authors/tom-mustre.yml; did you mean 'tom-muster'?", id="owner without profile"),
    pytest.param(VALID.replace("[jana-beispiel, tom-muster]", "{chef: jana-beispiel}"), 5,
                 "'owners' must be a list of author handles", "owners: [jana-beispiel]", id="owners not a list"),
    pytest.param('title: "#Mittwochstipp"\nlabel: "Tipp {n}"\nowners: a: b\n', 3, "YAML syntax error", "quoting",
                 id="broken YAML"),
    pytest.param("- title\n- label\n", 1, "a series file must be YAML keys and values", "title:",
                 id="not a mapping"),
])
def test_series_file_mistakes_are_reported_with_line_and_hint(tmp_path, text, line, message, hint):
    series, problems = load(tmp_path, text)
    assert len(problems) == 1, [p.format() for p in problems]
    found = problems[0]
    assert found.path.endswith("mittwochstipp.yml")
    assert (found.line, found.severity) == (line, ERROR)
    assert message in found.message
    assert hint in found.hint
    assert series.slug == "mittwochstipp"  # still usable, so articles get no second error


def test_file_name_must_be_usable_in_a_url(tmp_path):
    _, problems = load(tmp_path, VALID, name="Mittwochs Tipp.yml")
    assert [p.message for p in problems] == ["series file name 'Mittwochs Tipp' is not usable in a URL"]


@pytest.mark.parametrize("pattern, number, short, full, noun", [
    ("Tipp {n}", 13, "Tipp 13", "Tipp 13 · #Mittwochstipp", "Tipp"),
    ("Teil {n}", 2, "Teil 2", "Teil 2 · #Mittwochstipp", "Teil"),
    ("{n}. Folge", 3, "3. Folge", "3. Folge · #Mittwochstipp", "Folge"),
    ("Nr. {n} der Reihe", 4, "Nr. 4 der Reihe", "Nr. 4 der Reihe · #Mittwochstipp", None),
])
def test_labels_follow_the_pattern(pattern, number, short, full, noun):
    series = Series(slug="s", title="#Mittwochstipp", label_pattern=pattern)
    assert (series.number_label(number), series.full_label(number), series.tip_noun) == (short, full, noun)


def test_owners_link_to_profiles_and_fall_back_to_the_handle():
    class Profile:
        def __init__(self, name, url):
            self.name, self.url = name, url

    profiles = {"jana-beispiel": Profile("Jana Beispiel", "autoren/jana-beispiel/"),
                "ex-kollege": Profile("Ex Kollege", None)}
    assert owner_links(["jana-beispiel", "ex-kollege", "tom-muster"], profiles) == [
        {"name": "Jana Beispiel", "url": "autoren/jana-beispiel/", "handle": "jana-beispiel"},
        {"name": "Ex Kollege", "url": None, "handle": "ex-kollege"},
        {"name": "tom-muster", "url": None, "handle": "tom-muster"},
    ]
