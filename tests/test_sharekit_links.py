"""Plain share links: every parameter decodes back to the exact URL and text."""

import random
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from sharekit.links import instance_origin, percent_encoded, share_links

URL = "https://blog.nordlicht-werkstatt.example/2026/führung-&-mut/?a=1#x"
TEXT = "Führung & Mut: 50 % mehr #Netzwerken?\n\nvon @jana@chaos.social 👩‍💻 + Zoë\n" + URL
TITLE = "Führung & Mut – „50 %“?"
LABELS = {"linkedin": "Auf LinkedIn teilen", "xing": "Auf XING teilen", "mastodon": "Auf Mastodon teilen",
          "bluesky": "Auf Bluesky teilen", "email": "Per E-Mail teilen"}
TEXTS = {"mastodon": TEXT, "bluesky": TEXT + " bsky", "linkedin": TEXT + " plain"}


def links(networks=("linkedin", "xing", "mastodon", "bluesky", "email"), instance="https://chaos.social"):
    found = share_links(networks=networks, url=URL, title=TITLE, texts=TEXTS, mastodon_instance=instance, labels=LABELS)
    return {link["network"]: link for link in found}


def decoded(href):
    parts = urlsplit(href)
    # strict: every parameter appears exactly once and nothing is lost in decoding
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values())
    return parts, {key: values[0] for key, values in query.items()}


@pytest.mark.parametrize("network, origin, path, params", [
    ("linkedin", "https://www.linkedin.com", "/sharing/share-offsite/", {"url": URL}),
    ("xing", "https://www.xing.com", "/spi/shares/new", {"url": URL}),
    ("bluesky", "https://bsky.app", "/intent/compose", {"text": TEXT + " bsky"}),
    ("mastodon", "https://chaos.social", "/share", {"text": TEXT}),
])
def test_share_links_decode_back_to_the_url_and_text(network, origin, path, params):
    parts, query = decoded(links()[network]["href"])
    assert f"{parts.scheme}://{parts.netloc}" == origin
    assert parts.path == path
    assert query == params


def test_email_link_has_subject_and_body_with_spaces_as_percent_20():
    href = links()["email"]["href"]
    assert href.startswith("mailto:?")
    assert "+" not in href  # mailto: needs %20, a '+' would stay a plus sign
    _, query = decoded(href)
    assert query == {"subject": TITLE, "body": TEXT + " plain"}


def test_links_keep_the_order_and_labels_of_the_setting():
    found = share_links(networks=["email", "bluesky"], url=URL, title=TITLE, texts=TEXTS,
                        mastodon_instance="https://mastodon.social", labels=LABELS)
    assert [(link["network"], link["label"]) for link in found] == [("email", "Per E-Mail teilen"), ("bluesky", "Auf Bluesky teilen")]


def test_no_link_carries_a_counter_or_script():
    for link in links().values():
        assert not link["href"].lower().startswith("javascript:")
        assert "count" not in link["href"].lower()


@pytest.mark.parametrize("value, expected", [
    ("https://mastodon.social", "https://mastodon.social"),
    ("https://Mastodon.Social/", "https://mastodon.social"),
    ("chaos.social", "https://chaos.social"),
])
def test_mastodon_instance_is_normalised(value, expected):
    assert instance_origin(value) == expected


@pytest.mark.parametrize("value", ["http://mastodon.social", "https://"])
def test_mastodon_instance_must_be_https(value):
    with pytest.raises(ValueError, match="https address"):
        instance_origin(value)


def test_unknown_share_network_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown network"):
        links(networks=("linkedin", "facebook"))


@pytest.mark.parametrize("seed", range(3))
def test_percent_encoding_equals_urllib_quote_on_random_text(seed):
    rng = random.Random(seed)
    alphabet = [chr(c) for c in [*range(0, 0x180), 0x2026, 0x201E, 0x201C, 0x20AC, 0xFFFD, 0x1F44B]]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert percent_encoded(text) == quote(text, safe=""), repr(text)
