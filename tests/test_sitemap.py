"""sitemap.xml lists published pages with dates from the content, never from the build clock."""

from lxml import etree

from sitemap_xml.sitemap import SitemapEntry, is_listed, page_url, sitemap_xml

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_index_html_becomes_a_directory_url():
    assert page_url("autoren/jana/index.html") == "autoren/jana/"
    assert page_url("index.html") == ""
    assert page_url("404.html") == "404.html"


def test_drafts_404_and_excluded_patterns_are_not_listed():
    assert is_listed("2026/x/", "published")
    assert not is_listed("entwuerfe/x/", "published", exclude=[r"^entwuerfe/"])  # the draft prefix comes from DRAFT_URL
    assert not is_listed("2026/x/", "draft")
    assert not is_listed("404.html", "published")
    assert not is_listed("wochenrueckblick/2026-W47/newsletter/", "published", exclude=[r"/newsletter/"])


def test_sitemap_is_sorted_and_absolute():
    xml = sitemap_xml([SitemapEntry("b/", None), SitemapEntry("a/", None)], "https://blog.example")
    locs = etree.fromstring(xml.encode()).xpath("//s:loc/text()", namespaces=NS)
    assert locs == ["https://blog.example/a/", "https://blog.example/b/"]


def test_built_sitemap_dates_come_from_content(build_site):
    site = build_site(settings_file="publishconf.py", overrides={"SITEURL": "https://blog.example"})
    tree = etree.parse(str(site.path("sitemap.xml")))
    urls = dict(zip(tree.xpath("//s:loc/text()", namespaces=NS),
                    [u.findtext("s:lastmod", namespaces=NS) for u in tree.xpath("//s:url", namespaces=NS)]))
    assert urls["https://blog.example/2026/erster-beitrag/"] == "2026-11-18T09:30:00+01:00"
    assert urls["https://blog.example/"] == "2026-11-18T09:30:00+01:00"  # the newest post, not "now"
    assert not any("entwuerfe" in url or "404" in url for url in urls)
