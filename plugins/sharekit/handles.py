"""How a person can be named on each network: a mention parsed from their profile link, or their name.

Mastodon `https://instance/@user` -> `@user@instance`; Bluesky `https://bsky.app/profile/handle`
-> `@handle`; X `https://x.com/name` (or twitter.com) -> `@name`. LinkedIn and XING have no text
mentions, so people appear there by name; so does anyone without a link on that network.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Networks whose posts can mention a person by text.
MENTION_NETWORKS = ("mastodon", "bluesky", "x")
# Networks we write share texts for; LinkedIn and XING name people in plain text.
SHARE_TEXT_NETWORKS = ("mastodon", "bluesky", "linkedin", "xing", "x")

EXPECTED = {
    "mastodon": "a Mastodon profile like https://mastodon.social/@name",
    "bluesky": "a Bluesky profile like https://bsky.app/profile/name.bsky.social",
    "x": "an X profile like https://x.com/name (or https://twitter.com/name)",
    "linkedin": "a LinkedIn profile like https://www.linkedin.com/in/name",
    "xing": "a XING profile like https://www.xing.com/profile/Vorname_Nachname",
}

# Mastodon usernames: letters, digits, underscore; dots and dashes only inside.
_MASTODON_USER = re.compile(r"[A-Za-z0-9_]+(?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
_DOMAIN = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")
_X_NAME = re.compile(r"[A-Za-z0-9_]{1,15}")
# First path segments on x.com that are pages of the site, not accounts.
_X_RESERVED = {"home", "i", "intent", "search", "hashtag", "explore", "share", "settings",
               "messages", "notifications", "login", "signup", "tos", "privacy", "compose"}
_LINKEDIN_KINDS = {"in", "company", "pub"}
_XING_KINDS = {"profile", "pages"}


class ProfileLinkError(ValueError):
    """A profile link that is not a profile on its network; says what was expected."""

    def __init__(self, network: str, url: str, reason: str):
        self.network, self.url, self.reason = network, url, reason
        self.expected = EXPECTED.get(network, "a profile link")
        super().__init__(f"{network} link '{url}' is not a profile: {reason}; expected {self.expected}")


def _host_and_segments(network: str, url: str) -> tuple[str, list[str]]:
    """Lower-case host without `www.` and the non-empty path segments; query and fragment ignored."""
    if not isinstance(url, str) or not url.strip():
        raise ProfileLinkError(network, str(url), "the link is empty")
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise ProfileLinkError(network, url, "it is not a web address")
    host = parts.hostname.lower()
    host = host[4:] if host.startswith("www.") else host
    segments = [segment for segment in parts.path.split("/") if segment]
    return host, segments


def mastodon_mention(url: str) -> str:
    host, segments = _host_and_segments("mastodon", url)
    if not _DOMAIN.fullmatch(host):
        raise ProfileLinkError("mastodon", url, f"'{host}' is not an instance name")
    if len(segments) == 2 and segments[0] == "users":  # https://instance/users/name, the ActivityPub form
        account = segments[1]
    elif len(segments) == 1 and segments[0].startswith("@"):
        account = segments[0][1:]
    else:
        raise ProfileLinkError("mastodon", url, "the path is not /@name")
    user, _, instance = account.partition("@")  # a remote account seen on another instance
    instance = instance.lower() or host
    if not _MASTODON_USER.fullmatch(user) or not _DOMAIN.fullmatch(instance):
        raise ProfileLinkError("mastodon", url, f"'{account}' is not a Mastodon account name")
    return f"@{user}@{instance}"


def bluesky_mention(url: str) -> str:
    host, segments = _host_and_segments("bluesky", url)
    if host != "bsky.app":
        raise ProfileLinkError("bluesky", url, f"the host is '{host}', not bsky.app")
    if len(segments) != 2 or segments[0] != "profile":
        raise ProfileLinkError("bluesky", url, "the path is not /profile/<handle>")
    handle = segments[1].lower()
    if handle.startswith("did:"):
        raise ProfileLinkError("bluesky", url, "a DID cannot be mentioned in text; use the handle")
    if not _DOMAIN.fullmatch(handle):
        raise ProfileLinkError("bluesky", url, f"'{segments[1]}' is not a handle (a domain name)")
    return f"@{handle}"


def x_mention(url: str) -> str:
    host, segments = _host_and_segments("x", url)
    if host not in ("x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"):
        raise ProfileLinkError("x", url, f"the host is '{host}', not x.com or twitter.com")
    if len(segments) != 1:
        raise ProfileLinkError("x", url, "the path is not /<name>")
    name = segments[0].lstrip("@")
    if name.lower() in _X_RESERVED or not _X_NAME.fullmatch(name):
        raise ProfileLinkError("x", url, f"'{segments[0]}' is not an account name (1–15 letters, digits, _)")
    return f"@{name}"


def _check_plain_profile(network: str, url: str, hosts: tuple[str, ...], kinds: set) -> None:
    host, segments = _host_and_segments(network, url)
    known_host = any(host == h or host.endswith("." + h) for h in hosts)
    if not known_host:
        raise ProfileLinkError(network, url, f"the host is '{host}', not {hosts[0]}")
    if len(segments) < 2 or segments[0].lower() not in kinds:
        raise ProfileLinkError(network, url, "the path does not name a profile")


_MENTION_PARSERS = {"mastodon": mastodon_mention, "bluesky": bluesky_mention, "x": x_mention}


def check_profile_link(network: str, url: str) -> None:
    """Raise ProfileLinkError when `url` is not a profile on `network` (websites are not checked)."""
    if network in _MENTION_PARSERS:
        _MENTION_PARSERS[network](url)
    elif network == "linkedin":
        _check_plain_profile(network, url, ("linkedin.com",), _LINKEDIN_KINDS)
    elif network == "xing":
        _check_plain_profile(network, url, ("xing.com",), _XING_KINDS)


def mention(network: str, url: str) -> str:
    """The text that mentions the owner of `url` on `network`; ProfileLinkError if it is no profile."""
    return _MENTION_PARSERS[network](url)


def name_on(network: str, name: str, links: dict | None) -> str:
    """How a post on `network` names this person: their mention where possible, else their name."""
    url = (links or {}).get(network)
    if network in _MENTION_PARSERS and url:
        return mention(network, url)
    return name


def mastodon_instance(links: dict | None) -> str | None:
    """`https://instance` of a person's Mastodon profile (for the share link), or None."""
    url = (links or {}).get("mastodon")
    if not url:
        return None
    try:
        handle = mastodon_mention(url)
    except ProfileLinkError:
        return None
    # a remote account seen on another instance still posts from its home instance
    return "https://" + handle.rsplit("@", 1)[1]
