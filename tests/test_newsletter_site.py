"""End to end: a small site built with publishconf.py writes every roundup as an email."""

from __future__ import annotations

import email
import email.policy
import json

from lxml import html as lxml_html

from helpers.site import SAMPLE_PUBLISHCONF, SAMPLE_SETTINGS
from tools.newsletter import cli as newsletter_cli

SITEURL = "https://blog.nordlicht-werkstatt.example"


def test_publish_build_writes_html_text_eml_web_copy_and_index(build_site):
    site = build_site(settings_file="publishconf.py")
    assert site.result.exit_code(strict=True) == 0, site.messages
    index = json.loads(site.text("newsletter/index.json"))
    [entry] = index["newsletters"]
    assert entry["slug"] == "2026-W47" and index["site_url"] == SITEURL
    html = site.html("newsletter/2026-W47.html")
    assert [a.text_content() for a in html.xpath("//h3/a")] == ["Erster Beitrag"]
    assert html.xpath("//h3/a/@href") == [f"{SITEURL}/2026/erster-beitrag/"]
    assert "Jana Beispiel" in [a.text_content() for a in html.xpath("//ul/li/a")]
    assert f"{SITEURL}/2026/erster-beitrag/" in site.text("newsletter/2026-W47.txt")
    message = email.message_from_bytes(site.path("newsletter/2026-W47.eml").read_bytes(),
                                       policy=email.policy.default)
    assert message["Message-ID"] == "<newsletter-2026-W47@nordlicht-werkstatt.example>"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    web_copy = site.html("wochenrueckblick/2026-W47/newsletter/")
    assert web_copy.xpath("//link[@rel='canonical']/@href") == [f"{SITEURL}/wochenrueckblick/2026-W47/"]


def test_newsletter_files_stay_out_of_the_sitemap(build_site):
    site = build_site(settings_file="publishconf.py")
    sitemap = site.text("sitemap.xml")
    assert "wochenrueckblick/2026-W47/" in sitemap
    assert "newsletter" not in sitemap


def test_development_build_writes_no_newsletter(build_site):
    site = build_site()
    assert site.result.exit_code(strict=True) == 0, site.messages
    assert not site.path("newsletter").exists()


def test_enabled_without_any_site_url_skips_the_email_with_a_note(build_site, caplog):
    site = build_site(overrides={"NEWSLETTER_ENABLED": True})
    assert not site.path("newsletter").exists()
    assert "SITEURL is empty" in caplog.text and "NEWSLETTER_SITEURL" in caplog.text


def test_newsletter_siteurl_lets_a_development_build_write_the_email(build_site):
    site = build_site(overrides={"NEWSLETTER_ENABLED": True, "NEWSLETTER_SITEURL": "https://vorschau.example"})
    links = site.html("newsletter/2026-W47.html").xpath("//h3/a/@href")
    assert links == ["https://vorschau.example/2026/erster-beitrag/"]


def test_unknown_mail_service_fails_the_strict_build_with_the_choices(build_site):
    site = build_site(settings_file="publishconf.py", overrides={"NEWSLETTER_SERVICE": "mailgun"})
    assert site.result.exit_code(strict=True) == 1
    assert "NEWSLETTER_SERVICE = 'mailgun' is not allowed: expected one of 'listmonk', 'mailchimp', 'brevo', 'mailto'" in site.messages


def test_same_content_builds_the_same_email_bytes(build_site, tmp_path):
    first = build_site(settings_file="publishconf.py")
    files = {name: first.path(f"newsletter/2026-W47.{name}").read_bytes() for name in ("html", "txt", "eml")}
    second = build_site(settings_file="publishconf.py")
    assert {name: second.path(f"newsletter/2026-W47.{name}").read_bytes() for name in files} == files


def test_make_newsletter_prints_paths_and_size_and_fails_over_budget(build_site, capsys, monkeypatch, tmp_path):
    site = build_site(settings_file="publishconf.py")
    code = newsletter_cli.main(["build", "--no-site-build", "--settings", str(SAMPLE_PUBLISHCONF),
                                "--output", str(site.output)])
    out = capsys.readouterr().out
    assert code == 0
    assert "newsletter 2026-W47: Erster Beitrag · Werkbank Blog" in out
    assert "2026-W47.eml" in out and "KB HTML (budget 90 KB" in out
    small_budget = tmp_path / "tiny.py"
    small_budget.write_text("from publishconf import *\nNEWSLETTER_MAX_BYTES = 1024\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(SAMPLE_SETTINGS))
    code = newsletter_cli.main(["build", "--no-site-build", "--output", str(site.output),
                                "--settings", str(small_budget)])
    assert code == 1
    assert "over the budget of 1 KB (NEWSLETTER_MAX_BYTES)" in capsys.readouterr().err


def test_web_copy_is_a_valid_page_with_the_site_language(build_site):
    site = build_site(settings_file="publishconf.py")
    page = lxml_html.fromstring(site.path("wochenrueckblick/2026-W47/newsletter/index.html").read_bytes())
    assert page.get("lang") == "de"
    assert "UnsubscribeURL" not in site.text("wochenrueckblick/2026-W47/newsletter/index.html")
