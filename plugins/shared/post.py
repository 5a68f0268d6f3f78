"""What our plugins add to an article, declared in one place: `article.blog` (a PostModel).

Templates and plugins read `article.blog.<field>`; every article has it, with empty defaults where
a part does not apply (a post outside a series has `series = None`), so nobody guesses whether a
plugin ran. A new PostModel is made every build: Pelican makes new Article objects each build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable


@dataclass(frozen=True, slots=True)
class ThanksShown:
    """One entry of an article's thanks as shown: a profile (handle set) or a free name."""

    name: str
    url: str | None = None  # site-relative for profiles, absolute https for free names
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class SeriesPosition:
    """Where an article stands in its series (number, labels, neighbours); drafts have no number."""

    series: object  # series.definitions.Series
    label: str  # "Tipp 13 · #Mittwochstipp", or the series title for a tip without number
    number: int | None = None
    short_label: str | None = None  # "Tipp 13"
    previous: object = None  # the previous tip (an article), or None
    next: object = None
    next_date: datetime | None = None  # only the newest tip announces the next (scheduled) one


@dataclass(frozen=True, slots=True)
class ShareData:
    texts: dict  # network -> [post, ...] (a thread when it does not fit one post)
    links: tuple  # ({network, label, href}, ...)
    views: tuple  # what the share boxes show


@dataclass(slots=True)  # no __dict__: one per post, some 500 bytes less each
class PostModel:
    handles: tuple = ()  # author first, then co-authors (as written)
    profiles: tuple = ()  # a Profile per handle (a page-less stand-in for an unknown handle)
    thanks: tuple = ()  # ThanksShown, in the order written
    summary_text: str = ""  # the summary as typed (plain text)
    absolute_url: str = ""  # SITEURL + the article's URL
    series: SeriesPosition | None = None
    make_share: Callable[[], ShareData | None] | None = None  # set by the share kit
    words: int = 0  # of the body text (the readers plugin)
    reading_minutes: int = 1  # words / READING_WORDS_PER_MINUTE, rounded up, at least 1
    read_next: tuple = ()  # "Weiterlesen": other published articles, best first
    social_card: object = None  # its og:image (socialcards.cards.Card: url, width, height, alt)
    social_card_copy: object = None  # that card for listings (socialcards.listing.ListingCopy), if shown there
    rendered: dict = field(default_factory=dict)  # HTML made once per build ({% call once(...) %})

    @property
    def share(self) -> ShareData | None:
        """The article's share box, made when a page shows it and not kept: at 1,000 articles the
        texts, links and views of every post would be about 10 MB held for the whole build, and the
        preview would compute all of them before showing the one page that is open."""
        return self.make_share() if self.make_share is not None else None


def post_model(article) -> PostModel:
    """The article's PostModel, made on first use from the reader's values (author_handles, summary)."""
    model = article.__dict__.get("blog")
    if model is None:
        metadata = getattr(article, "metadata", None) or {}  # plain objects in unit tests have none
        model = article.blog = PostModel(handles=tuple(metadata.get("author_handles") or ()),
                                         summary_text=metadata.get("summary_text") or "")
    return model
