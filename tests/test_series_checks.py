"""End to end: every series mistake is one message with file:line and a hint; strict builds fail."""

import pytest

from helpers.series import MITTWOCHSTIPP, tip
from helpers.site import MINIMAL_SITE, SAMPLE_PELICANCONF, run_tool, write_files

SERIES = {"series/mittwochstipp.yml": MITTWOCHSTIPP}


def series_file(text):
    return {"series/mittwochstipp.yml": text}


# files, file the error is in, line, message, hint
MISTAKES = [
    pytest.param({**SERIES, "articles/t.md": tip("T", "2026-11-18 09:30", series="mittwochstip")},
                 "articles/t.md", 5, "unknown series 'mittwochstip' in 'series'",
                 "no file content/series/mittwochstip.yml; did you mean 'mittwochstipp'?", id="unknown series"),
    pytest.param({**SERIES, "articles/a.md": tip("A", "2026-11-04 09:30", series_index=2),
                  "articles/b.md": tip("B", "2026-11-11 09:30", series_index=2)},
                 "articles/b.md", 7, "tip number 2 of series 'mittwochstipp' is used twice",
                 "give this tip another 'series_index'", id="two tips with the same number"),
    pytest.param({**SERIES, "articles/a.md": tip("A", "2026-11-04 09:30", series_index=4),
                  "articles/b.md": tip("B", "2026-11-11 09:30", series_index=3)},
                 "articles/b.md", 7, "series_index 3 conflicts with the date order of series 'mittwochstipp'",
                 "use a number above 4", id="explicit number against the date order"),
    pytest.param({**SERIES, "articles/t.md": tip("T", "2026-11-18 09:30", series_index=3).replace(
                      "series: mittwochstipp\n", "")},
                 "articles/t.md", 6, "'series_index' without 'series'", "add the series, e.g. 'series: mittwochstipp'",
                 id="series_index without series"),
    pytest.param(series_file(MITTWOCHSTIPP + "farbe: blau\n"), "series/mittwochstipp.yml", 6,
                 "unknown key 'farbe' in series", "remove the key", id="unknown key"),
    pytest.param(series_file(MITTWOCHSTIPP.replace('title: "#Mittwochstipp"\n', "")), "series/mittwochstipp.yml", 1,
                 "missing 'title'", 'add a line like title: "#Mittwochstipp"', id="missing title"),
    pytest.param(series_file(MITTWOCHSTIPP.replace('label: "Tipp {n}"\n', "")), "series/mittwochstipp.yml", 1,
                 "missing 'label'", 'label: "Tipp {n}"', id="missing label"),
    pytest.param(series_file(MITTWOCHSTIPP.replace("Tipp {n}", "Tipp")), "series/mittwochstipp.yml", 4,
                 "label 'Tipp' has no '{n}'", 'label: "Tipp {n}"', id="label without number"),
    pytest.param(series_file(MITTWOCHSTIPP.replace("wednesday", "wendsday")), "series/mittwochstipp.yml", 3,
                 "unknown weekday 'wendsday'", "did you mean 'wednesday'?", id="unknown weekday"),
    pytest.param(series_file(MITTWOCHSTIPP.replace("tom-muster]", "Tom]")), "series/mittwochstipp.yml", 5,
                 "owner 'Tom' is not a handle", "e.g. jana-beispiel", id="owner is not a handle"),
    pytest.param(series_file(MITTWOCHSTIPP.replace("tom-muster]", "tom-mustr]")), "series/mittwochstipp.yml", 5,
                 "unknown owner 'tom-mustr' in 'owners'",
                 "no profile content/authors/tom-mustr.yml; did you mean 'tom-muster'?", id="owner without profile"),
    pytest.param(series_file('title: "#Mittwochstipp"\nlabel: "Tipp {n}"\nowners: a: b\n'),
                 "series/mittwochstipp.yml", 3,
                 "YAML syntax error", "quoting", id="broken YAML"),
]


@pytest.mark.parametrize("files, path, line, message, hint", MISTAKES)
def test_series_mistake_is_one_error_with_place_and_hint_and_fails_strict(build_site, files, path, line, message, hint):
    site = build_site(files)
    assert len(site.result.errors) == 1, site.messages
    found = site.result.errors[0]
    assert found.path.endswith("content/" + path) and found.line == line
    assert message in found.message
    assert hint in found.hint
    assert f"{path}:{line}: {message}" in site.messages
    assert site.result.exit_code(strict=True) == 1
    assert site.result.exit_code(strict=False) == 0


def test_broken_series_file_does_not_add_unknown_series_errors(build_site):
    site = build_site({**series_file('title: "#Mittwochstipp\n'), "articles/t.md": tip("T", "2026-11-18 09:30")})
    assert [p.message.split(":")[0] for p in site.result.errors] == ["YAML syntax error"]


def test_tip_on_another_weekday_is_a_warning_and_strict_still_passes(build_site):
    site = build_site({**SERIES, "articles/t.md": tip("T", "2026-11-19 09:30")})
    assert site.result.errors == []
    [warning] = site.result.warnings
    assert warning.path.endswith("content/articles/t.md") and warning.line == 3
    assert warning.message == ("tip of series 'mittwochstipp' appears on a Thursday (2026-11-19), "
                               "the series appears on Wednesdays")
    assert "move 'date' to a Wednesday, e.g. 2026-11-25" in warning.hint
    assert site.result.exit_code(strict=True) == 0


def test_strict_build_tool_exits_1_and_names_the_problem(tmp_path):
    content = tmp_path / "content"
    write_files(content, {**MINIMAL_SITE, **SERIES,
                          "articles/t.md": tip("T", "2026-11-18 09:30", series="mittwochstip")})
    done = run_tool("tools.build", "--strict", "--settings", str(SAMPLE_PELICANCONF), "--content", str(content),
                    "--output", str(tmp_path / "output"))
    assert done.returncode == 1, done.stderr
    assert "articles/t.md:5: unknown series 'mittwochstip' in 'series'" in done.stderr
    assert "did you mean 'mittwochstipp'?" in done.stderr
