"""Find a mail service's placeholders ({{ UnsubscribeURL }}, *|UNSUB|*) left in a finished email.

Only the service's own campaign sending fills them in, per reader. Sent by plain SMTP they reach
every reader as they are: a dead unsubscribe link, which the law does not allow. So the SMTP
commands refuse such a message and say what to do instead (refusal()).
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote

from newsletter.presets import PRESETS  # the build plugin's table of services and their placeholders

# Listmonk and Brevo: {{ … }} (Go / Django-like templates); Mailchimp: *|…|* merge tags.
PLACEHOLDER = re.compile(r"\{\{.{0,200}?\}\}|\*\|[^|*\s]{1,100}\|\*", re.DOTALL)


@dataclass(frozen=True)
class Placeholder:
    text: str  # as found, e.g. "{{ UnsubscribeURL }}"
    where: str  # "List-Unsubscribe header", "text part", "HTML part"


def placeholders_in(eml: bytes) -> list[Placeholder]:
    """Every distinct placeholder of the message, in its headers and decoded text and HTML parts."""
    message = email.message_from_bytes(eml, policy=email.policy.default)
    found: list[Placeholder] = []
    for name, value in message.items():
        found += [Placeholder(text, f"{name} header") for text in _matches(str(value))]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            kind = "HTML part" if part.get_content_subtype() == "html" else "text part"
            found += [Placeholder(text, kind) for text in _matches(part.get_content())]
    return list(dict.fromkeys(found))


def _matches(text: str) -> list[str]:
    # also as a reader's program sees it: HTML entities decoded, %-escapes in links decoded
    variants = dict.fromkeys((text, unescape(text), unquote(text)))
    return list(dict.fromkeys(match.group(0) for variant in variants for match in PLACEHOLDER.finditer(variant)))


def services_of(found: list[Placeholder]) -> list[str]:
    """The services whose presets write these placeholders (none for a placeholder typed by hand)."""
    texts = {placeholder.text for placeholder in found}
    return [preset.name for preset in PRESETS.values()
            if texts & {preset.unsubscribe_url, preset.view_online_url}]


def refusal(found: list[Placeholder], eml_name: str, html_name: str) -> str:
    """Why the message is not sent by SMTP, naming NEWSLETTER_SERVICE and the two ways out."""
    places: dict[str, list[str]] = {}
    for placeholder in found:
        places.setdefault(placeholder.text, []).append(placeholder.where)
    listed = "; ".join(f"{text} ({', '.join(wheres)})" for text, wheres in places.items())
    services = services_of(found)
    service = (f"NEWSLETTER_SERVICE = {services[0]!r}" if len(services) == 1
               else "NEWSLETTER_SERVICE (pelicanconf.py / publishconf.py)")
    return (f"{eml_name} still contains mail-service placeholders: {listed}. Only the service's own "
            "campaign sending fills them in; sent by SMTP every reader would get them as they are, "
            f"a dead unsubscribe link. Nothing was sent. They come from {service}. Either\n"
            f"  - send it through that service's campaign editor or API: hand over {html_name} "
            "(docs/newsletter.md, \"Handing the email over\"), or\n"
            "  - set NEWSLETTER_SERVICE = \"mailto\" and NEWSLETTER_UNSUBSCRIBE_MAILTO to the address that "
            "unsubscribes readers (e.g. your list server's), rebuild with make newsletter and send by SMTP "
            "to the list address (a list server may add its own unsubscribe)")
