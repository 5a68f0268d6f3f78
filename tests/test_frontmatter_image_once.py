"""A post whose `image:` is also the first picture of its text shows it once."""

import pytest

from helpers.authors import png_bytes
from helpers.frontmatter import article
from frontmatter.images import body_repeats_image


@pytest.mark.parametrize("content, image, repeats", [
    ('<p><img alt="A" src="{static}/images/2026/a.png"></p>', "images/2026/a.png", True),
    ('<p><img src="/images/2026/a.png?v=2" alt="A"></p>', "images/2026/a.png", True),
    ('<p>Text</p><p><img alt="B" src="{static}/images/2026/b.png"></p><img src="{static}/images/2026/a.png">',
     "images/2026/a.png", False),
    ("<p>Kein Bild</p>", "images/2026/a.png", False),
])
def test_only_the_first_picture_of_the_text_counts(content, image, repeats):
    assert body_repeats_image(content, image) is repeats


def pictures_of(page, name: str) -> int:
    """In the post itself: its top picture and its text (cards of other posts below do not count)."""
    sources = page.xpath("//figure[contains(@class, 'post-image')]//img/@src | //div[contains(@class, 'post-body')]//img/@src")
    return len([src for src in sources if src.split("?")[0].endswith(name)])


def test_a_post_whose_image_opens_its_text_shows_it_once(build_site):
    files = {
        "images/2026/werkbank.png": png_bytes(900, 600),
        "images/2026/anderes.png": png_bytes(900, 600),
        "articles/erster-beitrag.md": article(
            "Erster Beitrag", "2026-11-18 09:30", id="0001", image="images/2026/werkbank.png",
            image_alt="Die Werkbank", body="![Die Werkbank]({static}/images/2026/werkbank.png)\n\nText."),
        "articles/zweiter.md": article(
            "Zweiter Beitrag", "2026-11-18 10:30", id="0002", image="images/2026/werkbank.png",
            image_alt="Die Werkbank", body="![Etwas anderes]({static}/images/2026/anderes.png)\n\nText."),
    }
    site = build_site(files)
    assert site.result.errors == [], site.messages
    once = site.html("2026/erster-beitrag/")
    assert pictures_of(once, "werkbank.png") == 1
    both = site.html("2026/zweiter/")
    assert pictures_of(both, "werkbank.png") == 1 and pictures_of(both, "anderes.png") == 1
