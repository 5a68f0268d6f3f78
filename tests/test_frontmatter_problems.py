"""End-to-end: every mistake of an article in one build, each reported once; body images need alt text."""

import pytest
from markdown import Markdown

from frontmatter.images import missing_alt_problems
from helpers.authors import png_bytes
from helpers.site import MINIMAL_SITE

# as Pelican sets it up from pelicanconf's MARKDOWN (extra includes attr_list)
MARKDOWN = {"extensions": ["markdown.extensions.extra"], "output_format": "html5"}


def front(*lines):
    return "\n".join(["---", 'title: "Viele Fehler"', "date: 2026-11-18 09:30", *lines, "---"])


def found_in(site, file_name):
    return sorted((p.line, p.message) for p in site.result.errors if p.path.endswith(file_name))


def test_every_mistake_of_one_article_is_reported_in_one_build(build_site):
    text = front("author: jana-beispeil", "series: mittwochstip", "status: publshed", "tags: {a: 1}") + """
Text.

![]({static}/images/bild.png)
"""
    site = build_site({"articles/viele-fehler.md": text, "images/bild.png": png_bytes()})
    assert found_in(site, "viele-fehler.md") == [
        (4, "unknown author 'jana-beispeil' in 'author'"),
        (5, "unknown series 'mittwochstip' in 'series'"),
        (6, "unknown status 'publshed'"),
        (7, "'tags' must be a list of text, found a mapping"),
        (11, "image without alt text: '{static}/images/bild.png'"),
    ]
    assert site.result.exit_code(strict=True) == 1
    assert not site.path("2026/viele-fehler").exists()  # the broken post is not published
    assert site.path("2026/erster-beitrag/index.html").exists()  # the others still are


@pytest.mark.parametrize("extra, expected", [
    pytest.param([], [(4, "unknown author 'jana-beispeil' in 'author'")], id="read file: authors plugin"),
    pytest.param(["status: publshed"], [(4, "unknown author 'jana-beispeil' in 'author'"),
                                        (5, "unknown status 'publshed'")], id="skipped file: reader"),
])
def test_an_unknown_author_is_reported_once_whether_or_not_the_file_is_skipped(build_site, extra, expected):
    site = build_site({"articles/viele-fehler.md": front("author: jana-beispeil", *extra) + "\nText.\n"})
    assert found_in(site, "viele-fehler.md") == expected


def test_an_unknown_series_is_reported_once_for_a_read_file(build_site):
    text = front("author: jana-beispiel", "series: mittwochstip") + "\nText.\n"
    site = build_site({"articles/viele-fehler.md": text})
    assert found_in(site, "viele-fehler.md") == [(5, "unknown series 'mittwochstip' in 'series'")]


# --- body images ---------------------------------------------------------------------------------

def alt_problems(body):
    html = Markdown(**MARKDOWN).convert(body)
    return [(p.line, p.message) for p in missing_alt_problems(html, body, 10, "content/articles/x.md")]


@pytest.mark.parametrize("body, expected", [
    pytest.param("Text\n\n![](a.png)", [(12, "image without alt text: 'a.png'")], id="empty alt"),
    pytest.param("![ ](a.png)", [(10, "image without alt text: 'a.png'")], id="blank alt"),
    pytest.param('<img src="a.png">', [(10, "image without alt text: 'a.png'")], id="html without alt"),
    pytest.param('<p>Ein <img src="a.png" alt=""> Bild</p>', [(10, "image without alt text: 'a.png'")],
                 id="html empty alt"),
    pytest.param("![x][r]\n\n![][r]\n\n[r]: a.png", [(12, "image without alt text: 'a.png'")], id="reference"),
    pytest.param("![](a.png)\n\n![Zwei](b.png)\n\n![](a.png)",
                 [(10, "image without alt text: 'a.png'"), (14, "image without alt text: 'a.png'")],
                 id="same file twice, each at its line"),
    pytest.param("![](a.png) und ![](b.png)\n\n![](c.png)",
                 [(10, "image without alt text: 'a.png'"), (10, "image without alt text: 'b.png'"),
                  (12, "image without alt text: 'c.png'")], id="two on one line"),
    pytest.param('![](a.png){: .decorative}\n\n<img src="b.png">', [(12, "image without alt text: 'b.png'")],
                 id="after a decorative one"),
    pytest.param("![Zwei Kolleginnen am Whiteboard](a.png)", [], id="with alt"),
    pytest.param("![](a.png){: .decorative}", [], id="decorative"),
    pytest.param('<img src="a.png" class="decorative" alt="">', [], id="html decorative"),
    pytest.param('<img src="a.png" class="decorative">', [(10, "image without alt text: 'a.png'")],
                 id="html decorative without alt"),
    pytest.param("```\n![](a.png)\n```", [], id="fenced code"),
    pytest.param("Beispiel:\n\n    ![](a.png)", [], id="indented code"),
    pytest.param("Schreib `![](a.png)` so nicht.", [], id="inline code"),
])
def test_body_images_need_alt_text_except_in_code_and_when_decorative(body, expected):
    assert alt_problems(body) == expected


def test_the_hint_shows_how_to_describe_and_how_to_mark_decoration():
    html = Markdown(**MARKDOWN).convert("![](a.png)")
    [problem] = missing_alt_problems(html, "![](a.png)", 5, "x.md")
    assert "describe the picture: ![Zwei Kolleginnen am Whiteboard](…)" in problem.hint
    assert "{: .decorative}" in problem.hint


def test_a_decorative_image_renders_with_empty_alt_and_a_described_one_with_its_text(build_site):
    text = front("author: jana-beispiel") + """
![]({static}/images/linie.png){: .decorative}

![Zwei Kolleginnen am Whiteboard]({static}/images/bild.png)
"""
    site = build_site({"articles/bilder.md": text, "images/linie.png": png_bytes(), "images/bild.png": png_bytes()})
    assert site.result.errors == []
    page = site.html("2026/bilder/")
    alts = {img.get("src").rsplit("/", 1)[-1]: img.get("alt") for img in page.iter("img")
            if "/images/" in img.get("src", "")}
    assert alts == {"linie.png": "", "bild.png": "Zwei Kolleginnen am Whiteboard"}


def test_an_image_without_alt_fails_the_strict_build_with_file_and_line(build_site):
    text = front("author: jana-beispiel") + "\nText.\n\n<img src=\"{static}/images/bild.png\">\n"
    site = build_site({"articles/bilder.md": text, "images/bild.png": png_bytes()})
    assert found_in(site, "bilder.md") == [(8, "image without alt text: '{static}/images/bild.png'")]
    assert site.result.exit_code(strict=True) == 1


def test_a_person_named_twice_is_a_problem_at_the_repeat(build_site):
    text = """\
---
title: "Zu dritt"
date: 2026-11-18 09:30
author: tom-muster
co_authors: [jana-beispiel, tom-muster, jana-beispiel]
thanks:
  - jana-beispiel
  - {name: "Das Team"}
  - jana-beispiel
---
Text.
"""
    site = build_site({"articles/zu-dritt.md": text})
    found = [(p.line, p.message) for p in site.result.errors if p.path.endswith("zu-dritt.md")]
    assert sorted(found) == [(5, "'jana-beispiel' is named twice as an author in 'co_authors'"),
                             (5, "'tom-muster' is named twice as an author in 'co_authors'"),
                             (9, "'jana-beispiel' is thanked twice in 'thanks'")]


def test_two_posts_with_one_id_are_a_problem_at_the_second(build_site):
    second = MINIMAL_SITE["articles/erster-beitrag.md"].replace('title: Erster Beitrag', 'title: Zweiter Beitrag')
    site = build_site({"articles/zweiter-beitrag.md": second})
    found = [p for p in site.result.errors if "is also the id of" in p.message]
    assert len(found) == 1 and found[0].path.endswith("zweiter-beitrag.md")
    assert found[0].message.startswith("id '0001' is also the id of ") and found[0].message.endswith("content/articles/erster-beitrag.md")


def test_two_tags_that_would_share_one_page_are_a_problem(build_site):
    other = MINIMAL_SITE["articles/erster-beitrag.md"].replace("tags: [netzwerken]", "tags: [C++]").replace(
        "id: '0001'", "id: '0002'")
    first = MINIMAL_SITE["articles/erster-beitrag.md"].replace("tags: [netzwerken]", "tags: [C#]")
    site = build_site({"articles/erster-beitrag.md": first, "articles/zweiter.md": other})
    found = [p for p in site.result.errors if "gets the same page" in p.message]
    assert len(found) == 1 and found[0].path.endswith("zweiter.md")
    assert found[0].message.startswith("'C++' in 'tags' gets the same page as 'C#'")


def test_a_post_published_with_the_placeholders_of_new_post_fails_naming_each_line(build_site, tmp_path):
    from datetime import datetime
    from tools.new_post import write_new_post

    scratch = tmp_path / "scaffold"
    (scratch / "authors").mkdir(parents=True)
    (scratch / "authors" / "jana-beispiel.yml").write_text("name: Jana\n", encoding="utf-8")
    scaffold = write_new_post(scratch, "Mein erster Beitrag", "jana-beispiel", datetime(2026, 11, 18, 9, 30))
    draft = scaffold.read_text(encoding="utf-8")
    published = draft.replace("status: draft", "status: published")
    site = build_site({"articles/entwurf.md": draft, "articles/erster.md": published})
    assert found_in(site, "entwurf.md") == []  # a draft may keep them
    lines = published.split("\n")
    assert found_in(site, "erster.md") == [
        (next(n for n, line in enumerate(lines, 1) if line.startswith("summary:")),
         "the summary is still the placeholder that make new-post wrote"),
        (next(n for n, line in enumerate(lines, 1) if line.startswith("Hier beginnt")),
         "the text still has the placeholder line that make new-post wrote"),
    ]


def test_a_post_without_a_category_is_in_the_default_one_not_in_its_folder_s_name(build_site):
    """Imported WordPress posts and hand-written ones may have no `category:`; Pelican's default would
    make their year folder a category ("Kategorie: 2018")."""
    post = MINIMAL_SITE["articles/erster-beitrag.md"].replace("category: Arbeitskultur\n", "").replace(
        "id: '0001'", "id: '0002'")
    assert "\ncategory:" not in post
    site = build_site({"articles/2018/ohne-kategorie.md": post.replace("title: Erster Beitrag", "title: Ohne")})
    assert site.result.errors == []
    assert (site.output / "kategorie/allgemein/index.html").exists()
    assert not (site.output / "kategorie/2018").exists()


@pytest.mark.parametrize("category, line", [("General", "category: General"),
                                            ("Tipps & Tricks: kurz", 'category: "Tipps & Tricks: kurz"'),
                                            ("Yes", 'category: "Yes"'), ("null", 'category: "null"')])
def test_new_post_writes_the_site_s_default_category(tmp_path, category, line):
    from datetime import datetime

    import yaml

    from tools.new_post import write_new_post

    (tmp_path / "authors").mkdir()
    (tmp_path / "authors" / "jana.yml").write_text("name: Jana\n", encoding="utf-8")
    text = write_new_post(tmp_path, "Neu", "jana", datetime(2026, 11, 18, 9, 30), category).read_text(encoding="utf-8")
    assert line in text.split("\n") and yaml.safe_load(text.split("---")[1])["category"] == category
