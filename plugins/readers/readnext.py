"""Weiterlesen: up to N other posts for the end of each article, chosen from the content alone.

The next tip of the article's series comes first, then the posts sharing most tags, then posts by
the same author; ties go to the newer post, then the key. Never the post itself, never popularity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Candidate:
    key: str  # unique per post (its URL)
    date: datetime
    tags: frozenset = frozenset()
    authors: frozenset = frozenset()
    series_next: str | None = None  # key of the next tip of its series, if published


def _score(post: Candidate, other: Candidate) -> tuple[int, int, int]:
    return (int(post.series_next == other.key), len(post.tags & other.tags), int(bool(post.authors & other.authors)))


def read_next(posts: list[Candidate], limit: int = 3) -> dict[str, list[str]]:
    """key -> keys of the posts to read next, best first. Only related posts are suggested."""
    by_key = {post.key: post for post in posts}
    by_tag: dict = {}
    by_author: dict = {}
    for post in posts:
        for tag in post.tags:
            by_tag.setdefault(tag, []).append(post.key)
        for author in post.authors:
            by_author.setdefault(author, []).append(post.key)
    chosen = {}
    for post in posts:
        related = {post.series_next} if post.series_next in by_key else set()
        for tag in post.tags:
            related.update(by_tag[tag])
        for author in post.authors:
            related.update(by_author[author])
        related.discard(post.key)
        ranked = sorted(related, key=lambda key: _rank(post, by_key[key]))
        chosen[post.key] = ranked[:limit] if limit else []
    return chosen


def _rank(post: Candidate, other: Candidate):
    score = _score(post, other)
    return (tuple(-part for part in score), -other.date.timestamp(), other.key)
