"""A warm `make publish` (tools/incremental) renders only the pages whose inputs changed and takes the
others over from the last build, and its output is byte for byte what a cold build writes.

One generated blog of a few hundred posts (bench/run.py's corpus, with faces and a picture added)
goes through a sequence of edits; after each, a warm publish into output/ is compared file by file
with a cold publish of the same content into a folder of its own (pages, feeds, sitemap, search
index, social cards, redirect pages, newsletter files and their web copies: everything).
"""

from __future__ import annotations

import textwrap
from datetime import timedelta

import pytest

from helpers.incremental import Blog, SampleBlog, differences, picture
from helpers.site import needs_sample_content

POSTS = 200


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    blog = Blog(tmp_path_factory.mktemp("incremental"), POSTS)
    kind, rendered, reused = blog.publish("output")
    assert (kind, reused) == ("cold", 0) and rendered > POSTS
    return blog


def newest(blog, index=-2):
    return blog.plan[index]


def body(blog):
    blog.edit(blog.source(blog.plan[3]), lambda text: text + "\nEin Satz, der später dazukam.\n")


def title(blog):
    blog.edit(blog.source(newest(blog)), lambda text: text.replace('title: "', 'title: "Neu: ', 1))


def date_across_a_week(blog):
    entry = newest(blog, -5)
    moved = entry["date"] - timedelta(days=7)
    blog.edit(blog.source(entry), lambda text: text.replace(f"date: {entry['date']:%Y-%m-%d %H:%M}",
                                                            f"date: {moved:%Y-%m-%d %H:%M}"))


def profile_name(blog):
    blog.edit("authors/autorin-05.yml", lambda text: text.replace('name: "Person 05', 'name: "Petra 05'))


def avatar(blog):
    blog.edit("authors/autorin-01.yml", lambda text: text.replace("autorin-01.png", "autorin-01-neu.png"))
    picture(blog.content / "images/authors/autorin-01-neu.png", (120, 120), (240, 200, 0))


def picture_replaced(blog):
    picture(blog.content / "images/2026/werkstatt.png", (900, 900), (120, 20, 90))  # same name, new size


def series_description(blog):
    blog.edit("series/mittwochstipp.yml", lambda text: text.replace("Eine Serie.", "Jeden Mittwoch ein Tipp."))


def tag_added(blog):
    blog.edit(blog.source(newest(blog, -3)), lambda text: text.replace("tags: [", "tags: [werkbankneu, ", 1))


def co_author_added(blog):
    entry = next(e for e in reversed(blog.plan) if not e["co_authors"] and e["author"] != "autorin-07")
    blog.edit(blog.source(entry), lambda text: text.replace("\ncategory: ", "\nco_authors: [autorin-07]\ncategory: ",
                                                            1))


def post_deleted(blog):
    (blog.content / blog.source(newest(blog, -4))).unlink()


def post_added(blog):
    (blog.content / "articles/2026/ganz-neu.md").write_text(textwrap.dedent("""\
        ---
        title: "Ganz neu"
        id: "0000abcd"
        date: 2026-11-20 08:00
        author: autorin-02
        tags: [sprache, netzwerken]
        category: Sprache
        summary: "Ein neuer Beitrag."
        ---
        Ein neuer Text.
        """), encoding="utf-8")


def alias_added(blog):  # a redirect page from an old address
    blog.edit(blog.source(newest(blog, -6)),
              lambda text: text.replace("\ncategory: ", "\naliases: [/2019/03/29/alt/]\ncategory: ", 1))


def roundup_note(blog):  # the editor's intro of the last week
    blog.write("roundups/2026-W47.md", "---\ntitle: \"KW 47: Viel los\"\n---\nEine Woche voller Beiträge.\n")


def page_body(blog):
    blog.edit("pages/ueber-uns.md", lambda text: text + "Wir bauen Sensoren.\n")


def draft_published(blog):
    blog.edit("articles/2026/entwurf.md", lambda text: text.replace("status: draft", "status: published"))


def footer_page_title(blog):
    blog.edit("pages/impressum.md", lambda text: text.replace("title: Impressum", "title: Impressum und Kontakt"))


def time_passes(blog):
    blog.build_time = str(int(blog.build_time) + 8 * 24 * 3600)  # a week on: the scheduled post is out


def setting_changed(blog):
    blog.write_settings('SITE_TAGLINE = "Werkstattwissen für alle"\n')


def template_changed(blog):
    path = blog.theme / "templates" / "article.html"
    path.write_text(path.read_text(encoding="utf-8").replace('<div class="post-body e-content">',
                                                             '<div class="post-body e-content" data-x="1">'),
                    encoding="utf-8")


# (edit, most pages a warm build may render: a share of all pages; None: every page, the key changed)
EDITS = [
    (None, 0.0),
    (body, 0.05),
    (title, 0.2),
    (date_across_a_week, 0.4),
    (profile_name, 0.2),
    (avatar, 0.2),
    (picture_replaced, 0.1),
    (series_description, 0.2),
    (tag_added, 0.2),
    (co_author_added, 0.2),
    (post_deleted, 0.3),
    (post_added, 0.3),
    (alias_added, 0.1),
    (roundup_note, 0.1),
    (page_body, 0.05),
    (draft_published, 0.3),
    (footer_page_title, 1.0),
    (time_passes, 1.0),
    (setting_changed, None),
    (template_changed, None),
]


@pytest.mark.parametrize("edit, share", EDITS, ids=[edit.__name__ if edit else "nothing" for edit, _ in EDITS])
def test_a_warm_publish_after_each_kind_of_edit_equals_a_cold_one(blog, edit, share):
    if edit is not None:
        edit(blog)
    kind, rendered, reused = blog.publish("output")
    print(f"{edit.__name__ if edit else 'nothing'}: {kind}, {rendered} of {rendered + reused} pages rendered")
    if share is None:
        assert (kind, reused) == ("cold", 0)
    else:
        assert kind == "warm"
        assert rendered <= share * (rendered + reused), f"{rendered} of {rendered + reused} pages rendered"
    blog.publish_cold()
    assert differences(blog.base / "output", blog.base / "cold") == []


SAMPLE_EDITS = [  # what the generated blog has none of: pictures in the text, aliases, thanks, notes
    ("authors/jana-beispiel.yml", "Ruderclub", "Segelclub"),  # a bio
    ("authors/jana-beispiel.yml", "name: Jana Beispiel", "name: Jana B. Beispiel"),
    ("articles/2026/willkommen-in-der-werkbank.md", "\n---\n",
     "\n---\n![Ein Prüfstand]({static}/images/2026/pruefstand-licht.png)\n\n"),
    ("roundups/2026-W44.md", "Uhren zurück", "Zeiger zurück"),
]


@needs_sample_content
def test_the_sample_blog_after_edits_equals_a_cold_build(tmp_path):
    blog = SampleBlog(tmp_path)
    assert blog.publish()[0] == "cold"
    for relative, old, new in SAMPLE_EDITS:
        blog.edit(relative, lambda text: text.replace(old, new, 1))
        kind, rendered, reused = blog.publish()
        assert kind == "warm" and reused > 0
        blog.publish_cold()
        assert differences(blog.base / "output", blog.base / "cold") == [], relative
    picture(blog.content / "images/2026/pruefstand-licht.png", (640, 480), (10, 200, 30))  # replaced, shown in 2 posts
    assert blog.publish()[0] == "warm"
    blog.publish_cold()
    assert differences(blog.base / "output", blog.base / "cold") == []



def test_a_warm_publish_fails_as_a_cold_one_when_a_post_links_one_that_was_deleted(tmp_path):
    """The linking post's cached reading said nothing of the link: it is read again once the file it
    links is gone, reports the missing file, and the publish stops (a cold one does)."""
    blog = Blog(tmp_path, 40)
    linked = blog.source(blog.plan[3])
    blog.edit(blog.source(blog.plan[5]), lambda text: text + f"\nSiehe [den Beitrag]({{filename}}/{linked}).\n")
    assert blog.publish("output")[0] == "cold"
    (blog.content / linked).unlink()
    with pytest.raises(AssertionError, match="link to a missing file"):
        blog.publish("output")
