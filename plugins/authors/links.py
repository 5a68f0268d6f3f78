"""Which profile links we accept: https only, on the network's own host, with a profile path."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

NETWORKS = ("linkedin", "xing", "mastodon", "bluesky", "x", "website")

# network -> (accepted hosts or None for any, path pattern, example)
RULES = {
    "linkedin": (("www.linkedin.com", "linkedin.com"), re.compile(r"^/in/[^/]+/?$"),
                 "https://www.linkedin.com/in/jana-beispiel"),
    "xing": (("www.xing.com",), re.compile(r"^/profile/[^/]+/?$"),
             "https://www.xing.com/profile/Jana_Beispiel"),
    "mastodon": (None, re.compile(r"^/@[^/]+/?$"), "https://mastodon.social/@jana"),
    "bluesky": (("bsky.app",), re.compile(r"^/profile/[^/]+/?$"),
                "https://bsky.app/profile/jana.bsky.social"),
    "x": (("x.com", "twitter.com", "www.x.com", "www.twitter.com"), re.compile(r"^/[A-Za-z0-9_]+/?$"),
          "https://x.com/jana_beispiel"),
    "website": (None, re.compile(r"^(/.*)?$"), "https://jana-beispiel.de"),
}

HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def link_problem(network: str, url) -> tuple[str, str] | None:
    """None when the link is fine, else (what is wrong, how to fix it)."""
    example = RULES[network][2]
    if not isinstance(url, str) or not url.strip():
        return (f"link '{network}' must be an address, found {url!r}", f"write {network}: \"{example}\"")
    url = url.strip()
    if any(char.isspace() or ord(char) < 32 for char in url):
        return (f"link '{network}' contains spaces or control characters: '{url}'",
                f"write the address without spaces, e.g. {example}")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "http":
        return (f"link '{network}' is not https: '{url}'", f"use https://, e.g. {example}")
    if scheme != "https":
        shown = f"'{scheme}:'" if scheme else "no scheme"
        return (f"unsafe link '{network}': '{url}' ({shown})",
                f"only https:// addresses are allowed, e.g. {example}")
    host = (parts.hostname or "").lower()
    if parts.username or parts.password or not HOSTNAME.match(host):
        return (f"link '{network}' has no valid host: '{url}'", f"write the full address, e.g. {example}")
    hosts, path_pattern, _ = RULES[network]
    if hosts and host not in hosts:
        return (f"link '{network}' points to '{host}', not to {' or '.join(hosts)}: '{url}'",
                f"use your {network} profile address, e.g. {example}")
    if not path_pattern.match(parts.path):
        return (f"link '{network}' is not a profile address: '{url}'",
                f"use the address of your profile page, e.g. {example}")
    return None
