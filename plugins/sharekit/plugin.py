"""Connects the share kit to Pelican: share texts and links on articles, #FollowFriday share pages.

Inputs: context["author_profiles"] (Profile.name, .links, .source_path), context["roundups"]
(Roundup.slug, .title, .url, .contributors), and on articles article.blog (handles, summary_text),
tags, url. Outputs: article.blog.share (shared.post.ShareData, made when a page shows it),
context["roundup_shares"] = {slug: {"url", "json_url"}}, the pages wochenrueckblick/<slug>/teilen/
with share.json.

Share texts need absolute https URLs: SITEURL when it is https (publishconf.py), otherwise
SHARE_SITEURL (pelicanconf.py sets it to the public address), so previews show the real texts.
"""

from __future__ import annotations

import functools

import os
from dataclasses import dataclass

from babel.numbers import format_decimal
from pelican import signals
from pelican.generators import Generator

from shared.config import checked_config
from shared.messages import t
from shared.model import connect, newest_roundups, on_stage, site_config, url_table
from shared.urls import build_url_table
from shared.people import SHARE_TEXT_NETWORKS, mastodon_instance
from shared.post import ShareData, post_model
from shared.problems import did_you_mean, problem
from shared.yamlsource import load_yaml_file

from .counting import validate_limits
from .display import network_views, share_json
from .links import LINK_NETWORKS, instance_origin, share_links
from .threads import (ArticleFacts, NameTooLongError, Person, ShareTextError, Wording,
                      article_share_texts, check_article_text_fits, follow_friday_posts, join_names, names_for)


class ShareSettingsError(ValueError):
    """A share-kit setting with a value we cannot use."""


@dataclass(frozen=True)
class ShareSettings:
    limits: dict
    link_networks: tuple
    mastodon_instance: str
    base_url: str
    site_name: str
    strings: dict
    wording: Wording
    weeks: int
    lang: str  # the site's language (shared config): digits of the counts are grouped its way


def read_share_settings(settings) -> ShareSettings:
    """The share kit's view of the site config; SHARE_NETWORKS must name networks we link to."""
    config = checked_config(settings, ("SHARE_",), ShareSettingsError)
    try:
        limits = validate_limits(config["SHARE_LIMITS"] or None)  # merged over each network's own limit
        instance = instance_origin(config["SHARE_MASTODON_INSTANCE"])
    except ValueError as error:
        raise ShareSettingsError(str(error)) from None
    link_networks = tuple(config["SHARE_NETWORKS"] or LINK_NETWORKS)
    for network in link_networks:
        if network not in LINK_NETWORKS:
            raise ShareSettingsError(t("SHARE_NETWORKS has unknown network '{network}'; {suggestion}",
                                       network=network, suggestion=did_you_mean(network, LINK_NETWORKS)))
    base_url = build_url_table(config.pelican, config.values).share_base
    if not base_url:
        raise ShareSettingsError(
            t("share texts need an absolute https address, but neither SITEURL nor SHARE_SITEURL is one; "
              "set {setting} in pelicanconf.py", setting='SHARE_SITEURL = "https://…"'))
    strings = load_yaml_file(os.path.join(config["THEME"], "strings", config.lang, "sharekit.yml")).data
    wording = Wording.from_strings(strings)
    return ShareSettings(limits, link_networks, instance, base_url, config["SITENAME"], strings, wording,
                         config["SHARE_WEEKS"], config.lang)


class FixedText:
    """Lets the writer (and its overwrite check) write text that needs no template."""

    def __init__(self, text: str):
        self.text = text

    def render(self, context) -> str:
        return self.text


class ShareKitGenerator(Generator):
    """Prepares share data once every other generator has its context; writes pages and JSON."""

    def generate_context(self):
        self.context["roundup_shares"] = {}  # filled in the model's "share" stage
        self.ready = False
        self.roundup_pages: list[dict] = []

    def prepare(self):
        try:
            self.share = read_share_settings(site_config(self.context))
        except ShareSettingsError as error:
            problem("pelicanconf.py", 0, t("share kit: {error}", error=error))
            return
        # profile links were checked when the profiles were loaded (shared.people.link_problem)
        self.profiles = self.context.get("author_profiles") or {}
        for article in self.context.get("articles", []):
            self._prepare_article(article)
        # #FollowFriday is this Friday's: pages for the newest SHARE_WEEKS weeks, not every week since the start
        self._prepare_roundups(newest_roundups(self.context, self.share.weeks))
        self.ready = True

    # --- people -----------------------------------------------------------------------------

    def _person(self, handle: str, fallback_name: str = "") -> Person:
        profile = self.profiles.get(handle)
        if profile is None:
            return Person(fallback_name or handle, {})
        return Person(profile.name, dict(profile.links))

    def _contributor(self, contributor) -> Person:
        handle = getattr(contributor, "handle", None)
        if handle and handle in self.profiles:
            return self._person(handle)
        return Person(contributor.name, {})  # a free name has at most a website: nothing to mention

    # --- articles ---------------------------------------------------------------------------

    def _prepare_article(self, article):
        """Check now that the texts can fit (problems belong to the model, before any page), and
        make them when the article's page is rendered (article.blog.share)."""
        share = self.share
        try:
            facts = self._facts(article)
            for network in SHARE_TEXT_NETWORKS:
                check_article_text_fits(network, facts, limit=share.limits[network], wording=share.wording)
        except ShareTextError as error:
            problem(article.source_path, 0, t("share text: {error}", error=error),
                    t("shorten the title or raise SHARE_LIMITS"))
            return  # no share box for this post
        post_model(article).make_share = functools.partial(self._article_share, article)

    def _facts(self, article) -> ArticleFacts:
        post = post_model(article)
        names = {author.slug: author.name for author in article.authors}
        return ArticleFacts(
            title=str(article.title),  # typed text, as it is: striptags() would drop "<main>"
            summary=post.summary_text,
            tags=tuple(str(tag) for tag in getattr(article, "tags", []) or []),
            authors=tuple(self._person(handle, names.get(handle) or handle) for handle in post.handles),
            url=url_table(self.context).shared(article.url),
        )

    def _article_share(self, article) -> ShareData:
        """Share texts, links and views of one article (its texts fit: _prepare_article checked)."""
        share = self.share
        facts = self._facts(article)
        authors, url = facts.authors, facts.url
        texts = article_share_texts(facts, networks=SHARE_TEXT_NETWORKS, limits=share.limits, wording=share.wording)
        instance = next(filter(None, (mastodon_instance(p.links) for p in authors)), share.mastodon_instance)
        links = share_links(
            networks=share.link_networks, url=url, title=facts.title,
            texts={network: posts[0] for network, posts in texts.items()},
            mastodon_instance=instance,
            labels={network: share.strings[f"share_link_{network}"] for network in LINK_NETWORKS},
        )
        return ShareData(texts, tuple(links), tuple(self._views(texts, id_prefix="teilen", share_boxes=True)))

    # --- roundups ---------------------------------------------------------------------------

    def _prepare_roundups(self, roundups):
        shares = {}
        for roundup in roundups:
            # people who had their profile removed are thanked on the page, not named on social networks
            contributors = [c for c in roundup.contributors if not getattr(c, "is_removed", False)]
            people = [self._contributor(contributor) for contributor in contributors]
            try:
                posts = follow_friday_posts(
                    people, networks=SHARE_TEXT_NETWORKS, limits=self.share.limits,
                    site=self.share.site_name, roundup_title=roundup.title,
                    roundup_url=f"{self.share.base_url}/{roundup.url}", wording=self.share.wording)
            except NameTooLongError as error:
                self._report_long_name(roundup, contributors, people, error)
                continue
            except ShareTextError as error:
                problem("pelicanconf.py", 0, t("#FollowFriday {week}: {error}", week=roundup.slug, error=error))
                continue
            page_url = url_table(self.context).url("roundup_share", slug=roundup.slug)
            shares[roundup.slug] = {"url": page_url, "json_url": page_url + "share.json"}
            self.roundup_pages.append({
                "roundup": roundup,
                "url": page_url,
                "save_as": page_url + "index.html",
                "json_url": page_url + "share.json",
                "json": share_json(posts),
                "posts": posts,
                "views": self._views(posts, id_prefix="ff"),
            })
        self.context["roundup_shares"] = shares

    def _report_long_name(self, roundup, contributors, people, error: NameTooLongError):
        """Point at the profile of the person whose name does not fit, when there is one."""
        path = self.settings.get("PATH", "content")
        for contributor, person in zip(contributors, people):
            handle = getattr(contributor, "handle", None)
            if handle in self.profiles and names_for(error.network, [person]) == [error.name]:
                path = getattr(self.profiles[handle], "source_path", None) or path
                break
        problem(path, 0, t("#FollowFriday {week}: {error}", week=roundup.slug, error=error))

    def _views(self, posts_by_network: dict, id_prefix: str, share_boxes: bool = False) -> list[dict]:
        """Copy boxes: one per network (#FollowFriday page), or one per distinct text (an article)."""
        strings = self.share.strings
        return network_views(
            posts_by_network,
            limits=self.share.limits,
            network_names={network: strings[f"share_network_{network}"] for network in SHARE_TEXT_NETWORKS},
            count_text=lambda length, limit: strings["share_count"].format(
                length=grouped_number(length, self.share.lang), limit=grouped_number(limit, self.share.lang)),
            post_label=lambda name, number, total: (
                strings["share_text_label"].format(network=name) if total == 1
                else strings["share_post_label"].format(network=name, number=number, total=total)),
            id_prefix=id_prefix,
            join_names=(lambda names: join_names(names, self.share.wording)) if share_boxes else None,
            count_on=lambda names, count: strings["share_count_on"].format(
                networks=join_names(names, self.share.wording), count=count),
        )

    # --- output -----------------------------------------------------------------------------

    def generate_output(self, writer):
        if not getattr(self, "ready", False):
            return
        template = self.get_template("roundup_share")
        for page in self.roundup_pages:
            writer.write_file(page["save_as"], template, self.context,
                              relative_urls=self.settings.get("RELATIVE_URLS", False),
                              roundup=page["roundup"], share_page=page, page_name=page["url"])
            writer.write_file(page["json_url"], FixedText(page["json"]), self.context)


def grouped_number(number: int, lang: str) -> str:
    """3000 -> '3.000' (de) / '3,000' (en); below 1,000 the digits as they are (in both languages)."""
    return str(number) if 0 <= number < 1000 else _grouped(number, lang)


@functools.lru_cache(maxsize=256)  # Babel takes ~20 µs a call; the limits are a handful of numbers
def _grouped(number: int, lang: str) -> str:
    return format_decimal(number, locale=lang)


def get_generators(pelican):
    return ShareKitGenerator


def prepare_share_data(context, generators=()):
    """Model stage "share": share texts of every article and roundup, after the roundups exist."""
    for generator in generators:
        if isinstance(generator, ShareKitGenerator):
            generator.prepare()


def register():
    connect()
    on_stage("share", prepare_share_data)
    signals.get_generators.connect(get_generators)
