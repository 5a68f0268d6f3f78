"""People: handles, profile links and mentions, each rule in one place for every plugin and tool.

A profile's links are checked once, when it is loaded (link_problem), with the same rules that
make mentions for share texts: a link that passes is a profile on its network.

How a person can be named on each network: a mention parsed from their profile link, or their name.

Mastodon `https://instance/@user` -> `@user@instance`; Bluesky `https://bsky.app/profile/handle`
-> `@handle`; X `https://x.com/name` (or twitter.com) -> `@name`. LinkedIn and XING have no text
mentions, so people appear there by name; so does anyone without a link on that network.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from shared.messages import N_, t

# A handle names a profile file (content/authors/<handle>.yml), a series file or a thanks entry.
HANDLE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HANDLE_HINT = N_("handles are lower-case letters, digits and '-', e.g. jana-beispiel")
# The link keys a profile may have, in the order they are shown.
NETWORKS = ("linkedin", "xing", "mastodon", "bluesky", "x", "website")
EXAMPLES = {
    "linkedin": "https://www.linkedin.com/in/jana-beispiel",
    "xing": "https://www.xing.com/profile/Jana_Beispiel",
    "mastodon": "https://mastodon.social/@jana",
    "bluesky": "https://bsky.app/profile/jana.bsky.social",
    "x": "https://x.com/jana_beispiel",
    "website": "https://jana-beispiel.de",
}
_HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

# Networks whose posts can mention a person by text.
MENTION_NETWORKS = ("mastodon", "bluesky", "x")
# Networks we write share texts for; LinkedIn and XING name people in plain text.
SHARE_TEXT_NETWORKS = ("mastodon", "bluesky", "linkedin", "xing", "x")

EXPECTED = {
    "mastodon": N_("a Mastodon profile like https://mastodon.social/@name"),
    "bluesky": N_("a Bluesky profile like https://bsky.app/profile/name.bsky.social"),
    "x": N_("an X profile like https://x.com/name (or https://twitter.com/name)"),
    "linkedin": N_("a LinkedIn profile like https://www.linkedin.com/in/name"),
    "xing": N_("a XING profile like https://www.xing.com/profile/Vorname_Nachname"),
}
ANY_PROFILE = N_("a profile link")  # expected of a network without a rule of its own

# Mastodon usernames: letters, digits, underscore; dots and dashes only inside.
_MASTODON_USER = re.compile(r"[A-Za-z0-9_]+(?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
_DOMAIN = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")
_X_NAME = re.compile(r"[A-Za-z0-9_]{1,15}")
# First path segments on x.com that are pages of the site, not accounts.
_X_RESERVED = {"home", "i", "intent", "search", "hashtag", "explore", "share", "settings",
               "messages", "notifications", "login", "signup", "tos", "privacy", "compose"}
# People's pages only: company pages (linkedin.com/company, xing.com/pages) are not a person.
_LINKEDIN_KINDS = {"in", "pub"}
_XING_KINDS = {"profile"}


class ProfileLinkError(ValueError):
    """A profile link that is not a profile on its network; says what was expected."""

    def __init__(self, network: str, url: str, reason: str, wrong_host: str | None = None):
        self.network, self.url, self.reason, self.wrong_host = network, url, reason, wrong_host
        self.expected = t(EXPECTED.get(network, ANY_PROFILE))
        super().__init__(t("{network} link '{url}' is not a profile: {reason}; expected {expected}",
                           network=network, url=url, reason=reason, expected=self.expected))


def _host_and_segments(network: str, url: str) -> tuple[str, list[str]]:
    """Lower-case host without `www.` and the non-empty path segments; query and fragment ignored."""
    if not isinstance(url, str) or not url.strip():
        raise ProfileLinkError(network, str(url), t("the link is empty"))
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise ProfileLinkError(network, url, t("it is not a web address"))
    host = parts.hostname.lower()
    host = host[4:] if host.startswith("www.") else host
    segments = [segment for segment in parts.path.split("/") if segment]
    return host, segments


def mastodon_mention(url: str) -> str:
    host, segments = _host_and_segments("mastodon", url)
    if not _DOMAIN.fullmatch(host):
        raise ProfileLinkError("mastodon", url, t("'{host}' is not an instance name", host=host))
    if len(segments) == 2 and segments[0] == "users":  # https://instance/users/name, the ActivityPub form
        account = segments[1]
    elif len(segments) == 1 and segments[0].startswith("@"):
        account = segments[0][1:]
    else:
        raise ProfileLinkError("mastodon", url, t("the path is not /@name"))
    user, _, instance = account.partition("@")  # a remote account seen on another instance
    instance = instance.lower() or host
    if not _MASTODON_USER.fullmatch(user) or not _DOMAIN.fullmatch(instance):
        raise ProfileLinkError("mastodon", url, t("'{account}' is not a Mastodon account name", account=account))
    return f"@{user}@{instance}"


def bluesky_mention(url: str) -> str:
    host, segments = _host_and_segments("bluesky", url)
    if host != "bsky.app":
        raise ProfileLinkError("bluesky", url,
                               t("the host is '{host}', not {expected}", host=host, expected="bsky.app"), host)
    if len(segments) != 2 or segments[0] != "profile":
        raise ProfileLinkError("bluesky", url, t("the path is not /profile/<handle>"))
    handle = segments[1].lower()
    if handle.startswith("did:"):
        raise ProfileLinkError("bluesky", url, t("a DID cannot be mentioned in text; use the handle"))
    if not _DOMAIN.fullmatch(handle):
        raise ProfileLinkError("bluesky", url, t("'{handle}' is not a handle (a domain name)", handle=segments[1]))
    return f"@{handle}"


def x_mention(url: str) -> str:
    host, segments = _host_and_segments("x", url)
    if host not in ("x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com"):
        raise ProfileLinkError("x", url, t("the host is '{host}', not {first} or {second}", host=host,
                                          first="x.com", second="twitter.com"), host)
    if len(segments) != 1:
        raise ProfileLinkError("x", url, t("the path is not /<name>"))
    name = segments[0].lstrip("@")
    if name.lower() in _X_RESERVED or not _X_NAME.fullmatch(name):
        raise ProfileLinkError("x", url,
                               t("'{name}' is not an account name (1–15 letters, digits, _)", name=segments[0]))
    return f"@{name}"


def _check_plain_profile(network: str, url: str, hosts: tuple[str, ...], kinds: set) -> None:
    host, segments = _host_and_segments(network, url)
    known_host = any(host == h or host.endswith("." + h) for h in hosts)
    if not known_host:
        raise ProfileLinkError(network, url,
                               t("the host is '{host}', not {expected}", host=host, expected=hosts[0]), host)
    if len(segments) < 2 or segments[0].lower() not in kinds:
        raise ProfileLinkError(network, url, t("the path does not name a profile"))


_MENTION_PARSERS = {"mastodon": mastodon_mention, "bluesky": bluesky_mention, "x": x_mention}


def check_profile_link(network: str, url: str) -> None:
    """Raise ProfileLinkError when `url` is not a profile on `network` (websites are not checked)."""
    if network in _MENTION_PARSERS:
        _MENTION_PARSERS[network](url)
    elif network == "linkedin":
        _check_plain_profile(network, url, ("linkedin.com",), _LINKEDIN_KINDS)
    elif network == "xing":
        _check_plain_profile(network, url, ("xing.com",), _XING_KINDS)


@functools.lru_cache(maxsize=4096)  # a pure function of two strings; each author is named in every post
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
        handle = mention("mastodon", url)  # remembered: every post of the author asks again
    except ProfileLinkError:
        return None
    # a remote account seen on another instance still posts from its home instance
    return "https://" + handle.rsplit("@", 1)[1]


def link_problem(network: str, url) -> tuple[str, str] | None:
    """None when `url` is a safe https link to a profile on `network`, else (what is wrong, fix)."""
    example = EXAMPLES[network]
    if not isinstance(url, str) or not url.strip():
        return (t("link '{network}' must be an address, found {value}", network=network, value=repr(url)),
                t('write {network}: "{example}"', network=network, example=example))
    url = url.strip()
    if any(char.isspace() or ord(char) < 32 for char in url):
        return (t("link '{network}' contains spaces or control characters: '{url}'", network=network, url=url),
                t("write the address without spaces, e.g. {example}", example=example))
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "http":
        return (t("link '{network}' is not https: '{url}'", network=network, url=url),
                t("use https://, e.g. {example}", example=example))
    if scheme != "https":
        shown = f"'{scheme}:'" if scheme else t("no scheme")
        return (t("unsafe link '{network}': '{url}' ({scheme})", network=network, url=url, scheme=shown),
                t("only https:// addresses are allowed, e.g. {example}", example=example))
    if parts.username or parts.password or not _HOSTNAME.match((parts.hostname or "").lower()):
        return (t("link '{network}' has no valid host: '{url}'", network=network, url=url),
                t("write the full address, e.g. {example}", example=example))
    try:
        check_profile_link(network, url)
    except ProfileLinkError as error:
        if error.wrong_host:
            return (t("link '{network}' points to '{host}', not to a {network} profile: '{url}'",
                      network=network, host=parts.hostname, url=url),
                    t("use your {network} profile address, e.g. {example}", network=network, example=example))
        return (t("link '{network}' is not a profile address: '{url}' ({reason})",
                  network=network, url=url, reason=error.reason),
                t("use the address of your profile page, e.g. {example}", example=example))
    return None


def mentions_of(links: dict) -> dict:
    """{network: "@name@instance"} for the links that can be mentioned in text (already checked)."""
    return {network: mention(network, url) for network, url in links.items() if network in _MENTION_PARSERS}
