"""Site checks on the roundup pages: valid HTML (Nu checker), WCAG 2.2 AA (axe-core), no sideways scroll."""

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.roundup import ROUNDUP_SITE
from helpers.site import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/lib/chromium/chromium"
PAGES = ["wochenrueckblick/2026-W47/index.html", "wochenrueckblick/index.html", "index.html"]
WCAG = "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']"


@pytest.fixture
def roundup_site(build_site):
    site = build_site(ROUNDUP_SITE)
    assert site.result.errors == [], site.messages
    return site


@pytest.mark.skipif(not (VNU.exists() and shutil.which("java")), reason="Nu HTML checker not installed")
def test_roundup_pages_are_valid_html(roundup_site):
    files = [str(roundup_site.path(page)) for page in PAGES]
    checked = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.skipif(not (AXE.exists() and Path(CHROMIUM).exists()), reason="axe-core or chromium missing")
def test_roundup_pages_pass_axe_in_light_and_dark_mode_at_375px(roundup_site):
    playwright = pytest.importorskip("playwright.sync_api")
    found = []
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM)
        for page_path in PAGES:
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": 375, "height": 800}, color_scheme=scheme)
                page.goto(roundup_site.path(page_path).as_uri())
                page.add_script_tag(content=AXE.read_text())
                result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG}}}}})")
                found += [(page_path, scheme, violation["id"]) for violation in result["violations"]]
                if page.evaluate("document.documentElement.scrollWidth") > 375:
                    found.append((page_path, scheme, "horizontal scroll"))
                page.close()
        browser.close()
    assert found == []
