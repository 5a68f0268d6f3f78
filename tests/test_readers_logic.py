"""Reader aids as plain functions: reading time, Weiterlesen, image tags, the OPML of all feeds."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree
from PIL import Image

from readers.follow import FollowFeed, feed_groups, opml_document
from readers.images import ImageShop, attributes, output_path_of, size_images, variant_name, with_attributes
from readers.pictureshop import Picture
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


@pytest.mark.parametrize("seed", range(3))
def test_read_next_ranks_like_its_definition_where_many_posts_share_every_tag(seed):
    """Many posts on few topics: the posts that share all of a post's tags decide (a quicker path)."""
    rng = random.Random(seed)
    keys = [f"p{i:03d}" for i in range(300)]
    posts = [post(key, rng.randrange(60), tags=rng.sample(["a", "b", "c", "d"], 1 + rng.randrange(2)),
                  authors=rng.sample(["jana", "tom", "ole", "zoe", "eva"], 1 + rng.randrange(2)),
                  series_next=rng.choice(keys + [None] * 600)) for key in keys]
    for limit in (1, 3, 5):
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
    Image.new("RGB", (240, 240), "navy").save(tmp_path / "out/images/small.png")  # not re-encoded: size only
    big = Picture("images/big.png", (1200, 600), (1200, 600), (480, 800), ("avif", "webp"))
    return ImageShop(tmp_path / "out", {"images/big.png": big})


def test_images_get_their_size_copies_for_srcset_and_lazy_loading_after_the_first(shop):
    html = '<p><img src="images/small.png" alt="a"></p><img alt="b" src="images/big.png" />'
    sized = size_images(html, "index.html", shop, "")
    document = etree.HTML(sized)
    small, big = (dict(img.attrib) for img in document.xpath("//img"))
    assert (small["width"], small["height"]) == ("240", "240") and "srcset" not in small and "loading" not in small
    assert (big["width"], big["height"], big["loading"]) == ("1200", "600", "lazy")
    assert big["srcset"] == "images/big-480w.png 480w, images/big-800w.png 800w, images/big.png 1200w"
    avif, webp = document.xpath("//picture//source")  # libxml2 nests a <source> (HTML 4 parser)
    assert (avif.get("type"), webp.get("type")) == ("image/avif", "image/webp")
    assert webp.get("srcset") == "images/big-480w.png.webp 480w, images/big-800w.png.webp 800w, images/big.png.webp 1200w"
    assert webp.get("sizes") == big["sizes"]
    assert document.xpath("//picture//img/@alt") == ["b"]
    assert size_images(sized, "index.html", shop, "") == sized  # a second pass changes nothing


def test_a_picture_without_smaller_copies_gets_one_source_per_format_and_no_srcset(tmp_path):
    shop = ImageShop(tmp_path, {"a.jpg": Picture("a.jpg", (300, 200), (300, 200), (), ("webp",))})
    sized = size_images('<img src="/a.jpg?v=2" alt="">', "x/index.html", shop, "")
    [picture] = etree.HTML(sized).xpath("//picture")
    assert [(s.get("type"), s.get("srcset"), s.get("sizes")) for s in picture.xpath(".//source")] == \
        [("image/webp", "/a.jpg.webp?v=2", None)]
    assert picture.xpath(".//img/@srcset") == [] and picture.xpath(".//img/@width") == ["300"]
    assert size_images(sized, "x/index.html", shop, "") == sized


@pytest.mark.parametrize("given, expected", [
    pytest.param('width="4032" height="3024"', ("2000", "1500"), id="the source's size becomes the published one"),
    pytest.param('width="3024" height="4032"', ("2000", "1500"), id="also when read before the orientation"),
    pytest.param('width="64" height="48"', ("64", "48"), id="a display size stays"),
    pytest.param('width="400"', ("400", "300"), id="a missing height follows the width"),
    pytest.param('height="150"', ("200", "150"), id="a missing width follows the height"),
])
def test_width_and_height_describe_the_published_file(tmp_path, given, expected):
    shop = ImageShop(tmp_path, {"p.jpg": Picture("p.jpg", (2000, 1500), (4032, 3024), (480,), ())})
    [img] = etree.HTML(size_images(f'<img src="p.jpg" alt="" {given}>', "index.html", shop, "")).xpath("//img")
    assert (img.get("width"), img.get("height")) == expected


def test_a_word_in_another_attribute_is_never_taken_for_an_attribute():
    tag = '<img alt="loading width=5" src="a.png" data-width="9">'
    assert with_attributes(tag, {"width": 10, "loading": "lazy"}) == \
        '<img alt="loading width=5" src="a.png" data-width="9" width="10" loading="lazy">'
    assert with_attributes("<img src=a.png WIDTH=3 />", {"width": 10}) == '<img src=a.png width="10" />'


def test_an_img_inside_a_picture_of_the_author_is_not_wrapped_again(tmp_path):
    shop = ImageShop(tmp_path, {"a.jpg": Picture("a.jpg", (300, 200), (300, 200), (), ("webp",))})
    html = '<picture><source srcset="a.avif" type="image/avif"><img src="a.jpg" alt=""></picture>'
    assert etree.HTML(size_images(html, "index.html", shop, "")).xpath("count(//picture)") == 1


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
