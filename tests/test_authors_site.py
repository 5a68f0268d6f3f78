"""End-to-end: author pages, the authors index, bylines and every validation error of a real build."""

from __future__ import annotations

import json
from datetime import date

import pytest

from helpers.authors import png_bytes
from helpers.frontmatter import article, profile

JANA = "content/authors/jana-beispiel.yml"
ARTICLE = "content/articles/erster-beitrag.md"


# --- one test per validation error: message, hint, file:line and the strict exit code ------------

@pytest.mark.parametrize("files, path, line, message, hint", [
    pytest.param({"authors/jana-beispiel.yml": profile("Jana Beispiel", rolle="Chefin")},
                 JANA, 2, "unknown key 'rolle' in profile", "did you mean 'role'?", id="unknown-key"),
    pytest.param({"authors/jana-beispiel.yml": "role: Chefin\nsince: 2024-01-01\n"},
                 JANA, 1, "missing 'name' in profile", 'add a line like name: "Jana Beispiel"', id="missing-name"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", links={"website": "http://jana.example"})},
                 JANA, 3, "link 'website' is not https: 'http://jana.example'", "use https://", id="not-https"),
    pytest.param({"authors/jana-beispiel.yml": profile(
                     "Jana", links={"linkedin": "https://linkedin.example/in/jana"})},
                 JANA, 3, "link 'linkedin' points to 'linkedin.example', not to a linkedin profile",
                 "e.g. https://www.linkedin.com/in/", id="wrong-host"),
    pytest.param({"authors/jana-beispiel.yml": profile(
                     "Jana", links={"mastodon": "https://mastodon.social/"})},
                 JANA, 3, "link 'mastodon' is not a profile address", "https://mastodon.social/@jana", id="wrong-path"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", links={"website": "javascript:alert(1)"})},
                 JANA, 3, "unsafe link 'website': 'javascript:alert(1)' ('javascript:')",
                 "only https:// addresses are allowed", id="javascript-link"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", links={"x": "data:text/html,hi"})},
                 JANA, 3, "unsafe link 'x': 'data:text/html,hi' ('data:')",
                 "only https:// addresses are allowed", id="data-link"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", links={"myspace": "https://a.example"})},
                 JANA, 3, "unknown network 'myspace' in 'links'", "accepted: linkedin, xing", id="unknown-network"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", avatar="images/autoren/jana.jpg")},
                 JANA, 2, "avatar file not found: 'images/autoren/jana.jpg'", "relative to content/",
                 id="avatar-missing"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", avatar="https://www.gravatar.com/avatar/1")},
                 JANA, 2, "avatar must be a local file, found the address 'https://www.gravatar.com/avatar/1'",
                 "no remote avatar services", id="avatar-remote"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", status="ehemalig")},
                 JANA, 2, "unknown status 'ehemalig' in profile", "use one of: active, alumni, removed",
                 id="wrong-status"),
    pytest.param({"authors/jana-beispiel.yml": profile("Jana", since="März 2024")},
                 JANA, 2, "invalid date 'März 2024' in 'since'", "YYYY-MM-DD", id="since-not-a-date"),
    pytest.param({"authors/jana-beispiel.yml": 'name: "Jana\nrole: x\n'},
                 JANA, 1, "YAML syntax error", "quoting", id="yaml-syntax"),
    pytest.param({"articles/erster-beitrag.md": article("Erster Beitrag", author="jana-beispeil")},
                 ARTICLE, 4, "unknown author 'jana-beispeil' in 'author'",
                 "no profile content/authors/jana-beispeil.yml; did you mean 'jana-beispiel'?", id="unknown-author"),
    pytest.param({"articles/erster-beitrag.md": (  # a block list: the line of its second item
        '---\ntitle: "Erster Beitrag"\ndate: 2026-11-19 09:30\nauthor: jana-beispiel\n'
        'co_authors:\n  - tom-muster\n  - tom-mustre\n---\nText.\n')},
                 ARTICLE, 7, "unknown author 'tom-mustre' in 'co_authors'", "did you mean 'tom-muster'?",
                 id="unknown-co-author"),
    pytest.param({"articles/erster-beitrag.md": article("Erster Beitrag", thanks=["tom-muster", "tommuster"])},
                 ARTICLE, 5, "unknown person 'tommuster' in 'thanks'", "did you mean 'tom-muster'?",
                 id="unknown-thanks"),
])
def test_each_content_mistake_is_reported_once_and_fails_the_strict_build(
        build_site, files, path, line, message, hint):
    site = build_site(files)
    errors = site.result.errors
    assert len(errors) == 1, site.messages
    found = errors[0]
    assert found.path.endswith(path)
    assert found.line == line
    assert message in found.message
    assert hint in found.hint
    assert site.result.exit_code(strict=True) == 1
    assert site.result.exit_code(strict=False) == 0


def test_the_minimal_site_builds_without_problems(build_site):
    site = build_site()
    assert site.result.errors == [] and site.result.other_errors == [], site.messages
    assert site.result.exit_code(strict=True) == 0


# --- a small team: pages, index, bylines ---------------------------------------------------------

TEAM = {
    "images/autoren/jana.png": png_bytes(8, 6),
    "authors/jana-beispiel.yml": profile(
        "Jana Beispiel", pronouns="sie/ihr", role="Teamleiterin", department="Kommunikation",
        location="Hamburg", since=date(2016, 3, 1), avatar="images/autoren/jana.png",
        expertise=["Sprache", "Netzwerken"],
        links={"mastodon": "https://social.example/@jana", "linkedin": "https://www.linkedin.com/in/jana"},
        bio="Schreibt **gern** über Sprache."),
    "authors/tom-muster.yml": profile("Tom Muster", role="Vertrieb"),
    "authors/aenne-ahlers.yml": profile("Änne Ahlers"),
    "authors/anton-zeller.yml": profile("Anton Zeller"),
    "authors/ole-petersen.yml": profile("Ole Petersen"),
    "authors/oezlem-kaya.yml": profile("Özlem Kaya"),
    "authors/zoe-zimmermann.yml": profile("Zoë Zimmermann"),
    "authors/bjoern-hansen.yml": profile("Björn Hansen", status="alumni"),
    "images/autoren/geheim.png": png_bytes(5, 5),
    "authors/gisela-geheim.yml": profile(
        "Gisela Geheimnis", status="removed", role="Einkauf", avatar="images/autoren/geheim.png",
        links={"website": "https://gisela-geheimnis.example"}, bio="Privat"),
    "articles/gemeinsam.md": article("Gemeinsam geschrieben", "2026-11-20 10:00", author="tom-muster",
                                     co_authors=["jana-beispiel"], thanks=["ole-petersen"]),
    "articles/alt.md": article("Aus dem Archiv", "2026-11-10 10:00", author="gisela-geheim",
                               co_authors=["bjoern-hansen"], thanks=["gisela-geheim"]),
}


@pytest.fixture
def team_site(build_site):
    site = build_site(TEAM)
    assert site.result.errors == [] and site.result.other_errors == [], site.messages
    return site


def test_a_removed_profile_that_still_has_personal_data_gets_a_warning(team_site):
    warnings = team_site.result.warnings
    assert len(warnings) == 1
    assert warnings[0].path.endswith("content/authors/gisela-geheim.yml")
    assert warnings[0].line == 2
    assert "still contains: avatar, links, bio, role" in warnings[0].message
    assert "docs/authors.md" in warnings[0].hint
    assert team_site.result.exit_code(strict=True) == 0


def _texts(elements):
    return [" ".join(e.text_content().split()) for e in elements]


def by_class(element, *classes, tag="*"):
    """Descendants carrying every class (like the CSS selector tag.a.b), in document order."""
    tests = "".join(f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in classes)
    return element.xpath(f".//{tag}{tests}")


def test_author_page_shows_the_whole_profile(team_site):
    page = team_site.html("autoren/jana-beispiel/")
    card = by_class(page, "h-card")[0]
    assert _texts(by_class(card, "p-name", tag="h1//*")) == ["Jana Beispiel"]
    assert _texts(by_class(card, "p-role")) == ["Teamleiterin"]
    assert _texts(by_class(card, "p-org")) == ["Kommunikation"]
    assert _texts(by_class(card, "p-pronouns")) == ["sie/ihr"]
    assert _texts(by_class(card, "p-locality")) == ["Hamburg"]
    assert _texts(by_class(card, "p-note")[0].xpath(".//strong")) == ["gern"]
    assert _texts(by_class(card, "p-category")) == ["Sprache", "Netzwerken"]
    photo = by_class(card, "u-photo", tag="img")[0]
    assert photo.get("src").endswith("images/autoren/jana.png")
    assert (photo.get("width"), photo.get("height")) == ("8", "6")
    assert photo.get("alt") == "Foto von Jana Beispiel"
    links = {a.text_content(): (a.get("href"), a.get("rel")) for a in card.xpath(".//a[@rel='me']")}
    assert links == {"Mastodon": ("https://social.example/@jana", "me"),
                     "LinkedIn": ("https://www.linkedin.com/in/jana", "me")}
    assert team_site.path("images/autoren/jana.png").is_file()


def test_author_page_json_ld_is_a_person(team_site):
    page = team_site.html("autoren/jana-beispiel/")
    scripts = page.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data["@type"] == "Person"
    assert data["name"] == "Jana Beispiel"
    assert data["knowsAbout"] == ["Sprache", "Netzwerken"]
    assert data["sameAs"] == ["https://social.example/@jana", "https://www.linkedin.com/in/jana"]


def test_a_co_authored_post_is_listed_on_both_author_pages(team_site):
    def titles(handle):
        page = team_site.html(f"autoren/{handle}/")
        return _texts(by_class(page, "author-posts")[0].xpath(".//*[@class='card-title']"))

    assert titles("tom-muster") == ["Gemeinsam geschrieben"]
    assert titles("jana-beispiel") == ["Gemeinsam geschrieben", "Erster Beitrag"]


def test_the_author_page_lists_the_posts_that_thank_them(team_site):
    page = team_site.html("autoren/ole-petersen/")
    assert _texts(page.xpath("//section[@aria-labelledby='danke']//a")) == ["Gemeinsam geschrieben"]
    assert _texts(by_class(page, "author-posts")[0].xpath("./div/p")) == ["Noch keine Beiträge."]


def test_bylines_link_every_author_in_order(team_site):
    page = team_site.html("2026/gemeinsam/")
    byline = by_class(by_class(page, "post-header")[0], "byline")[0]
    assert " ".join(byline.text_content().split()) == "von Tom Muster und Jana Beispiel"
    assert [a.get("href") for a in byline.xpath(".//a")] == ["../../autoren/tom-muster/",
                                                             "../../autoren/jana-beispiel/"]
    thanks = by_class(page, "thanks")[0].xpath(".//a")[0]
    assert (thanks.text_content(), thanks.get("href")) == ("Ole Petersen", "../../autoren/ole-petersen/")


def test_the_index_is_in_german_order_with_alumni_in_their_own_section(team_site):
    page = team_site.html("autoren/")
    sections = page.xpath("//main//section")
    assert _texts(by_class(sections[0], "p-name")) == [
        "Änne Ahlers", "Anton Zeller", "Jana Beispiel", "Ole Petersen", "Özlem Kaya", "Tom Muster",
        "Zoë Zimmermann"]
    assert _texts(sections[1].xpath(".//h2")) == ["Ehemalige Kolleginnen und Kollegen"]
    assert _texts(by_class(sections[1], "p-name")) == ["Björn Hansen"]


def test_alumni_keep_their_page_marked_as_former_colleagues(team_site):
    page = team_site.html("autoren/bjoern-hansen/")
    assert _texts(by_class(page, "author-badge")) == ["Ehemalige Kollegin / ehemaliger Kollege"]
    assert _texts(by_class(page, "author-posts")[0].xpath(".//*[@class='card-title']")) == ["Aus dem Archiv"]
    assert json.loads(page.xpath('//script[@type="application/ld+json"]')[0].text)["alumniOf"]


def test_a_removed_person_has_no_page_and_a_neutral_byline(team_site):
    assert not team_site.path("autoren/gisela-geheim").exists()
    page = team_site.html("2026/alt/")
    byline = by_class(by_class(page, "post-header")[0], "byline")[0]
    assert " ".join(byline.text_content().split()) == (
        "von ehemalige Kollegin / ehemaliger Kollege und Björn Hansen")
    assert [a.text_content() for a in byline.xpath(".//a")] == ["Björn Hansen"]
    assert _texts(by_class(page, "thanks")[0].xpath(".//li")) == ["ehemalige Kollegin / ehemaliger Kollege"]
    assert by_class(page, "thanks")[0].xpath(".//a") == []


def test_nothing_of_a_removed_person_appears_anywhere_in_the_output(team_site):
    assert not team_site.path("images/autoren/geheim.png").exists()
    assert team_site.path("images/autoren/jana.png").exists()
    for path in team_site.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json"):
            text = path.read_text(encoding="utf-8")
            for secret in ("Gisela", "Geheimnis", "gisela-geheimnis.example", "geheim.png", "gisela-geheim"):
                assert secret not in text, f"{secret} in {path}"


def test_the_removed_byline_is_a_setting(build_site):
    files = {**TEAM, "authors/gisela-geheim.yml": profile("Gisela", status="removed")}
    site = build_site(files, overrides={"AUTHORS_REMOVED_BYLINE": "ein Mensch aus dem Team"})
    byline = by_class(site.html("2026/alt/"), "byline")[0]
    assert "ein Mensch aus dem Team" in byline.text_content()


def test_english_sites_use_the_english_removed_byline(build_site):
    site = build_site(TEAM, overrides={"DEFAULT_LANG": "en"})
    byline = by_class(site.html("2026/alt/"), "byline")[0]
    assert " ".join(byline.text_content().split()) == "by former colleague and Björn Hansen"


def test_long_author_listings_are_paginated_and_show_the_profile_only_on_page_one(build_site):
    site = build_site(TEAM, overrides={"DEFAULT_PAGINATION": 1})
    first, second = site.html("autoren/jana-beispiel/"), site.html("autoren/jana-beispiel/seite/2/")
    assert _texts(by_class(first, "author-posts")[0].xpath(".//*[@class='card-title']")) == ["Gemeinsam geschrieben"]
    assert _texts(by_class(second, "author-posts")[0].xpath(".//*[@class='card-title']")) == ["Erster Beitrag"]
    assert first.xpath('//script[@type="application/ld+json"]') and first.xpath("//img")
    assert second.xpath('//script[@type="application/ld+json"]') == [] and second.xpath("//img[contains(@class, 'author-avatar')]") == []
    assert _texts(second.xpath("//h1")) == ["Jana Beispiel"]
