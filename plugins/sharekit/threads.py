"""Post texts: the #FollowFriday thanks of a roundup and the share text of an article, per network.

Everything here is plain data in, plain strings out. A post that is too long is never cut in the
middle of a name: #FollowFriday thanks become a numbered thread, an article's summary is shortened
at a word boundary.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field

import regex

from shared.messages import t

from .counting import length_on
from shared.people import name_on

BLOCK_SEPARATOR = "\n\n"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Wording:
    """The sentences of the posts in the site's language (theme/strings/<lang>/sharekit.yml)."""

    follow_friday_intro: str  # {site}
    follow_friday_continued: str
    roundup_link: str  # {title}, {url}
    numbering: str  # {number}, {total}
    by: str  # {names}
    and_word: str

    @classmethod
    def from_strings(cls, strings: dict) -> "Wording":
        """From the UI strings file, where the keys carry the share_post_ prefix."""
        return cls(
            follow_friday_intro=strings["share_post_follow_friday_intro"],
            follow_friday_continued=strings["share_post_follow_friday_continued"],
            roundup_link=strings["share_post_roundup_link"],
            numbering=strings["share_post_numbering"],
            by=strings["share_post_by"],
            and_word=strings["share_post_and"],
        )


@dataclass(frozen=True)
class Person:
    """Someone to name in a post: display name and profile links (network -> URL)."""

    name: str
    links: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleFacts:
    title: str
    summary: str
    tags: tuple = ()
    authors: tuple = ()  # Person, author first
    url: str = ""


class ShareTextError(ValueError):
    """A post that cannot be written within a network's limit."""


class NameTooLongError(ShareTextError):
    def __init__(self, network: str, name: str, length: int, room: int, limit: int):
        self.network, self.name, self.length, self.limit = network, name, length, limit
        super().__init__(
            t("'{name}' counts {length} on {network}, but a thread post has room for {room} (limit {limit}); "
              "a name is never cut in two, so shorten the name or raise {setting}", name=name, length=length,
              network=network, room=room, limit=limit, setting=f"SHARE_LIMITS['{network}']")
        )


def names_for(network: str, people) -> list[str]:
    """Each person once, in the given order, named the way `network` can reach them."""
    return [name_on(network, person.name, person.links) for person in people]


def join_names(names: list[str], wording: Wording) -> str:
    """'A', 'A und B', 'A, B und C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {wording.and_word} {names[-1]}"


def _compose(head: str, names: list[str], tail: list[str], numbering: str) -> str:
    blocks = [head, "\n".join(names), *tail, numbering]
    return BLOCK_SEPARATOR.join(block for block in blocks if block)


def split_into_thread(network: str, names: list[str], *, first_head: str, first_tail: list[str],
                      next_head: str, limit: int, numbering: str) -> list[str]:
    """One post if everything fits, else a numbered thread; every name whole, none dropped.

    Names go one per line (names may contain commas). The first post carries `first_head` and
    `first_tail`, later posts `next_head`; each post of a thread ends with its number ("2/3"),
    which counts toward the limit.
    """
    single = _compose(first_head, names, first_tail, "")
    if length_on(network, single) <= limit:
        return [single]
    total = 2
    while True:
        # "n/n" is the widest number of a thread of n posts (digits count 1 everywhere)
        widest = numbering.format(number=total, total=total)
        groups = _pack(network, names, first_head, first_tail, next_head, limit, widest)
        if len(str(len(groups))) <= len(str(total)):
            break
        total = len(groups)
    count = len(groups)
    return [
        _compose(first_head if index == 0 else next_head, group, first_tail if index == 0 else [],
                 numbering.format(number=index + 1, total=count))
        for index, group in enumerate(groups)
    ]


def _pack(network, names, first_head, first_tail, next_head, limit, widest) -> list[list[str]]:
    def fits(group, first):
        head, tail = (first_head, first_tail) if first else (next_head, [])
        return length_on(network, _compose(head, group, tail, widest)) <= limit

    if not fits([], True) or not fits([], False):
        raise ShareTextError(t("the #FollowFriday header and link alone are longer than {network}'s limit of {limit}",
                               network=network, limit=limit))
    groups: list[list[str]] = [[]]
    for name in names:
        if fits(groups[-1] + [name], len(groups) == 1):
            groups[-1].append(name)
            continue
        if groups[-1] or len(groups) == 1:
            groups.append([])
        if not fits([name], False):
            room = limit - length_on(network, _compose(next_head, [], [], widest)) - len(BLOCK_SEPARATOR)
            raise NameTooLongError(network, name, length_on(network, name), room, limit)
        groups[-1].append(name)
    return groups


def follow_friday_thread(network: str, people, *, site: str, roundup_title: str, roundup_url: str,
                         limit: int, wording: Wording) -> list[str]:
    """The #FollowFriday post(s) for one network: thanks, every contributor once, the roundup link."""
    return split_into_thread(
        network,
        names_for(network, people),
        first_head=wording.follow_friday_intro.format(site=site),
        first_tail=[wording.roundup_link.format(title=roundup_title, url=roundup_url)],
        next_head=wording.follow_friday_continued,
        limit=limit,
        numbering=wording.numbering,
    )


def follow_friday_posts(people, *, networks, limits: dict, **texts) -> dict[str, list[str]]:
    """{network: [post, ...]} for every network in `networks`."""
    return {network: follow_friday_thread(network, people, limit=limits[network], **texts) for network in networks}


# --- articles -----------------------------------------------------------------------------------

_NOT_IN_HASHTAG = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")


def hashtag(tag) -> str | None:
    """'netzwerken' -> '#Netzwerken', 'employee advocacy' -> '#EmployeeAdvocacy', 'Führung' kept.

    Characters a hashtag cannot hold (spaces, dashes, '&', '+', ...) split words; a tag of only
    digits is no hashtag on any network, so it gives None.
    """
    return _hashtag_of_text(str(tag))


@functools.lru_cache(maxsize=4096)  # a pure function of the text; a blog has few tags on many posts
def _hashtag_of_text(tag: str) -> str | None:
    words = [word for word in _NOT_IN_HASHTAG.split(unicodedata.normalize("NFC", tag)) if word]
    text = "".join(word[:1].upper() + word[1:] for word in words)
    if not text or text.isdigit():
        return None
    return "#" + text


def hashtags(tags) -> list[str]:
    """Hashtags of the tags in order, each once (case-insensitive)."""
    seen, result = set(), []
    for tag in tags:
        tag_text = hashtag(tag)
        if tag_text and tag_text.casefold() not in seen:
            seen.add(tag_text.casefold())
            result.append(tag_text)
    return result


def shorten_words(text: str, words_kept: int) -> str:
    """The first `words_kept` words followed by '…' (trailing punctuation dropped)."""
    words = text.split()
    if words_kept >= len(words):
        return " ".join(words)
    if words_kept <= 0:
        return ""
    return " ".join(words[:words_kept]).rstrip(",;:–—-") + ELLIPSIS


def _article_text_composer(network: str, facts: ArticleFacts, wording: Wording):
    """(compose(title, summary, tag_count) -> text, hashtags) of an article's text on `network`."""
    byline = wording.by.format(names=join_names(names_for(network, facts.authors), wording))
    tags = hashtags(facts.tags)

    def compose(title, summary, tag_count):
        blocks = [title, summary, " ".join(tags[:tag_count]), byline + "\n" + facts.url]
        return BLOCK_SEPARATOR.join(block for block in blocks if block)

    return compose, tags


def _shortest_text(network: str, facts: ArticleFacts, limit: int, compose) -> str:
    """The shortest text (first title word, byline, URL); ShareTextError when even it is too long.

    Every other text article_share_text tries is longer, so this is exactly when it fails."""
    title = shorten_words(facts.title, 1) if len(facts.title.split()) > 1 else facts.title
    text = compose(title, "", 0)
    if length_on(network, text) > limit:
        raise ShareTextError(
            t("the share text of '{title}' does not fit {network}'s limit of {limit} even without "
              "summary and hashtags (byline and URL alone: {length})", title=facts.title, network=network,
              limit=limit, length=length_on(network, compose("", "", 0)))
        )
    return text


def check_article_text_fits(network: str, facts: ArticleFacts, *, limit: int, wording: Wording) -> None:
    """ShareTextError when article_share_text would fail: the share kit checks every post this way
    before any page is written, and makes the texts when the post's page is rendered."""
    _shortest_text(network, facts, limit, _article_text_composer(network, facts, wording)[0])


def article_share_text(network: str, facts: ArticleFacts, *, limit: int, wording: Wording) -> str:
    """Title, summary, hashtags, authors on this network, URL; shortened at word boundaries to fit.

    In turn until it fits: the summary loses words from the end (ending in '…'), then the
    hashtags from the end, then the title loses words. Authors and URL always stay.
    """
    compose, tags = _article_text_composer(network, facts, wording)

    def fits(text):
        return length_on(network, text) <= limit

    summary_words = len(facts.summary.split())
    for kept in range(summary_words, -1, -1):
        text = compose(facts.title, shorten_words(facts.summary, kept), len(tags))
        if fits(text):
            return text
    for tag_count in range(len(tags) - 1, -1, -1):
        text = compose(facts.title, "", tag_count)
        if fits(text):
            return text
    for kept in range(len(facts.title.split()) - 1, 1, -1):
        text = compose(shorten_words(facts.title, kept), "", 0)
        if fits(text):
            return text
    return _shortest_text(network, facts, limit, compose)  # or ShareTextError: nothing shorter is tried


def article_share_texts(facts: ArticleFacts, *, networks, limits: dict, wording: Wording) -> dict[str, list[str]]:
    """{network: [text]}: one post per network (same shape as the #FollowFriday set)."""
    return {network: [article_share_text(network, facts, limit=limits[network], wording=wording)]
            for network in networks}
