"""A roundup as an email: plain view data, HTML with inlined CSS, and the plain-text part.

`email_view` turns a Roundup (the roundup plugin's contract) into plain data with absolute URLs;
the templates in theme/templates/email/ only show that data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

import css_inline
from babel.dates import format_interval
from babel.lists import format_list
from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from shared.htmllinks import absolute_links

from .config import Logo, NewsletterSettings

HTML_TEMPLATE = "email/roundup.html"
TEXT_TEMPLATE = "email/roundup.txt"
PREHEADER_LENGTH = 140
# Brand names are the same in every language.
NETWORK_LABELS = {"linkedin": "LinkedIn", "xing": "XING", "mastodon": "Mastodon", "bluesky": "Bluesky",
                  "x": "X", "website": "Website"}


@dataclass(frozen=True)
class EmailPost:
    title: str  # as typed; the HTML template escapes it, the text part shows it as it is
    url: str
    authors: str  # "Jana Beispiel und Tom Muster"
    summary: str
    label: str | None  # the series label of a tip, e.g. "Tipp 13 · #Mittwochstipp"


@dataclass(frozen=True)
class EmailContributor:
    name: str
    url: str | None
    roles: str
    links: tuple  # ((label, url), ...)
    is_newcomer: bool


@dataclass(frozen=True)
class EmailView:
    lang: str
    slug: str
    subject: str
    title: str
    period: str
    post_count_text: str  # "5 Beiträge"
    preheader: str
    intro_html: Markup
    intro_text: str
    posts: tuple
    contributors: tuple
    roundup_url: str
    view_online_url: str | None  # None in the web copy (the reader is already online)
    unsubscribe_url: str | None  # None in the web copy (there is no recipient to unsubscribe)
    impressum_url: str
    site_url: str
    site_name: str
    publisher: str
    logo: Logo | None
    web_copy: bool


def web_copy_url(roundup, config: NewsletterSettings) -> str:
    return config.web_copy_url.format(slug=roundup.slug)


SUBJECT_LENGTH = 70  # what most mail clients show of a subject line


def email_subject(roundup, config: NewsletterSettings, t, tn) -> str:
    """What is inside, not just which week: 'Netzwerken ist eine Haltung und 3 weitere · Werkbank Blog'
    (NEWSLETTER_SUBJECT, or the language's default); the first title loses words until it fits."""
    titles = [article.title for article in roundup.articles]
    more = len(titles) - 1
    fields = {"more": more, "count": len(titles), "site": config.site_name, "week": roundup.title}

    def compose(first: str) -> str:
        if config.subject:
            return config.subject.format(first=first, **fields)
        if not more:
            return t("newsletter_subject_one", first=first, **fields)
        return tn("newsletter_subject_more", more, first=first, **fields)

    words = (titles[0] if titles else roundup.title).split()
    for kept in range(len(words), 0, -1):
        subject = compose(" ".join(words[:kept]) + ("" if kept == len(words) else " …"))
        if len(subject) <= SUBJECT_LENGTH:
            return subject
    return subject[:SUBJECT_LENGTH - 1].rstrip() + "…"


def email_view(roundup, config: NewsletterSettings, t, tn, *, web_copy: bool = False) -> EmailView:
    """Everything the templates show, with every URL absolute. `t`/`tn` look up UI strings."""
    unsubscribe = config.preset.unsubscribe_url.replace("{mailto}", config.unsubscribe_mailto)
    view_online = config.absolute(web_copy_url(roundup, config))
    if config.view_online == "service" and config.preset.view_online_url:
        view_online = config.preset.view_online_url
    roundup_url = config.absolute(roundup.url)
    view = EmailView(
        lang=config.lang,
        slug=roundup.slug,
        subject=email_subject(roundup, config, t, tn),
        title=roundup.title,
        period=_period(roundup, config),
        post_count_text=tn("newsletter_posts_count", len(roundup.articles)),
        preheader=_preheader(roundup, t),
        intro_html=Markup(absolute_links(roundup.intro_html or "", roundup_url)),
        intro_text=(roundup.intro_text or "").strip(),
        posts=tuple(_post(article, config) for article in roundup.articles),
        contributors=tuple(_contributor(person, config) for person in roundup.contributors),
        roundup_url=roundup_url,
        view_online_url=view_online,
        unsubscribe_url=unsubscribe,
        impressum_url=config.absolute(config.impressum_url),
        site_url=config.site_url + "/",
        site_name=config.site_name,
        publisher=config.publisher,
        logo=config.logo,
        web_copy=False,
    )
    return web_copy_view(view) if web_copy else view


def web_copy_view(view: EmailView) -> EmailView:
    """The same email as a web page: the reader is online already and has nothing to unsubscribe."""
    return replace(view, view_online_url=None, unsubscribe_url=None, web_copy=True)


def _period(roundup, config: NewsletterSettings) -> str:
    if getattr(roundup, "period", None):  # the roundup plugin's wording, same as on the site
        return roundup.period
    zone = ZoneInfo(config.timezone)
    start, end = roundup.start.astimezone(zone).date(), roundup.end.astimezone(zone).date()
    return format_interval(start, end, "yMMMd", locale=config.lang)


def _preheader(roundup, t) -> str:
    """The line mail clients show after the subject: the editor's intro, else the other titles (the
    subject names the first), else the first post's summary."""
    others = [article.title for article in roundup.articles[1:]]
    text = " ".join((roundup.intro_text or "").split())
    if not text and others:
        text = t("newsletter_preheader_more", titles=" · ".join(others))
    elif not text and roundup.articles:
        text = " ".join((roundup.articles[0].blog.summary_text or "").split())
    if len(text) <= PREHEADER_LENGTH:
        return text
    return text[:PREHEADER_LENGTH].rsplit(" ", 1)[0] + " …"


def _post(article, config: NewsletterSettings) -> EmailPost:
    names = [author.name for author in article.authors]
    post = article.blog
    return EmailPost(
        title=str(article.title),
        url=config.absolute(article.url),
        authors=format_list(names, locale=config.lang) if names else "",
        summary=" ".join(post.summary_text.split()),
        label=post.series.label if post.series else None,
    )


def _contributor(person, config: NewsletterSettings) -> EmailContributor:
    # a profile's page, or the https address a free name was thanked with (as on the site)
    url = config.absolute(person.profile_url) if person.profile_url else (person.links or {}).get("website")
    links = tuple(  # each address once: a free name's website is already its name's link
        (NETWORK_LABELS.get(network, network.capitalize()), link)
        for network, link in (person.links or {}).items()
        if str(link).startswith("https://") and link != url
    )
    return EmailContributor(
        name=person.name,
        url=url,
        roles=format_list(list(person.roles), locale=config.lang) if person.roles else "",
        links=links,
        is_newcomer=bool(person.is_newcomer),
    )


def email_environment(base: Environment) -> Environment:
    """The site's Jinja environment (its t(), tn() and filters), autoescaping .html only.

    The plain-text part must show "&" and "<" as typed, so .txt templates are never escaped.
    """
    return base.overlay(autoescape=select_autoescape(("html",), default_for_string=False))


def render_html(env: Environment, view: EmailView) -> str:
    raw = env.get_template(HTML_TEMPLATE).render(email=view)
    return inline_css(raw).rstrip("\n") + "\n"


def render_text(env: Environment, view: EmailView) -> str:
    text = env.get_template(TEXT_TEMPLATE).render(email=view)
    # "-- " (with its space) is the signature separator mail clients recognise.
    lines = [line if line == "-- " else line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def inline_css(document: str) -> str:
    # At-rules (dark mode, small screens, hover) live in <style data-css-inline="keep">.
    inliner = css_inline.CSSInliner(load_remote_stylesheets=False, minify_css=True)
    return inliner.inline(document)
