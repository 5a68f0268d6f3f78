"""The newsletter's settings, read once per build with defaults and validated in one place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from email.utils import parseaddr
from urllib.parse import urlsplit

from .presets import ServicePreset, service_preset

DEFAULT_MAX_BYTES = 90 * 1024
VIEW_ONLINE_CHOICES = ("site", "service")


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

    def absolute(self, url: str) -> str:
        if not url or urlsplit(url).scheme:
            return url
        return f"{self.site_url}/{url.lstrip('/')}"


def _address(settings: dict, key: str, default: str) -> str:
    value = str(settings.get(key) or default).strip()
    if "@" not in parseaddr(value)[1]:
        raise NewsletterConfigError(
            f"{key} = {value!r} is not an email address; write it like 'Werkbank Blog <newsletter@example.org>'"
        )
    return value


def _site_url(settings: dict) -> str:
    url = str(settings.get("NEWSLETTER_SITEURL") or settings.get("SITEURL") or "").rstrip("/")
    if url and urlsplit(url).scheme not in ("http", "https"):
        key = "NEWSLETTER_SITEURL" if settings.get("NEWSLETTER_SITEURL") else "SITEURL"
        raise NewsletterConfigError(
            f"{key} = {url!r} is not an absolute URL; the email needs one like 'https://blog.example.org'"
        )
    return url


def newsletter_settings(settings: dict) -> NewsletterSettings:
    site_url = _site_url(settings)
    host = urlsplit(site_url).hostname or "localhost"
    sender = _address(settings, "NEWSLETTER_FROM", f"{settings.get('SITENAME', 'Newsletter')} <newsletter@{host}>")
    domain = parseaddr(sender)[1].rpartition("@")[2]
    view_online = str(settings.get("NEWSLETTER_VIEW_ONLINE", "site"))
    if view_online not in VIEW_ONLINE_CHOICES:
        raise NewsletterConfigError(
            f"NEWSLETTER_VIEW_ONLINE = {view_online!r}; choose one of: {', '.join(VIEW_ONLINE_CHOICES)}"
        )
    max_bytes = settings.get("NEWSLETTER_MAX_BYTES", DEFAULT_MAX_BYTES)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise NewsletterConfigError(f"NEWSLETTER_MAX_BYTES = {max_bytes!r}; expected a positive number of bytes")
    weeks = settings.get("NEWSLETTER_WEEKS", 8)
    if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 0:
        raise NewsletterConfigError(f"NEWSLETTER_WEEKS = {weeks!r}; expected a whole number (0 = every week)")
    web_copy_url = str(settings.get("NEWSLETTER_WEB_COPY_URL", "wochenrueckblick/{slug}/newsletter/"))
    if "{slug}" not in web_copy_url or not web_copy_url.endswith("/"):
        raise NewsletterConfigError(
            f"NEWSLETTER_WEB_COPY_URL = {web_copy_url!r}; expected a directory URL with {{slug}}, "
            "e.g. 'wochenrueckblick/{slug}/newsletter/'"
        )
    try:
        preset = service_preset(settings.get("NEWSLETTER_SERVICE", "listmonk"))
    except ValueError as error:
        raise NewsletterConfigError(str(error)) from None
    settings_obj = NewsletterSettings(
        enabled=bool(settings.get("NEWSLETTER_ENABLED", False)),
        site_url=site_url,
        site_name=str(settings.get("SITENAME", "")),
        publisher=str(settings.get("PUBLISHER", settings.get("SITENAME", ""))),
        lang=str(settings.get("DEFAULT_LANG", "de")),
        timezone=str(settings.get("TIMEZONE", "Europe/Berlin")),
        preset=preset,
        view_online=view_online,
        sender=sender,
        recipient=_address(settings, "NEWSLETTER_TO", f"newsletter@{domain}"),
        unsubscribe_mailto=parseaddr(
            _address(settings, "NEWSLETTER_UNSUBSCRIBE_MAILTO", f"newsletter-abmelden@{domain}"))[1],
        message_id_domain=domain,
        impressum_url=str(settings.get("NEWSLETTER_IMPRESSUM_URL", "impressum/")),
        web_copy_url=web_copy_url,
        logo=None,
        max_bytes=max_bytes,
        weeks=weeks,
    )
    return _with_logo(settings_obj, settings)


def _with_logo(config: NewsletterSettings, settings: dict) -> NewsletterSettings:
    """NEWSLETTER_LOGO = {"path": "favicon.png", "width": 32, "height": 32} (theme static) or None."""
    logo = settings.get("NEWSLETTER_LOGO")
    if not logo:
        return config
    path = str(logo.get("path", "")) if isinstance(logo, dict) else ""
    if not path.lower().endswith((".png", ".jpg", ".jpeg")) or not all(
        isinstance(logo.get(k), int) and logo.get(k) > 0 for k in ("width", "height")
    ):
        raise NewsletterConfigError(
            f"NEWSLETTER_LOGO = {logo!r}; expected {{'path': 'favicon.png', 'width': 32, 'height': 32}} "
            "with a PNG or JPEG (email clients do not show SVG or WebP)"
        )
    static = str(settings.get("THEME_STATIC_DIR", "theme")).strip("/")
    url = config.absolute(f"{static}/{path.lstrip('/')}")
    return replace(config, logo=Logo(url, logo["width"], logo["height"], str(logo.get("alt", config.site_name))))
