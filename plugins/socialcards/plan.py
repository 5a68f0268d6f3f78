"""What each page's card shows: Pelican's objects (articles, authors, series, roundups, pages) read
once, at the edge, into CardSpecs; the cards of a build in one CardPlan keyed by output file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from typing import Callable

from babel.lists import format_list

from shared.post import post_model

from .cards import MAX_PEOPLE_SHOWN, Brand, CardPlan, CardSpec, Person, SourceFile
from .listing import LISTING_WIDTH, ListingCopy, copy_name

CARDS_FOLDER = "karten/"  # in the output: karten/<key>.png
# Pelican's lists of the articles and pages a build writes. Drafts only where they are written
# (WRITE_DRAFTS, the preview): a card in a publish build would show a draft's title to anyone.
ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations")
ARTICLE_DRAFTS = ("drafts", "drafts_translations")
PAGE_LISTS = ("pages", "hidden_pages", "translations", "hidden_translations")
PAGE_DRAFTS = ("draft_pages", "draft_translations")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass(frozen=True)
class Words:
    """How the cards put things into words (the theme's UI strings, socialcards.yml)."""

    names: Callable[[list], str]  # ["Jana", "Tom"] -> "Jana und Tom"
    more: Callable[[int], str]  # 3 -> "3 weitere"
    series: str  # the line above a series' title
    roundup: Callable[[str], str]  # period -> the line above a roundup's title


def words_from(template_globals, lang: str) -> Words:
    """The cards' words from the theme's UI strings (the localization plugin's t and tn)."""
    text, count = template_globals["t"], template_globals["tn"]
    return Words(names=partial(format_list, locale=lang), more=partial(count, "socialcards_more"),
                 series=text("socialcards_series_kicker"),
                 roundup=lambda period: text("socialcards_roundup_kicker", period=period))


class CardMaker:
    """Turns the pages of one build into card specs; files are known by their hash (`digest`)."""

    def __init__(self, content_path: str, brand: Brand, words: Words, engine: str,
                 digest: Callable[[str], str | None]):
        self.content_path, self.brand, self.words, self.engine = content_path, brand, words, engine
        self.digest = digest
        self.plan = CardPlan(CARDS_FOLDER)
        self.copies: dict[str, str] = {}  # listing copy's file name -> its card's (socialcards.listing)

    def source(self, relative: str | None) -> SourceFile | None:
        """A file of content/ (an avatar, a post's image) that exists, with its hash."""
        if not relative:
            return None
        return source_file(os.path.join(self.content_path, str(relative).lstrip("/")), self.digest)

    def person(self, profile) -> Person:
        return Person(profile.name, self.source(getattr(profile, "avatar", None)))

    def names(self, names: list[str]) -> str:
        if len(names) > MAX_PEOPLE_SHOWN:
            return self.words.names([*names[:MAX_PEOPLE_SHOWN], self.words.more(len(names) - MAX_PEOPLE_SHOWN)])
        return self.words.names(names) if names else ""

    def add(self, save_as: str, title: str, kicker: str = "", people=(), names: str | None = None,
            picture: SourceFile | None = None, picture_alt: str = ""):
        people = tuple(people)
        names = self.names([p.name for p in people]) if names is None else names
        alt = " – ".join(part for part in (f"{kicker}: {title}" if kicker else title, names, self.brand.site_name)
                         if part)
        spec = CardSpec(title=title, brand=self.brand, kicker=kicker, people=people, names=names, alt=alt,
                        picture=picture, picture_alt=picture_alt)
        card = self.plan.add(spec, self.engine)
        if save_as:
            self.plan.pages[save_as] = card
        return card

    def listing_copy(self, card) -> ListingCopy:
        name = card.url[len(self.plan.folder):]
        self.copies[copy_name(name)] = name
        return ListingCopy(self.plan.folder + copy_name(name), LISTING_WIDTH,
                           round(card.height * LISTING_WIDTH / card.width), card.url, card.width)

    # --- one function per kind of page ------------------------------------------------------------

    def article(self, article) -> None:
        """Also article.blog.social_card: listings show it as the post's picture (plugins/brand), in
        its small copy (article.blog.social_card_copy) unless the post has a picture of its own."""
        blog = post_model(article)
        position = blog.series
        kicker = position.label if position else str(getattr(article, "category", "") or "")
        image = getattr(article, "image", None)
        picture = self.source(image) if str(image or "").lower().endswith(PICTURE_SUFFIXES) else None
        blog.social_card = self.add(article.save_as, article.title, kicker, [self.person(p) for p in blog.profiles],
                                    picture=picture, picture_alt=str(getattr(article, "image_alt", "") or ""))
        blog.social_card_copy = None if image else self.listing_copy(blog.social_card)

    def author(self, author) -> None:
        profile = author.profile
        kicker = " · ".join(part for part in (profile.role, profile.department) if part)
        self.add(author.save_as, profile.name, kicker, [self.person(profile)],
                 names=", ".join(profile.expertise or ()))

    def series(self, series, profiles: dict) -> None:
        owners = [self.person(profiles[h]) if h in profiles else Person(h) for h in series.owners]
        self.add(series.save_as, series.title, self.words.series, owners)

    def roundup(self, roundup, profiles: dict) -> None:
        people = [self.person(profiles[c.handle]) if c.handle in profiles else Person(c.name)
                  for c in roundup.contributors]
        with_avatar = [p for p in people if p.avatar] + [p for p in people if not p.avatar]
        self.add(roundup.save_as, roundup.title, self.words.roundup(roundup.period), with_avatar[:MAX_PEOPLE_SHOWN],
                 names=self.names([p.name for p in people]))

    def page(self, page) -> None:
        self.add(page.save_as, page.title)

    def home(self, save_as: str, tagline: str) -> None:
        self.plan.site = self.add(save_as, tagline or self.brand.site_name)


def source_file(path: str | None, digest: Callable[[str], str | None]) -> SourceFile | None:
    found = digest(path) if path else None
    return SourceFile(path, found) if found else None


def plan_cards(maker: CardMaker, generators, context: dict, index_save_as: str, tagline: str,
               with_drafts: bool) -> CardPlan:
    """Every page type's card: articles and pages, authors, series, roundups, home."""
    profiles = context.get("author_profiles") or {}
    maker.home(index_save_as, tagline)
    drafts = (ARTICLE_DRAFTS, PAGE_DRAFTS) if with_drafts else ((), ())
    for article in _every(generators, ARTICLE_LISTS + drafts[0], "drafts"):
        maker.article(article)
    for page in _every(generators, PAGE_LISTS + drafts[1], "hidden_pages"):
        maker.page(page)
    for author, _articles in context.get("authors") or ():
        if getattr(author, "profile", None) is not None:
            maker.author(author)
    for series in context.get("series") or ():
        maker.series(series, profiles)
    for roundup in context.get("roundups") or ():
        maker.roundup(roundup, profiles)
    return maker.plan


def _every(generators, lists: tuple, marker: str):
    """Each item of the generator that has `marker` (ArticlesGenerator, PagesGenerator), once."""
    seen = set()
    for generator in generators:
        if not hasattr(generator, marker):
            continue
        for name in lists:
            for item in getattr(generator, name, None) or ():
                if id(item) not in seen and getattr(item, "save_as", None):
                    seen.add(id(item))
                    yield item
