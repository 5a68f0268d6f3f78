"""The preview in Chromium: a saved edit appears by itself, a content problem appears in the page
and goes away when fixed, and nothing is requested from anywhere but the preview."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from helpers.preview import ARTICLE

PAGE = "2026/erster-beitrag/"

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium, preview):
    """A page on the preview; every request it makes is recorded in page.requested."""
    opened = chromium.new_page()
    opened.requested = []
    opened.on("request", lambda request: opened.requested.append(request.url))
    opened.goto(preview.url + PAGE)
    deadline = time.monotonic() + 10
    while not preview.session.clients and time.monotonic() < deadline:  # the page listens for edits
        time.sleep(0.02)
    assert preview.session.clients
    yield opened
    opened.close()


def reloads_by_itself(page, text: str, problems_shown: bool | None = None) -> None:
    """Wait until the page shows `text` (and, if asked, the problem banner or none).
    The body is missing for a moment while the page reloads."""
    page.wait_for_function("""([text, problems]) => document.body !== null && document.body.innerText.includes(text)
        && (problems === null || problems === (document.getElementById("werkbank-preview-problems") !== null))""",
                           arg=[text, problems_shown], timeout=30_000)


def test_a_saved_edit_appears_without_reloading_by_hand(page, preview):
    assert "Wer gibt." in page.inner_text("main")
    preview.save("articles/erster-beitrag.md", ARTICLE.format(body="Wer gibt, bekommt zurück."))
    reloads_by_itself(page, "Wer gibt, bekommt zurück.")
    origin = urlsplit(preview.url).netloc
    assert {urlsplit(url).netloc for url in page.requested} == {origin}
    assert any(url.endswith("/_preview/reload.js") for url in page.requested)


def test_a_problem_shows_in_the_page_and_the_page_comes_back_when_fixed(page, preview):
    preview.save("articles/erster-beitrag.md", ARTICLE.format(body="Wer gibt.").replace("date: 2026-11-18 09:30",
                                                                                       "date: 2026-13-45"))
    page.wait_for_selector("#werkbank-preview-problems", timeout=20_000)
    banner = page.inner_text("#werkbank-preview-problems")
    assert "content/articles/erster-beitrag.md:4" in banner
    preview.save("articles/erster-beitrag.md", ARTICLE.format(body="Wieder da."))
    # The edit may show first with the last build's banner; the full build that follows removes it.
    reloads_by_itself(page, "Wieder da.", problems_shown=False)


def test_an_edit_built_before_the_page_listens_still_reloads_it(chromium, preview):
    """The page is served, and its event stream connects only after an edit was built (a slow
    machine, a page still loading): the page learns at connecting that it is out of date."""
    opened = chromium.new_page()
    held = []
    opened.route("**/_preview/events*", lambda route: held.append(route))  # the stream waits until the test lets it go
    opened.goto(preview.url + PAGE)
    opened.wait_for_function("() => document.readyState === 'complete'")
    assert held and not preview.session.clients
    preview.save("articles/erster-beitrag.md", ARTICLE.format(body="Gebaut, bevor die Seite zuhörte."))
    preview.wait_until_settled()
    held[0].continue_()
    reloads_by_itself(opened, "Gebaut, bevor die Seite zuhörte.")
    opened.close()
