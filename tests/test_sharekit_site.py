"""End to end: a small site with one roundup week; share page, share.json, article share sections."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from sharekit.counting import DEFAULT_LIMITS, length_on
from helpers import frontmatter
from helpers.sharekit import BASE, EXPECTED_NAMES, SITE, box_networks, named_lines, page_share_texts, profile

NETWORKS = ["bluesky", "linkedin", "mastodon", "x", "xing"]

def test_roundup_share_json_has_every_network_each_contributor_once_within_limits(sharekit_site):
    posts = json.loads(sharekit_site.text("wochenrueckblick/2026-W47/teilen/share.json"))
    assert sorted(posts) == NETWORKS
    for network, thread in posts.items():
        assert isinstance(thread, list) and thread
        assert named_lines(thread, EXPECTED_NAMES[network]) == EXPECTED_NAMES[network], network
        assert all(length_on(network, post) <= DEFAULT_LIMITS[network] for post in thread)
        assert f"{BASE}/wochenrueckblick/2026-W47/" in thread[0]
        assert thread[0].startswith("#FollowFriday")


def test_share_json_is_stable_sorted_and_keeps_umlauts(sharekit_site):
    text = sharekit_site.text("wochenrueckblick/2026-W47/teilen/share.json")
    assert "Änne Ahlers" in text
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def test_roundup_share_page_shows_every_post_ready_to_copy_with_its_count(sharekit_site):
    page = sharekit_site.html("wochenrueckblick/2026-W47/teilen/")
    posts = json.loads(sharekit_site.text("wochenrueckblick/2026-W47/teilen/share.json"))
    boxes = page.xpath("//textarea[@readonly]")
    assert [box.text_content() for box in boxes] == [post for network in
                                                       ["mastodon", "bluesky", "linkedin", "xing", "x"]
                                                       for post in posts[network]]
    for box in boxes:
        label = page.xpath(f"//label[@for='{box.get('id')}']")
        assert label and label[0].text_content().strip()
        count = page.get_element_by_id(box.get("aria-describedby"))
        [network] = box_networks(page, box)  # one box per network and post on the #FollowFriday page
        limit = f"{DEFAULT_LIMITS[network]:,}".replace(",", ".")  # German digit groups: 3.000
        assert count.text_content() == f"{length_on(network, box.text_content())} von {limit} Zeichen"
    assert page.xpath("//h1")[0].text_content() == "#FollowFriday zum Wochenrückblick KW 47/2026"
    assert not page.xpath("//script[not(@src)]")
    assert all(src.startswith("../../../") for src in page.xpath("//script/@src"))


def test_article_page_has_a_teilen_section_with_links_and_texts(sharekit_site):
    page = sharekit_site.html("2026/zweiter-beitrag/")
    section = page.xpath("//section[contains(@class, 'share')]")[0]
    assert section.xpath(".//h2")[0].text_content() == "Teilen"
    links = {a.get("data-network"): a.get("href") for a in section.xpath(".//ul[@class='share-links']//a")}
    assert list(links) == ["linkedin", "xing", "mastodon", "bluesky", "email"]
    texts = page_share_texts(page)
    assert sorted(texts) == NETWORKS
    url = f"{BASE}/2026/zweiter-beitrag/"

    def query(href):
        return {k: v[0] for k, v in parse_qs(urlsplit(href).query, strict_parsing=True).items()}

    assert query(links["linkedin"]) == {"url": url}
    assert query(links["xing"]) == {"url": url}
    assert query(links["bluesky"]) == {"text": texts["bluesky"][0]}
    # Tom has no Mastodon profile: the configured default instance
    assert links["mastodon"].startswith("https://mastodon.social/share?")
    assert query(links["mastodon"]) == {"text": texts["mastodon"][0]}
    assert query(links["email"]) == {"subject": "Führung & Netzwerk: zuhören zuerst", "body": texts["linkedin"][0]}
    boxes = section.xpath(".//textarea[@readonly]")
    # one box per distinct text, in the order of the networks; LinkedIn and XING always share one
    distinct = list(dict.fromkeys(texts[n][0] for n in ["mastodon", "bluesky", "linkedin", "xing", "x"]))
    assert [box.text_content() for box in boxes] == distinct
    assert ["linkedin", "xing"] in [[n for n in box_networks(page, box) if n in ("linkedin", "xing")] for box in boxes]


@pytest.mark.parametrize("network, expected", [
    ("mastodon", "Führung & Netzwerk: zuhören zuerst\n\nWer führt, hört zuerst zu – und teilt dann, was er gelernt hat."
                 "\n\n#EmployeeAdvocacy #Führung\n\nvon Tom Muster und Zoë Zimmermann\n" + BASE + "/2026/zweiter-beitrag/"),
    ("x", "Führung & Netzwerk: zuhören zuerst\n\nWer führt, hört zuerst zu – und teilt dann, was er gelernt hat."
          "\n\n#EmployeeAdvocacy #Führung\n\nvon @tom_muster_hb und Zoë Zimmermann\n" + BASE + "/2026/zweiter-beitrag/"),
    ("bluesky", "Führung & Netzwerk: zuhören zuerst\n\nWer führt, hört zuerst zu – und teilt dann, was er gelernt hat."
                "\n\n#EmployeeAdvocacy #Führung\n\nvon Tom Muster und @zoezimmermann.bsky.social\n" + BASE + "/2026/zweiter-beitrag/"),
])
def test_article_share_texts_name_the_authors_as_each_network_reaches_them(sharekit_site, network, expected):
    assert page_share_texts(sharekit_site.html("2026/zweiter-beitrag/"))[network] == [expected]


def test_mastodon_share_link_uses_the_authors_own_instance(sharekit_site):
    page = sharekit_site.html("2026/erster-beitrag/")
    href = page.xpath("//a[@data-network='mastodon']/@href")[0]
    assert href.startswith("https://social.example/share?text=")


def test_share_files_stay_out_of_the_sitemap(sharekit_site):
    sitemap = sharekit_site.text("sitemap.xml")
    assert "share.json" not in sitemap and "/teilen/" not in sitemap


def test_articles_have_no_share_json_of_their_own(sharekit_site):
    # the texts are on the article page; 1,000 posts would mean 1,000 more files in every build
    assert not sharekit_site.path("2026/zweiter-beitrag/share.json").exists()
    assert "share.json" not in sharekit_site.text("2026/zweiter-beitrag/index.html")


def test_a_profile_link_that_is_no_profile_fails_the_check_with_file_line_and_expectation(build_site):
    built = build_site({**SITE, "authors/tom-muster.yml": profile("Tom Muster", x="https://x.com/home")})
    assert built.result.exit_code(strict=True) == 1
    # reported once, by the profile check, with the rule the share texts use (shared.people)
    found = [p for p in built.result.errors if "x.com/home" in p.message]
    assert len(found) == 1, built.messages
    assert found[0].path.endswith("authors/tom-muster.yml")
    assert found[0].line == 8
    assert "link 'x' is not a profile address: 'https://x.com/home'" in found[0].message
    assert "e.g. https://x.com/jana_beispiel" in found[0].hint


def test_an_article_whose_share_text_cannot_fit_fails_the_build_once_naming_the_file(build_site):
    built = build_site(SITE, overrides={"SHARE_LIMITS": {"x": 40}})  # byline and link alone are longer
    assert built.result.exit_code(strict=True) == 1
    found = [p for p in built.result.errors if p.message.startswith("share text:")]
    assert sorted(p.path.rsplit("/", 1)[-1] for p in found) == ["erster-beitrag.md", "zweiter-beitrag.md"], built.messages
    assert all("does not fit x's limit of 40" in p.message and "SHARE_LIMITS" in p.hint for p in found)
    section = built.html("2026/zweiter-beitrag/").xpath("//section[contains(@class, 'share')]")
    assert section == []  # no half share box


def test_english_site_writes_english_posts(build_site):
    built = build_site(SITE, overrides={"DEFAULT_LANG": "en"})
    assert built.result.exit_code(strict=True) == 0, built.messages
    posts = json.loads(built.text("wochenrueckblick/2026-W47/teilen/share.json"))
    assert posts["linkedin"][0].startswith("#FollowFriday: Thank you to everyone")


def test_share_pages_are_written_for_the_newest_share_weeks_roundups_only(build_site):
    earlier = {"articles/vorwoche.md": frontmatter.article("Aus der Vorwoche", "2026-11-10 09:30")}
    newest = build_site({**SITE, **earlier}, overrides={"SHARE_WEEKS": 1})
    assert newest.result.exit_code(strict=True) == 0, newest.messages
    assert newest.path("wochenrueckblick/2026-W47/teilen/share.json").exists()
    assert newest.path("wochenrueckblick/2026-W46/index.html").exists()
    assert not newest.path("wochenrueckblick/2026-W46/teilen").exists()
    links = newest.html("wochenrueckblick/2026-W46/").xpath("//a/@href")
    assert not [href for href in links if "/teilen/" in href]  # no link to a page that is not there
    assert any("2026-W47/teilen/" in href for href in newest.html("wochenrueckblick/2026-W47/").xpath("//a/@href"))
    every = build_site({**SITE, **earlier}, overrides={"SHARE_WEEKS": 0})
    assert every.path("wochenrueckblick/2026-W46/teilen/share.json").exists()
