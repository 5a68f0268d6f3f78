"""Per-service placeholders for the unsubscribe and "view online" links of the newsletter.

The mail service replaces its placeholder per recipient when it sends; the plain `mailto`
preset needs no service at all (readers unsubscribe by writing to an address).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.messages import t


@dataclass(frozen=True)
class ServicePreset:
    name: str
    unsubscribe_url: str  # may contain {mailto}: the NEWSLETTER_UNSUBSCRIBE_MAILTO address
    view_online_url: str | None  # the service's archive link; None: only our web copy exists


PRESETS = {
    "listmonk": ServicePreset("listmonk", "{{ UnsubscribeURL }}", "{{ MessageURL }}"),
    "mailchimp": ServicePreset("mailchimp", "*|UNSUB|*", "*|ARCHIVE|*"),
    "brevo": ServicePreset("brevo", "{{ unsubscribe }}", "{{ mirror }}"),
    "mailto": ServicePreset("mailto", "mailto:{mailto}?subject=abmelden", None),
}


class UnknownService(ValueError):
    pass


def service_preset(name: str) -> ServicePreset:
    try:
        return PRESETS[str(name).strip().lower()]
    except KeyError:
        choices = ", ".join(sorted(PRESETS))
        raise UnknownService(
            t("{setting} is not a known mail service; choose one of: {choices}",
              setting=f"NEWSLETTER_SERVICE = {name!r}", choices=choices)
        ) from None


def placeholder_values(preset: ServicePreset) -> set[str]:
    """Strings that stand in for a URL until the service sends (not absolute URLs themselves)."""
    return {value for value in (preset.unsubscribe_url, preset.view_online_url)
            if value and not value.startswith("mailto:")}
