"""Copy boxes: one per network on the #FollowFriday page, one per distinct text on an article."""

from sharekit.counting import DEFAULT_LIMITS, length_on
from sharekit.display import network_views

NAMES = {"mastodon": "Mastodon", "bluesky": "Bluesky", "linkedin": "LinkedIn", "xing": "XING", "x": "X"}
URL = "https://blog.example/2026/beitrag/"
PLAIN = "Titel\n\nvon Jana Beispiel\n" + URL
MENTION = "Titel\n\nvon @jana@social.example\n" + URL


def views(posts, shared):
    return network_views(
        posts, limits=DEFAULT_LIMITS, network_names=NAMES,
        count_text=lambda length, limit: f"{length} von {limit} Zeichen",
        post_label=lambda name, number, total: f"Text für {name}", id_prefix="teilen",
        join_names=(lambda names: ", ".join(names[:-1]) + " und " + names[-1]) if shared else None,
        count_on=lambda names, count: f"{' und '.join(names)}: {count}")


def test_networks_with_the_same_text_share_one_box_counted_on_each():
    posts = {"mastodon": [MENTION], "bluesky": [PLAIN], "linkedin": [PLAIN], "xing": [PLAIN], "x": [PLAIN]}
    found = views(posts, shared=True)
    assert [view["name"] for view in found] == ["Mastodon", "Bluesky, LinkedIn, XING und X"]
    mastodon, shared = (view["posts"][0] for view in found)
    assert (mastodon["id"], mastodon["label"], mastodon["text"]) == ("teilen-mastodon-1", "Text für Mastodon", MENTION)
    assert [c["label"] for c in mastodon["counts"]] == [f"{length_on('mastodon', MENTION)} von 500 Zeichen"]
    assert shared["id"] == "teilen-bluesky-1" and shared["label"] == "Text für Bluesky, LinkedIn, XING und X"
    # LinkedIn and XING count the text alike: named together; X counts the link as 23 characters
    assert [(c["networks"], c["length"], c["limit"]) for c in shared["counts"]] == [
        ("bluesky", len(PLAIN), 300), ("linkedin xing", len(PLAIN), 3000), ("x", length_on("x", PLAIN), 280)]
    assert shared["counts"][1]["label"] == f"LinkedIn und XING: {len(PLAIN)} von 3000 Zeichen"


def test_every_network_keeps_its_box_when_the_texts_differ_or_boxes_are_not_shared():
    posts = {"mastodon": [MENTION], "linkedin": [PLAIN], "xing": [PLAIN]}
    assert [view["network"] for view in views(posts, shared=False)] == ["mastodon", "linkedin", "xing"]
    threads = {"linkedin": [PLAIN, "2/2"], "xing": [PLAIN, "2/3"]}  # threads share a box only when all posts agree
    assert [view["network"] for view in views(threads, shared=True)] == ["linkedin", "xing"]
    one = views({"x": [PLAIN]}, shared=True)[0]["posts"][0]["counts"]
    assert [c["label"] for c in one] == [f"{length_on('x', PLAIN)} von 280 Zeichen"]  # no names on a box of one


def test_counts_group_digits_as_babel_does_in_both_languages():
    from babel.numbers import format_decimal

    from sharekit.plugin import grouped_number

    for lang in ("de", "en"):
        for number in (0, 7, 280, 999, 1000, 3000, 12345):
            assert grouped_number(number, lang) == format_decimal(number, locale=lang)
