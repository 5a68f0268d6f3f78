"""A roundup page leads on to its #FollowFriday share page and its newsletter copy, and both exist."""


def test_roundup_page_links_share_page_and_newsletter_copy(build_site):
    site = build_site(settings_file="publishconf.py", overrides={"SITEURL": "https://blog.example"})
    page = site.html("wochenrueckblick/2026-W47/")
    links = {a.text_content(): a.get("href") for a in page.findall(".//ul[@class='share-links roundup-more']//a")}
    assert links["#FollowFriday-Texte zum Teilen"] == "https://blog.example/wochenrueckblick/2026-W47/teilen/"
    assert links["Als Newsletter lesen"] == "https://blog.example/wochenrueckblick/2026-W47/newsletter/"
    for url in links.values():
        assert site.path(url.removeprefix("https://blog.example/") + "index.html").is_file()
