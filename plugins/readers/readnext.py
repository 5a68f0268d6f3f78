"""Weiterlesen: up to N other posts for the end of each article, chosen from the content alone.

The next tip of the article's series comes first, then the posts sharing most tags, then posts by
the same author; ties go to the newer post, then the key. Never the post itself, never popularity.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter


@dataclass(frozen=True)
class Candidate:
    key: str  # unique per post (its URL)
    date: datetime
    tags: frozenset = frozenset()
    authors: frozenset = frozenset()
    series_next: str | None = None  # key of the next tip of its series, if published


# The last ranking, by a fingerprint of its posts: the preview's next build after a title or profile
# edit ranks the same posts again. A fingerprint, not the posts: a cold build keeps no copy of them.
_LAST: dict = {}


def read_next(posts: list[Candidate], limit: int = 3) -> dict[str, list[str]]:
    """key -> keys of the posts to read next, best first. Only related posts are suggested."""
    key = (_fingerprint(posts), limit)
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = _ranked(posts, limit)
    return {post: list(keys) for post, keys in _LAST[key].items()}


def _fingerprint(posts) -> bytes:
    facts = [(post.key, post.date.timestamp(), sorted(post.tags), sorted(post.authors), post.series_next)
             for post in posts]
    return hashlib.blake2b(repr(facts).encode(), digest_size=16).digest()


def _ranked(posts, limit: int) -> dict[str, tuple]:
    # Posts newest first: a post's place in this order breaks ties, and posts are numbered by it.
    ordered = sorted(posts, key=lambda post: (-post.date.timestamp(), post.key))
    place = {post.key: number for number, post in enumerate(ordered)}
    by_tag: dict = {}
    by_author: dict = {}
    for number, post in enumerate(ordered):
        for tag in post.tags:
            by_tag.setdefault(tag, []).append(number)
        for author in post.authors:
            by_author.setdefault(author, []).append(number)
    chosen = {}
    for number, post in enumerate(ordered):
        # Weight of a candidate: 2 per shared tag, 1 for a shared author, so tags come first. Counted
        # from the numbers in ascending order, so equal weights keep "newer first" (the sort is stable).
        tagged = [other for tag in post.tags for other in by_tag[tag]]
        same_author = {other for author in post.authors for other in by_author[author]}
        weight = Counter(sorted(tagged + tagged + list(same_author)))
        weight.pop(number, None)
        best = []
        following = place.get(post.series_next, -1)
        if limit and following >= 0 and following != number:  # the next tip of the series comes first
            best.append(following)
            weight.pop(following, None)
        best += [other for other, _weight in heapq.nlargest(max(0, limit - len(best)), weight.items(),
                                                              key=itemgetter(1))]
        chosen[post.key] = tuple(ordered[other].key for other in best)
    return chosen
