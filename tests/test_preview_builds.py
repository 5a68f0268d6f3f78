"""The preview after a sequence of edits serves exactly what a cold `make html` writes.

Each step edits the content the way an author does, lets the preview session handle it (the text
shortcut where it applies, then the incremental build) and compares every output file, byte for
byte, with a cold build of the same content into another directory.
"""

from __future__ import annotations

import hashlib
import logging
import io
import os
import pickle
import re
import shutil
import textwrap
import time
from pathlib import Path

import pytest

import roundup.roundups as roundups_module
from helpers.frontmatter import article
from helpers.series import SHORT_SERIES as SERIES
from helpers.site import AUTHOR_YAML, MINIMAL_SITE, site_settings, write_files
from tools.build import build
from tools.outputdir import PREVIEW_MARKER
from tools.preview.session import PreviewSession



def post(title: str, date: str, author: str = "jana-beispiel", body: str = "Ein Absatz.", summary="Ein Satz.",
         category="Arbeitskultur", **keys) -> str:
    """An article of the test site; summary None: none."""
    # the id follows the title, the same in every process (hash() of a str is not)
    summary = {"summary": summary} if summary is not None else {}
    return article(title, date=date, author=author, body=body, id=hashlib.sha1(title.encode()).hexdigest()[:8],
                   category=category, **summary, **keys)


SITE = {
    **MINIMAL_SITE,
    "authors/aylin-oezdemir.yml": AUTHOR_YAML.format(name="Aylin Özdemir"),
    "series/mittwochstipp.yml": SERIES,
    "articles/der-tipp.md": post("Der Tipp", "2026-11-18 08:00", series="mittwochstipp"),
    "articles/danke.md": post("Danke an alle", "2026-11-19 10:00", author="tom-muster",
                              co_authors=["aylin-oezdemir"], tags=["sprache"], thanks=["jana-beispiel"]),
    "articles/2026/vorwoche.md": post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                                      tags=["netzwerken"]),
}


# One post per listing page: the home page, topics and authors all have several pages, and the
# preview splits a listing into its pages (a request renders only its own).
PAGINATION = {"DEFAULT_PAGINATION": 1}


def output_files(directory: Path) -> dict:
    """Every file a build wrote; not the preview's marker (tools/outputdir.py), which the server adds."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and p.name != PREVIEW_MARKER}


def output_folders(directory: Path) -> list:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_dir())


@pytest.fixture
def preview(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    write_files(content, SITE)
    session = PreviewSession(site_settings(tmp_path, overrides=PAGINATION), root=tmp_path)
    session.start()
    yield session
    session.stop()  # its build thread ends: no test sees another test's thread


def edit(session: PreviewSession, changes: dict) -> None:
    """Write (text), delete (None) or rename ((new name,)) files, then let the preview handle it."""
    content = Path(session.content)
    touched = set()
    for relative, value in changes.items():
        path = content / relative
        touched.add(str(path))
        if value is None:
            path.unlink()
        elif isinstance(value, tuple):
            target = content / value[0]
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
            touched.add(str(target))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(value), encoding="utf-8")
    session._handle(touched)


def all_shown(writer) -> set:
    """Every page of an edit shown from the last model rendered: the files that changed."""
    assert writer is not None, "the edit was not shown from the last model"
    writer.render_rest()
    return writer.changed


def assert_same_as_cold_build(session: PreviewSession, tmp_path: Path, problems: bool = True) -> None:
    """`problems`: compare them too (False where the same warning twice in one process is logged once:
    Pelican's LimitFilter keeps the cold build in this process from repeating the preview's)."""
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    result = build(site_settings(tmp_path, overrides={**PAGINATION, "OUTPUT_PATH": str(cold),
                                                      "CACHE_PATH": str(tmp_path / "c2")}))
    preview_files, cold_files = output_files(Path(session.output)), output_files(cold)
    assert sorted(preview_files) == sorted(cold_files)
    assert output_folders(Path(session.output)) == output_folders(cold)  # none left empty by a page that went
    differing = [name for name in cold_files if preview_files[name] != cold_files[name]]
    assert not differing, f"preview differs from a cold build in {differing}"
    if problems:
        assert [p.format() for p in session.problems()] == [p.format() for p in (*result.errors, *result.warnings)]


EDITS = [
    ("body", {"articles/danke.md": post("Danke an alle", "2026-11-19 10:00", author="tom-muster",
                                        co_authors=["aylin-oezdemir"], tags=["sprache"], thanks=["jana-beispiel"],
                                        body="Ein **neuer** Absatz.")}),
    ("title", {"articles/2026/vorwoche.md": post("Ein neuer Titel", "2026-11-11 09:00", author="aylin-oezdemir",
                                                 tags=["netzwerken"])}),
    ("date into another roundup week", {"articles/2026/vorwoche.md": post(
        "Ein neuer Titel", "2026-11-17 09:00", author="aylin-oezdemir", tags=["netzwerken"])}),
    ("a new tag", {"articles/der-tipp.md": post("Der Tipp", "2026-11-18 08:00",
                                                series="mittwochstipp", tags=["ganz-neu"])}),
    ("a profile", {"authors/aylin-oezdemir.yml": AUTHOR_YAML.format(name="Aylin Neumann")}),
    ("a series description", {"series/mittwochstipp.yml": SERIES.replace("Jeden Mittwoch", "Immer mittwochs")}),
    ("a co-author", {"articles/danke.md": post("Danke an alle", "2026-11-19 10:00", author="tom-muster",
                                               co_authors=["jana-beispiel"], tags=["sprache"])}),
    ("a broken front matter", {"articles/der-tipp.md": "---\ntitle: [kaputt\n---\nText.\n"}),
    ("the front matter fixed", {"articles/der-tipp.md": post("Der Tipp", "2026-11-18 08:00",
                                                             series="mittwochstipp")}),
    ("deleting an article", {"articles/danke.md": None}),
    ("adding an article", {"articles/2026/neu.md": post("Ganz neu", "2026-11-20 11:00", author="tom-muster",
                                                        tags=["sprache"])}),
    ("renaming a file", {"articles/2026/neu.md": ("articles/2026/umbenannt.md",)}),
    # redirect pages are written on `finalized`, outside the writer: the one of a changed alias must go
    ("an old address", {"articles/2026/vorwoche.md": post("Ein neuer Titel", "2026-11-17 09:00", author="aylin-oezdemir",
                                                          tags=["netzwerken"], aliases=["/2019/alt/"])}),
    ("the old address changed", {"articles/2026/vorwoche.md": post(
        "Ein neuer Titel", "2026-11-17 09:00", author="aylin-oezdemir", tags=["netzwerken"], aliases=["/2019/anders/"])}),
    # the privacy gate reads the written files on `finalized`: the banner names the pixel like make check
    ("a tracking pixel", {"articles/2026/neu.md": post("Ganz neu", "2026-11-20 11:00", author="tom-muster",
                                                       body='<img src="https://tracker.example.net/p.gif" alt="P">')}),
    ("the pixel removed", {"articles/2026/neu.md": post("Ganz neu", "2026-11-20 11:00", author="tom-muster")}),
]


def test_every_step_of_an_edit_sequence_equals_a_cold_build(preview, tmp_path):
    assert_same_as_cold_build(preview, tmp_path)
    for label, changes in EDITS:
        edit(preview, changes)
        try:
            assert_same_as_cold_build(preview, tmp_path)
        except AssertionError as error:
            raise AssertionError(f"after editing {label}: {error}") from None
        shown = "\n".join(p.format() for p in preview.problems())
        assert ("tracker.example.net" in shown) == (label == "a tracking pixel"), (label, shown)


def test_a_request_renders_only_its_page_of_a_listing(preview):
    build = preview.builder.build(priority=())
    writer = build.writer
    assert {"index.html", "seite/2/index.html", "seite/3/index.html"} <= set(writer.queued)  # one entry per page
    assert writer.render_now("seite/2/index.html")
    assert "seite/2/index.html" not in writer.queued and "index.html" in writer.queued
    preview.builder.finish(build)


def test_a_text_edit_shows_the_new_text_before_the_full_build(preview, tmp_path):
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    source.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                           tags=["netzwerken"], body="Ganz anderer Text."), encoding="utf-8")
    changed = all_shown(preview.builder.show_text_edit(preview.current, [str(source)]))
    page = Path(preview.output) / "2026/vorwoche/index.html"
    assert changed == {str(page)}
    shortcut = page.read_bytes()
    assert b"Ganz anderer Text." in shortcut
    preview._full_build()
    assert page.read_bytes() == shortcut  # the full build agrees with the shortcut
    assert_same_as_cold_build(preview, tmp_path)


def test_a_title_edit_shows_on_every_page_that_lists_the_post_before_the_full_build(preview, tmp_path):
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Aus der Vorwoche", "Anderer Titel"), encoding="utf-8")  # its id stays
    changed = all_shown(preview.builder.show_text_edit(preview.current, [str(source)]))
    output = Path(preview.output)

    def pages_with(text):
        return {str(p.relative_to(output)) for p in output.rglob("*.html") if text in p.read_text(encoding="utf-8")}

    shortcut = pages_with("Anderer Titel")
    assert {str(Path(path).relative_to(output)) for path in changed} == shortcut
    # the old title stays only in its social card's alt text (the card is planned with the model:
    # the full build draws the new card)
    assert pages_with("Aus der Vorwoche") <= {"2026/vorwoche/index.html"}
    assert "Aus der Vorwoche" not in (output / "2026/vorwoche/index.html").read_text(encoding="utf-8").replace(
        'content="Arbeitskultur: Aus der Vorwoche', "")
    # its page and where it is listed (one post per page): home, archive, topic, author, roundup,
    # Weiterlesen under other posts
    assert {"2026/vorwoche/index.html", "archiv/index.html", "wochenrueckblick/2026-W46/index.html",
            "autoren/aylin-oezdemir/seite/2/index.html", "2026/danke/index.html"} <= shortcut
    preview._full_build()
    assert pages_with("Anderer Titel") == shortcut  # the full build shows it nowhere else
    assert_same_as_cold_build(preview, tmp_path)


def test_a_summary_edit_shows_on_its_page_and_every_card_of_it_before_the_full_build(preview, tmp_path):
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    source.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir", tags=["netzwerken"],
                           summary="Neu: <Kurzfassung> & mehr."), encoding="utf-8")
    changed = all_shown(preview.builder.show_text_edit(preview.current, [str(source)]))
    output = Path(preview.output)
    typed = "Neu: &lt;Kurzfassung&gt; &amp; mehr."  # as typed, escaped once

    def pages_with(text):
        return {str(p.relative_to(output)) for p in output.rglob("*.html") if text in p.read_text(encoding="utf-8")}

    shortcut = pages_with(typed)
    assert {str(Path(path).relative_to(output)) for path in changed} >= shortcut
    page = (output / "2026/vorwoche/index.html").read_text(encoding="utf-8")
    assert f'<meta name="description" content="{typed}">' in page
    # its cards (one post per listing page): home, topic, author, its week's roundup, Weiterlesen
    assert {"seite/4/index.html", "thema/netzwerken/seite/2/index.html", "autoren/aylin-oezdemir/seite/2/index.html",
            "wochenrueckblick/2026-W46/index.html", "2026/danke/index.html"} <= shortcut
    preview._full_build()
    assert pages_with(typed) == shortcut  # the full build shows it nowhere else
    assert_same_as_cold_build(preview, tmp_path)


def test_summary_edits_of_two_posts_saved_together_are_shown_and_a_removed_summary_too(preview, tmp_path):
    first, second = Path(preview.content) / "articles/2026/vorwoche.md", Path(preview.content) / "articles/danke.md"
    first.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir", tags=["netzwerken"],
                          summary="Erster neuer Satz."), encoding="utf-8")
    second.write_text(post("Danke an alle", "2026-11-19 10:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                           tags=["sprache"], thanks=["jana-beispiel"], summary=None), encoding="utf-8")
    changed = all_shown(preview.builder.show_text_edit(preview.current, [str(first), str(second)]))
    assert "Erster neuer Satz." in (Path(preview.output) / "2026/vorwoche/index.html").read_text(encoding="utf-8")
    assert str(Path(preview.output) / "2026/danke/index.html") in changed
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_category_edit_shows_on_both_category_pages_before_the_full_build_and_an_emptied_one_waits(
        preview, tmp_path):
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    output = Path(preview.output)

    def moved_to(category):
        source.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir", tags=["netzwerken"],
                               category=category), encoding="utf-8")
        return preview.builder.show_text_edit(preview.current, [str(source)])

    changed = all_shown(moved_to("Neue Rubrik"))  # a new category: its page appears at once
    new_page = output / "kategorie/neue-rubrik/index.html"
    assert str(new_page) in changed and 'href="../../2026/vorwoche/"' in new_page.read_text(encoding="utf-8")
    assert "Neue Rubrik" in (output / "2026/vorwoche/index.html").read_text(encoding="utf-8")
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)
    other = Path(preview.content) / "articles/danke.md"  # into a category that has a post already
    other.write_text(post("Danke an alle", "2026-11-19 10:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                          tags=["sprache"], thanks=["jana-beispiel"], category="Neue Rubrik"), encoding="utf-8")
    changed = all_shown(preview.builder.show_text_edit(preview.current, [str(other)]))
    assert {str(output / "kategorie/neue-rubrik/index.html"), str(output / "kategorie/neue-rubrik/seite/2/index.html")} <= changed
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)
    other.write_text(post("Danke an alle", "2026-11-19 10:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                          tags=["sprache"], thanks=["jana-beispiel"]), encoding="utf-8")
    all_shown(preview.builder.show_text_edit(preview.current, [str(other)]))
    preview._full_build()
    assert moved_to("Arbeitskultur") is None  # Neue Rubrik would be left empty: its page has to go
    preview._full_build()
    assert not new_page.exists()
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("source, edited, listing", [
    ("articles/2026/vorwoche.md",  # Tom added
     post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir", co_authors=["tom-muster"],
          tags=["netzwerken"]), {"aylin-oezdemir", "tom-muster"}),
    ("articles/danke.md",  # Aylin taken off (Jana is thanked: her page lists it too)
     post("Danke an alle", "2026-11-19 10:00", author="tom-muster", tags=["sprache"], thanks=["jana-beispiel"]),
     {"tom-muster", "jana-beispiel"}),
])
def test_an_edit_of_a_posts_authors_shows_in_its_byline_and_on_their_pages_before_the_full_build(
        preview, tmp_path, source, edited, listing):
    source = Path(preview.content) / source
    source.write_text(edited, encoding="utf-8")
    output = Path(preview.output)
    page = output / f"2026/{source.stem}/index.html"

    def byline():
        header = page.read_text(encoding="utf-8").split('<header class="post-header">')[1].split("</header>")[0]
        return set(re.findall(r'class="author p-author h-card" href="[./]*autoren/([a-z-]+)/"', header))

    def author_pages_listing_the_post():
        return {path.relative_to(output / "autoren").parts[0] for path in (output / "autoren").rglob("index.html")
                if re.search(rf'href="[./]*2026/{source.stem}/"', path.read_text(encoding="utf-8"))}

    writer = preview.builder.show_text_edit(preview.current, [str(source)])
    assert byline() == listing - {"jana-beispiel"}  # its own page: at once
    all_shown(writer)
    assert author_pages_listing_the_post() == listing
    preview._full_build()
    assert byline() == listing - {"jana-beispiel"} and author_pages_listing_the_post() == listing
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("tags, listing", [
    (["netzwerken", "ganz-neu"], {"netzwerken", "ganz-neu"}),  # a new topic: its page is made
    (["netzwerken", "sprache"], {"netzwerken", "sprache"}),  # into a topic that has posts
    (["sprache"], {"sprache"}),  # out of a topic that keeps another post, into another
])
def test_an_edit_of_a_posts_topics_shows_on_its_page_and_the_topic_pages_before_the_full_build(
        preview, tmp_path, tags, listing):
    source = Path(preview.content) / "articles/2026/vorwoche.md"  # in "netzwerken", with another post
    source.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir", tags=tags), encoding="utf-8")
    output = Path(preview.output)

    def topic_pages_listing_the_post():
        return {path.relative_to(output / "thema").parts[0] for path in (output / "thema").rglob("index.html")
                if re.search(r'<a [^>]*href="[./]*2026/vorwoche/"', path.read_text(encoding="utf-8"))}

    writer = preview.builder.show_text_edit(preview.current, [str(source)])
    assert writer is not None
    for tag in tags:
        assert re.search(rf'href="[./]*thema/{tag}/"', (output / "2026/vorwoche/index.html").read_text(encoding="utf-8"))
    # its own page at once; the topic pages queued (a browser asking for one gets it at once)
    assert any(name.startswith("thema/") for name in writer.queued), writer.queued
    rendered = {os.path.relpath(path, output) for path in writer.changed if os.path.exists(path)}  # not the removed
    assert rendered == {"2026/vorwoche/index.html"}  # page 2 of a topic the post left
    all_shown(writer)
    assert topic_pages_listing_the_post() == listing
    preview._full_build()
    assert topic_pages_listing_the_post() == listing
    assert_same_as_cold_build(preview, tmp_path)


def test_a_topic_left_without_posts_takes_the_full_build(preview):
    source = Path(preview.content) / "articles/danke.md"  # the only post in "sprache"
    source.write_text(post("Danke an alle", "2026-11-19 10:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                           tags=["netzwerken"], thanks=["jana-beispiel"]), encoding="utf-8")
    assert preview.builder.show_text_edit(preview.current, [str(source)]) is None


def test_a_date_moved_into_another_week_shows_on_its_page_and_in_that_weeks_roundup_before_the_full_build(
        preview, tmp_path):
    source = Path(preview.content) / "articles/danke.md"  # 19 November: week 47
    source.write_text(post("Danke an alle", "2026-11-12 10:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                           tags=["sprache"], thanks=["jana-beispiel"]), encoding="utf-8")
    output = Path(preview.output)

    def roundups_listing_the_post():
        return {path.parent.name for path in (output / "wochenrueckblick").glob("*/index.html")
                if re.search(r'<a [^>]*href="[./]*2026/danke/"', path.read_text(encoding="utf-8"))}

    def home_pages_listing_the_post():
        return {str(path.relative_to(output)) for path in [output / "index.html", *(output / "seite").rglob("index.html")]
                if re.search(r'<a [^>]*href="[./]*2026/danke/"', path.read_text(encoding="utf-8"))}

    assert roundups_listing_the_post() == {"2026-W47"} and home_pages_listing_the_post() == {"index.html"}
    writer = preview.builder.show_text_edit(preview.current, [str(source)])
    assert 'datetime="2026-11-12T10:00:00' in (output / "2026/danke/index.html").read_text(encoding="utf-8")
    all_shown(writer)
    assert roundups_listing_the_post() == {"2026-W46"}
    home = home_pages_listing_the_post()  # one post per page: it moved from the first
    assert home != {"index.html"}
    preview._full_build()
    assert roundups_listing_the_post() == {"2026-W46"} and home_pages_listing_the_post() == home
    assert_same_as_cold_build(preview, tmp_path)


def test_a_date_moved_makes_only_the_weeks_between_again_and_their_newcomers_as_the_full_build(tmp_path, monkeypatch):
    """Tom's first post moves from week 46 to week 45: he is new in week 45 now, not in week 46; week
    44 before and weeks 47 and 48 after keep their roundups as they were (the same objects)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796036400")  # Friday 4 December 2026, after the cutoff
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "content", {  # MINIMAL_SITE has Jana's first post in week 47
        **MINIMAL_SITE, "authors/aylin-oezdemir.yml": AUTHOR_YAML.format(name="Aylin Özdemir"),
        "articles/a.md": post("Woche 44", "2026-10-28 09:00", author="aylin-oezdemir"),
        "articles/b.md": post("Woche 45", "2026-11-04 09:00", author="aylin-oezdemir"),
        "articles/c.md": post("Woche 46", "2026-11-11 08:00", author="aylin-oezdemir"),
        "articles/d.md": post("Toms erster", "2026-11-11 09:00", author="tom-muster"),
        "articles/e.md": post("Toms zweiter", "2026-11-25 09:00", author="tom-muster"),
    })
    preview = PreviewSession(site_settings(tmp_path), root=tmp_path)
    preview.start()

    def roundups():
        return {roundup.slug: roundup for roundup in preview.current.generators[0].context["roundups"]}

    def newcomers():
        return {slug: sorted(c.handle for c in roundup.contributors if c.is_newcomer) for slug, roundup in roundups().items()}

    assert newcomers()["2026-W46"] == ["tom-muster"] and newcomers()["2026-W45"] == []
    made, plain = [], roundups_module.roundup_of_week
    monkeypatch.setattr(roundups_module, "roundup_of_week", lambda window, *rest: made.append(window.slug) or plain(window, *rest))
    source = Path(preview.content) / "articles/d.md"
    source.write_text(post("Toms erster", "2026-11-04 10:00", author="tom-muster"), encoding="utf-8")
    all_shown(preview.builder.show_text_edit(preview.current, [str(source)]))
    shown = newcomers()
    assert sorted(made) == ["2026-W45", "2026-W46"] and len(roundups()) == 5
    preview._full_build()
    assert shown == newcomers() and shown["2026-W45"] == ["tom-muster"] and shown["2026-W46"] == []


@pytest.mark.parametrize("date", ["2025-11-19 10:00", "2027-01-05 10:00"])  # another year: another address
def test_a_date_that_changes_the_address_or_lies_ahead_takes_the_full_build(preview, date):
    source = Path(preview.content) / "articles/danke.md"
    source.write_text(post("Danke an alle", date, author="tom-muster", co_authors=["aylin-oezdemir"],
                           tags=["sprache"], thanks=["jana-beispiel"]), encoding="utf-8")
    assert preview.builder.show_text_edit(preview.current, [str(source)]) is None


@pytest.mark.parametrize("added, edited", [
    # a draft is listed by no topic: its new topic gets no page (a shortcut would write one)
    ({"articles/entwurf.md": post("Entwurf", "2026-11-17 09:00", status="draft", tags=["netzwerken"])},
     {"articles/entwurf.md": post("Entwurf", "2026-11-17 09:00", status="draft", tags=["netzwerken", "ganz-neu"])}),
    # another year (another address) in a roundup week that exists in both years
    ({"articles/2025/alt.md": post("Alt", "2025-11-19 10:00", tags=["sprache"])},
     {"articles/danke.md": post("Danke an alle", "2025-11-20 10:00", author="tom-muster",
                                co_authors=["aylin-oezdemir"], tags=["sprache"], thanks=["jana-beispiel"])}),
])
def test_listing_edits_the_last_model_cannot_show_take_the_full_build(preview, tmp_path, added, edited):
    edit(preview, added)
    (relative, text), = edited.items()
    source = Path(preview.content) / relative
    source.write_text(text, encoding="utf-8")
    assert preview.builder.show_text_edit(preview.current, [str(source)]) is None
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_model_a_shortcut_changed_halfway_is_no_start_for_another(preview):
    """Its authors changed, then the topic edit needed the full build: until that build is done,
    no edit (a profile, a series description, a text) is shown from the half-changed model."""
    source = Path(preview.content) / "articles/danke.md"  # the only post in "sprache"
    source.write_text(post("Danke an alle", "2026-11-19 10:00", author="tom-muster", tags=["netzwerken"],
                           thanks=["jana-beispiel"]), encoding="utf-8")
    assert preview.builder.show_text_edit(preview.current, [str(source)]) is None
    assert preview.current.changed_halfway
    profile = Path(preview.content) / "authors/aylin-oezdemir.yml"
    profile.write_text(AUTHOR_YAML.format(name="Aylin Neumann"), encoding="utf-8")
    assert preview.builder.show_profile_edit(preview.current, str(profile)) is None
    series = Path(preview.content) / "series/mittwochstipp.yml"
    series.write_text(SERIES.replace("Jeden Mittwoch ein Tipp.", "Immer mittwochs ein Tipp."), encoding="utf-8")
    assert preview.builder.show_series_edit(preview.current, str(series)) is None


def test_a_listing_written_again_keeps_its_changed_values_for_the_next_time(preview):
    writer = preview.current.writer
    name = "thema/netzwerken/index.html"
    articles = writer.requests[name][-1]["articles"]
    assert len(articles) == 2
    writer.write_again(name, dates=articles[1:])
    writer.write_again(name)  # e.g. a date edit after a topic edit, from the same model
    assert writer.requests[name][-1]["dates"] == articles[1:]
    (_, _, _, _, kwargs), = writer.calls[name]
    assert kwargs["dates_page"].object_list == articles[1:]


def test_an_edit_shown_from_the_last_model_and_undone_before_its_full_build_leaves_nothing_behind(preview, tmp_path):
    """The shortcut wrote a new topic's page; the next save stopped the full build and took the topic
    back: its page goes, and the post shows its old topics again."""
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    original = source.read_text(encoding="utf-8")
    source.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                           tags=["netzwerken", "ganz-neu"]), encoding="utf-8")
    preview._show_rest(preview.builder.show_text_edit(preview.current, [str(source)]), time.perf_counter())
    assert (Path(preview.output) / "thema/ganz-neu/index.html").exists()  # shown; the next save comes before the full build
    source.write_text(original, encoding="utf-8")
    preview._handle({str(source)})
    assert_same_as_cold_build(preview, tmp_path)


def test_a_front_matter_edit_besides_the_title_takes_the_full_build(preview):
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    source.write_text(post("Anderer Titel", "2026-11-11 09:00", author="aylin-oezdemir",
                           tags=["netzwerken"], series="mittwochstipp"), encoding="utf-8")
    assert preview.builder.show_text_edit(preview.current, [str(source)]) is None


def test_the_readers_results_are_kept_with_their_slugs_and_an_empty_slug_is_warned_about_as_in_a_cold_build(
        preview, tmp_path):
    edit(preview, {"articles/2026/vorwoche.md": post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                                                     tags=["netzwerken", "!!"])})
    _stamp, kept = preview.builder.caches["ArticlesGenerator"][str(Path(preview.content) / "articles/2026/vorwoche.md")]

    class Unpickler(pickle.Unpickler):
        def persistent_load(self, key):  # the settings, pickled by reference
            return {}

    tags = Unpickler(io.BytesIO(kept)).load()[1]["tags"]
    assert [tag._slug for tag in tags] == ["netzwerken", None]  # made before pickling; the empty one on use
    assert not preview.shown.result.crashed  # Pelican skips the page of a topic without a slug, the preview too
    edit(preview, {"articles/danke.md": post("Danke an alle", "2026-11-19 10:00", author="tom-muster",
                                             co_authors=["aylin-oezdemir"], tags=["sprache"], thanks=["jana-beispiel"],
                                             body="Noch ein Absatz.")})
    assert_same_as_cold_build(preview, tmp_path)  # the warning about "!!" as often as a cold build gives it


DANKE = dict(author="tom-muster", co_authors=["aylin-oezdemir"], tags=["sprache"], thanks=["jana-beispiel"])


@pytest.mark.parametrize("extra, overrides, edited", [
    # into a topic or a category whose name gives no slug: Pelican writes no page for it
    ({"articles/danke.md": post("Danke an alle", "2026-11-19 10:00", category="!!", **DANKE)}, {},
     {"category": "!!"}),
    ({"articles/danke.md": post("Danke an alle", "2026-11-19 10:00", **{**DANKE, "tags": ["sprache", "!!"]})}, {},
     {"tags": ["netzwerken", "!!"]}),
    ({}, {}, {"category": "!!"}),  # a new one: its page would be the categories index
    # another spelling of a category the site has: the full build reports the collision
    ({"articles/danke.md": post("Danke an alle", "2026-11-19 10:00", category="Neue Rubrik", **DANKE)}, {},
     {"category": "neue rubrik"}),
    ({}, {}, {"tags": ["Netzwerken"]}),
    # a page that takes the address of the category page the post leaves
    ({}, {"EXTRA_PATH_METADATA": {"pages/ueber-uns.md": {"save_as": "kategorie/arbeitskultur/index.html",
                                                          "url": "kategorie/arbeitskultur/"}}},
     {"category": "Neue Rubrik"}),
], ids=["into-slugless-category", "into-slugless-topic", "new-slugless-category", "category-spelling",
        "topic-spelling", "overridden-category-page"])
def test_listing_edits_a_cold_build_treats_apart_are_left_to_the_full_build(tmp_path, monkeypatch, caplog, extra,
                                                                            overrides, edited):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "content", {**SITE, **extra})
    preview = PreviewSession(site_settings(tmp_path, overrides={**PAGINATION, **overrides}), root=tmp_path)
    preview.start()
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    source.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                           **{"tags": ["netzwerken"], **edited}), encoding="utf-8")
    assert preview.builder.show_text_edit(preview.current, [str(source)]) is None
    preview._handle({str(source)})
    assert not [record for record in caplog.records if record.levelname == "ERROR" and record.exc_info]
    cold = tmp_path / "cold"
    result = build(site_settings(tmp_path, overrides={**PAGINATION, **overrides, "OUTPUT_PATH": str(cold),
                                                      "CACHE_PATH": str(tmp_path / "c2")}))
    assert output_files(Path(preview.output)) == output_files(cold)
    assert [p.format() for p in preview.problems()] == [p.format() for p in (*result.errors, *result.warnings)]


def test_a_shortcut_that_fails_halfway_leaves_no_model_for_the_next_one(preview, monkeypatch):
    source = Path(preview.content) / "articles/2026/vorwoche.md"

    def fails(*_args):
        raise RuntimeError("a bug in a shortcut")

    monkeypatch.setattr("tools.preview.model_edits.change_category", fails)
    last = preview.current
    edit(preview, {"articles/2026/vorwoche.md": post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                                                     tags=["netzwerken"], category="Neue Rubrik")})
    assert not last.editable and preview.current is not last  # the full build made a new model
    assert "Neue Rubrik" in (Path(preview.output) / "2026/vorwoche/index.html").read_text(encoding="utf-8")


def test_only_files_whose_bytes_changed_are_rewritten(preview):
    def stamps():
        return {p: p.stat().st_mtime_ns for p in Path(preview.output).rglob("*") if p.is_file()}

    before = stamps()
    edit(preview, {"articles/2026/vorwoche.md": post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                                                     tags=["netzwerken"], body="Neu.")})
    after = stamps()
    rewritten = {str(p.relative_to(preview.output)) for p in after if after[p] != before.get(p)}
    # Pelican copies the theme's static files and writes sitemap.xml itself, every build
    pages = {name for name in rewritten if not name.startswith("theme") and name != "sitemap.xml"}
    assert pages == {os.path.join("2026", "vorwoche", "index.html")}


def test_a_page_asked_for_before_the_build_finished_is_rendered_from_the_new_model(preview, tmp_path):
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    source.write_text(post("Frisch umbenannt", "2026-11-11 09:00", author="aylin-oezdemir",
                           tags=["netzwerken"]), encoding="utf-8")
    build = preview.builder.build(priority=())  # nothing open in a browser: every page is queued
    preview.current = build
    archive = Path(preview.output) / "archiv/index.html"
    assert b"Frisch umbenannt" not in archive.read_bytes()
    preview.wait_for_page(os.path.join("archiv", "index.html"))  # what a request does first
    assert b"Frisch umbenannt" in archive.read_bytes()
    assert os.path.join("archiv", "index.html") not in build.writer.queued
    preview.builder.finish(build)
    assert_same_as_cold_build(preview, tmp_path)


def test_a_share_text_that_cannot_fit_is_a_problem_before_any_page_is_rendered(tmp_path, monkeypatch):
    # problems belong to the model: the banner must not lose them while the queued pages render
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "content", SITE)
    session = PreviewSession(site_settings(tmp_path, overrides={**PAGINATION, "SHARE_LIMITS": {"x": 40}}),
                             root=tmp_path)
    session.builder.clean_output()
    build = session.builder.build(priority=())
    first_phase = sorted(p.path for p in build.result.errors if p.message.startswith("share text:"))
    assert len(first_phase) == 4, build.result.summary()  # every published post, none rendered yet
    session.builder.finish(build)
    assert sorted(p.path for p in build.result.errors if p.message.startswith("share text:")) == first_phase


def take_over_build_thread(session: PreviewSession) -> None:
    """Stop the session's build thread, so this test takes the saves from the queue itself."""
    session.stop()
    session.build_thread.join(10)
    assert not session.build_thread.is_alive()
    session.stopping.clear()


def test_a_save_while_a_build_makes_its_model_stops_that_build(preview, tmp_path):
    """Saves 1.5 s apart at 5,000 posts: the newer save is built at once, not after the stale build."""
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    take_over_build_thread(preview)
    before = preview.current
    saved_again = []
    plain_checkpoint = preview.builder.checkpoint

    def checkpoint():  # the build reads its first source when the author saves again
        if not saved_again:
            saved_again.append(True)
            source.write_text(post("Zweiter Titel", "2026-11-11 09:00", author="aylin-oezdemir",
                                   tags=["netzwerken"]), encoding="utf-8")
            preview.submit({str(source)})
        plain_checkpoint()

    preview.builder.checkpoint = checkpoint
    source.write_text(post("Erster Titel", "2026-11-11 09:00", author="aylin-oezdemir", tags=["netzwerken"]),
                      encoding="utf-8")
    preview._handle({str(source)})
    assert saved_again
    assert preview.current is before  # the stopped build's half model is never used
    assert not preview.settled.is_set()
    page = Path(preview.output) / "2026/vorwoche/index.html"
    assert b"Erster Titel" not in page.read_bytes()

    batch = preview.changes.get_nowait()  # what the build thread does next
    preview.builder.superseded.clear()
    preview._handle(batch)
    assert preview.settled.is_set()
    assert b"Zweiter Titel" in page.read_bytes()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_save_while_the_plugins_make_the_model_stops_the_build_at_the_next_stage(preview):
    """At 5,000 posts the plugins' model stages take seconds after the last source is read."""
    from shared.model import on_stage

    reached = []

    def author_saves(context, generators=()):
        preview.builder.superseded.set()  # what submit() does

    def last_stage(context, generators=()):
        reached.append(True)

    on_stage("series", author_saves)  # held weakly: gone with this test
    on_stage("pages", last_stage)
    build = preview.builder.build()
    assert build.superseded and not reached
    preview.builder.superseded.clear()


def test_a_source_that_raises_while_read_is_not_taken_for_a_stopped_build(preview, tmp_path):
    """Pelican logs and skips a source whose reading raised an Exception; a stopped build is no such
    problem (Superseded is no Exception), and leaves no problem behind."""
    preview.builder.superseded.set()
    build = preview.builder.build()
    assert build.superseded and not build.result.errors and not build.result.other_errors
    preview.builder.superseded.clear()
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_series_description_edit_shows_on_every_page_that_read_the_series_before_the_full_build(preview, tmp_path):
    source = Path(preview.content) / "series/mittwochstipp.yml"
    source.write_text(SERIES.replace("Jeden Mittwoch ein Tipp.", "Immer mittwochs ein Tipp."), encoding="utf-8")
    changed = all_shown(preview.builder.show_series_edit(preview.current, str(source)))
    output = Path(preview.output)

    def pages_with(text):
        return {str(p.relative_to(output)) for p in output.rglob("*.html") if text in p.read_text(encoding="utf-8")}

    shortcut = pages_with("Immer mittwochs ein Tipp.")
    assert {"serien/mittwochstipp/index.html", "serien/index.html"} <= shortcut
    assert {str(Path(path).relative_to(output)) for path in changed} == shortcut
    assert not pages_with("Jeden Mittwoch ein Tipp.")
    preview._full_build()
    assert pages_with("Immer mittwochs ein Tipp.") == shortcut
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("edited", [
    SERIES.replace('title: "#Mittwochstipp"', 'title: "#Donnerstagstipp"'),  # its title: on every tip
    SERIES.replace("weekday: wednesday", "weekday: thursday"),
    SERIES.replace("owners: [jana-beispiel]", "owners: [jana-beispiel, tom-muster]"),
    SERIES.replace("weekday: wednesday", "weekday: mittwoch"),  # a problem: the full build names it
])
def test_a_series_edit_besides_its_description_takes_the_full_build(preview, edited):
    source = Path(preview.content) / "series/mittwochstipp.yml"
    source.write_text(edited, encoding="utf-8")
    assert preview.builder.show_series_edit(preview.current, str(source)) is None


def test_a_profile_edit_shows_on_every_page_that_read_the_person_before_the_full_build(preview, tmp_path):
    source = Path(preview.content) / "authors/aylin-oezdemir.yml"
    source.write_text(AUTHOR_YAML.format(name="Aylin Neumann").replace("Entwicklerin", "Redakteurin"), encoding="utf-8")
    writer = preview.builder.show_profile_edit(preview.current, str(source))
    output = Path(preview.output)
    assert {str(Path(path).relative_to(output)) for path in writer.changed} == {"autoren/aylin-oezdemir/index.html"}
    changed = all_shown(writer)

    def pages_with(text):
        return {str(p.relative_to(output)) for p in output.rglob("*.html") if text in p.read_text(encoding="utf-8")}

    shortcut = pages_with("Aylin Neumann")
    assert {str(Path(path).relative_to(output)) for path in changed} == shortcut
    # her page, her post, the post she wrote with Tom (one post per listing page: the pages listing them)
    assert {"autoren/aylin-oezdemir/index.html", "2026/vorwoche/index.html", "2026/danke/index.html",
            "autoren/index.html"} <= shortcut
    assert "Redakteurin" in (output / "autoren/aylin-oezdemir/index.html").read_text(encoding="utf-8")
    assert ">Aylin Neumann</a>" in (output / "2026/danke/index.html").read_text(encoding="utf-8")  # the byline
    preview._full_build()
    # the full build also renews what is derived from her name: her social cards, the roundup's
    # welcome line, share texts
    assert shortcut <= pages_with("Aylin Neumann")
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("edited", [
    AUTHOR_YAML.format(name="Aylin Özdemir").replace("status: active", "status: alumni"),  # her page changes kind
    AUTHOR_YAML.format(name="Aylin Özdemir").replace("since: 2024-01-01", "since: gestern"),  # a problem
    AUTHOR_YAML.format(name="Aylin Özdemir") + "avatar: images/aylin.jpg\n",  # a photo: a file to publish
])
def test_a_profile_edit_that_decides_pages_or_files_takes_the_full_build(preview, edited):
    source = Path(preview.content) / "authors/aylin-oezdemir.yml"
    source.write_text(edited, encoding="utf-8")
    assert preview.builder.show_profile_edit(preview.current, str(source)) is None


def test_pages_of_an_edit_shown_from_the_last_model_are_rendered_open_and_asked_for_first(preview):
    """At 5,000 posts a name is on 1,200 pages: the open page is rendered at once, a page a browser
    asks for before the others, the rest afterwards."""
    source = Path(preview.content) / "authors/aylin-oezdemir.yml"
    source.write_text(AUTHOR_YAML.format(name="Aylin Neumann"), encoding="utf-8")
    output = Path(preview.output)
    writer = preview.builder.show_profile_edit(preview.current, str(source), priority=["2026/danke/index.html"])
    assert {str(Path(path).relative_to(output)) for path in writer.changed} == {
        "autoren/aylin-oezdemir/index.html", "2026/danke/index.html"}
    assert "2026/vorwoche/index.html" in writer.queued
    assert "Aylin Neumann" not in (output / "2026/vorwoche/index.html").read_text(encoding="utf-8")
    preview.shortcut = writer  # as PreviewSession._show_rest sets it while the rest renders
    preview.wait_for_page("2026/vorwoche/index.html")
    assert "2026/vorwoche/index.html" not in writer.queued
    assert "Aylin Neumann" in (output / "2026/vorwoche/index.html").read_text(encoding="utf-8")
    preview.shortcut = None


def test_a_save_the_file_clock_cannot_tell_apart_still_counts(preview, tmp_path, monkeypatch):
    """Sources are hashed once while their stat stays; a second save within one tick of the file
    clock, of the same size, has the same stat (here: every stat is the same), and the watcher's
    report of it is what makes the preview hash it again."""
    from tools.incremental import stamps

    monkeypatch.setattr(stamps, "stat_signature", lambda status: "always the same")
    preview._full_build()  # every source's stamp remembered under that signature
    edit(preview, {"articles/danke.md": post("Danke an alle", "2026-11-19 10:00", author="tom-muster",
                                             co_authors=["aylin-oezdemir"], tags=["sprache"], thanks=["jana-beispiel"],
                                             body="Ein Absatz!")})  # the same size as before
    assert "Ein Absatz!" in (Path(preview.output) / "2026/danke/index.html").read_text(encoding="utf-8")
    assert_same_as_cold_build(preview, tmp_path)


def test_a_save_between_reading_a_source_and_stamping_it_is_not_lost(preview, tmp_path):
    """Pelican stamps a source after reading it: a save in between pairs the new stamp with the old
    text in the readers' cache. The watcher's report of that save makes the preview read it again."""
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    cache = preview.builder.caches["ArticlesGenerator"]
    _stamp, old_text = cache[str(source)]
    source.write_text(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir", tags=["netzwerken"],
                           body="Gerade gespeichert."), encoding="utf-8")
    cache[str(source)] = (hashlib.sha1(source.read_bytes()).digest(), old_text)  # the race, as it ends
    preview._handle({str(source)})
    assert "Gerade gespeichert." in (Path(preview.output) / "2026/vorwoche/index.html").read_text(encoding="utf-8")
    assert_same_as_cold_build(preview, tmp_path)


def test_a_shortcut_that_fails_leaves_the_edit_to_the_full_build(preview, tmp_path, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("a bug in a shortcut")

    monkeypatch.setattr(preview.builder, "show_text_edit", broken)
    edit(preview, {"articles/2026/vorwoche.md": post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                                                     tags=["netzwerken"], body="Neu geschrieben.")})
    assert "showing the edit from the last model failed" in caplog.text
    assert b"Neu geschrieben." in (Path(preview.output) / "2026/vorwoche/index.html").read_bytes()
    assert_same_as_cold_build(preview, tmp_path)


def test_an_edit_saved_through_a_temporary_file_and_a_rename_is_shown_first(preview, tmp_path):
    """vim, gedit and many IDEs write a temporary file and rename it over the post: the watcher
    reports both names, and the temporary one is gone when the edit is handled."""
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    temporary = source.with_name(".vorwoche.md.tmp4913")
    temporary.write_text(textwrap.dedent(post("Aus der Vorwoche", "2026-11-11 09:00", author="aylin-oezdemir",
                                              tags=["netzwerken"], body="Atomar gespeichert.")), encoding="utf-8")
    os.replace(temporary, source)
    page = Path(preview.output) / "2026/vorwoche/index.html"
    assert all_shown(preview._quick_edit({str(temporary), str(source)})) == {str(page)}  # from the last model
    assert b"Atomar gespeichert." in page.read_bytes()
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_save_just_after_a_build_made_its_model_stops_its_queue(preview, tmp_path):
    """The save came after the build's last source read but before it became current: submit()
    could not cancel its queue, the superseded flag does."""
    take_over_build_thread(preview)
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    source.write_text(post("Erster Titel", "2026-11-11 09:00", author="aylin-oezdemir", tags=["netzwerken"]),
                      encoding="utf-8")
    build = preview.builder.build(priority=())  # every page queued
    assert build.writer.queued
    preview.builder.superseded.set()  # what submit() does for the save that follows
    preview.builder.finish(build)
    assert build.writer.cancelled and not build.writer.queued and not build.writer.finished
    preview.builder.superseded.clear()
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_file_saved_while_its_build_ran_is_not_taken_for_what_the_build_read(preview, tmp_path):
    """The build read the old title; the author saved a new one before the build was done. The
    next edit must not be shown from that model as if it had read the new title."""
    take_over_build_thread(preview)
    source = Path(preview.content) / "articles/2026/vorwoche.md"
    text = source.read_text(encoding="utf-8")
    build = preview.builder.build(priority=())
    source.write_text(text.replace("Aus der Vorwoche", "Neu gespeichert"), encoding="utf-8")  # during the build
    preview.builder.remember_front_matter(build)
    preview.builder.finish(build)
    assert preview.builder.show_text_edit(build, [str(source)]) is None  # the full build shows it
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def _png(width: int, height: int, colour=(30, 120, 90)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_pictures_copies_it_no_longer_has_leave_the_preview_with_it(preview, tmp_path):
    """A picture replaced by a smaller one has fewer smaller copies; the avatar of a person who asked
    to be removed is not published, its WebP copy neither (both stayed in the preview's output, the
    old picture's copies and the photo of a removed person; found trying the preview as an author)."""
    content, output = Path(preview.content), Path(preview.output)
    picture, avatar = content / "images/2026/luxmeter.png", content / "images/authors/aylin.png"
    for path, data in ((picture, _png(1600, 900)), (avatar, _png(200, 200, (200, 30, 30)))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    profile = content / "authors/aylin-oezdemir.yml"
    profile.write_text(AUTHOR_YAML.format(name="Aylin Özdemir") + "avatar: images/authors/aylin.png\n",
                       encoding="utf-8")
    preview._handle({str(picture), str(avatar), str(profile)})
    assert (output / "images/2026/luxmeter-1200w.png").exists() and (output / "images/authors/aylin.png.webp").exists()
    picture.write_bytes(_png(500, 300))
    profile.write_text(AUTHOR_YAML.format(name="Aylin Özdemir").replace("status: active", "status: removed")
                       + "avatar: images/authors/aylin.png\n", encoding="utf-8")
    preview._handle({str(picture), str(profile)})
    assert not (output / "images/2026/luxmeter-1200w.png").exists()
    assert not list((output / "images/authors").glob("aylin*"))
    assert_same_as_cold_build(preview, tmp_path, problems=False)  # the 'removed' profile's warning is the same


READ_NEXT = re.compile(r'<section class="read-next".*?</section>\n?', re.DOTALL)


def new_post_shown(session: PreviewSession, *paths: Path) -> tuple[Path, bytes]:
    """A new post's save handled as the watcher hands it over: its page from the shortcut alone
    (before the full build), and that page's bytes."""
    shown = session._quick_edit({str(path) for path in paths})
    changed = all_shown(shown)
    assert len(changed) == 1, changed
    page = Path(next(iter(changed)))
    return page, page.read_bytes()


def test_a_new_post_shows_its_page_before_the_full_build_as_the_full_build_writes_it(preview, tmp_path):
    source = Path(preview.content) / "articles/2026/ganz-neu.md"
    # a Sunday: after the cutoff of the last roundup, so a build of this post alone has no roundup
    source.write_text(post("Ganz neu", "2026-11-22 11:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                           tags=["sprache"], thanks=["jana-beispiel"], body="Ein **neuer** Beitrag."),
                      encoding="utf-8")
    page, shortcut = new_post_shown(preview, source)
    assert page == Path(preview.output) / "2026/ganz-neu/index.html"
    text = shortcut.decode()
    for shown in ("Ganz neu", "<strong>neuer</strong>", "Tom Muster", "Aylin Özdemir", "Jana Beispiel", ">sprache<",
                  ">Wochenrückblick<"):  # the menu's link to the site's roundups, which this post alone has not
        assert shown in text, shown
    assert "read-next" not in text  # chosen among all posts: the full build's
    preview._full_build()
    full = page.read_text(encoding="utf-8")
    assert "Danke an alle" in READ_NEXT.search(full)[0]  # the other post about sprache
    assert READ_NEXT.sub("", full) == text  # all else as the shortcut showed it
    assert_same_as_cold_build(preview, tmp_path)


def test_a_new_tip_shows_its_number_in_the_series_and_a_new_draft_exactly_its_page(preview, tmp_path):
    tip = Path(preview.content) / "articles/2026/zweiter-tipp.md"
    tip.write_text(post("Der zweite Tipp", "2026-11-18 10:00", series="mittwochstipp"), encoding="utf-8")
    page, shortcut = new_post_shown(preview, tip)
    assert "Tipp 2 · #Mittwochstipp" in shortcut.decode()  # after the tip the site had: counted with it
    assert "read-next" not in shortcut.decode()  # not chosen among the tips alone
    preview._full_build()
    assert READ_NEXT.sub("", page.read_text(encoding="utf-8")) == shortcut.decode()
    draft = Path(preview.content) / "articles/2026/entwurf.md"
    draft.write_text(post("Noch ein Entwurf", "2026-11-20 12:00", status="draft", series="mittwochstipp"),
                     encoding="utf-8")
    page, shortcut = new_post_shown(preview, draft)
    assert "Noch ein Entwurf" in shortcut.decode()
    preview._full_build()
    assert page.read_bytes() == shortcut
    assert_same_as_cold_build(preview, tmp_path)


def test_a_renamed_post_shows_its_page_at_the_new_address_before_the_full_build(preview, tmp_path):
    old = Path(preview.content) / "articles/2026/vorwoche.md"
    new = old.with_name("umbenannt.md")
    old.rename(new)
    shortcut_page, _ = new_post_shown(preview, old, new)
    assert shortcut_page == Path(preview.output) / "2026/umbenannt/index.html"
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("relative, text", [
    ("articles/2026/kaputt.md", "---\ntitle: [kaputt\n---\nText.\n"),  # a problem: the full build names it
    ("articles/2026/ohne-autorin.md", post("Von niemandem", "2026-11-20 11:00", author="niemand")),
    ("pages/neue-seite.md", "---\ntitle: Neue Seite\n---\nText.\n"),  # a page, not a post
])
def test_a_new_file_that_is_no_post_or_has_a_problem_waits_for_the_full_build(preview, tmp_path, relative, text):
    source = Path(preview.content) / relative
    source.write_text(text, encoding="utf-8")
    before = output_files(Path(preview.output))
    assert preview._quick_edit({str(source)}) is None
    assert output_files(Path(preview.output)) == before  # nothing written by the attempt
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("label, edited", [
    ("its thanks", post("Danke an alle", "2026-11-19 10:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                        tags=["sprache"])),
    ("its status", post("Danke an alle", "2026-11-19 10:00", author="tom-muster", co_authors=["aylin-oezdemir"],
                        tags=["sprache"], thanks=["jana-beispiel"], status="draft")),
])
def test_an_edit_the_last_model_cannot_take_shows_the_posts_page_before_the_full_build(preview, tmp_path, label,
                                                                                         edited):
    source = Path(preview.content) / "articles/danke.md"
    source.write_text(edited, encoding="utf-8")
    assert preview.builder.show_text_edit(preview.current, [str(source)]) is None  # no shortcut of the model's
    page, shortcut = new_post_shown(preview, source)
    assert ('class="thanks"' in shortcut.decode()) == (label != "its thanks")
    preview._full_build()
    assert page.read_bytes() == shortcut  # Weiterlesen too: the last model's choice for it
    assert_same_as_cold_build(preview, tmp_path)


def test_a_deleted_post_leaves_every_page_that_showed_it_before_the_full_build(preview, tmp_path):
    content, output = Path(preview.content), Path(preview.output)
    source = content / "articles/2026/noch-einer.md"
    source.write_text(post("Noch einer", "2026-11-19 12:00", tags=["netzwerken"]), encoding="utf-8")
    preview._handle({str(source)})

    def pages_with(text):
        return {str(p.relative_to(output)) for p in output.rglob("*.html") if text in p.read_text(encoding="utf-8")}

    showing = pages_with("Noch einer")
    assert {"index.html", "archiv/index.html", "thema/netzwerken/index.html", "autoren/jana-beispiel/index.html",
            "2026/noch-einer/index.html"} <= showing and any(name.startswith("wochenrueckblick/") for name in showing)
    source.unlink()
    shown = preview._quick_edit({str(source)})
    changed = {str(Path(path).relative_to(output)) for path in all_shown(shown)}
    assert not pages_with("Noch einer")
    assert showing <= changed  # each page that showed it: rendered again, or (its own) removed
    assert not (output / "2026/noch-einer/index.html").exists()
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("deleted", [
    "articles/2026/vorwoche.md",  # the only post of its roundup week: that page goes
    "articles/danke.md",  # the only post about 'sprache': the topic page goes
    "articles/der-tipp.md",  # a tip: the others are numbered again
])
def test_a_deletion_that_removes_a_page_or_renumbers_a_series_takes_the_full_build(preview, tmp_path, deleted):
    source = Path(preview.content) / deleted
    source.unlink()
    before = output_files(Path(preview.output))
    assert preview._quick_edit({str(source)}) is None
    assert output_files(Path(preview.output)) == before
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_new_post_with_a_taken_address_does_not_overwrite_the_other_posts_page(preview):
    page = Path(preview.output) / "2026/danke/index.html"
    before = page.read_bytes()
    source = Path(preview.content) / "articles/zz/danke.md"  # slug 'danke' again; sorts after articles/danke.md
    source.parent.mkdir()
    source.write_text(post("Kopie", "2026-11-20 11:00", author="tom-muster"), encoding="utf-8")
    shown = preview._quick_edit({str(source)})
    changed = all_shown(shown) if shown else set()
    assert str(page) not in changed and page.read_bytes() == before  # not "Kopie" on another post's page


def test_a_link_to_another_post_works_on_the_shortcut_page(preview):
    source = Path(preview.content) / "articles/2026/verweis.md"
    source.write_text(post("Verweis", "2026-11-20 11:00", author="tom-muster",
                           body="Siehe [den Dank]({filename}/articles/danke.md)."), encoding="utf-8")
    all_shown(preview._quick_edit({str(source)}))
    page = Path(preview.output) / "2026/verweis/index.html"
    assert 'href="../../2026/danke/"' in page.read_text(encoding="utf-8")


def test_the_warning_of_a_new_tip_reaches_the_banner(preview):
    tip = Path(preview.content) / "articles/2026/review-donnerstag.md"  # a name no other test logs
    tip.write_text(post("Am Donnerstag", "2026-11-19 10:00", series="mittwochstipp"), encoding="utf-8")
    preview._handle({str(tip)})  # shortcut, then full build
    assert any("appears on a Thursday" in p.format() for p in preview.problems())


def test_a_post_in_a_folder_ignore_files_skips_is_not_written(preview):
    source = Path(preview.content) / "articles/alt~/vergessen.md"  # IGNORE_FILES "*~" skips the folder
    source.parent.mkdir()
    source.write_text(post("Vergessen", "2026-11-20 11:00", author="tom-muster"), encoding="utf-8")
    before = output_files(Path(preview.output))
    assert preview._quick_edit({str(source)}) is None
    assert output_files(Path(preview.output)) == before


def test_a_new_file_that_is_not_utf8_takes_the_full_build_quietly(preview, caplog):
    source = Path(preview.content) / "articles/2026/latin.md"
    source.write_bytes(post("Grüße", "2026-11-20 11:00", author="tom-muster").encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        preview._handle({str(source)})
    assert "showing the edit from the last model failed" not in caplog.text


def test_a_broken_save_is_reported_by_the_build_only(preview, caplog):
    source = Path(preview.content) / "articles/der-tipp.md"
    source.write_text("---\ntitle: [kaputt\n---\nText.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert preview._quick_edit({str(source)}) is None
    assert not [r for r in caplog.records if r.name == "blog.content"]


def test_the_newest_tip_announces_the_next_one_on_the_shortcut_page(preview):
    content = Path(preview.content)
    later = content / "articles/2026/spaeter.md"
    later.write_text(post("Später", "2026-12-02 08:00", series="mittwochstipp"), encoding="utf-8")
    preview._handle({str(later)})
    tip = content / "articles/2026/zweiter.md"
    tip.write_text(post("Zweiter", "2026-11-18 12:00", series="mittwochstipp"), encoding="utf-8")
    all_shown(preview._quick_edit({str(tip)}))
    assert "series-next" in (Path(preview.output) / "2026/zweiter/index.html").read_text(encoding="utf-8")


def test_a_series_title_shows_on_its_page_and_an_open_tip_before_the_full_build(preview, tmp_path):
    source = Path(preview.content) / "series/mittwochstipp.yml"
    source.write_text(SERIES.replace('title: "#Mittwochstipp"', 'title: "#Donnerstagstipp"'), encoding="utf-8")
    assert preview.builder.show_series_edit(preview.current, str(source)) is None  # no shortcut of the model's
    shown = preview.builder.show_structure_alone(preview.current, str(source), ["2026/der-tipp/index.html"])
    output = Path(preview.output)
    changed = {str(Path(path).relative_to(output)) for path in all_shown(shown)}
    assert changed == {"serien/mittwochstipp/index.html", "2026/der-tipp/index.html"}
    shortcut = {name: (output / name).read_bytes() for name in changed}
    assert all("#Donnerstagstipp" in text.decode() for text in shortcut.values())
    preview._full_build()
    assert {name: (output / name).read_bytes() for name in changed} == shortcut  # as the full build writes them
    assert_same_as_cold_build(preview, tmp_path)


def test_a_persons_new_photo_shows_on_her_page_before_the_full_build(preview, tmp_path):
    content, output = Path(preview.content), Path(preview.output)
    photo = content / "images/authors/aylin.png"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(_png(400, 400, (200, 30, 30)))
    preview._handle({str(photo)})  # a picture published first, then named in her profile
    profile = content / "authors/aylin-oezdemir.yml"
    profile.write_text(AUTHOR_YAML.format(name="Aylin Özdemir") + "avatar: images/authors/aylin.png\n",
                       encoding="utf-8")
    assert preview.builder.show_profile_edit(preview.current, str(profile)) is None  # her photo decides files
    shown = preview._quick_edit({str(profile)})
    changed = {str(Path(path).relative_to(output)) for path in all_shown(shown)}
    assert "autoren/aylin-oezdemir/index.html" in changed
    page = output / "autoren/aylin-oezdemir/index.html"
    shortcut = page.read_bytes()
    assert b"images/authors/aylin" in shortcut
    preview._full_build()
    assert page.read_bytes() == shortcut
    assert_same_as_cold_build(preview, tmp_path)


@pytest.mark.parametrize("label, text, linking", [
    ("has an old address", post("Mit Alias", "2026-11-19 12:00", tags=["netzwerken"], aliases=["/2019/alt/"]), None),
    ("is linked from another post", post("Erster Weg", "2026-11-19 12:00", tags=["netzwerken"]),
     post("Ganz neu", "2026-11-20 11:00", tags=["netzwerken"], body="Siehe [den Weg]({filename}gone.md).")),
])
def test_a_deleted_post_that_other_pages_name_otherwise_takes_the_full_build(preview, tmp_path, label, text, linking):
    """Pages that name it in ways the lists of posts do not: its old addresses' redirect pages, a post
    linking it (a cold build drops that one: its link is broken)."""
    content = Path(preview.content)
    source = content / "articles/2026/gone.md"
    source.write_text(text, encoding="utf-8")
    if linking:
        (content / "articles/2026/linking.md").write_text(linking, encoding="utf-8")
    preview._handle({str(source)} | ({str(content / "articles/2026/linking.md")} if linking else set()))
    source.unlink()
    before = output_files(Path(preview.output))
    assert preview._quick_edit({str(source)}) is None, label
    assert output_files(Path(preview.output)) == before


def test_a_post_whose_linked_post_was_deleted_is_read_again_and_dropped_as_in_a_cold_build(preview, tmp_path):
    """Its reading reports the missing file: a reading kept from before the deletion hid that (the
    preview kept publishing the post a cold build drops; found by a colleague's review)."""
    content = Path(preview.content)
    linked, linking = content / "articles/2026/a.md", content / "articles/2026/neu.md"
    linked.write_text(post("Erster Weg", "2026-11-19 12:00", tags=["netzwerken"]), encoding="utf-8")
    linking.write_text(post("Ganz neu", "2026-11-20 11:00", tags=["netzwerken"],
                            body="Siehe [den Weg]({filename}/articles/2026/a.md)."), encoding="utf-8")
    preview._handle({str(linked), str(linking)})
    assert (Path(preview.output) / "2026/neu/index.html").is_file()
    linked.unlink()
    preview._handle({str(linked)})
    assert not (Path(preview.output) / "2026/neu/index.html").exists()
    assert any("link to a missing file" in p.format() for p in preview.problems())
    assert_same_as_cold_build(preview, tmp_path)


def test_a_deleted_post_leaves_the_page_of_the_person_it_thanked_before_the_full_build(preview, tmp_path):
    page = Path(preview.output) / "autoren/aylin-oezdemir/index.html"
    source = Path(preview.content) / "articles/2026/dank.md"
    source.write_text(post("Mit Dank", "2026-11-19 12:00", tags=["netzwerken"], thanks=["aylin-oezdemir"]),
                      encoding="utf-8")
    preview._handle({str(source)})
    assert "Mit Dank" in page.read_text(encoding="utf-8")
    source.unlink()
    all_shown(preview._quick_edit({str(source)}))
    assert "Mit Dank" not in page.read_text(encoding="utf-8")
    profile = Path(preview.content) / "authors/aylin-oezdemir.yml"  # a later shortcut from that model
    profile.write_text(AUTHOR_YAML.format(name="Aylin Neumann"), encoding="utf-8")
    all_shown(preview._quick_edit({str(profile)}))
    assert "2026/dank/" not in page.read_text(encoding="utf-8")
    preview._full_build()
    assert_same_as_cold_build(preview, tmp_path)


def test_a_new_post_is_shown_first_also_where_editor_notes_name_weeks_it_is_not_in(preview, tmp_path):
    """A build of one post alone has no posts in the other weeks: their roundup notes look like
    mistakes there ("no posts in that week"), not in the site (found trying the sample's preview)."""
    content = Path(preview.content)
    (content / "roundups").mkdir(exist_ok=True)
    (content / "roundups/2026-W46.md").write_text('---\ntitle: "KW 46: Vorwoche"\n---\nEine Notiz.\n',
                                                  encoding="utf-8")
    preview._handle({str(content / "roundups/2026-W46.md")})
    assert not preview.problems()
    source = content / "articles/2026/ganz-neu.md"
    source.write_text(post("Ganz neu", "2026-11-20 11:00", author="tom-muster", tags=["sprache"]), encoding="utf-8")
    page, shortcut = new_post_shown(preview, source)
    assert "Ganz neu" in shortcut.decode()
    preview._full_build()
    assert not preview.problems()
    assert_same_as_cold_build(preview, tmp_path)
