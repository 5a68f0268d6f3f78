"""Helpers for the share-kit tests: the real post wording, reading names back out of posts, and the
share-kit site (one roundup week, people on every network) with the names each network should show."""

from datetime import date
from pathlib import Path

from helpers import frontmatter

from shared.yamlsource import load_yaml_file
from sharekit.threads import Wording

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://blog.nordlicht-werkstatt.example"


def wording(lang: str = "de") -> Wording:
    strings = load_yaml_file(str(ROOT / "theme" / "strings" / lang / "sharekit.yml")).data
    return Wording.from_strings(strings)


def named_lines(posts: list[str], names: list[str]) -> list[str]:
    """Every line of the posts that is one of `names`, in order (names stand on their own lines)."""
    wanted = set(names)
    return [line for post in posts for line in post.split("\n") if line in wanted]


def profile(name, **links):
    """A colleague's profile (the keys of helpers.site.AUTHOR_YAML) with `links` on line 8 on."""
    return frontmatter.profile(name, role="Entwicklerin", department="Technik", since=date(2024, 1, 1),
                               status="active", expertise=["Testen"], links=links)


SITE = {
    "authors/jana-beispiel.yml": profile("Jana Beispiel", mastodon="https://social.example/@jana",
                                         bluesky="https://bsky.app/profile/janabeispiel.bsky.social",
                                         linkedin="https://www.linkedin.com/in/jana-beispiel"),
    "authors/tom-muster.yml": profile("Tom Muster", x="https://x.com/tom_muster_hb"),
    "authors/aenne-ahlers.yml": profile("Änne Ahlers", xing="https://www.xing.com/profile/Aenne_Ahlers"),
    "authors/zoe-zimmermann.yml": profile("Zoë Zimmermann", bluesky="https://bsky.app/profile/zoezimmermann.bsky.social"),
    "articles/zweiter-beitrag.md": frontmatter.article(
        "Führung & Netzwerk: zuhören zuerst", "2026-11-19 10:00", author="tom-muster", co_authors=["zoe-zimmermann"],
        thanks=["aenne-ahlers", {"name": "Die Community auf Mastodon",
                                 "url": "https://social.example/tags/followerpower"}],
        tags=["employee advocacy", "Führung"], category="Arbeitskultur",
        summary="Wer führt, hört zuerst zu – und teilt dann, was er gelernt hat."),
}

# Who the week's roundup thanks, and how each network names them (German order: Ä with A).
EXPECTED_NAMES = {
    "mastodon": ["Änne Ahlers", "Die Community auf Mastodon", "@jana@social.example", "Tom Muster", "Zoë Zimmermann"],
    "bluesky": ["Änne Ahlers", "Die Community auf Mastodon", "@janabeispiel.bsky.social", "Tom Muster",
                "@zoezimmermann.bsky.social"],
    "x": ["Änne Ahlers", "Die Community auf Mastodon", "Jana Beispiel", "@tom_muster_hb", "Zoë Zimmermann"],
    "linkedin": ["Änne Ahlers", "Die Community auf Mastodon", "Jana Beispiel", "Tom Muster", "Zoë Zimmermann"],
    "xing": ["Änne Ahlers", "Die Community auf Mastodon", "Jana Beispiel", "Tom Muster", "Zoë Zimmermann"],
}


def page_share_texts(page) -> dict[str, list[str]]:
    """{network: [post, ...]} as an article page's "Texte zum Kopieren" show them (lxml page)."""
    texts: dict[str, list[str]] = {}
    for box in page.xpath("//section[contains(@class, 'share')]//textarea"):
        for network in box_networks(page, box):
            texts.setdefault(network, []).append(box.text_content())
    return texts


def box_networks(page, box) -> list[str]:
    """The networks a copy box is for, from its counts (one box serves networks with the same text)."""
    counts = page.get_element_by_id(box.get("aria-describedby"))
    return [network for span in counts.xpath("./span[@data-network]") for network in span.get("data-network").split()]
