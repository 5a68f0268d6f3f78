"""The one rule for handles and series an article names: there must be a file for each."""

import pytest

from shared.references import names_in, unknown_reference_problems

AUTHORS = {"jana-beispiel", "tom-muster"}
SERIES = {"mittwochstipp"}
LINES = {"author": 4, "co_authors": 5, "co_authors.0": 6, "series": 7}


def problems(values, known_authors=AUTHORS, known_series=SERIES):
    found = unknown_reference_problems("content/articles/x.md", values, LINES, known_authors, known_series)
    return [(p.line, p.message, p.hint) for p in found]


@pytest.mark.parametrize("values, expected", [
    pytest.param({"author": "jana-beispeil"}, (4, "unknown author 'jana-beispeil' in 'author'",
                  "no profile content/authors/jana-beispeil.yml; did you mean 'jana-beispiel'?"), id="author"),
    pytest.param({"author": "jana-beispiel", "co_authors": ["tom-mustre"]},
                 (6, "unknown author 'tom-mustre' in 'co_authors'",
                  "no profile content/authors/tom-mustre.yml; did you mean 'tom-muster'?"), id="co-author"),
    pytest.param({"author": "jana-beispiel", "thanks": [{"handle": "tommuster", "line": 9}]},
                 (9, "unknown person 'tommuster' in 'thanks'",
                  "no profile content/authors/tommuster.yml; did you mean 'tom-muster'? "
                  '(for someone without a profile write - {name: "…", url: "https://…"})'), id="thanks"),
    pytest.param({"author": "jana-beispiel", "series": "mittwochstip"},
                 (7, "unknown series 'mittwochstip' in 'series'",
                  "no file content/series/mittwochstip.yml; did you mean 'mittwochstipp'?"), id="series"),
])
def test_each_name_without_a_file_is_one_problem_in_the_plugins_wording(values, expected):
    assert problems(values) == [expected]


def test_known_names_and_free_thanks_are_fine():
    assert problems({"author": "jana-beispiel", "co_authors": ["tom-muster"], "series": "mittwochstipp",
                     "thanks": [{"name": "Das Team", "url": None, "line": 8}]}) == []


def test_a_check_whose_plugin_is_not_in_use_is_skipped():
    assert problems({"author": "niemand", "series": "keine"}, known_authors=None, known_series=None) == []


def test_names_in_a_folder_are_its_file_names_without_suffix(tmp_path):
    for name in ("jana-beispiel.yml", "alt.yaml", ".tom.yml", "notiz.txt"):
        (tmp_path / name).write_text("")
    assert names_in(str(tmp_path)) == {"jana-beispiel"}
    assert names_in(str(tmp_path), (".yml", ".yaml")) == {"jana-beispiel", "alt"}
    assert names_in(str(tmp_path / "fehlt")) == set()
