"""The newsletter's settings, read once per build with defaults and validated in one place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from email.utils import parseaddr
from urllib.parse import urlsplit

from shared.brand import email_logo
from shared.config import checked_config
from shared.urls import absolute_url, build_url_table

from .presets import ServicePreset, service_preset


class NewsletterConfigError(ValueError):
    """A NEWSLETTER_* setting has a value we cannot use; the message names key, value and fix."""


@dataclass(frozen=True)
class Logo:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class NewsletterSettings:
    enabled: bool
    site_url: str  # absolute, no trailing slash; "" when the build has none (dev)
    site_name: str
    publisher: str
    lang: str
    timezone: str
    preset: ServicePreset
    view_online: str  # "site": our web copy; "service": the service's archive placeholder
    sender: str
    recipient: str
    unsubscribe_mailto: str
    message_id_domain: str
    impressum_url: str
    web_copy_url: str  # pattern with {slug}, relative to the site
    logo: Logo | None
    max_bytes: int
    weeks: int = 8  # emails for the newest N roundups; 0 = every roundup
    subject: str = ""  # NEWSLETTER_SUBJECT; "" = the language's default

    def absolute(self, url: str) -> str:
        return absolute_url(self.site_url, url) if url else url  # no address stays none (a thanked name without one)


def _address(value: str, default: str) -> str:
    return value.strip() or default


def _site_url(config) -> str:
    return str(config["NEWSLETTER_SITEURL"] or config.site_url).rstrip("/")


def newsletter_settings(settings) -> NewsletterSettings:
    """The newsletter's view of the site config. Given a plain settings dict (the tools), a bad
    NEWSLETTER_* value raises NewsletterConfigError; in a build it was reported at start."""
    config = checked_config(settings, ("NEWSLETTER_",), NewsletterConfigError)
    site_url = _site_url(config)
    pelican = config.pelican
    host = urlsplit(site_url).hostname or "localhost"
    sender = _address(config["NEWSLETTER_FROM"], f"{pelican.get('SITENAME', 'Newsletter')} <newsletter@{host}>")
    domain = parseaddr(sender)[1].rpartition("@")[2]
    settings_obj = NewsletterSettings(
        enabled=config["NEWSLETTER_ENABLED"],
        site_url=site_url,
        site_name=str(pelican.get("SITENAME", "")),
        publisher=str(config["PUBLISHER"] or pelican.get("SITENAME", "")),
        lang=config.lang,
        timezone=config.tz_name,
        preset=service_preset(config["NEWSLETTER_SERVICE"]),
        view_online=config["NEWSLETTER_VIEW_ONLINE"],
        sender=sender,
        recipient=_address(config["NEWSLETTER_TO"], f"newsletter@{domain}"),
        unsubscribe_mailto=parseaddr(_address(config["NEWSLETTER_UNSUBSCRIBE_MAILTO"], f"newsletter-abmelden@{domain}"))[1],
        message_id_domain=domain,
        impressum_url=build_url_table(pelican, config.values).url("page", slug=config["NEWSLETTER_IMPRESSUM_PAGE"]),
        web_copy_url=config["NEWSLETTER_WEB_COPY_URL"],
        logo=None,
        max_bytes=config["NEWSLETTER_MAX_BYTES"],
        weeks=config["NEWSLETTER_WEEKS"],
        subject=config["NEWSLETTER_SUBJECT"],
    )
    return _with_logo(settings_obj, config)


def _with_logo(settings_obj: NewsletterSettings, config) -> NewsletterSettings:
    """NEWSLETTER_LOGO = {"path": "favicon.png", "width": 32, "height": 32} (theme static), else the PNG
    the brand makes of SITE_LOGO (many mail clients show no SVG), else none."""
    logo = config["NEWSLETTER_LOGO"]
    if not logo:
        made = email_logo(config.pelican, config["SITE_LOGO"])
        if made is None:
            return settings_obj
        path, width, height = made
        return replace(settings_obj, logo=Logo(settings_obj.absolute(path), width, height, settings_obj.publisher))
    static = str(config.pelican.get("THEME_STATIC_DIR", "theme")).strip("/")
    url = settings_obj.absolute(f"{static}/{str(logo['path']).lstrip('/')}")
    return replace(settings_obj, logo=Logo(url, logo["width"], logo["height"], str(logo.get("alt", settings_obj.site_name))))
