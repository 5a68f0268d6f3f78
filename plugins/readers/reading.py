"""Reading time of a post: the words of its body text at a steady reading speed."""

from __future__ import annotations

import functools
import math
import re
from html import unescape

_SKIPPED = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# A run of non-space characters with at least one letter or digit, matched from its first letter
# or digit ("„Danke!“" is one word, "–" none); the same count as \S*\w\S* without its backtracking.
_WORD = re.compile(r"\w\S*")


@functools.lru_cache(maxsize=16384)  # the preview builds again and again from the same bodies
def body_words(html: str) -> int:
    """Words a reader reads in the body HTML (markup, scripts and styles do not count)."""
    text = unescape(_TAG.sub(" ", _SKIPPED.sub(" ", html or ""))).replace("\u00ad", "")  # soft hyphens
    return len(_WORD.findall(text))


def reading_minutes(words: int, words_per_minute: int = 200) -> int:
    """Whole minutes, rounded up, at least 1: a short post still takes a minute to read."""
    return max(1, math.ceil(words / words_per_minute))
