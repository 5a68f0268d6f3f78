"""Connects the newsletter to Pelican: a generator that writes every roundup as an email.

For each roundup in context["roundups"] (the roundup plugin's contract) it writes
newsletter/<slug>.html, .txt and .eml, a web copy at NEWSLETTER_WEB_COPY_URL and
newsletter/index.json (newest first) for tools/newsletter.py.
"""

from __future__ import annotations

import json
import logging

from pelican import signals
from pelican.generators import Generator

from shared.messages import t
from shared.model import connect, newest_roundups, on_stage, site_config, url_table

from .config import newsletter_settings
from .message import Envelope, build_message, list_unsubscribe_urls, message_bytes, message_id
from .render import email_environment, email_view, render_html, render_text, web_copy_url, web_copy_view

logger = logging.getLogger(__name__)


class Prerendered:
    """Lets the writer (and its overwrite check) write text we rendered ourselves."""

    def __init__(self, text: str):
        self.text = text

    def render(self, context=None) -> str:
        return self.text


class NewsletterGenerator(Generator):
    """A Pelican generator, so its Jinja environment gets t(), tn() and the date filters."""

    def generate_output(self, writer):
        config = newsletter_settings(site_config(self.context))
        if not config.enabled:
            return
        if not config.site_url:
            logger.warning("%s", t("newsletter: not written: SITEURL is empty (a development build) and the email "
                                   "needs absolute URLs; set NEWSLETTER_SITEURL or use `make newsletter`"))
            return
        env = email_environment(self.env)
        entries = [write_roundup_email(writer, self.context, env, config, r)
                   for r in recent_roundups(self.context, config)]
        write(writer, self.context, url_table(self.context).newsletter_file("index", "json"),
              json.dumps({"site_url": config.site_url, "newsletters": entries}, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def link_web_copies(context, generators=()):
    """Model stage "newsletter": roundup pages link their "read as newsletter" copy."""
    config = newsletter_settings(site_config(context))
    written = config.enabled and config.site_url
    context["roundup_newsletters"] = {
        roundup.slug: web_copy_url(roundup, config) for roundup in recent_roundups(context, config)
    } if written else {}


def recent_roundups(context, config) -> list:
    """The newest NEWSLETTER_WEEKS roundups: old weeks are not sent again, so their emails are not rebuilt."""
    return newest_roundups(context, config.weeks)


def write_roundup_email(writer, context, env, config, roundup) -> dict:
    words, count_words = env.globals["t"], env.globals["tn"]  # the theme's UI strings
    view = email_view(roundup, config, words, count_words)
    html, text = render_html(env, view), render_text(env, view)
    envelope = Envelope(
        subject=view.subject, sender=config.sender, recipient=config.recipient, date=roundup.end,
        message_id=message_id(roundup.slug, config.message_id_domain), lang=config.lang,
        list_unsubscribe=list_unsubscribe_urls(view.unsubscribe_url, config.unsubscribe_mailto),
    )
    eml = message_bytes(build_message(envelope, text, html)).decode("ascii")
    web_copy = render_html(env, web_copy_view(view))
    paths = {kind: url_table(context).newsletter_file(roundup.slug, kind) for kind in ("html", "txt", "eml")}
    for kind, body in (("html", html), ("txt", text), ("eml", eml)):
        write(writer, context, paths[kind], body)
    write(writer, context, web_copy_url(roundup, config) + "index.html", web_copy)
    size = len(html.encode("utf-8"))
    if size > config.max_bytes:
        logger.warning("%s", t("newsletter: {file} is {size} KB, over the budget of {budget} KB "
                               "(Gmail clips at about 102 KB)", file=paths["html"], size=f"{size / 1024:.1f}",
                               budget=f"{config.max_bytes / 1024:.0f}"))
    return {"slug": roundup.slug, "subject": view.subject, "message_id": envelope.message_id,
            "web_copy": config.absolute(web_copy_url(roundup, config)), "html_bytes": size, **paths}


def write(writer, context, name: str, text: str) -> None:
    writer.write_file(name, Prerendered(text), context)


def get_generators(pelican):
    return NewsletterGenerator


def register():
    connect()
    on_stage("newsletter", link_web_copies)
    signals.get_generators.connect(get_generators)
