"""Relative links in an HTML fragment made absolute, for feeds and emails (read outside the site)."""

from __future__ import annotations

from html import escape
from urllib.parse import urljoin

from lxml import html as lxml_html


def absolute_links(html: str, base_url: str) -> str:
    """Rewrite relative href/src/srcset in an HTML fragment against the page's absolute URL."""
    if not html.strip():
        return html
    if not any(char in html for char in "<&\r"):  # plain text (a summary): no link, nothing to parse
        return escape(html, quote=False)
    wrapper = lxml_html.fragment_fromstring(html, create_parent="div")
    wrapper.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
    for element in wrapper.iter():  # lxml leaves these two alone
        if element.get("poster"):
            element.set("poster", urljoin(base_url, element.get("poster").strip()))
        if element.get("srcset"):
            element.set("srcset", absolute_srcset(element.get("srcset"), base_url))
    inner = escape(wrapper.text or "", quote=False)
    inner += "".join(lxml_html.tostring(child, encoding="unicode", method="html") for child in wrapper)
    return inner


def absolute_srcset(srcset: str, base_url: str) -> str:
    """'a.png 1x, b.png 2x' -> absolute URLs, descriptors kept."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([urljoin(base_url, parts[0]), *parts[1:]]))
    return ", ".join(candidates)
