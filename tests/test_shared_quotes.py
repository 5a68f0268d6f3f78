"""Quotes inside quotes use the language's inner marks."""

import pytest

from shared.quotes import quote_title


def german(title):
    return f"„{title}“"


def english(title):
    return f"“{title}”"


@pytest.mark.parametrize("quote, title, expected", [
    (german, "Warum „Q&A“ & Co. helfen", "„Warum ‚Q&A‘ & Co. helfen“"),
    (german, 'Warum "Q&A" hilft', "„Warum \"Q&A\" hilft“"),  # straight quotes do not clash: as typed
    (german, "Ohne Anführungszeichen", "„Ohne Anführungszeichen“"),
    (german, "Apostroph's bleibt", "„Apostroph's bleibt“"),
    (english, "Why “Q&A” helps", "“Why ‘Q&A’ helps”"),
    (english, 'Why "Q&A" helps', "“Why \"Q&A\" helps”"),
    (english, "Warum „Q&A“ hilft", "“Warum ‘Q&A’ hilft”"),
])
def test_a_quoted_title_with_quotes_gets_the_inner_marks(quote, title, expected):
    assert quote_title(title, lambda title: quote(title)) == expected


def test_a_quoted_title_uses_the_inner_marks_in_the_roundup_and_the_email(build_site):
    """(Share texts put a title at the start of a post, unquoted: nothing to nest there.)"""
    from helpers.frontmatter import article

    title = "Warum „Q&A“ hilft"
    site = build_site({"articles/qa.md": article(title, "2026-11-18 10:00", id="0002", thanks=["tom-muster"],
                                                 summary="Ein Satz.", body="Text.")},
                      settings_file="publishconf.py")
    assert site.result.errors == [], site.messages
    expected = "Hilfe bei „Warum ‚Q&A‘ hilft“"
    roundup = site.html("wochenrueckblick/2026-W47/").text_content()
    email = site.text("newsletter/2026-W47.txt")
    email_html = site.html("newsletter/2026-W47.html").text_content()
    for shown in (roundup, email, email_html):
        assert expected in shown
        assert "„Warum „Q&A“" not in shown
