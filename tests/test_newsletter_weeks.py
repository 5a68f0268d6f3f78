"""Emails are written for the newest NEWSLETTER_WEEKS roundups only: old weeks are never sent again."""

OLDER_POST = "---\ntitle: Älter\ndate: 2026-11-10 09:00\nauthor: tom-muster\n---\nText\n"


def test_only_the_newest_weeks_get_emails(build_site):
    site = build_site({"articles/aelter.md": OLDER_POST}, settings_file="publishconf.py",
                      overrides={"SITEURL": "https://blog.example", "NEWSLETTER_WEEKS": 1})
    assert site.path("wochenrueckblick/2026-W46/index.html").is_file()
    assert site.path("newsletter/2026-W47.eml").is_file()
    assert not site.path("newsletter/2026-W46.eml").exists()
    older_links = [a.text_content() for a in site.html("wochenrueckblick/2026-W46/").findall(".//a")]
    assert "Als Newsletter lesen" not in older_links


def test_zero_means_every_week(build_site):
    site = build_site({"articles/aelter.md": OLDER_POST}, settings_file="publishconf.py",
                      overrides={"SITEURL": "https://blog.example", "NEWSLETTER_WEEKS": 0})
    assert site.path("newsletter/2026-W46.eml").is_file() and site.path("newsletter/2026-W47.eml").is_file()


def test_a_bad_value_is_an_error_naming_the_setting(build_site):
    site = build_site(settings_file="publishconf.py", overrides={"SITEURL": "https://blog.example", "NEWSLETTER_WEEKS": "alle"})
    assert any("NEWSLETTER_WEEKS = 'alle'" in found.message for found in site.result.errors)
    assert site.result.exit_code(strict=True) == 1
