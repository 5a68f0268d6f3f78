"""Length of a post as each network counts it, so a text we offer always fits when pasted.

Grapheme clusters come from the `regex` package (`\\X`, Unicode's extended grapheme clusters),
never from hand-written rules: "Zoë" is 3 whether written with ë or e + combining diaeresis,
"👩‍💻" and "🇩🇪" are 1 each.

- Mastodon: grapheme clusters, every URL counts 23. Mastodon itself counts `@user@instance` as
  `@user`; we count the whole mention, so our posts also fit on servers that count it in full.
- Bluesky: grapheme clusters of the whole text, URLs in full (the limit applies to the raw text).
- X: twitter-text's weighted length (version 3): NFC, URLs 23, an emoji 2, Latin and common
  punctuation 1, anything else (CJK, ...) 2.
- LinkedIn, XING: UTF-16 code units, the way a browser's counter sees the text (an emoji is 2).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import regex

from shared.messages import t

DEFAULT_LIMITS = {"mastodon": 500, "bluesky": 300, "x": 280, "linkedin": 3000, "xing": 3000}
URL_LENGTH = 23

# Same idea as the networks' link detection: a web address runs until whitespace.
_URL = regex.compile(r"https?://[^\s]+")
_GRAPHEME = regex.compile(r"\X")
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3\ufe0f]")
# twitter-text v3: code points in the ranges 0-4351, 8192-8205, 8208-8223 and 8242-8247 weigh 1,
# all others (matched here) 2.
_X_HEAVY = regex.compile(r"[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")


@dataclass(frozen=True)
class Measure:
    """A post's length on one network and that network's limit."""

    network: str
    length: int
    limit: int

    @property
    def fits(self) -> bool:
        return self.length <= self.limit


# Text made only of these code points has one grapheme per code point (CR LF aside): ASCII and
# the precomposed Latin letters (ä, ö, ü, ß, é, ...). Most posts are such text; counting them
# needs no segmentation.
_SIMPLE_TEXT = regex.compile(r"[\x20-\x7e\n\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u20ac]*")


def graphemes(text: str) -> int:
    """Number of user-perceived characters (extended grapheme clusters)."""
    if _SIMPLE_TEXT.fullmatch(text):
        return len(text)
    return len(_GRAPHEME.findall(text))


def _with_urls_counted_as(text: str, url_length: int) -> tuple[str, int]:
    """The text without its URLs, and how much the URLs count together."""
    urls = _URL.findall(text)
    return _URL.sub("", text), len(urls) * url_length


def _x_weight(text: str) -> int:
    """Code points count 1 or 2 each, whatever cluster they are in (an emoji cluster aside)."""
    return len(text) + len(_X_HEAVY.findall(text))


def mastodon_length(text: str) -> int:
    rest, urls = _with_urls_counted_as(text, URL_LENGTH)
    return graphemes(rest) + urls


def bluesky_length(text: str) -> int:
    return graphemes(text)


def x_length(text: str) -> int:
    rest, urls = _with_urls_counted_as(unicodedata.normalize("NFC", text), URL_LENGTH)
    if not _EMOJI.search(rest):
        return _x_weight(rest) + urls  # the common case, counted in one go
    return sum(2 if _EMOJI.search(cluster) else _x_weight(cluster) for cluster in _GRAPHEME.findall(rest)) + urls


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_COUNTERS = {
    "mastodon": mastodon_length,
    "bluesky": bluesky_length,
    "x": x_length,
    "linkedin": utf16_length,
    "xing": utf16_length,
}


# A pure function; the copy box counts again the text just fitted (after up to a few hundred tries
# of a long summary, hence the size).
@functools.lru_cache(maxsize=1024)
def length_on(network: str, text: str) -> int:
    """`text`'s length as `network` counts it."""
    try:
        return _COUNTERS[network](text)
    except KeyError:
        raise ValueError(f"unknown network '{network}'; known: {', '.join(sorted(_COUNTERS))}") from None


def measure(network: str, text: str, limits: dict) -> Measure:
    return Measure(network, length_on(network, text), limits[network])


def validate_limits(value) -> dict:
    """SHARE_LIMITS merged over the defaults; each a positive integer (ValueError names the key)."""
    limits = dict(DEFAULT_LIMITS)
    if value is None:
        return limits
    if not isinstance(value, dict):
        raise ValueError(t("SHARE_LIMITS must be a dict like {example}, found {value}", example=DEFAULT_LIMITS,
                           value=repr(value)))
    for network, limit in value.items():
        if network not in DEFAULT_LIMITS:
            raise ValueError(t("SHARE_LIMITS has unknown network '{network}'; known: {known}", network=network,
                               known=", ".join(DEFAULT_LIMITS)))
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(t("{setting} must be a positive whole number, found {value}",
                               setting=f"SHARE_LIMITS['{network}']", value=repr(limit)))
        limits[network] = limit
    return limits
