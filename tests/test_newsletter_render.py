"""The email HTML and plain text of a roundup: size, absolute URLs, no unsafe elements, content."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newsletter.config import NewsletterConfigError, newsletter_settings
from newsletter.presets import PRESETS, placeholder_values
from newsletter.render import email_view, render_html, render_text
from helpers.newsletter import SITEURL, config, email_env, site_settings, small_roundup, synthetic_week

MAX_BYTES = 90 * 1024


def rendered(roundup=None, lang="de", web_copy=False, **overrides):
    env = email_env(lang)
    view = email_view(roundup or small_roundup(), config(DEFAULT_LANG=lang, **overrides),
                      env.globals["t"], env.globals["tn"], web_copy=web_copy)
    return render_html(env, view), render_text(env, view)


def test_a_week_with_40_posts_stays_under_90_kb_after_inlining():
    html, _ = rendered(synthetic_week(40))
    assert len(html.encode("utf-8")) < MAX_BYTES


@pytest.mark.parametrize("service", sorted(PRESETS))
@pytest.mark.parametrize("web_copy", [False, True])
def test_every_link_and_image_url_is_absolute(service, web_copy):
    html, _ = rendered(NEWSLETTER_SERVICE=service, web_copy=web_copy)
    placeholders = placeholder_values(PRESETS[service])
    document = lxml_html.fromstring(html)
    urls = [(el.tag, attr, el.get(attr)) for el in document.iter() if isinstance(el.tag, str)
            for attr in ("href", "src") if el.get(attr) is not None]
    assert urls
    for tag, attr, url in urls:
        assert url.startswith(("https://", "mailto:")) or url in placeholders, (tag, attr, url)


@pytest.mark.parametrize("web_copy", [False, True])
def test_email_has_no_script_form_stylesheet_link_web_font_or_svg(web_copy):
    html, _ = rendered(web_copy=web_copy)
    document = lxml_html.fromstring(html)
    assert not document.xpath("//script | //form | //svg | //iframe | //object | //embed | //input")
    assert not document.xpath("//link[contains(@rel, 'stylesheet')]")
    styles = " ".join(document.xpath("//style/text()") + document.xpath("//@style"))
    assert "@font-face" not in styles and "@import" not in styles and "url(" not in styles
    assert not [src for src in document.xpath("//img/@src") if not src.lower().endswith((".png", ".jpg", ".jpeg"))]


def test_images_have_width_height_and_alt():
    document = lxml_html.fromstring(rendered()[0])
    images = document.xpath("//img")
    assert images
    for image in images:
        assert image.get("width") and image.get("height") and image.get("alt")


def test_layout_is_600_px_tables_fluid_below_with_an_outlook_ghost_table():
    html, _ = rendered()
    document = lxml_html.fromstring(html)
    assert document.get("lang") == "de"
    card = document.xpath("//table[@width='600']")[0]
    assert card.get("role") == "presentation"
    assert "max-width:600px" in card.get("style") and "width:100%" in card.get("style")
    assert all(table.get("role") == "presentation" for table in document.xpath("//table"))
    assert "<!--[if mso]><table role=\"presentation\" width=\"600\"" in html
    assert document.xpath("//meta[@name='color-scheme']/@content") == ["light dark"]
    kept = " ".join(document.xpath("//style/text()"))
    assert "prefers-color-scheme:dark" in kept and "max-width:620px" in kept


def test_css_is_inlined_and_only_the_media_rules_stay_in_a_style_block():
    document = lxml_html.fromstring(rendered()[0])
    link = document.xpath("//h3/a")[0]
    assert "color:#0a539c" in link.get("style")
    assert len(document.xpath("//style")) == 1


def test_preheader_is_the_hidden_intro_text():
    document = lxml_html.fromstring(rendered()[0])
    hidden = document.xpath("//div[contains(@style, 'display:none')]")[0]
    assert hidden.text_content().startswith("Eine Woche voller Neuer und Tipps.")


def test_email_shows_title_posts_authors_tip_label_and_thanks():
    document = lxml_html.fromstring(rendered()[0])
    assert document.xpath("//h1")[0].text_content() == "KW 47/2026"
    titles = [a.text_content() for a in document.xpath("//h3/a")]
    assert titles == ["Netzwerken ist eine Haltung & kein Termin", "Gendern ohne Sternchen"]
    text = document.text_content()
    assert "von Jana Beispiel und Tom Muster" in text
    assert "Tipp 13 · #Mittwochstipp" in text
    thanks = [li.text_content() for li in document.xpath("//ul/li")]
    assert [line.split(":")[0] for line in thanks] == ["Aylin Özdemir", "Jana Beispiel", "Tom Muster"]
    assert "Neu dabei" in thanks[0] and "Autorin und Tipp der Woche" in thanks[1]


def test_relative_links_in_the_intro_become_absolute():
    document = lxml_html.fromstring(rendered()[0])
    assert f"{SITEURL}/autoren/aylin-oezdemir/" in document.xpath("//a/@href")


def test_text_is_escaped_in_the_html():
    roundup = small_roundup()
    roundup.articles[0].summary_text = "Warum <script>alert(1)</script> nie im Newsletter landet"
    html, text = rendered(roundup)
    assert not lxml_html.fromstring(html).xpath("//script")
    assert "<script>alert(1)</script>" in text


def test_footer_has_view_online_unsubscribe_and_impressum():
    document = lxml_html.fromstring(rendered()[0])
    links = {a.text_content(): a.get("href") for a in document.xpath("//a")}
    assert links["Im Browser ansehen"] == f"{SITEURL}/wochenrueckblick/2026-W47/newsletter/"
    assert links["Newsletter abbestellen"] == "{{ UnsubscribeURL }}"
    assert links["Impressum"] == f"{SITEURL}/impressum/"


def test_web_copy_has_no_unsubscribe_placeholder_and_points_to_the_roundup():
    html, _ = rendered(web_copy=True)
    document = lxml_html.fromstring(html)
    assert "UnsubscribeURL" not in html
    assert document.xpath("//link[@rel='canonical']/@href") == [f"{SITEURL}/wochenrueckblick/2026-W47/"]
    assert document.xpath("//meta[@name='robots']/@content") == ["noindex"]


def test_plain_text_has_every_post_title_url_and_the_thanks():
    roundup = synthetic_week(12)
    _, text = rendered(roundup)
    for article in roundup.articles:
        assert article.title in text
        assert f"{SITEURL}/{article.url}" in text
    for person in roundup.contributors:
        assert f"* {person.name}: Autorin und hat Feedback gegeben" in text
    assert "DANKE AN" in text and "{{ UnsubscribeURL }}" in text


def test_plain_text_shows_titles_as_typed():
    # Titles are typed text (not HTML): "&" stays "&" in the text part, escaped once in the HTML.
    html, text = rendered()
    assert "Netzwerken ist eine Haltung & kein Termin" in text
    assert "&amp;" not in text
    assert "Haltung &amp; kein Termin" in html and "&amp;amp;" not in html


def test_english_strings_are_used_for_an_english_site():
    html, text = rendered(lang="en")
    assert "This week's posts" in lxml_html.fromstring(html).text_content()
    assert "by Jana Beispiel and Tom Muster" in text
    assert lxml_html.fromstring(html).get("lang") == "en"


def test_same_roundup_renders_the_same_bytes():
    assert rendered(synthetic_week(5)) == rendered(synthetic_week(5))


@pytest.mark.parametrize("key, value, expected", [
    ("NEWSLETTER_SERVICE", "mailgun", "expected one of 'listmonk', 'mailchimp', 'brevo', 'mailto'"),
    ("NEWSLETTER_FROM", "newsletter", "NEWSLETTER_FROM = 'newsletter' is not allowed: expected an email address"),
    ("NEWSLETTER_SITEURL", "blog.example.org", "expected an absolute address"),
    ("NEWSLETTER_MAX_BYTES", "90 KB", "expected a whole number"),
    ("NEWSLETTER_LOGO", {"path": "logo.svg", "width": 32, "height": 32}, "PNG or JPEG"),
    ("NEWSLETTER_VIEW_ONLINE", "archive", "expected one of 'site', 'service'"),
    ("NEWSLETTER_WEB_COPY_URL", "newsletter.html", "a directory URL ending in '/'"),
])
def test_bad_setting_names_key_value_and_choices(key, value, expected):
    with pytest.raises(NewsletterConfigError, match=None) as raised:
        newsletter_settings(site_settings(**{key: value}))
    assert expected in str(raised.value)
    assert key in str(raised.value)


@pytest.mark.parametrize("service, unsubscribe", [
    ("listmonk", "{{ UnsubscribeURL }}"),
    ("mailchimp", "*|UNSUB|*"),
    ("brevo", "{{ unsubscribe }}"),
    ("mailto", "mailto:newsletter-abmelden@nordlicht-werkstatt.example?subject=abmelden"),
])
def test_unsubscribe_link_is_the_services_placeholder(service, unsubscribe):
    html, text = rendered(NEWSLETTER_SERVICE=service)
    links = {a.text_content(): a.get("href") for a in lxml_html.fromstring(html).xpath("//a")}
    assert links["Newsletter abbestellen"] == unsubscribe
    assert f"Newsletter abbestellen: {unsubscribe}" in text


def test_view_online_can_use_the_services_archive_placeholder():
    html, _ = rendered(NEWSLETTER_SERVICE="mailchimp", NEWSLETTER_VIEW_ONLINE="service")
    links = {a.text_content(): a.get("href") for a in lxml_html.fromstring(html).xpath("//a")}
    assert links["Im Browser ansehen"] == "*|ARCHIVE|*"


def test_each_address_is_in_the_plain_text_once():
    """A thanked free name with a website: its name leads there, so no 'Website:' line repeats it."""
    from helpers.newsletter import FakeContributor

    roundup = small_roundup()
    roundup.contributors.append(FakeContributor("Sehen im Alter e. V.", None, None,
                                                {"website": "https://sehen-im-alter.example"}, ["hat beraten"]))
    html, text = rendered(roundup)
    urls = [line.split(": ", 1)[-1].strip() for line in text.splitlines() if "https://" in line]
    assert urls.count("https://sehen-im-alter.example") == 1
    assert len(urls) == len(set(urls)), [u for u in urls if urls.count(u) > 1]
    hrefs = lxml_html.fromstring(html).xpath("//a[contains(@href, 'sehen-im-alter')]/@href")
    assert hrefs == ["https://sehen-im-alter.example"]


def subject_and_preheader(roundup=None, **overrides):
    env = email_env(overrides.pop("lang", "de"))
    view = email_view(roundup or small_roundup(), config(**overrides), env.globals["t"], env.globals["tn"])
    return view.subject, view.preheader


def test_the_subject_names_the_first_post_and_how_many_more_within_70_characters():
    subject, _ = subject_and_preheader(synthetic_week(40))
    assert subject.startswith("Beitrag 0: Wie wir") and "und 39 weitere · Werkbank Blog" in subject
    assert len(subject) <= 70 and "…" in subject  # the long first title lost words, not the count


def test_a_subject_pattern_from_the_settings_is_used():
    subject, _ = subject_and_preheader(NEWSLETTER_SUBJECT="{week}: {first} (+{more})")
    assert subject == "KW 47/2026: Netzwerken ist eine Haltung & kein Termin (+1)"


def test_a_subject_pattern_with_an_unknown_field_is_refused():
    with pytest.raises(NewsletterConfigError, match="NEWSLETTER_SUBJECT"):
        subject_and_preheader(NEWSLETTER_SUBJECT="{titel}")


def test_without_an_intro_the_preheader_names_the_other_posts_not_the_first():
    roundup = small_roundup()
    roundup.intro_text = roundup.intro_html = ""
    subject, preheader = subject_and_preheader(roundup)
    assert preheader == "Außerdem: Gendern ohne Sternchen"
    assert roundup.articles[0].title not in preheader and "Gendern" not in subject
