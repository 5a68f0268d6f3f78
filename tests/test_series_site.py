"""End to end: series pages, tip navigation and the never-revealed scheduled tip in a built site."""

import pytest

from helpers.series import MITTWOCHSTIPP, WERKSTATTBESUCH, tip
from helpers.site import MINIMAL_SITE

SCHEDULED_TITLE = "Streng geheimer Zukunftstipp"
SCHEDULED_SLUG = "zukunftstipp-geheim"

SERIES_SITE = {
    "series/mittwochstipp.yml": MITTWOCHSTIPP,
    "series/werkstattbesuch.yml": WERKSTATTBESUCH,
    "series/einzelstueck.yml": 'title: "#Einzelstück"\nlabel: "Folge {n}"\n',
    "articles/tipp-eins.md": tip("Danke sagen", "2026-10-28 09:30"),
    "articles/tipp-zwei.md": tip("Zuerst geben", "2026-11-04 09:30", author="tom-muster"),
    "articles/tipp-entwurf.md": tip("Halbfertiger Entwurf", "2026-11-11 09:30", status="draft"),
    "articles/tipp-versteckt.md": tip("Versteckter Tipp", "2026-11-11 10:30", status="hidden"),
    "articles/tipp-drei.md": tip("Namen merken", "2026-11-18 09:30"),
    f"articles/{SCHEDULED_SLUG}.md": tip(SCHEDULED_TITLE, "2026-11-25 09:30"),
    "articles/besuch-eins.md": tip("In der Lackiererei", "2026-11-02 10:00", series="werkstattbesuch"),
    "articles/besuch-fuenf.md": tip("Im Lager", "2026-11-09 10:00", series="werkstattbesuch",
                                    series_index=5),
    "articles/besuch-sechs.md": tip("In der Kantine", "2026-11-16 10:00", series="werkstattbesuch"),
    "articles/einzeln.md": tip("Nur einmal", "2026-11-13 10:00", series="einzelstueck"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, build_in_folder):
    """One build of SERIES_SITE shared by the read-only tests of this module (keeps them fast)."""
    return build_in_folder(tmp_path_factory.mktemp("series-site"), {**MINIMAL_SITE, **SERIES_SITE})


def texts(nodes):
    return [" ".join(node.text_content().split()) for node in nodes]


def target(href):
    """'../../2026/tipp-eins/' -> '2026/tipp-eins/' (pages use relative URLs)."""
    while href.startswith("../"):
        href = href[3:]
    return href


def test_sample_with_series_builds_without_problems(site):
    assert site.result.errors == [] and site.result.warnings == [], site.messages
    assert site.result.exit_code(strict=True) == 0


def test_series_page_shows_title_description_and_owners(site):
    page = site.html("serien/mittwochstipp/")
    assert texts(page.xpath("//main//h1")) == ["#Mittwochstipp"]
    assert texts(page.xpath("//*[@class='series-description']//strong")) == ["Mittwoch"]
    owners = texts(page.xpath("//*[@class='series-owners']"))[0]
    # names and profile links come from the authors plugin; without it the handles are shown
    assert "Jana Beispiel" in owners or "jana-beispiel" in owners
    assert "Tom Muster" in owners or "tom-muster" in owners
    assert page.xpath("//title")[0].text == "#Mittwochstipp – Werkbank Blog"


def test_series_page_lists_every_published_tip_in_order_with_label_date_and_summary(site):
    page = site.html("serien/mittwochstipp/")
    items = page.xpath("//ol[contains(@class, 'series-tips')]/li")
    assert [texts(item.xpath(".//*[@class='kicker']"))[0] for item in items] == ["Tipp 1", "Tipp 2", "Tipp 3"]
    assert [texts(item.xpath(".//h3"))[0] for item in items] == ["Danke sagen", "Zuerst geben", "Namen merken"]
    assert [target(h) for h in page.xpath("//ol[contains(@class, 'series-tips')]//h3/a/@href")] == [
        "2026/tipp-eins/", "2026/tipp-zwei/", "2026/tipp-drei/"]
    assert [texts(item.xpath(".//time"))[0] for item in items] == [
        "28. Oktober 2026", "4. November 2026", "18. November 2026"]
    assert texts(items[0].xpath(".//*[@class='card-summary']")) == ["Worum es in Danke sagen geht."]


@pytest.mark.parametrize("title, page", [
    ("Halbfertiger Entwurf", "entwuerfe/tipp-entwurf/"),
    ("Versteckter Tipp", "2026/tipp-versteckt/"),
])
def test_draft_or_hidden_tip_in_the_middle_is_neither_listed_nor_numbered(site, title, page):
    assert title not in site.text("serien/mittwochstipp/index.html")
    assert title not in site.text("2026/tipp-zwei/index.html") + site.text("2026/tipp-drei/index.html")
    unlisted = site.html(page)
    assert texts(unlisted.xpath("//p[@class='kicker']")) == ["#Mittwochstipp"]
    assert unlisted.xpath("//nav[@class='series-nav']") == []


@pytest.mark.parametrize("page, kicker, previous, following", [
    ("2026/tipp-eins/", "Tipp 1 · #Mittwochstipp", None, ("2026/tipp-zwei/", "Weiter: Tipp 2 · Zuerst geben")),
    ("2026/tipp-zwei/", "Tipp 2 · #Mittwochstipp", ("2026/tipp-eins/", "Zurück: Tipp 1 · Danke sagen"),
     ("2026/tipp-drei/", "Weiter: Tipp 3 · Namen merken")),
    ("2026/tipp-drei/", "Tipp 3 · #Mittwochstipp", ("2026/tipp-zwei/", "Zurück: Tipp 2 · Zuerst geben"), None),
    ("2026/besuch-fuenf/", "Teil 5 · #Werkstattbesuch", ("2026/besuch-eins/", "Zurück: Teil 1 · In der Lackiererei"),
     ("2026/besuch-sechs/", "Weiter: Teil 6 · In der Kantine")),
    ("2026/einzeln/", "Folge 1 · #Einzelstück", None, None),
])
def test_tip_page_shows_kicker_and_links_previous_and_next_tip(site, page, kicker, previous, following):
    html = site.html(page)
    assert texts(html.xpath("//header//p[@class='kicker']/a")) == [kicker]
    nav = html.xpath("//nav[@class='series-nav']")[0]
    assert nav.get("aria-label").startswith("Serie #")
    for rel, expected in (("prev", previous), ("next", following)):
        links = nav.xpath(f".//a[@rel='{rel}']")
        assert [(target(a.get("href")), texts([a])[0]) for a in links] == ([expected] if expected else [])
    series_link = nav.xpath(".//a[not(@rel)]")[0]
    assert target(series_link.get("href")) == html.xpath("//header//p[@class='kicker']/a/@href")[0].lstrip("./")


def test_scheduled_tip_appears_nowhere_in_the_output(site):
    for path in site.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SCHEDULED_TITLE.encode() not in data, path
            assert SCHEDULED_SLUG.encode() not in data, path


@pytest.mark.parametrize("page, announced", [
    ("serien/mittwochstipp/", True),
    ("2026/tipp-drei/", True),  # the newest tip
    ("2026/tipp-zwei/", False),
    ("serien/werkstattbesuch/", False),  # nothing scheduled there
])
def test_next_tip_is_announced_by_date_only_on_series_page_and_newest_tip(site, page, announced):
    lines = texts(site.html(page).xpath("//*[@class='series-next']"))
    assert lines == (["Der nächste Tipp erscheint am Mittwoch, 25. November."] if announced else [])


def test_announcement_can_be_switched_off(build_site):
    site = build_site(SERIES_SITE, overrides={"SERIES_ANNOUNCE_NEXT": False})
    for page in ("serien/mittwochstipp/", "2026/tipp-drei/"):
        assert site.html(page).xpath("//*[@class='series-next']") == []


def test_english_site_announces_in_english(build_site):
    site = build_site(SERIES_SITE, overrides={"DEFAULT_LANG": "en"})
    assert texts(site.html("serien/mittwochstipp/").xpath("//*[@class='series-next']")) == [
        "The next Tipp comes out on Wednesday, November 25."]
    assert texts(site.html("2026/tipp-zwei/").xpath("//nav[@class='series-nav']//a[@rel='next']")) == [
        "Next: Tipp 3 · Namen merken"]


def test_series_index_lists_every_series_with_its_count(site):
    page = site.html("serien/")
    assert texts(page.xpath("//main//h1")) == ["Serien"]
    cards = page.xpath("//ul[contains(@class, 'series-list')]/li")
    assert [texts(card.xpath(".//h2"))[0] for card in cards] == ["#Einzelstück", "#Mittwochstipp", "#Werkstattbesuch"]
    assert [target(h) for h in page.xpath("//ul[contains(@class, 'series-list')]//h2/a/@href")] == [
        "serien/einzelstueck/", "serien/mittwochstipp/", "serien/werkstattbesuch/"]
    assert texts(cards[1].xpath(".//*[@class='post-meta']")) == ["3 Beiträge · zuletzt Tipp 3 am 18. November 2026"]


def test_listing_cards_show_the_series_label(site):
    labels = texts(site.html("").xpath("//article[@class='card']//*[@class='series-label']"))
    assert "Tipp 3 · #Mittwochstipp" in labels and "Teil 6 · #Werkstattbesuch" in labels


def test_series_page_without_tips_says_so(build_site):
    site = build_site({"series/mittwochstipp.yml": MITTWOCHSTIPP})
    page = site.html("serien/mittwochstipp/")
    assert "Noch keine Beiträge in dieser Serie." in texts(page.xpath("//main//p"))
    assert site.result.errors == []
