"""Edits the preview shows from the last build's model: the model objects an edit changes, changed
in place, and the listings that show them paginated again (PreviewBuilder.show_text_edit).

Each function returns, for every listing that changed (an author page, a topic page, ...), the
output names of its pages, or None when the edit needs the full build (a page would have to appear
or go that the last build's write calls cannot make). The full build follows every shortcut and
makes what is derived elsewhere (social cards, share texts, feeds) new.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import sys
from datetime import datetime, timezone
from operator import attrgetter

from pelican import contents
from pelican.urlwrappers import Category, Tag
from pelican.utils import order_content, set_date_tzinfo

from frontmatter.links import linked_files
from shared.listings import PostList
from shared.model import site_config
from shared.post import post_model


def change_authors(build, item, handles: tuple) -> list[list[str]] | None:
    """The last model with `item` written by `handles`: its Author objects, and the author pages'
    lists of posts (Pelican's `authors`); the pages of each author page that changed. None when a
    handle has no Author object in that model (a new person: the full build makes her page)."""
    authors_plugin = sys.modules.get("authors.plugin")
    context = context_of(build)
    found = [authors_plugin.authors_of(context, handle) if authors_plugin else [] for handle in handles]
    generator = _articles_generator(build)
    if not handles or not all(found) or not _published(generator, item):
        return None
    before = {author.slug for author in item.authors}
    touched = before ^ set(handles)
    listings = [(author, articles) for author, articles in context.get("authors") or () if author.slug in touched]
    if any(_listing_of(build, "author", author) is None for author, _ in listings):
        return None
    authors_plugin.change_authors(item, [people[0] for people in found])
    return [_list_again(build, generator, author.save_as, articles, item, author.slug in handles)
            for author, articles in listings]


def change_tags(build, item, tags: list) -> list[list[str]] | None:
    """The last model with `item` under `tags` (the reader's Tag objects): Pelican's lists of posts
    per topic, a new topic's page made like the others'; the pages of each topic page that changed.
    None when a topic would be left without posts (its page goes: the full build does that)."""
    generator = _articles_generator(build)
    if not _published(generator, item) or not all(isinstance(tag, Tag) for tag in tags):
        return None
    known = {tag.slug: (tag, articles) for tag, articles in generator.tags.items()}
    before, after = {tag.slug for tag in getattr(item, "tags", None) or ()}, {tag.slug for tag in tags}
    model_page = next(filter(None, (_listing_of(build, "tag", tag) for tag in generator.tags)), None)
    if (any(len(known[slug][1]) == 1 for slug in before - after) or not _can_list(build, "tag", tags, known)
            or any(_listing_of(build, "tag", known[slug][0]) is None for slug in before - after)
            or (after - set(known) and model_page is None)):
        return None
    item.tags = item.metadata["tags"] = [known[tag.slug][0] if tag.slug in known else tag for tag in tags]
    pages = []
    for tag in [tag for tag in item.tags if tag.slug not in before] + [known[slug][0] for slug in before - after]:
        if tag.slug not in known:  # a new topic: its page is written as Pelican writes every topic's
            generator.tags[tag] = PostList()
            _request_like(build, model_page, "tag", tag)
        pages.append(_list_again(build, generator, tag.save_as, generator.tags[tag], item, tag.slug in after))
    context_of(build)["tags"] = list(generator.tags.items())
    return pages


def change_category(build, item, category) -> list[list[str]] | None:
    """The last model with `item` in `category` (the reader's Category object): Pelican's lists of
    posts per category, a new category's page made like the others'; the pages of the category
    pages it left and joined. None when the category it leaves would have no posts (its page goes)
    or only the spelling changed (the site's spelling of a category is its first post's)."""
    generator = _articles_generator(build)
    before = getattr(item, "category", None)
    if not _published(generator, item) or not isinstance(category, Category) or before is None:
        return None
    known = {found.slug: (found, articles) for found, articles in generator.categories}
    left = known.get(before.slug)
    model_page = _listing_of(build, "category", before)
    if (category.slug == before.slug or left is None or len(left[1]) == 1 or model_page is None
            or not _can_list(build, "category", [category], known)):
        return None
    if category.slug in known:
        category, articles = known[category.slug]
    else:  # a new category: its page is written as Pelican writes every category's
        articles = PostList()
        generator.categories.append((category, articles))
        generator.categories.sort(reverse=generator.settings["REVERSE_CATEGORY_ORDER"])
        _request_like(build, model_page, "category", category)
    item.category = item.metadata["category"] = category
    return [_list_again(build, generator, before.save_as, left[1], item, False),
            _list_again(build, generator, category.save_as, articles, item, True)]


def change_date(build, item, date, changed: list) -> list[list[str]] | None:
    """The last model with `item` dated `date`: Pelican's lists in date order again, the roundups
    of the weeks it left and joins made again (into `changed`); the pages of each listing that
    shows it. None when its address would change, it would not be published yet (a date to come),
    or a roundup week would appear or go."""
    generator, roundup_plugin, context = _articles_generator(build), sys.modules.get("roundup.plugin"), context_of(build)
    if not _published(generator, item) or roundup_plugin is None or not isinstance(date, datetime):
        return None
    date = set_date_tzinfo(date, str(item.timezone))  # as Pelican dates a post: in its own time zone
    if date > site_config(context).now:
        return None
    before, address = (item.date, item.metadata.get("date"), item.locale_date), _address(item)
    item.date = item.metadata["date"] = date
    item.locale_date = date.strftime(item.date_format)
    weeks, fresh = _roundups_again(build, roundup_plugin, context, (min(date, before[0]), max(date, before[0])))
    if _address(item) != address or set(weeks) != {roundup.slug for roundup in fresh}:
        item.date, item.metadata["date"], item.locale_date = before
        return None
    _take_roundups(weeks, fresh, changed)
    order_content(generator.articles, generator.settings["ARTICLE_ORDER_BY"])
    generator.dates.sort(key=attrgetter("date"), reverse=generator.settings["NEWEST_FIRST_ARCHIVES"])
    in_article_order, in_date_order = _positions(generator.articles), _positions(generator.dates)
    pages = []
    for name, request in list(build.writer.requests.items()):
        kwargs = request[-1]
        if any(_holds(kwargs.get(key), item) for key in ("articles", "dates")):
            _in_order(kwargs.get("articles"), in_article_order)
            _in_order(kwargs.get("dates"), in_date_order)
            pages.append(build.writer.write_again(name))
    return pages


def remove_post(build, item, changed: list) -> list[list[str]] | None:
    """The last model without `item`, a post whose file was deleted: off every listing that showed
    it (the lists of Pelican's write calls are the model's own), the roundups made again (into
    `changed`), other posts' Weiterlesen without it; the pages of each listing that changed. None
    when a page would go (a listing or a roundup week left empty: the full build removes it) or the
    post is a tip of a series (the others are numbered again)."""
    generator, roundup_plugin, context = _articles_generator(build), sys.modules.get("roundup.plugin"), context_of(build)
    if (generator is None or roundup_plugin is None or getattr(item, "series", None)
            or item.metadata.get("aliases")  # its redirect pages are written after the pages
            or _linked_from_others(build, item, generator.path)):  # a cold build drops a post that links a missing file
        return None
    if not _published(generator, item):
        return []  # a draft or a hidden post: no listing shows it
    lists = {}  # output name of a listing -> its lists of posts that hold the item
    for name, request in build.writer.requests.items():
        holding = [request[-1].get(key) for key in ("articles", "dates") if _holds(request[-1].get(key), item)]
        if holding:
            lists[name] = holding
    if any(all(article is item for article in listing) for found in lists.values() for listing in found):
        return None
    weeks, fresh = _roundups_again(build, roundup_plugin, context, (item.date, datetime.max.replace(tzinfo=timezone.utc)),
                                   articles=[article for article in generator.articles if article is not item])
    if set(weeks) != {roundup.slug for roundup in fresh}:
        return None
    for listing in (*(listing for found in lists.values() for listing in found), generator.articles, generator.dates):
        listing[:] = [article for article in listing if article is not item]  # in place: shared by pages
    _take_roundups(weeks, fresh, changed)
    for author, _posts in generator.authors:  # "Mit Dank" on the pages of the people it thanks
        if any(article is item for article in getattr(author, "thanked_in", None) or ()):
            author.thanked_in = [article for article in author.thanked_in if article is not item]
    for other in generator.articles:  # its card under others: gone until the full build chooses again
        model = post_model(other)
        if any(article is item for article in model.read_next):
            model.read_next = tuple(article for article in model.read_next if article is not item)
    return [build.writer.write_again(name) for name in lists]


def _roundups_again(build, roundup_plugin, context: dict, between: tuple, **replaced) -> tuple[dict, list]:
    """(the model's roundups by week, the roundups its "roundups" stage makes now), with some of
    the context `replaced` (the posts without a deleted one); the model keeps its own. Only the
    weeks that overlap `between` (first, last moment) are made again: a week before it has the same
    posts and history, and one after it the same posts, and everybody in it wrote before or did
    not, either way (at 5,000 posts making all 157 weeks took 0.3 s of a date edit's 0.5)."""
    weeks = {roundup.slug: roundup for roundup in context.get("roundups") or ()}
    first, last = between

    def kept(window):
        return None if window.start <= last and window.end >= first else weeks.get(window.slug)

    made = {**context, **replaced}  # build_week_roundups puts its roundups here
    with silenced("blog.content"):  # it reports problems; the full build reports them (not twice)
        roundup_plugin.build_week_roundups(made, build.generators, kept=kept)
    return weeks, made.get("roundups") or []


def _take_roundups(weeks: dict, fresh: list, changed: list) -> None:
    """The model's Roundup objects take the values of the fresh ones (other plugins hung their cards
    on them); those that changed (its posts, or who writes for the first time, in a later week too)
    go into `changed`."""
    for roundup in fresh:
        kept = weeks[roundup.slug]
        if roundup != kept:
            for found in dataclasses.fields(roundup):
                setattr(kept, found.name, getattr(roundup, found.name))
            changed.append(kept)


def _linked_from_others(build, item, content_root: str) -> bool:
    """Whether another source's text (as the reader left it) links `item`'s file: its reading
    reports the link as missing once the file is gone (frontmatter.links)."""
    target = os.path.abspath(item.source_path)
    return any(other is not item and target in map(os.path.abspath, linked_files(
        getattr(other, "_content", "") or "", source, content_root)) for source, other in build.objects.items())


def _holds(listing, item) -> bool:
    return isinstance(listing, list) and any(article is item for article in listing)


def change_summary(item, metadata: dict) -> None:
    """The post's summary as the reader gives it now: the typed text (`blog.summary_text`, which
    the pages show) and Pelican's escaped copy; without one, Pelican's summary from the text."""
    for key in ("summary", "summary_text"):
        if key in metadata:
            item.metadata[key] = metadata[key]
        else:
            item.metadata.pop(key, None)
    if "summary" in metadata:
        item._summary = metadata["summary"]
    else:
        item.__dict__.pop("_summary", None)
    post_model(item).summary_text = metadata.get("summary_text") or ""
    contents.Content.__dict__["get_summary"].cache.clear()  # Pelican memoizes it


def _listing_of(build, kind: str, wrapper) -> tuple | None:
    """The write request of `wrapper`'s own listing page (its topic, category or author page), or
    None: a name without a slug has none (Pelican skips its page), and a page whose `save_as`
    overrides it is not it."""
    request = build.writer.requests.get(wrapper.save_as) if wrapper.slug else None
    return request if request is not None and request[-1].get(kind) == wrapper else None


def _can_list(build, kind: str, wrappers, known: dict) -> bool:
    """Whether a post can be listed under `wrappers` from the last model: each has a slug, is
    spelled as the site spells it (another spelling of one slug is the full build's problem to
    report), and a new one's page is not written by anything else."""
    for wrapper in wrappers:
        if not wrapper.slug:
            return False
        if wrapper.slug in known:
            if known[wrapper.slug][0].name != wrapper.name or _listing_of(build, kind, known[wrapper.slug][0]) is None:
                return False
        elif wrapper.save_as in build.writer.requests:
            return False
    return True


def _request_like(build, model_page: tuple, kind: str, wrapper) -> None:
    """The write request of a new topic's or category's page: the one of `model_page` (a page of
    the same kind) with the wrapper's own values, as Pelican's generator asks for every such page."""
    *call, _url, kwargs = model_page
    build.writer.requests[wrapper.save_as] = (*call, wrapper.url,
                                              {**kwargs, kind: wrapper, "page_name": wrapper.page_name})


def _positions(model_order: list) -> dict:
    """Where each post (by id) stands in one of the model's lists of posts."""
    return {id(article): number for number, article in enumerate(model_order)}


def _in_order(listing, positions: dict) -> None:
    """A listing of posts sorted again (in place) by their `positions` in a list of the model's."""
    if isinstance(listing, list):
        listing.sort(key=lambda article: positions.get(id(article), len(positions)))


def _list_again(build, generator, name: str, articles: list, item, listed: bool) -> list[str]:
    """`item` added to one listing's posts (in the model's order) or taken off it; the pages of the
    listing, paginated again (with its posts in date order, as Pelican hands them over)."""
    if listed:
        articles.append(item)
        _in_order(articles, _positions(generator.articles))
    else:
        articles[:] = [article for article in articles if article is not item]
    members = {id(article) for article in articles}
    dates = [article for article in generator.dates if id(article) in members]
    return build.writer.write_again(name, articles=articles, dates=dates)


def _published(generator, item) -> bool:
    """Whether `item` is one of the model's published posts (listed by topic, author and week);
    a draft's or hidden post's listing edits are the full build's."""
    return generator is not None and any(article is item for article in generator.articles)


def _address(item) -> tuple[str, str]:
    """Where Pelican puts the post for its date now: not `save_as` and `url`, which hold this build's
    (frontmatter: fix_urls_for_this_build)."""
    prefix = "" if item.in_default_lang else "lang_"
    return item._expand_settings(f"{prefix}save_as"), item._expand_settings(f"{prefix}url")


def _articles_generator(build):
    return next((g for g in build.generators if isinstance(getattr(g, "tags", None), dict)), None)


@contextlib.contextmanager
def silenced(logger_name: str):
    """A logger that says nothing for a while (what it would say is said elsewhere)."""
    logger = logging.getLogger(logger_name)
    was, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = was


def context_of(build) -> dict:
    """The build's shared context (every generator hands the writer the same one)."""
    for calls in build.writer.calls.values():
        for _, _, context, _, _ in calls:
            return context
    return {}
