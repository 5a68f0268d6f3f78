"""Pagefind reads only the pages the build wrote with data-pagefind-body (a glob made from them), and
the index is the same as when it reads every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.readers import READERS_SITE, build_readers_site
from helpers.site import DEFAULT_BUILD_TIME, site_settings, write_files
from readers.search_index import index_site, pages_glob, searchable_pages
from tools.build import build

OUT = "/site/output"


@pytest.mark.parametrize("pages, expected", [
    (["2026/tipp-eins/index.html"], "2026/tipp-eins/index.html"),
    (["2025/a/index.html", "2026/b/index.html"], "{2025,2026}/{a,b}/index.html"),
    ([f"2026/beitrag-{n}/index.html" for n in range(41)], "2026/*/index.html"),
    ([f"beitrag-{n}.html" for n in range(41)], "*.html"),
    (["2026/über uns/index.html"], "2026/*/index.html"),
    (["2026/a/index.html", "ueber-uns/index.html"], "{ueber-uns/index.html,2026/a/index.html}"),
])
def test_the_glob_names_every_page_in_few_words(pages, expected):
    assert pages_glob(OUT, [f"{OUT}/{page}" for page in pages]) == expected


@pytest.mark.parametrize("pages", [[], ["/elsewhere/2026/a/index.html"]])
def test_without_pages_inside_the_output_pagefind_reads_everything(pages):
    assert pages_glob(OUT, pages) is None


def bundle(output: Path) -> dict:
    return {path.relative_to(output).as_posix(): path.read_bytes()
            for path in sorted((output / "pagefind").rglob("*")) if path.is_file()}


def test_the_build_indexes_only_its_posts_and_the_index_is_the_same_as_from_every_page(tmp_path):
    output = build_readers_site(tmp_path, search_index=True)
    from_posts = bundle(output)
    assert "pagefind/pagefind-entry.json" in from_posts
    index_site(output)  # no pages given: Pagefind reads every HTML file of the output
    assert bundle(output) == from_posts


def test_pagefind_reads_the_posts_and_pages(tmp_path, monkeypatch):
    write_files(tmp_path / "content", READERS_SITE)
    settings = site_settings(tmp_path, "publishconf.py")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
    assert build(settings).exit_code(strict=True) == 0
    output = tmp_path / "output"
    assert [Path(page).relative_to(output).as_posix() for page in searchable_pages(settings)] == [
        "2026/erster-beitrag/index.html", "2026/fremd/index.html", "2026/kurz/index.html", "2026/langer-beitrag/index.html",
        "2026/tipp-eins/index.html", "2026/tipp-zwei/index.html", "datenschutz/index.html", "impressum/index.html",
        "ueber-uns/index.html"]
