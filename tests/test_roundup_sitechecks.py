"""Site checks on the roundup pages: valid HTML (Nu checker), WCAG 2.2 AA (axe-core), no sideways scroll."""

import subprocess

import pytest

from helpers.roundup import ROUNDUP_SITE
from helpers.site import ROOT
from helpers.sitecheck import require_tool, require_validator

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["wochenrueckblick/2026-W47/index.html", "wochenrueckblick/index.html", "index.html"]
WCAG = "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']"


@pytest.fixture
def roundup_site(build_site):
    site = build_site(ROUNDUP_SITE)
    assert site.result.errors == [], site.messages
    return site


def test_roundup_pages_are_valid_html(roundup_site):
    require_validator()
    files = [str(roundup_site.path(page)) for page in PAGES]
    checked = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr


def test_roundup_pages_pass_axe_in_light_and_dark_mode_at_375px(roundup_site, chromium):
    require_tool("axe-core")
    found = []
    for page_path in PAGES:
        for scheme in ("light", "dark"):
            page = chromium.new_page(viewport={"width": 375, "height": 800}, color_scheme=scheme)
            page.add_init_script(script=AXE.read_text())  # as the page loads: its policy refuses inline scripts
            page.goto(roundup_site.path(page_path).as_uri())
            result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG}}}}})")
            found += [(page_path, scheme, violation["id"]) for violation in result["violations"]]
            if page.evaluate("document.documentElement.scrollWidth") > 375:
                found.append((page_path, scheme, "horizontal scroll"))
            page.close()
    assert found == []
