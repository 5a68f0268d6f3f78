"""Weiterlesen: up to N other posts for the end of each article, chosen from the content alone.

The next tip of the article's series comes first, then the posts sharing most tags, then posts by
the same author; ties go to the newer post, then the key. Never the post itself, never popularity.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Candidate:
    key: str  # unique per post (its URL)
    date: datetime
    tags: frozenset = frozenset()
    authors: frozenset = frozenset()
    series_next: str | None = None  # key of the next tip of its series, if published


def read_next(posts: list[Candidate], limit: int = 3) -> dict[str, list[str]]:
    """key -> keys of the posts to read next, best first. Only related posts are suggested."""
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
    total = len(ordered)
    scale = total + max((len(post.tags) for post in posts), default=0) + 1  # beyond any count below
    chosen = {}
    for number, post in enumerate(ordered):
        shared = Counter()
        for tag in post.tags:
            shared.update(by_tag[tag])
        same_author = {other for author in post.authors for other in by_author[author]}
        following = place.get(post.series_next, -1)
        related = (shared.keys() | same_author | ({following} if following >= 0 else set())) - {number}
        # One number per candidate, larger is better: next tip, shared tags, same author, then newer;
        # every part is smaller than `scale`, so it outweighs all the parts after it.
        scored = [((((other == following) * scale + shared[other]) * 2 + (other in same_author)) * scale
                   + total - other, other) for other in related]
        best = heapq.nlargest(limit, scored) if limit else []
        chosen[post.key] = [ordered[other].key for _score, other in best]
    return chosen
