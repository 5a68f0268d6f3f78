"""End-to-end: build small sites with the real settings and check what a reader would get."""

import filecmp
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers.site import (DEFAULT_BUILD_TIME, MINIMAL_SITE, ROOT, SAMPLE_PELICANCONF, SAMPLE_PUBLISHCONF,
                          SAMPLE_SETTINGS, needs_sample_content, run_tool, write_files)

CONF = ("--settings", str(SAMPLE_PELICANCONF))
PUBLISH = ("--settings", str(SAMPLE_PUBLISHCONF))

ARTICLE = """\
---
title: "{title}"
date: {date}
author: jana-beispiel
status: {status}
---
Text von {title}.
"""


def test_normal_build_writes_article_index_and_german_date(build_site):
    site = build_site()
    assert site.result.errors == [] and site.result.exit_code(strict=True) == 0
    page = site.html("2026/erster-beitrag/")
    assert page.findtext(".//h1") == "Erster Beitrag"
    assert page.find(".//time").text_content() == "18. November 2026"
    assert page.find(".//time").get("datetime") == "2026-11-18T09:30:00+01:00"
    assert page.getroottree().getroot().get("lang") == "de"
    index = site.html("")
    assert [a.text_content() for a in index.findall(".//h2/a")] == ["Erster Beitrag"]
    for path in ("404.html", "robots.txt", "sitemap.xml", "archiv/index.html", "thema/netzwerken/index.html",
                 "kategorie/arbeitskultur/index.html", "impressum/index.html"):
        assert site.path(path).is_file(), path


def test_english_ui_is_a_setting(build_site):
    site = build_site(overrides={"DEFAULT_LANG": "en"})
    page = site.html("2026/erster-beitrag/")
    assert page.find(".//time").text_content() == "November 18, 2026"
    assert page.find(".//a[@class='skip-link']").text_content() == "Skip to content"


def test_draft_is_written_to_the_drafts_area_but_never_listed(build_site):
    site = build_site({"articles/entwurf.md": ARTICLE.format(title="Geheimer Entwurf", date="2026-11-10", status="draft")})
    assert site.path("entwuerfe/entwurf/index.html").is_file()
    assert site.html("entwuerfe/entwurf/").find(".//meta[@name='robots']").get("content").startswith("noindex")
    for listing in ("index.html", "archiv/index.html", "sitemap.xml"):
        assert "Geheimer Entwurf" not in site.text(listing) and "entwurf/" not in site.text(listing)


def test_future_post_is_scheduled_not_published(build_site):
    site = build_site({"articles/bald.md": ARTICLE.format(title="Kommt bald", date="2026-11-25 07:30", status="published")})
    assert not site.path("2026/bald/index.html").exists()
    written = "".join(p.read_text(errors="ignore") for p in site.output.rglob("*") if p.is_file() and p.suffix in {".html", ".xml"})
    assert "Kommt bald" not in written


def test_future_post_appears_once_its_date_has_come(build_site):
    after = str(int(DEFAULT_BUILD_TIME) + 3 * 86400)  # Thursday 26 November
    site = build_site({"articles/bald.md": ARTICLE.format(title="Kommt bald", date="2026-11-25 07:30", status="published")},
                      build_time=after)
    assert site.path("2026/bald/index.html").is_file()


def test_duplicate_slug_is_an_error_naming_both_files(build_site):
    site = build_site({"articles/sub/erster-beitrag.md": ARTICLE.format(title="Doppelt", date="2026-11-12", status="published")})
    [problem] = site.result.errors
    assert problem.path.endswith("articles/sub/erster-beitrag.md")
    assert "duplicate slug 'erster-beitrag'" in problem.message and "articles/erster-beitrag.md" in problem.message
    assert "slug:" in problem.hint
    assert site.result.exit_code(strict=True) == 1


def test_problems_of_several_files_are_all_reported_sorted_by_file(build_site):
    site = build_site({
        "articles/b.md": "---\ntitle: B\ndate: nie\nauthor: jana-beispiel\n---\n",
        "articles/a.md": "---\ntitle: [kaputt\n---\n",
    })
    assert [Path(p.path).name for p in site.result.errors] == ["a.md", "b.md"]
    assert site.result.exit_code(strict=True) == 1
    assert site.result.exit_code(strict=False) == 0  # preview builds still succeed


def test_two_builds_are_byte_identical(build_site, tmp_path):
    first = build_site().output
    copy = tmp_path / "first"
    os.rename(first, copy)
    second = build_site().output
    comparison = filecmp.dircmp(copy, second)
    assert _all_same(comparison), "the two builds differ"


def _all_same(comparison) -> bool:
    if comparison.left_only or comparison.right_only or comparison.diff_files or comparison.funny_files:
        return False
    (match, mismatch, errors) = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(_all_same(sub) for sub in comparison.subdirs.values())


def test_german_dates_do_not_need_installed_locales(tmp_path):
    write_files(tmp_path / "content", MINIMAL_SITE)
    done = run_tool("tools.build", "--strict", *CONF, "--content", str(tmp_path / "content"),
                    "--output", str(tmp_path / "out"), env_extra={"LC_ALL": "C", "LANG": "C", "LANGUAGE": ""})
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out/2026/erster-beitrag/index.html").read_text(encoding="utf-8")
    assert "18. November 2026" in page


def test_strict_build_exits_non_zero_with_file_and_line(tmp_path):
    write_files(tmp_path / "content", {**MINIMAL_SITE, "articles/kaputt.md": "---\ntitle: Kaputt\ndate: 31.02.2026\nauthor: jana-beispiel\n---\n"})
    done = run_tool("tools.build", "--strict", *CONF, "--content", str(tmp_path / "content"),
                    "--output", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "kaputt.md:3: invalid date '31.02.2026' in 'date'" in done.stderr
    assert "Traceback" not in done.stderr


def test_failed_publish_leaves_previous_output_byte_for_byte(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, MINIMAL_SITE)
    first = run_tool("tools.publish", *PUBLISH, "--content", str(content), "--output", str(output))
    assert first.returncode == 0, first.stderr
    before = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert before

    write_files(content, {"articles/neu.md": "---\ntitle: Neu\ndate: 2026-11-19\nauthor: jana-beispiel\n---\nNeu\n",
                          "articles/kaputt.md": "---\ntitle: Kaputt\n---\n"})
    second = run_tool("tools.publish", *PUBLISH, "--content", str(content), "--output", str(output))
    assert second.returncode == 1
    assert "kaputt.md:2: missing 'date'" in second.stderr
    assert "left as it was" in second.stderr
    after = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []


def test_successful_publish_replaces_output(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, MINIMAL_SITE)
    output.mkdir()
    (output / "stale.html").write_text("alt")
    done = run_tool("tools.publish", *PUBLISH, "--content", str(content), "--output", str(output))
    assert done.returncode == 0, done.stderr
    assert not (output / "stale.html").exists()
    assert (output / "2026/erster-beitrag/index.html").is_file()


def test_new_post_writes_a_dated_scaffold_and_never_overwrites(tmp_path):
    write_files(tmp_path / "content", {"authors/jana-beispiel.yml": "name: Jana\n"})
    args = ("tools.new_post", "--title", "Über Netzwerke", "--author", "jana-beispiel", "--content", str(tmp_path / "content"))
    first = run_tool(*args)
    assert first.returncode == 0, first.stderr
    path = Path(first.stdout.strip())
    assert path.parent.parent.name == "articles" and path.name == "ueber-netzwerke.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Über Netzwerke"' in text and "author: jana-beispiel" in text and "status: draft" in text
    path.write_text(text + "Mein Text\n", encoding="utf-8")
    second = run_tool(*args)
    assert second.returncode == 1 and "exists already" in second.stderr
    assert path.read_text(encoding="utf-8").endswith("Mein Text\n")


def test_new_post_refuses_an_unknown_author(tmp_path):
    (tmp_path / "content/authors").mkdir(parents=True)
    done = run_tool("tools.new_post", "--title", "X", "--author", "nie-gehoert", "--content", str(tmp_path / "content"))
    assert done.returncode == 1 and "content/authors/nie-gehoert.yml" in done.stderr


@needs_sample_content
@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_sample_content_builds_cleanly(tmp_path, settings_file):
    done = run_tool("tools.build", "--strict", "--settings", str(SAMPLE_SETTINGS / settings_file), "--content",
                    str(ROOT / "content"), "--output", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out/index.html").is_file()


def test_index_is_paginated_with_directory_urls(build_site):
    more = {f"articles/beitrag-{n:02d}.md": ARTICLE.format(title=f"Beitrag {n}", date=f"2026-10-{n:02d} 10:00", status="published")
            for n in range(1, 13)}
    site = build_site(more)
    first, second = site.html(""), site.html("seite/2/")
    assert len(first.findall(".//article")) == 10
    assert first.find(".//a[@rel='next']").get("href").endswith("seite/2/")
    assert len(second.findall(".//article")) == 3
    assert second.find(".//a[@rel='prev']") is not None


def test_article_page_has_open_graph_and_twitter_card_with_absolute_image(build_site):
    png = (ROOT / "theme/static/favicon.png").read_bytes()
    site = build_site({
        "images/bild.png": png,
        "articles/mit-bild.md": "---\ntitle: Mit Bild\ndate: 2026-11-17 10:00\nauthor: jana-beispiel\n"
                                "summary: Kurz gesagt.\nimage: images/bild.png\nimage_alt: Ein blaues Quadrat\n---\nText\n",
    }, settings_file="publishconf.py", overrides={"SITEURL": "https://blog.example"})
    page = site.html("2026/mit-bild/")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.findall(".//meta")}
    assert meta["og:type"] == "article" and meta["og:title"] == "Mit Bild"
    assert meta["og:description"] == "Kurz gesagt."
    assert meta["og:url"] == "https://blog.example/2026/mit-bild/"
    # the post's picture, fitted to 1200×630 as its social card (plugins/socialcards)
    assert meta["og:image"].startswith("https://blog.example/karten/") and meta["og:image"].endswith(".png")
    assert meta["og:image:alt"] == "Ein blaues Quadrat"
    assert meta["twitter:card"] == "summary_large_image"
    assert site.path("images/bild.png").is_file()


def test_plain_pelican_command_builds_the_site_as_make_devserver_runs_it(tmp_path):
    """Plain `pelican` does not put plugins/ on sys.path: the settings file does (PLUGINS_DIR)."""
    write_files(tmp_path / "content", MINIMAL_SITE)
    done = run_tool("pelican", str(tmp_path / "content"), *CONF, "--output", str(tmp_path / "out"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ERROR" not in done.stdout + done.stderr
    assert (tmp_path / "out/index.html").is_file()


def test_new_post_refuses_a_title_without_letters(tmp_path):
    write_files(tmp_path / "content", {"authors/jana-beispiel.yml": "name: Jana\n"})
    done = run_tool("tools.new_post", "--title", "!!!", "--author", "jana-beispiel", "--content", str(tmp_path / "content"))
    assert done.returncode == 1 and "no letters or digits" in done.stderr
    assert list((tmp_path / "content").rglob("*.md")) == []


def test_new_post_suggests_the_handle_that_was_meant(tmp_path):
    write_files(tmp_path / "content", {"authors/jana-beispiel.yml": "name: Jana\n"})
    done = run_tool("tools.new_post", "--title", "X", "--author", "jana-beispeil", "--content", str(tmp_path / "content"))
    assert done.returncode == 1 and "did you mean 'jana-beispiel'?" in done.stderr


def test_missing_image_and_broken_static_link_fail_the_strict_build(build_site):
    site = build_site({"articles/kaputte-bilder.md": (
        "---\ntitle: Bilder\ndate: 2026-11-17 10:00\nauthor: jana-beispiel\n"
        "image: images/gibtsnicht.png\nimage_alt: Nichts\n---\nText\n\n![Fehlt]({static}/images/fehlt.png)\n")})
    found = {(p.line, p.message) for p in site.result.errors if p.path.endswith("kaputte-bilder.md")}
    assert (5, "image file not found: 'images/gibtsnicht.png'") in found
    assert (10, "link to a missing file: {static}/images/fehlt.png") in found
    assert site.result.exit_code(strict=True) == 1


def test_existing_static_link_is_fine(build_site):
    png = (ROOT / "theme/static/favicon.png").read_bytes()
    site = build_site({"images/da.png": png, "articles/bild.md": (
        "---\ntitle: Bild\ndate: 2026-11-17 10:00\nauthor: jana-beispiel\n---\n![Da]({static}/images/da.png)\n")})
    assert site.result.errors == []
    assert site.html("2026/bild/").find(".//main//img").get("src").endswith("images/da.png")


def test_publish_removes_the_leftovers_of_an_interrupted_run(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, MINIMAL_SITE)
    (tmp_path / ".output.new-abc123/2026").mkdir(parents=True)  # killed while building
    (tmp_path / ".output.old-def456").mkdir()  # killed after the swap, before the old tree was removed
    output.mkdir()
    done = run_tool("tools.publish", *PUBLISH, "--content", str(content), "--output", str(output))
    assert done.returncode == 0, done.stderr
    assert "removed .output.new-abc123, left by an interrupted earlier publish" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_publish_killed_between_the_two_renames_puts_the_previous_site_back(tmp_path):
    from tools.outputdir import remove_leftovers

    old = tmp_path / ".output.old-x1"
    old.mkdir()
    (old / "index.html").write_text("previous site")
    remove_leftovers(tmp_path / "output")
    assert (tmp_path / "output/index.html").read_text() == "previous site" and not old.exists()


def test_make_new_post_keeps_a_title_exactly_as_typed(tmp_path):
    """Quotes, $ and backticks in TITLE reach the front matter unchanged (make and the shell leave them)."""
    write_files(tmp_path / "content", {"authors/jana-beispiel.yml": "name: Jana\n"})
    title = """Tom & Jerry: "Hallo" $HOME `id -un` it's"""
    done = subprocess.run(["make", "-s", "-o", ".venv/.installed", "new-post", f"TITLE={title}",
                           "AUTHOR=jana-beispiel", f"CONTENT={tmp_path / 'content'}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = Path(done.stdout.strip().splitlines()[-1])
    front = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == title


def test_a_footer_page_without_a_published_page_is_an_error_at_the_setting(build_site):
    conf_line = next(number for number, line in enumerate(SAMPLE_PELICANCONF.read_text().splitlines(), 1)
                     if line.startswith("FOOTER_PAGES"))
    site = build_site({"pages/ueber-uns.md": None,
                       "pages/datenschutz.md": "---\ntitle: Datenschutz\nstatus: hidden\n---\nText.\n"})
    problems = {p.message: p for p in site.result.errors}
    missing = problems["FOOTER_PAGES names 'ueber-uns', but no published page has that slug"]
    assert (Path(missing.path).resolve(), missing.line) == (SAMPLE_PELICANCONF, conf_line)
    assert "known: impressum" in missing.hint
    hidden = problems["FOOTER_PAGES names 'datenschutz', but no published page has that slug"]
    assert "hidden" in hidden.hint and "status: published" in hidden.hint
    assert site.result.exit_code(strict=True) == 1
    footer = [a.text_content() for a in site.html("").xpath("//footer[@class='site-footer']//a")]
    assert "Impressum" in footer and "Datenschutz" not in footer


def test_a_misspelt_footer_page_gets_a_suggestion(build_site):
    site = build_site(overrides={"FOOTER_PAGES": ["impresum"]})
    [problem] = site.result.errors
    assert problem.message == "FOOTER_PAGES names 'impresum', but no published page has that slug"
    assert problem.hint.startswith("did you mean 'impressum'?")


def test_a_footer_page_left_out_for_its_own_problems_is_named_as_such(build_site):
    site = build_site({"pages/ueber-uns.md": "---\ntitle: Über uns\n---\nSiehe [Datenschutz]({filename}fehlt.md).\n"})
    footer = [p for p in site.result.errors if p.message.startswith("FOOTER_PAGES names 'ueber-uns'")]
    [hint] = [p.hint for p in footer]  # the path as the author sees it (here the test's temporary folder)
    assert hint.endswith("content/pages/ueber-uns.md is not built while it has the problems reported for it: fix those")
    assert any(p.path.endswith("pages/ueber-uns.md") for p in site.result.errors)  # the reason, reported too
