"""The share pages in a real browser: valid HTML, WCAG 2.2 AA (axe-core), no third-party requests,
no horizontal scrolling at 375 px, readable without JavaScript."""

import functools
import http.server
import subprocess
import threading

import pytest

from helpers.site import ROOT
from helpers.sitecheck import require_tool, require_validator

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["wochenrueckblick/2026-W47/teilen/", "2026/zweiter-beitrag/"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(sharekit_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sharekit_site.output))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_share_pages_are_valid_html(sharekit_site):
    require_validator()
    files = [str(sharekit_site.output / page / "index.html") for page in PAGES]
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_path", PAGES)
def test_share_pages_are_accessible_same_origin_and_fit_a_phone(chromium, served, page_path, scheme):
    require_tool("axe-core")
    page = chromium.new_page(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page.add_init_script(script=AXE.read_text())  # as the page loads: its policy refuses inline scripts
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served + page_path)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: "
                           "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    assert not page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert [url for url in requests if not url.startswith(served)] == []
    # the optional copy buttons come from the same-origin script, one per text
    assert page.evaluate("document.querySelectorAll('textarea + button').length") == \
        page.evaluate("document.querySelectorAll('textarea[readonly]').length")
    page.close()


def test_share_texts_are_there_without_javascript(chromium, served):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + PAGES[0])
    boxes = page.locator("textarea[readonly]")
    assert boxes.count() >= 5
    assert boxes.first.input_value().startswith("#FollowFriday")
    assert page.locator("textarea + button").count() == 0
    context.close()
