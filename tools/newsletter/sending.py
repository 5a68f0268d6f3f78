"""Send a finished .eml through SMTP; every failure becomes one SendError with a clear message."""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass

SECURITY_CHOICES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


class SendError(Exception):
    """Sending failed; the message says what happened and what to check."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    user: str
    password: str = ""

    def describe(self) -> str:
        login = f", login as {self.user}" if self.user else ", no login"
        return f"{self.host}:{self.port} ({self.security}{login})"


def smtp_settings(environ) -> SmtpSettings:
    """From NEWSLETTER_SMTP_HOST/PORT/SECURITY/USER/PASSWORD; raises SendError naming the variable."""
    host = environ.get("NEWSLETTER_SMTP_HOST", "").strip()
    if not host:
        raise SendError("NEWSLETTER_SMTP_HOST is not set; export the SMTP server of the list, "
                        "e.g. NEWSLETTER_SMTP_HOST=smtp.example.org")
    security = environ.get("NEWSLETTER_SMTP_SECURITY", "starttls").strip().lower() or "starttls"
    if security not in SECURITY_CHOICES:
        raise SendError(f"NEWSLETTER_SMTP_SECURITY={security!r}; choose one of: {', '.join(SECURITY_CHOICES)}")
    port_text = environ.get("NEWSLETTER_SMTP_PORT", "").strip()
    try:
        port = int(port_text) if port_text else DEFAULT_PORTS[security]
    except ValueError:
        raise SendError(f"NEWSLETTER_SMTP_PORT={port_text!r} is not a port number (e.g. 587)") from None
    user = environ.get("NEWSLETTER_SMTP_USER", "").strip()
    password = environ.get("NEWSLETTER_SMTP_PASSWORD", "")
    if user and security == "none":
        raise SendError("NEWSLETTER_SMTP_USER is set but NEWSLETTER_SMTP_SECURITY=none would send the "
                        "password unencrypted; use starttls or tls")
    if user and not password:
        raise SendError(f"NEWSLETTER_SMTP_USER={user!r} but NEWSLETTER_SMTP_PASSWORD is empty")
    return SmtpSettings(host, port, security, user, password)


def smtp_lines(eml: bytes) -> bytes:
    """SMTP wants CRLF line endings; the .eml file on disk has LF."""
    return eml.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def send_eml(eml: bytes, sender: str, recipient: str, settings: SmtpSettings, timeout: float = 30) -> None:
    """Deliver the bytes unchanged to one recipient (the list address); raise SendError on failure."""
    where = f"{settings.host}:{settings.port}"
    try:
        client_class = smtplib.SMTP_SSL if settings.security == "tls" else smtplib.SMTP
        with client_class(settings.host, settings.port, timeout=timeout) as client:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.user:
                client.login(settings.user, settings.password)
            client.sendmail(sender, [recipient], smtp_lines(eml))
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(f"{where} refused the login of {settings.user!r}: {_reply(error)}; "
                        "check NEWSLETTER_SMTP_USER and NEWSLETTER_SMTP_PASSWORD") from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(f"{where} does not support this ({error}); "
                        "check NEWSLETTER_SMTP_SECURITY (starttls, tls or none)") from None
    except smtplib.SMTPRecipientsRefused as error:
        replies = "; ".join(f"{address}: {_reply_parts(*reply)}" for address, reply in error.recipients.items())
        raise SendError(f"{where} refused the recipient {replies}; check NEWSLETTER_TO") from None
    except smtplib.SMTPSenderRefused as error:
        raise SendError(f"{where} refused the sender {error.sender!r}: {_reply(error)}; "
                        "check NEWSLETTER_FROM in publishconf.py") from None
    except smtplib.SMTPResponseException as error:  # includes SMTPDataError, 4xx/5xx answers
        raise SendError(f"{where} answered {_reply(error)}; nothing was recorded as sent") from None
    except smtplib.SMTPServerDisconnected as error:
        raise SendError(f"{where} closed the connection ({error or 'no reason given'}); "
                        "check NEWSLETTER_SMTP_PORT and NEWSLETTER_SMTP_SECURITY") from None
    except smtplib.SMTPException as error:
        raise SendError(f"sending through {where} failed: {error}") from None
    except ssl.SSLError as error:
        raise SendError(f"TLS with {where} failed: {error.reason or error}; "
                        "check NEWSLETTER_SMTP_SECURITY (starttls on 587, tls on 465)") from None
    except (socket.timeout, TimeoutError):
        raise SendError(f"{where} did not answer within {timeout:g} s; check NEWSLETTER_SMTP_HOST/PORT") from None
    except OSError as error:  # refused connection, unknown host, network down
        raise SendError(f"cannot connect to {where}: {error.strerror or error}; "
                        "check NEWSLETTER_SMTP_HOST and NEWSLETTER_SMTP_PORT") from None


def _reply(error: smtplib.SMTPResponseException) -> str:
    return _reply_parts(error.smtp_code, error.smtp_error)


def _reply_parts(code, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()
