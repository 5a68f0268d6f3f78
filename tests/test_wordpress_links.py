"""make import-wordpress: old addresses keep working. Each imported item records its old permalink
in `aliases:` (decoded, a plain site path), and links of the bodies that point to the old site
(permalinks, ?p=ID, ?page_id=ID, attachment pages) point to the new files instead."""

from __future__ import annotations

import pytest

from helpers.readers import png
from helpers.site import write_files
from helpers.wxr import SITE, Xml, attachment, author, import_wordpress, page, post, rendered, wxr

AUTHORS = [author("jana", "Jana Alt")]


def is_plain_site_path(alias: str) -> bool:
    """A path a static host can answer with a file: from the root, decoded, no '//', '.' or '..'."""
    segments = alias.split("/")[1:]
    return (alias.startswith("/") and "%" not in alias and "?" not in alias and "#" not in alias
            and "" not in segments[:-1] and not any(s in (".", "..") for s in segments)
            and not any(ord(c) < 32 for c in alias))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("links")
    write_files(tmp / "uploads", {"2019/03/plan.png": png(300, 200, "teal")})
    body = f"""<p>Links:
<a href="{SITE}/2019/03/28/anderer-beitrag/">Permalink</a>,
<a href="http://www.blog.altfirma.example/2019/03/28/anderer-beitrag/#abschnitt">mit Anker</a>,
<a href="/2019/03/28/anderer-beitrag/">relativ</a>,
<a href="{SITE}/?p=31">per p</a>,
<a href="{SITE}/?page_id=40">per page_id</a>,
<a href="{SITE}/team/">die Seite</a>,
<a href="{SITE}/?p=32">zum Entwurf</a>,
<a href="{SITE}/?attachment_id=50">zum Plan</a>,
<a href="https://www.nordlicht.example/">woanders</a>.</p>"""
    export = wxr([
        attachment(50, "2019/03/plan.png", alt="Der Plan"),
        post(30, "Verlinkt", post_name="verlinkt", content=body),
        post(31, "Anderer Beitrag", post_name="anderer-beitrag", post_date="2019-03-28 10:00:00"),
        post(32, "Ein Entwurf", status="draft", post_name=""),
        page(40, "Das Team", post_name="team"),
        page(41, "Unterseite", post_name="unterseite", parent=40, link=f"{SITE}/team/unterseite/"),
        post(33, "Über Netzwerke", post_name="%c3%bcber-netzwerke"),
        post(34, "Ohne schöne Adresse", post_name="ohne-schoene-adresse", link=f"{SITE}/?p=34"),
        page(42, "Griechisch", post_name="%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2",
             link=f"{SITE}//greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/"),
        post(35, "Kletterer", post_name="kletterer", link=Xml(f"{SITE}/2019/03/29/../../../etc/passwd/")),
    ], authors=AUTHORS)
    done = import_wordpress(tmp, export, uploads=tmp / "uploads")
    assert done.code == 0, done.stderr
    return done


def links_of(imported, path) -> dict:
    return {" ".join(a.text_content().split()): a.get("href") for a in rendered(imported.body(path)).iter("a")}


def test_the_old_permalink_of_a_post_is_an_alias(imported):
    assert imported.front("articles/2019/anderer-beitrag.md")["aliases"] == ["/2019/03/28/anderer-beitrag/"]


def test_a_percent_encoded_umlaut_slug_is_recorded_decoded(imported):
    front = imported.front("articles/2019/ueber-netzwerke.md")
    assert front["aliases"] == ["/2019/03/29/über-netzwerke/"]


def test_the_old_address_of_a_subpage_is_an_alias(imported):
    assert imported.front("pages/unterseite.md")["aliases"] == ["/team/unterseite/"]


def test_a_page_whose_address_stays_the_same_needs_no_alias(imported):
    assert "aliases" not in imported.front("pages/team.md")


def test_an_address_with_a_query_is_no_alias(imported):
    assert "aliases" not in imported.front("articles/2019/ohne-schoene-adresse.md")


def test_a_doubled_slash_in_a_permalink_is_recorded_as_the_plain_path(imported):
    path = next(p for p in imported.files("pages") if imported.front(p)["title"] == "Griechisch")
    assert imported.front(path)["aliases"] == ["/greek/επίπεδο-2/"]


def test_every_alias_is_a_plain_site_path(imported):
    aliases = [alias for path in imported.files() if path.endswith(".md")
               for alias in imported.front(path).get("aliases", [])]
    assert aliases
    assert [alias for alias in aliases if not is_plain_site_path(alias)] == []


@pytest.mark.parametrize("text, target", [
    ("Permalink", "{filename}/articles/2019/anderer-beitrag.md"),
    ("mit Anker", "{filename}/articles/2019/anderer-beitrag.md#abschnitt"),
    ("relativ", "{filename}/articles/2019/anderer-beitrag.md"),
    ("per p", "{filename}/articles/2019/anderer-beitrag.md"),
    ("per page_id", "{filename}/pages/team.md"),
    ("die Seite", "{filename}/pages/team.md"),
    ("zum Plan", "{static}/images/wordpress/2019/03/plan.png"),
    ("woanders", "https://www.nordlicht.example/"),
])
def test_a_link_to_the_old_site_points_to_the_new_file(imported, text, target):
    assert links_of(imported, "articles/2019/verlinkt.md")[text] == target


def test_a_link_to_a_post_that_is_not_published_keeps_only_its_text(imported):
    body = rendered(imported.body("articles/2019/verlinkt.md"))
    assert "zum Entwurf" not in links_of(imported, "articles/2019/verlinkt.md")
    assert "zum Entwurf" in body.text_content()


def test_no_link_of_a_body_points_to_the_old_site(imported):
    for path in imported.files("articles") + imported.files("pages"):
        for href in links_of(imported, path).values():
            assert "altfirma" not in href and not href.startswith("/"), (path, href)
