"""Reader aids as plain functions: reading time, Weiterlesen, image tags, the OPML of all feeds."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree
from PIL import Image

from readers.follow import FollowFeed, feed_groups, opml_document
from readers.images import ImageShop, attributes, output_path_of, size_images, variant_name
from readers.reading import body_words, reading_minutes
from readers.readnext import Candidate, read_next

DAY = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("words, minutes", [(0, 1), (1, 1), (200, 1), (201, 2), (800, 4), (801, 5)])
def test_reading_time_is_words_over_200_rounded_up_and_at_least_one_minute(words, minutes):
    assert reading_minutes(words) == minutes


@pytest.mark.parametrize("html, words", [
    ("<p>Wer gibt, bekommt.</p>", 3),
    ("<p>Schatten&shy;bretter und <a href='x'>E-Mail-Adressen</a></p>", 3),
    ("<p>eins</p><script>var a = 1;</script><style>p { x: y }</style>", 1),
    ("<p>Die Kollegin&nbsp;sagt: „Danke!“</p>", 4),
])
def test_body_words_count_what_a_reader_reads(html, words):
    assert body_words(html) == words


def post(key, days=0, tags=(), authors=("jana",), series_next=None):
    return Candidate(key, DAY + timedelta(days=days), frozenset(tags), frozenset(authors), series_next)


def test_the_next_tip_of_the_series_comes_first_then_shared_tags_then_same_author():
    posts = [
        post("tip-1", 0, tags=["sprache"], series_next="tip-2"),
        post("tip-2", 7, tags=["sprache"], authors=["tom"]),
        post("two-tags", 1, tags=["sprache", "schreiben"], authors=["ole"]),
        post("same-author", 2, tags=["anderes"]),
        post("unrelated", 3, tags=["x"], authors=["zoe"]),
    ]
    posts[0] = post("tip-1", 0, tags=["sprache", "schreiben"], series_next="tip-2")
    assert read_next(posts)["tip-1"] == ["tip-2", "two-tags", "same-author"]


def test_ties_go_to_the_newer_post_then_the_key_and_never_the_post_itself():
    posts = [post("a", 0, tags=["t"]), post("b", 5, tags=["t"]), post("c", 5, tags=["t"]), post("d", 9, tags=["t"])]
    chosen = read_next(posts)
    assert chosen["a"] == ["d", "b", "c"]
    assert all(key not in keys for key, keys in chosen.items())


def test_read_next_is_the_same_whatever_order_the_posts_come_in():
    posts = [post(f"p{i}", i % 4, tags=[f"t{i % 3}", "x"][: 1 + i % 2], authors=[f"a{i % 2}"]) for i in range(12)]
    assert read_next(posts) == read_next(list(reversed(posts)))


def ranked_by_definition(posts, limit):
    """Weiterlesen as the docs define it, by sorting every other related post: the reference."""
    chosen = {}
    for post in posts:
        def rank(other):
            return (other.key != post.series_next, -len(other.tags & post.tags), not other.authors & post.authors,
                    -other.date.timestamp(), other.key)
        related = [other for other in posts if other.key != post.key and (
            other.key == post.series_next or other.tags & post.tags or other.authors & post.authors)]
        chosen[post.key] = [other.key for other in sorted(related, key=rank)[:limit]]
    return chosen


@pytest.mark.parametrize("seed", range(8))
def test_read_next_ranks_like_its_definition_on_random_blogs(seed):
    rng = random.Random(seed)
    keys = [f"p{i:02d}" for i in range(60)]
    posts = [post(key, rng.randrange(20), tags=rng.sample(["a", "b", "c", "d", "e"], rng.randrange(4)),
                  authors=rng.sample(["jana", "tom", "ole", "zoe"], 1 + rng.randrange(2)),
                  series_next=rng.choice(keys + [None] * 40)) for key in keys]
    for limit in (0, 1, 3, 5):
        assert read_next(posts, limit) == ranked_by_definition(posts, limit)


def test_unrelated_posts_and_a_zero_limit_suggest_nothing():
    posts = [post("a", tags=["t1"], authors=["x"]), post("b", tags=["t2"], authors=["y"])]
    assert read_next(posts) == {"a": [], "b": []}
    assert read_next([post("a", tags=["t"]), post("b", tags=["t"])], limit=0)["a"] == []


@pytest.mark.parametrize("src, page, site_url, expected", [
    ("../../images/2026/a.png", "2026/x/index.html", "", "images/2026/a.png"),
    ("/images/a.png", "2026/x/index.html", "", "images/a.png"),
    ("../bilder/gr%C3%BC%C3%9Fe&amp;mehr.png", "2026/index.html", "", "bilder/grüße&mehr.png"),
    ("https://blog.example/images/a.png?v=1", "2026/x/index.html", "https://blog.example", "images/a.png"),
    ("https://elsewhere.example/a.png", "index.html", "https://blog.example", None),
    ("data:image/png;base64,AAAA", "index.html", "", None),
    ("../../../../etc/passwd", "2026/x/index.html", "", None),
])
def test_an_img_src_is_found_in_the_output(src, page, site_url, expected):
    assert output_path_of(src, page, site_url) == expected


def test_attributes_are_read_in_any_quoting():
    assert attributes("<img src=a.png alt='Ein \"Bild\"' width=\"10\">") == \
        {"src": "a.png", "alt": 'Ein "Bild"', "width": "10"}
    assert variant_name("../images/a.b.png", 480) == "../images/a.b-480w.png"


@pytest.fixture
def shop(tmp_path):
    (tmp_path / "out/images").mkdir(parents=True)
    Image.new("RGB", (1200, 600), "teal").save(tmp_path / "out/images/big.png")
    Image.new("RGB", (240, 240), "navy").save(tmp_path / "out/images/small.png")
    return ImageShop(tmp_path / "out", tmp_path / "cache", (480, 800))


def test_images_get_their_size_copies_for_srcset_and_lazy_loading_after_the_first(shop, tmp_path):
    html = '<p><img src="images/small.png" alt="a"></p><img alt="b" src="images/big.png" />'
    sized = size_images(html, "index.html", shop, "")
    tags = [etree.tostring(img).decode() for img in etree.HTML(sized).xpath("//img")]
    small, big = (attributes(tag) for tag in tags)
    assert (small["width"], small["height"]) == ("240", "240") and "srcset" not in small and "loading" not in small
    assert (big["width"], big["height"], big["loading"]) == ("1200", "600", "lazy")
    assert big["srcset"] == "images/big-480w.png 480w, images/big-800w.png 800w, images/big.png 1200w"
    with Image.open(tmp_path / "out/images/big-480w.png") as copy:
        assert copy.size == (480, 240)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir())[0].endswith("-480w.png")
    assert size_images(sized, "index.html", shop, "") == sized  # a second pass changes nothing


def test_copies_come_from_the_cache_on_the_next_build(shop, tmp_path):
    size_images('<img src="images/big.png" alt="">', "index.html", shop, "")
    cached = sorted((tmp_path / "cache").iterdir())
    stamps = [path.stat().st_mtime_ns for path in cached]
    (tmp_path / "out/images/big-480w.png").unlink()
    again = ImageShop(shop.output, shop.cache, shop.widths)
    size_images('<img src="images/big.png" alt="">', "index.html", again, "")
    assert [path.stat().st_mtime_ns for path in sorted((tmp_path / "cache").iterdir())] == stamps
    assert (tmp_path / "out/images/big-480w.png").read_bytes() == cached[0].read_bytes()


def test_the_opml_lists_every_feed_in_groups_site_first():
    feeds = [FollowFeed("tag", "Thema Sprache", "https://b.example/thema/sprache/",
                        "https://b.example/thema/sprache/atom.xml", "https://b.example/thema/sprache/rss.xml"),
             FollowFeed("site", "Werkbank Blog", "https://b.example/", "https://b.example/feeds/atom.xml",
                        "https://b.example/feeds/rss.xml")]
    feeds.append(FollowFeed("tag", "Ärger", "https://b.example/thema/aerger/", "https://b.example/thema/aerger/atom.xml",
                            "https://b.example/thema/aerger/rss.xml"))
    groups = feed_groups(feeds)
    assert [group.kind for group in groups] == ["site", "tag"]
    assert [feed.name for feed in groups[1].feeds] == ["Ärger", "Thema Sprache"]
    document = etree.fromstring(opml_document("Alle Feeds", groups, {"site": "Alle Beiträge", "tag": "Themen"}))
    assert document.get("version") == "2.0" and document.findtext("head/title") == "Alle Feeds"
    assert document.xpath("//outline[@type='rss']/@xmlUrl") == [
        "https://b.example/feeds/atom.xml", "https://b.example/thema/aerger/atom.xml",
        "https://b.example/thema/sprache/atom.xml"]


def test_the_next_tip_wins_even_over_a_post_with_more_shared_tags_than_there_are_posts():
    posts = [post("a", 0, tags=["t1", "t2", "t3"], authors=["x"], series_next="b"),
             post("b", 1, tags=[], authors=["y"]), post("c", 2, tags=["t1", "t2", "t3"], authors=["z"])]
    assert read_next(posts)["a"] == ["b", "c"]


def test_a_copy_that_would_not_be_smaller_in_bytes_is_left_out_of_srcset(tmp_path):
    import random

    rng = random.Random(7)
    noise = Image.frombytes("RGB", (1000, 500), bytes(rng.randrange(256) for _ in range(1000 * 500 * 3)))
    (tmp_path / "out").mkdir()
    noise.save(tmp_path / "out/rauschen.jpg", quality=5)
    shop = ImageShop(tmp_path / "out", tmp_path / "cache", (480, 800))
    [tag] = etree.HTML(size_images('<img src="rauschen.jpg" alt="">', "index.html", shop, "")).xpath("//img")
    kept = shop.made["rauschen.jpg"]
    assert 800 not in kept and sorted(p.suffix for p in (tmp_path / "cache").iterdir()).count(".skip") >= 1
    assert (tag.get("srcset") is None) == (kept == [])
    assert not (tmp_path / "out/rauschen-800w.jpg").exists()
