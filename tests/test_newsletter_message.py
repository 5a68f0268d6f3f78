"""The .eml: multipart/alternative (text first, HTML last), UTF-8, the expected headers, deterministic."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime
from email.utils import parsedate_to_datetime

import pytest

from helpers.newsletter import BERLIN, rendered_email, small_roundup


def parsed(eml: bytes):
    return email.message_from_bytes(eml, policy=email.policy.default)


def test_eml_is_multipart_alternative_with_text_first_and_html_last():
    html, text, eml = rendered_email()
    message = parsed(eml)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    assert all(part.get_content_charset() == "utf-8" for part in parts)
    assert parts[0].get_content() == text
    assert parts[1].get_content() == html


def test_eml_has_the_expected_headers():
    _, _, eml = rendered_email()
    message = parsed(eml)
    assert message["Subject"] == "Netzwerken ist eine Haltung & kein … und ein weiterer · Werkbank Blog"
    assert message["From"] == "Werkbank Blog <newsletter@nordlicht-werkstatt.example>"
    assert message["To"] == "werkbank-newsletter@lists.nordlicht-werkstatt.example"
    assert message["Message-ID"] == "<newsletter-2026-W47@nordlicht-werkstatt.example>"
    assert message["List-Unsubscribe"] == (
        "<{{ UnsubscribeURL }}>, <mailto:newsletter-abmelden@nordlicht-werkstatt.example?subject=abmelden>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["MIME-Version"] == "1.0"
    assert message["Content-Language"] == "de"


def test_date_header_is_the_roundups_cutoff_not_the_clock():
    _, _, eml = rendered_email()
    assert parsedate_to_datetime(parsed(eml)["Date"]) == datetime(2026, 11, 20, 15, tzinfo=BERLIN)


def test_mailto_only_list_offers_no_one_click_header():
    _, _, eml = rendered_email(NEWSLETTER_SERVICE="mailto")
    message = parsed(eml)
    # a folded header keeps the fold's space in Python's parser
    assert message["List-Unsubscribe"].strip() == "<mailto:newsletter-abmelden@nordlicht-werkstatt.example?subject=abmelden>"
    assert message["List-Unsubscribe-Post"] is None


def test_eml_is_seven_bit_clean_for_any_relay():
    _, _, eml = rendered_email()
    eml.decode("ascii")
    assert max(len(line) for line in eml.splitlines()) <= 998


def test_same_roundup_gives_the_same_eml_bytes():
    assert rendered_email()[2] == rendered_email()[2]


def test_different_content_gives_a_different_boundary():
    roundup = small_roundup()
    roundup.intro_text = "Anders."
    first, second = parsed(rendered_email()[2]), parsed(rendered_email(roundup)[2])
    assert first.get_boundary() != second.get_boundary()


@pytest.mark.parametrize("lang, subject", [
    ("de", "Netzwerken ist eine Haltung & kein … und ein weiterer · Werkbank Blog"),
    ("en", "Netzwerken ist eine Haltung & kein Termin and one more · Werkbank Blog")])
def test_subject_follows_the_site_language(lang, subject):
    assert parsed(rendered_email(DEFAULT_LANG=lang)[2])["Subject"] == subject
