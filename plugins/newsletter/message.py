"""The newsletter as one email message (multipart/alternative: text first, HTML last).

Deterministic: the Date header is the roundup's cutoff, the Message-ID and the MIME boundary
are derived from the week and the content, so the same content gives the same bytes.
"""

from __future__ import annotations

import email.policy
import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

# LF line endings in the .eml file; SMTP sending converts to CRLF.
FILE_POLICY = email.policy.default


@dataclass(frozen=True)
class Envelope:
    subject: str
    sender: str
    recipient: str
    date: datetime  # the roundup's end (its publication moment), never the clock
    message_id: str
    lang: str
    list_unsubscribe: tuple  # URLs, e.g. ("{{ UnsubscribeURL }}", "mailto:abmelden@...?subject=abmelden")


def message_id(slug: str, domain: str) -> str:
    return f"<newsletter-{slug}@{domain}>"


def list_unsubscribe_urls(unsubscribe_url: str, mailto: str) -> tuple:
    mail = f"mailto:{mailto}?subject=abmelden"
    return (unsubscribe_url,) if unsubscribe_url == mail else (unsubscribe_url, mail)


def build_message(envelope: Envelope, text: str, html: str) -> EmailMessage:
    message = EmailMessage(policy=FILE_POLICY)
    message["Subject"] = envelope.subject
    message["From"] = envelope.sender
    message["To"] = envelope.recipient
    message["Date"] = format_datetime(envelope.date)
    message["Message-ID"] = envelope.message_id
    message["List-Unsubscribe"] = ", ".join(f"<{url}>" for url in envelope.list_unsubscribe)
    # RFC 8058 one-click needs an http(s) URL; a mailto-only list cannot offer it.
    if any(not url.startswith("mailto:") for url in envelope.list_unsubscribe):
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Quoted-printable keeps the message 7-bit clean for relays without 8BITMIME.
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in message.iter_parts():
        del part["MIME-Version"]  # only the top level carries it
    message.set_boundary(_boundary(text, html))
    # After the parts exist: set_content/add_alternative move Content-* headers into the parts.
    message["Content-Language"] = envelope.lang
    return message


def message_bytes(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=FILE_POLICY)


def _boundary(text: str, html: str) -> str:
    # "=_" never occurs in quoted-printable or base64 bodies, the hash makes it unique per content.
    digest = hashlib.sha256((text + "\0" + html).encode("utf-8")).hexdigest()[:32]
    return f"=_newsletter_{digest}"
