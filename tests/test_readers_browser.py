"""The search page in Chromium: a query finds a known post from our own origin only, ?q= links a
search, axe finds no serious violation, and without JavaScript it still leads to the archive."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from readers.search_index import index_site
from helpers.readers import build_readers_site
from helpers.sitecheck import require_tool

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    return build_readers_site(tmp_path_factory.mktemp("readers-search"), search_index=True)


@pytest.fixture(scope="module")
def served(search_site):
    output = search_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def bundle(output: Path) -> dict:
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted((output / "pagefind").rglob("*"))
            if path.is_file()}


def test_indexing_again_writes_the_same_bundle_and_leaves_no_old_chunk(search_site):
    before = bundle(search_site)
    (search_site / "pagefind" / "index" / "stale.pf_index").write_bytes(b"old")
    index_site(search_site)
    assert bundle(search_site) == before and "pagefind/pagefind-entry.json" in before


def results(page) -> list[dict]:
    page.wait_for_selector(".search-results li", timeout=10_000)
    return page.evaluate("""() => [...document.querySelectorAll('.search-results li')].map(li => ({
        title: li.querySelector('h2').textContent, href: li.querySelector('a').getAttribute('href'),
        meta: li.querySelector('.post-meta').textContent, summary: li.querySelector('.card-summary').textContent}))""")


def test_a_typed_query_finds_the_post_and_no_request_leaves_the_origin(chromium, served):
    """Under the page's Content-Security-Policy: search runs without any violation."""
    page = chromium.new_page()
    requests, console = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(served + "suche/")
    page.fill("input[name=q]", "Schattenbretter")
    page.press("input[name=q]", "Enter")
    # locators, not wait_for_function: a string of JavaScript is eval, which the page's policy refuses
    page.locator(".search-status", has_text="Treffer").wait_for()
    found = results(page)
    assert found[0] == {"title": "Ein langer Beitrag über Schattenbretter", "href": "/2026/langer-beitrag/",
                        "meta": "12. November 2026 · Tom Muster",
                        "summary": "Worum es in Ein langer Beitrag über Schattenbretter geht."}
    assert page.locator(".search-status").text_content() == "1 Treffer für „Schattenbretter“"
    assert page.evaluate("location.search") == "?q=Schattenbretter"
    assert requests and [url for url in requests if not url.startswith(served)] == []
    assert "script-src 'self'" in page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert [text for text in console if "Content Security Policy" in text] == []
    page.close()


def test_a_linked_search_opens_with_its_results_and_finds_authors_and_topics(chromium, served):
    page = chromium.new_page()
    page.goto(served + "suche/?q=Muster")
    assert page.input_value("input[name=q]") == "Muster"
    assert {hit["href"] for hit in results(page)} == {"/2026/langer-beitrag/", "/2026/fremd/"}
    page.goto(served + "suche/?q=Mittwochstipp")
    assert {hit["href"] for hit in results(page)} == {"/2026/tipp-eins/", "/2026/tipp-zwei/"}
    page.goto(served + "suche/?q=Teilen")  # the share box and the navigation are not indexed
    page.locator(".search-status", has_text="Keine").wait_for()
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_page_with_results_has_no_serious_axe_violation(chromium, served, scheme):
    require_tool("axe-core")
    page = chromium.new_page(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page.add_init_script(script=AXE.read_text())  # as the page loads: its policy refuses inline scripts
    page.goto(served + "suche/?q=Tipp")
    results(page)
    found = page.evaluate("async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
                          "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})).violations")
    assert [(v["id"], v["impact"]) for v in found if v["impact"] in ("serious", "critical")] == []
    assert not page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    page.close()


def test_without_javascript_the_search_page_links_archive_topics_and_authors(chromium, served):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "suche/?q=Werkbank")
    links = page.evaluate("[...document.querySelectorAll('main a')].map(a => [a.textContent, a.getAttribute('href')])")
    assert ["Archiv", "../archiv/"] in links and ["Themen", "../thema/"] in links
    assert ["Autorinnen und Autoren", "../autoren/"] in links
    assert page.locator("noscript").count() == 1 and page.locator(".search-results li").count() == 0
    context.close()
