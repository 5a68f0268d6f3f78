"""The email HTML through real checkers: Nu HTML checker, caniemail (doiuse-email), axe-core and
chromium at 375 px. Missing tools skip with an install hint, or fail when CI is set."""

from __future__ import annotations

import json
import re
import struct
import subprocess

import pytest

from newsletter.presets import PRESETS, placeholder_values
from newsletter.render import email_view, render_html
from helpers.newsletter import (AXE_JS, CHROMIUM, DOIUSE_CLI, ROOT, VNU_JAR, config, email_env, require,
                                small_roundup, synthetic_week, write_newsletter_output)

pytestmark = pytest.mark.browser

# Outlook-only markup the Nu checker rightly calls non-standard (RECIPES.md), plus the mail
# services' unsubscribe placeholders, which are replaced before any reader sees the email.
EMAIL_ONLY = ["xmlns:[vo]", "mso-", "“meta” is missing one or more"] + [
    re.escape(f"Bad value “{placeholder}” for attribute “href”")
    for preset in PRESETS.values() for placeholder in placeholder_values(preset)
]

# caniemail features the email uses although a client lacks them, each reviewed: what happens there.
REVIEWED_UNSUPPORTED = {
    "@media": "dark mode and small-screen padding are extras; Outlook/Gmail app show the light 600px layout",
    ":hover": "only the button's underline on hover; nothing depends on it",
    "Class selector": "classes only drive the kept @media rules; every base style is inlined",
    "display:none": "hides the preheader; where ignored, the intro sentence shows twice at the top",
    "overflow": "part of the preheader hiding; Outlook uses mso-hide:all instead",
    "border-radius": "Outlook (Word) draws the button with square corners",
}

AXE_SKIPPED_FOR_EMAIL = ["region", "landmark-one-main", "page-has-heading-one"]


def variant(name, roundup, web_copy=False, lang="de", **overrides):
    env = email_env(lang)
    view = email_view(roundup, config(DEFAULT_LANG=lang, **overrides), env.globals["t"], env.globals["tn"],
                      web_copy=web_copy)
    return name, render_html(env, view)


@pytest.fixture(scope="module")
def email_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("emails")
    variants = [
        variant("small-listmonk.html", small_roundup()),
        variant("week-40-posts.html", synthetic_week(40)),
        variant("web-copy.html", small_roundup(), web_copy=True),
        variant("english-mailchimp.html", small_roundup(), lang="en", NEWSLETTER_SERVICE="mailchimp"),
        variant("brevo.html", small_roundup(), NEWSLETTER_SERVICE="brevo"),
        variant("mailto.html", small_roundup(), NEWSLETTER_SERVICE="mailto"),
    ]
    paths = {}
    for name, html in variants:
        paths[name] = folder / name
        paths[name].write_text(html, encoding="utf-8")
    return paths


def test_nu_html_checker_finds_nothing_but_email_specific_markup(email_files):
    require("java", "node_modules")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu",
         "--filterpattern", f".*({'|'.join(EMAIL_ONLY)}).*", *map(str, email_files.values())],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr or result.stdout


def unsupported_features(path) -> dict:
    result = subprocess.run(
        ["node", str(DOIUSE_CLI), "--email-clients=gmail.*,outlook.windows,apple-mail.*", str(path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    report = json.loads(result.stdout)
    found = {}
    for line in report.get("errors", []):
        match = re.match(r"`(.+?)` is not supported by `(.+?)`", line)
        assert match, f"unexpected doiuse-email line: {line}"
        found.setdefault(match.group(1), set()).add(match.group(2))
    return found


@pytest.mark.parametrize("name", ["small-listmonk.html", "english-mailchimp.html"])
def test_email_uses_no_unreviewed_feature_missing_in_gmail_outlook_or_apple_mail(email_files, name):
    require("node", "node_modules")
    found = unsupported_features(email_files[name])
    unreviewed = {feature: clients for feature, clients in found.items() if feature not in REVIEWED_UNSUPPORTED}
    assert not unreviewed, f"review these (fix them or add a reason to REVIEWED_UNSUPPORTED): {unreviewed}"


@pytest.fixture(scope="module")
def browser():
    require("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


def open_email(browser, path, width=600, color_scheme="light"):
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=color_scheme)
    # Offline and private: nothing but the file itself may load (the logo shows its alt text).
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.resolve().as_uri())
    return page


@pytest.mark.parametrize("name, color_scheme", [("small-listmonk.html", "light"), ("week-40-posts.html", "dark"),
                                                ("web-copy.html", "light")])
def test_axe_finds_no_serious_or_critical_violation(browser, email_files, name, color_scheme):
    require("node_modules")
    page = open_email(browser, email_files[name], color_scheme=color_scheme)
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async (skipped) => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
            rules: Object.fromEntries(skipped.map(id => [id, {enabled: false}]))})""",
        AXE_SKIPPED_FOR_EMAIL)
    page.close()
    serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious


@pytest.mark.parametrize("name", ["small-listmonk.html", "week-40-posts.html", "english-mailchimp.html"])
def test_no_horizontal_scroll_at_375_px(browser, email_files, name):
    page = open_email(browser, email_files[name], width=375)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.close()
    assert widths[0] <= widths[1]


def test_dark_mode_changes_the_background_where_supported(browser, email_files):
    backgrounds = []
    for scheme in ("light", "dark"):
        page = open_email(browser, email_files["small-listmonk.html"], color_scheme=scheme)
        backgrounds.append(page.evaluate(
            "getComputedStyle(document.querySelector('table.card')).backgroundColor"))
        page.close()
    assert backgrounds == ["rgb(255, 255, 255)", "rgb(27, 32, 39)"]


def test_screenshots_are_written_at_600_and_375_px_light_and_dark(browser, tmp_path):
    from tools.newsletter.screenshots import write_email_screenshots

    output = write_newsletter_output(tmp_path / "output")
    written = write_email_screenshots(output, browser=browser)
    assert sorted(path.name for path in written) == [
        "newsletter-375-dark.png", "newsletter-375-light.png", "newsletter-600-dark.png", "newsletter-600-light.png"]
    for path in written:
        width = struct.unpack(">I", path.read_bytes()[16:20])[0]
        assert width == int(path.name.split("-")[1])
