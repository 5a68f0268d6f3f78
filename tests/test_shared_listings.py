"""Pelican's lists of posts per topic, category and author answer `in` from a set of members, and
give the answers a plain list gives, also after the list changes (the preview edits them in place)."""

from __future__ import annotations

import copy
import pickle

import pytest

from pelican import signals

from shared.listings import PostList


class Post:  # like Pelican's articles: no __eq__, so `in` means "this very object"
    def __init__(self, name):
        self.name = name


class Word(str):  # a value with __eq__: `in` compares as a list does
    pass


POSTS = [Post(name) for name in "abcdef"]


@pytest.mark.parametrize("change", [
    lambda posts: posts.append(POSTS[4]),
    lambda posts: posts.extend([POSTS[4], POSTS[5]]),
    lambda posts: posts.insert(0, POSTS[5]),
    lambda posts: posts.remove(POSTS[0]),
    lambda posts: posts.pop(),
    lambda posts: posts.clear(),
    lambda posts: posts.__setitem__(slice(None), [POSTS[3], POSTS[4]]),
    lambda posts: posts.__setitem__(0, POSTS[5]),
    lambda posts: posts.__delitem__(1),
    lambda posts: posts.__iadd__([POSTS[5]]),
    lambda posts: posts.__imul__(0),
    lambda posts: posts.sort(key=lambda post: post.name, reverse=True),
])
def test_membership_is_a_lists_after_every_kind_of_change(change):
    fast, plain = PostList(POSTS[:3]), list(POSTS[:3])
    assert [post in fast for post in POSTS] == [post in plain for post in POSTS]  # asked once: members known
    change(fast)
    change(plain)
    assert list(fast) == plain
    assert [post in fast for post in POSTS] == [post in plain for post in POSTS]


@pytest.mark.parametrize("again", [pickle.loads, copy.copy, copy.deepcopy], ids=["pickle", "copy", "deepcopy"])
def test_a_copy_answers_for_its_own_members(again):
    posts = PostList(POSTS[:2])
    assert POSTS[0] in posts  # its set is made
    copied = again(pickle.dumps(posts)) if again is pickle.loads else again(posts)
    assert type(copied) is PostList and [post in copied for post in copied] == [True, True]
    assert all(post in copied for post in posts) is (again is copy.copy)  # a copy holds the same posts


def test_values_with_an_equality_of_their_own_are_compared_as_a_list_compares_them():
    words = PostList([Word("netzwerken")])
    assert "netzwerken" in words and Word("netzwerken") in words and "sprache" not in words


def test_pelicans_listings_are_post_lists(build_site):
    seen = {}

    def note(generator):
        seen.update(tags=dict(generator.tags), categories=generator.categories, authors=generator.authors)

    signals.article_generator_finalized.connect(note)
    try:
        site = build_site()
    finally:
        signals.article_generator_finalized.disconnect(note)
    assert seen["tags"] and seen["categories"] and seen["authors"]
    listings = [*seen["tags"].values(), *(posts for _, posts in seen["categories"]),
                *(posts for _, posts in seen["authors"])]
    assert all(type(posts) is PostList for posts in listings if posts)
    assert site.result.exit_code(strict=True) == 0, site.result.summary()
