"""make import-wordpress: what a WordPress post or page becomes in our front matter (title, id, date,
people, topics, summary, status), what is skipped, and the ROUNDUP_START it sets."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from helpers.site import MINIMAL_SITE, SAMPLE_PUBLISHCONF, copy_sample_settings
from helpers.wxr import Xml, author, build_imported, comment, import_wordpress, item, page, post, report_section, wxr

BERLIN = ZoneInfo("Europe/Berlin")
AUTHORS = [author("jana", "Jana Alt", email="jana@altfirma.example"),
           author("tom", "Tom Alt", email="tom@altfirma.example", author_id=2)]


def date_of(value) -> datetime:
    """A front-matter date as YAML read it (text or datetime), as an aware datetime."""
    return datetime.fromisoformat(str(value))


def report_items(report: str) -> dict:
    """The report's table "Items in the export": {post type: (count, what happened)}."""
    lines = report.split("Items in the export:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    found = {}
    for line in lines:
        kind, count, what = line.split(None, 2)
        found[kind] = (int(count), what)
    return found


def not_published_lines(report: str) -> list[str]:
    """The report's lines of items that are not published as they were in WordPress."""
    if "Not published as in WordPress" not in report:
        return []
    return report.split("Not published as in WordPress", 1)[1].split("\n\n", 1)[0].splitlines()[1:]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    export = wxr([
        post(10, "Tipps für Einsteiger", post_name="tipps-fuer-einsteiger", content="<p>Text.</p>",
             excerpt="Kurz &amp; <em>gut</em> erklärt.", post_date="2019-03-29 10:00:00",
             post_date_gmt="2019-03-29 09:00:00", categories=["Arbeit", "Kultur", "Technik"],
             tags=["Netzwerken", "Sprache"], coauthors=["tom", "jana"]),
        page(20, "Über das alte Blog", post_name="ueber-das-alte-blog", content="<p>Seite.</p>"),
        post(21, "Veröffentlicht", post_name="veroeffentlicht"),
        post(22, "Ein Entwurf", status="draft", post_name=""),
        post(23, "Zur Prüfung", status="pending", post_name=""),
        post(24, "Geplant für später", status="future", post_name="geplant", post_date="2027-01-15 09:00:00",
             post_date_gmt="2027-01-15 08:00:00"),
        post(25, "Nur für uns", status="private", post_name="nur-fuer-uns", content="<p>Interna.</p>"),
        post(26, "Mit Passwort", post_name="mit-passwort", password="geheim", content="<p>Geschützt.</p>"),
        page(27, "Geschützte Seite", post_name="geschuetzte-seite", password="geheim", content="<p>Geschützt.</p>"),
        post(28, "Im Papierkorb", status="trash", post_name="papierkorb__trashed"),
        item(30, "Menüpunkt", post_type="nav_menu_item"),
        item(31, "Revision", post_type="revision", status="inherit", parent=21),
        item(32, "Navigation", post_type="wp_navigation", content="<!-- wp:navigation-link /-->"),
        item(33, "Custom Styles", post_type="wp_global_styles", content='{"version": 2}'),
        item(34, "Wiederverwendbar", post_type="wp_block",
             content="<!-- wp:paragraph --><p>Block</p><!-- /wp:paragraph -->"),
        item(35, "Ein Produkt", post_type="product"),
        item(36, "Noch ein Produkt", post_type="product"),
    ], authors=AUTHORS)
    return import_wordpress(tmp_path_factory.mktemp("posts"), export)


def test_the_import_ends_with_exit_status_zero_and_a_report(imported):
    assert imported.code == 0, imported.stderr
    assert imported.stdout.startswith("WordPress import of ")
    assert imported.stderr == ""


def test_a_post_keeps_its_title_and_gets_its_wordpress_id(imported):
    front = imported.front("articles/2019/tipps-fuer-einsteiger.md")
    assert front["title"] == "Tipps für Einsteiger"
    assert str(front["id"]) == "wp-10-blog-altfirma-example"  # the old site too: every site counts from 1
    assert front["status"] == "published"


def test_a_page_is_written_to_the_pages_folder_with_its_title(imported):
    front = imported.front("pages/ueber-das-alte-blog.md")
    assert front["title"] == "Über das alte Blog"
    assert front["status"] == "published"
    assert "author" not in front and "id" not in front and "tags" not in front


def test_the_post_author_is_the_handle_of_its_creator(imported):
    assert imported.front("articles/2019/tipps-fuer-einsteiger.md")["author"] == "jana"


def test_co_authors_come_from_the_author_terms_without_the_author_herself(imported):
    assert imported.front("articles/2019/tipps-fuer-einsteiger.md")["co_authors"] == ["tom"]


def test_the_first_category_is_the_category_and_further_ones_become_tags(imported):
    front = imported.front("articles/2019/tipps-fuer-einsteiger.md")
    assert front["category"] == "Arbeit"
    assert sorted(front["tags"]) == ["Kultur", "Netzwerken", "Sprache", "Technik"]


def test_the_summary_is_the_excerpt_as_plain_text_with_entities_decoded_once(imported):
    assert imported.front("articles/2019/tipps-fuer-einsteiger.md")["summary"] == "Kurz & gut erklärt."


def test_the_body_is_markdown_without_the_wordpress_markup(imported):
    assert imported.body("articles/2019/tipps-fuer-einsteiger.md").strip() == "Text."


@pytest.mark.parametrize("path, status", [
    ("articles/2019/veroeffentlicht.md", "published"),
    ("articles/2019/ein-entwurf.md", "draft"),
    ("articles/2019/zur-pruefung.md", "draft"),
    ("articles/2027/geplant.md", "published"),  # scheduled: published by the first build after its date
    ("articles/2019/nur-fuer-uns.md", "draft"),
    ("articles/2019/mit-passwort.md", "draft"),
    ("pages/geschuetzte-seite.md", "draft"),
])
def test_each_wordpress_status_becomes_ours(imported, path, status):
    assert imported.front(path)["status"] == status


def test_a_scheduled_post_keeps_its_future_date(imported):
    front = imported.front("articles/2027/geplant.md")
    assert date_of(front["date"]) == datetime(2027, 1, 15, 9, 0, tzinfo=BERLIN)


@pytest.mark.parametrize("title, word", [
    ("Nur für uns", "private"),
    ("Mit Passwort", "password"),
    ("Geschützte Seite", "password"),
])
def test_a_private_or_password_protected_item_is_named_in_the_report(imported, title, word):
    lines = [line for line in not_published_lines(imported.stdout) if repr(title) in line]
    assert lines and any(word in line for line in lines), imported.stdout


def test_the_report_counts_posts_and_pages_by_outcome(imported):
    table = imported.stdout.split("Posts and pages:\n", 1)[1].split("\n\n", 1)[0]
    counts = {}
    for line in table.splitlines():
        found = re.match(r"^\s+(post|page)\s+(published|draft|scheduled)\b.*?(\d+)$", line)
        if found:
            counts[found.group(1), found.group(2)] = int(found.group(3))
    assert counts == {("post", "published"): 2, ("post", "scheduled"): 1, ("post", "draft"): 4,
                      ("page", "published"): 1, ("page", "draft"): 1}


def test_a_trashed_post_is_not_written(imported):
    assert not any("papierkorb" in path or "im-papierkorb" in path for path in imported.files())
    assert "Im Papierkorb" in imported.stdout  # named as left out


@pytest.mark.parametrize("post_type, count", [
    ("nav_menu_item", 1), ("revision", 1), ("wp_navigation", 1), ("wp_global_styles", 1), ("wp_block", 1),
    ("product", 2),
])
def test_types_that_are_not_posts_or_pages_are_skipped_and_counted(imported, post_type, count):
    found, what = report_items(imported.stdout)[post_type]
    assert found == count
    assert what.startswith("skipped")


def test_only_posts_pages_and_profiles_are_written(imported):
    titles = {imported.front(path)["title"] for path in imported.files() if path.endswith(".md")}
    assert titles.isdisjoint({"Menüpunkt", "Revision", "Navigation", "Custom Styles", "Wiederverwendbar",
                              "Ein Produkt", "Noch ein Produkt"})
    assert {path.split("/")[0] for path in imported.files()} == {"articles", "pages", "authors"}


@pytest.mark.parametrize("title", [
    Xml("Tipps &amp; Tricks"),  # plain XML text: the parser decodes &amp; to &
    "Tipps &amp; Tricks",  # CDATA: WordPress's own entity, decoded by the import
])
def test_an_ampersand_entity_in_a_title_is_decoded_exactly_once(tmp_path, title):
    done = import_wordpress(tmp_path, wxr([post(1, title, post_name="tipps")], authors=AUTHORS))
    assert done.front("articles/2019/tipps.md")["title"] == "Tipps & Tricks"


@pytest.mark.parametrize("title", [Xml("&lt;br&gt; im Titel"), "&lt;br&gt; im Titel"])
def test_a_title_held_as_an_escaped_tag_keeps_the_characters(tmp_path, title):
    done = import_wordpress(tmp_path, wxr([post(1, title, post_name="zeilenumbruch")], authors=AUTHORS))
    assert done.front("articles/2019/zeilenumbruch.md")["title"] == "<br> im Titel"


def test_a_first_line_that_reads_like_a_field_stays_in_the_body(tmp_path):
    body = "Fazit: Netzwerken lohnt sich.\n\nZweiter Absatz."
    done = import_wordpress(tmp_path, wxr([post(1, "Ein Fazit", post_name="fazit", content=body)], authors=AUTHORS))
    text = done.body("articles/2019/fazit.md")
    assert text.strip().splitlines()[0] == "Fazit: Netzwerken lohnt sich."
    assert "fazit" not in done.front("articles/2019/fazit.md")


@pytest.mark.parametrize("status, local, gmt, expected", [
    ("publish", "2019-03-29 10:00:00", "2019-03-29 09:00:00", datetime(2019, 3, 29, 10, 0)),  # winter, +01:00
    ("publish", "2019-07-01 10:00:00", "2019-07-01 08:00:00", datetime(2019, 7, 1, 10, 0)),  # summer, +02:00
    ("publish", "2019-03-29 01:00:00", "2019-03-29 09:00:00", datetime(2019, 3, 29, 10, 0)),  # a site at UTC-8
    ("publish", "2019-03-31 00:30:00", "2019-03-31 00:30:00", datetime(2019, 3, 31, 1, 30)),  # before the change
    ("publish", "2019-03-31 01:30:00", "2019-03-31 01:30:00", datetime(2019, 3, 31, 3, 30)),  # after it
    ("draft", "2019-05-02 14:30:00", "0000-00-00 00:00:00", datetime(2019, 5, 2, 14, 30)),  # no GMT date yet
])
def test_the_date_is_the_gmt_date_in_the_site_time_zone_with_its_offset(tmp_path, status, local, gmt, expected):
    export = wxr([post(1, "Datum", status=status, post_name="datum", post_date=local, post_date_gmt=gmt)],
                 authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    value = done.front(f"articles/{expected.year}/datum.md")["date"]
    written = date_of(value)
    assert written == expected.replace(tzinfo=BERLIN)
    assert written.utcoffset() == expected.replace(tzinfo=BERLIN).utcoffset()
    assert re.search(r"[+-]\d\d:\d\d$", str(value)), f"no offset in {value!r}"


def test_a_page_gets_its_date_in_the_site_time_zone_too(tmp_path):
    export = wxr([page(1, "Impressum alt", post_name="impressum-alt", post_date="2019-07-01 10:00:00",
                       post_date_gmt="2019-07-01 08:00:00")], authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    written = date_of(done.front("pages/impressum-alt.md")["date"])
    assert written == datetime(2019, 7, 1, 10, 0, tzinfo=BERLIN)
    assert written.utcoffset() == timedelta(hours=2)


def test_comments_are_never_imported_and_counted_in_the_report(tmp_path):
    comments = [
        comment("Toller Beitrag, Grüße von Karla!", comment_id=1),
        comment("Wartet noch auf Freigabe", approved="0", comment_id=2),
        comment("Billige Uhren hier", approved="spam", comment_id=3),
        comment("Verlinkt von woanders", kind="pingback", comment_id=4),
    ]
    done = import_wordpress(tmp_path, wxr([post(1, "Kommentiert", post_name="kommentiert", comments=comments)],
                                          authors=AUTHORS))
    assert done.code == 0
    written = "".join(done.text(path) for path in done.files())
    for text in ("Toller Beitrag", "Wartet noch", "Billige Uhren", "Verlinkt von woanders", "Karla Kommentar",
                 "203.0.113.7", "karla@kommentar.example"):
        assert text not in written
    assert re.search(r"^Comments: 4 in the export, none imported", done.stdout, re.M), done.stdout


@pytest.mark.parametrize("dates, week", [
    (["2019-03-29 09:00:00", "2019-07-01 08:00:00"], "2019-W28"),  # Monday of week 27: the next is 28
    (["2020-12-31 10:00:00"], "2021-W01"),  # in 2020-W53, the last week of 2020
    (["2019-12-30 10:00:00"], "2020-W02"),  # a Monday that belongs to 2020-W01
    # Sunday 23:30 in Berlin (ISO week 26): its roundup is the one that closes Friday 5 July, 2019-W27
    (["2019-06-30 21:30:00"], "2019-W28"),
    (["2019-03-29 14:30:00"], "2019-W15"),  # Friday 15:30 in Berlin, after the cutoff: in 2019-W14's roundup
    (["2019-03-29 13:30:00"], "2019-W14"),  # Friday 14:30, before it: in 2019-W13's
])
def test_roundups_start_the_week_after_the_roundup_of_the_newest_published_post(tmp_path, dates, week):
    posts = [post(number, f"Beitrag {number}", post_date=gmt, post_date_gmt=gmt) for number, gmt in enumerate(dates, 1)]
    posts += [post(90, "Neuerer Entwurf", status="draft", post_date="2021-06-01 10:00:00",
                   post_date_gmt="2021-06-01 10:00:00")]
    done = import_wordpress(tmp_path, wxr(posts, authors=AUTHORS))
    assert done.roundup_start() == week
    settings = done.settings.read_text(encoding="utf-8").splitlines()
    lines = [line for line in settings if line.startswith("ROUNDUP_START")]
    assert len(lines) == 1  # set where pelicanconf.py sets it, not added a second time


def test_a_scheduled_post_does_not_move_the_roundup_start(tmp_path):
    export = wxr([post(1, "Alt", post_date="2019-03-29 09:00:00", post_date_gmt="2019-03-29 09:00:00"),
                  post(2, "Geplant", status="future", post_name="geplant", post_date="2027-01-15 09:00:00",
                       post_date_gmt="2027-01-15 08:00:00")], authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    assert done.roundup_start() == "2019-W14"


def test_an_export_whose_only_post_is_scheduled_imports_it(tmp_path):
    export = wxr([post(1, "Geplant", status="future", post_name="geplant", post_date="2027-01-15 09:00:00",
                       post_date_gmt="2027-01-15 08:00:00")], authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    assert done.code == 0, done.stderr
    assert done.front("articles/2027/geplant.md")["status"] == "published"


def test_a_later_roundup_start_in_the_settings_is_kept(tmp_path):
    settings = copy_sample_settings(tmp_path).read_text(encoding="utf-8")
    settings = re.sub(r"^ROUNDUP_START = .*$", 'ROUNDUP_START = "2026-W49"', settings, count=1, flags=re.M)
    (tmp_path / "pelicanconf.py").write_text(settings, encoding="utf-8")
    export = wxr([post(1, "Alt", post_date="2019-03-29 09:00:00", post_date_gmt="2019-03-29 09:00:00")],
                 authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    assert done.code == 0, done.stderr
    assert done.settings.read_text(encoding="utf-8") == settings
    assert done.roundup_start() == "2026-W49"


@pytest.mark.parametrize("title, post_name", [
    ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ""),  # every ASCII special character, as in the Theme Unit Test
    ("", ""),  # no title at all
    ("Z\u0337\u0322a\u0336l\u0338g\u0335o 🎉 مرحبا", ""),  # combining marks, emoji, Arabic
    ("Über Netzwerke", "%c3%bcber-netzwerke"),  # WordPress stores non-ASCII slugs percent-encoded
    ("Unter_strich", "unter_strich"),
], ids=["ascii-specials", "no-title", "zalgo-emoji-arabic", "percent-encoded-umlaut", "underscore"])
def test_every_file_name_is_a_plain_slug(tmp_path, title, post_name):
    done = import_wordpress(tmp_path, wxr([post(7, title, post_name=post_name)], authors=AUTHORS))
    assert done.code == 0, done.stderr
    [path] = done.files("articles")
    assert re.fullmatch(r"articles/2019/[a-z0-9][a-z0-9_-]*\.md", path), path


@pytest.mark.parametrize("typed, shown", [
    ("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>", "Markup: Title With Markup"),  # Theme Unit Test
    ("&lt;html&gt; &amp; Co.", "<html> & Co."),  # entities: what the reader saw
    ("<strong>Fett</strong> &amp; <code>&lt;main&gt;</code>", "Fett & <main>"),
    ("A < B > C", "A < B > C"),  # no tag
    ("Eins<br>Zwei <em>x</em>", "Eins Zwei x"),
    ("<script>alert(1)</script><b>Hallo</b>", "Hallo"),
])
def test_a_title_is_written_as_wordpress_showed_it(tmp_path, typed, shown):
    """WordPress themes print a title as HTML: its tags format it, they are not its text."""
    done = import_wordpress(tmp_path, wxr([post(7, typed, post_name="titel")], authors=AUTHORS))
    assert done.code == 0, done.stderr
    assert done.front("articles/2019/titel.md")["title"] == shown


def test_items_that_share_a_post_id_are_both_imported_with_their_own_ids(tmp_path):
    # Pelican's own fixture (wordpressexport.xml) was edited by hand: three items have id 175
    export = wxr([post(175, "Erster", post_name="erster"), post(175, "Zweiter", post_name="zweiter")],
                 authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    ids = [str(done.front(path)["id"]) for path in done.files("articles")]
    assert len(ids) == 2 and len(set(ids)) == 2, ids


def test_an_account_that_wrote_none_of_the_imported_posts_gets_no_profile(tmp_path):
    """Pelican's wordpressexport.xml declares 'Jonh', whom no item names: an author page of a name
    nobody published under (every profile gets one) would put it on the web."""
    export = wxr([post(1, "Von Jana", post_name="von-jana", creator="jana"),
                  post(2, "Im Papierkorb", post_name="weg", creator="tom", status="trash")],
                 authors=[*AUTHORS, author("jonh", "Jonh Niemand", author_id=3)])
    done = import_wordpress(tmp_path, export)
    assert done.code == 0, done.stderr
    assert done.files("authors") == ["authors/jana.yml"]
    assert re.search(r"^People: 1 \(1 new profiles", done.stdout, re.M), done.stdout


def test_the_report_lists_each_published_item_s_numbered_address_with_its_new_one(tmp_path):
    """/?p=175 links from outside need a server rule (docs/deploy.md); the report gives its lines."""
    export = wxr([post(175, "Nur mit Nummer", post_name=""), post(3, "Mit Namen", post_name="mit-namen"),
                  post(4, "Entwurf", post_name="entwurf", status="draft"), page(45, "Über uns", post_name="ueber-uns")],
                 authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    assert done.code == 0, done.stderr
    listed = report_section(done.stdout, "Old numbered addresses")
    assert "  /?p=3 -> /2019/mit-namen/" in listed and "  /?page_id=45 -> /ueber-uns/" in listed
    assert any(line.startswith("  /?p=175 -> /2019/") for line in listed) and len(listed) == 3, listed


def test_a_person_whose_posts_are_all_unpublished_here_gets_no_public_page(tmp_path):
    """Tom wrote only a private post (imported as a draft): his name must not reach the site."""
    export = wxr([post(1, "Öffentlich", post_name="oeffentlich", creator="jana"),
                  post(2, "Nur intern", post_name="intern", status="private", creator="tom",
                       content="<p>Interna.</p>")], authors=AUTHORS)
    done = import_wordpress(tmp_path, export, files=MINIMAL_SITE)
    assert done.code == 0, done.stderr
    assert "status: removed" in done.text("authors/tom.yml") and "status: active" in done.text("authors/jana.yml")
    assert "status: removed (no page, name not shown) until one is: tom" in done.stdout
    built = build_imported(tmp_path, SAMPLE_PUBLISHCONF, {"ROUNDUP_START": done.roundup_start(),
                                                          "SITEURL": "https://blog.example"})
    assert built.result.errors == [], built.result.summary()
    output = built.output
    shown = [path for path in output.rglob("*.html") if "Tom Alt" in path.read_text(encoding="utf-8")]
    assert shown == [] and not (output / "autoren/tom").exists()
