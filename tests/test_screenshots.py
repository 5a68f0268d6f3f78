"""`make screenshots`: which views are shot, and that a publish build is photographed with its styles."""

from __future__ import annotations

import struct

import pytest

from helpers.site import write_files
from helpers.sitecheck import require_browser, sample_site
from tools.screenshots import Shot, planned_shots, production_url, take_screenshots

PAGE = ('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>x</title>'
        '<link rel="stylesheet" href="{css}"></head><body><h1>x</h1></body></html>')


def test_every_page_type_is_shot_wide_and_narrow_in_light_and_dark_mode(tmp_path):
    write_files(tmp_path, {name: PAGE.format(css="/theme/css/site.css") for name in
                           ["index.html", "2026/beitrag/index.html", "404.html", "newsletter/2026-W47.html"]})
    names = [(name, shot.color_scheme) for shot in planned_shots(tmp_path, sample_site())
             for name in shot.file_names()]
    assert names == [("index-1280.png", "light"), ("index-375.png", "light"), ("article-1280.png", "light"),
                     ("article-375.png", "light"), ("404-1280.png", "light"), ("404-375.png", "light"),
                     ("index-1280-dark.png", "dark"), ("index-375-dark.png", "dark"), ("article-1280-dark.png", "dark"),
                     ("article-375-dark.png", "dark"), ("404-1280-dark.png", "dark"), ("404-375-dark.png", "dark")]


@pytest.mark.parametrize("css, expected", [
    ("https://blog.example/theme/css/site.css", "https://blog.example"),
    ("./theme/css/site.css", None),
])
def test_production_url_is_read_from_the_stylesheet_link(tmp_path, css, expected):
    write_files(tmp_path, {"index.html": PAGE.format(css=css)})
    assert production_url(tmp_path) == expected


@pytest.mark.browser
def test_publish_build_is_shot_with_its_own_stylesheet_and_nothing_else_is_fetched(tmp_path):
    require_browser()
    write_files(tmp_path, {
        "index.html": PAGE.format(css="https://blog.example/theme/css/site.css").replace(
            "</h1>", '</h1><img src="https://cdn.example/x.png" alt="x">'),
        "theme/css/site.css": "h1 { height: 2000px; }",
    })
    written, warnings = take_screenshots(tmp_path, [Shot("index", "", (375,))])
    assert written == [tmp_path / "_screenshots" / "index-375.png"]
    width, height = struct.unpack(">II", written[0].read_bytes()[16:24])  # PNG header
    assert width == 375 and height > 2000  # full page, with the stylesheet applied
    assert warnings == ["blocked request: https://cdn.example/x.png"]


def test_a_site_with_a_search_index_is_also_shot_with_results_for_a_word_of_its_newest_post(tmp_path):
    home = PAGE.format(css="/theme/css/site.css").replace(
        "<h1>x</h1>", '<main><p class="card-title"><a href="w/">KW 48/2026</a></p>'
                      '<h2 class="card-title"><a href="p/">Drei oder 3? Zahlen im Text</a></h2></main>')
    write_files(tmp_path, {"index.html": home, "suche/index.html": PAGE.format(css="/theme/css/site.css"),
                           "pagefind/pagefind.js": "", "2026/beitrag/index.html": PAGE.format(css="/x.css")})
    shots = [shot for shot in planned_shots(tmp_path, sample_site()) if shot.name == "search-results"]
    assert [(shot.path, shot.color_scheme, shot.wait_for) for shot in shots] == [
        ("suche/?q=Zahlen", "light", ".search-results li"), ("suche/?q=Zahlen", "dark", ".search-results li")]
