"""Find every resource a written file would load from another origin (pure functions over text).

A reader's browser loads what `src`, `srcset`, `poster`, `data`, loading `<link>`s, CSS `url()` and
`@import`, a refresh and a form's `action` name; a plain link (`<a href>`) loads nothing until the
reader follows it, so it is fine. Files are read with a tag tokenizer (regular expressions), not a
full parser: the gate reads every file of every build, and a page's external loads are always in
its tags or its CSS.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""")
STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
HOST = r"[A-Za-z0-9.-]+(?::\d+)?"
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
# rel values of <link> that make the browser fetch something (or open a connection)
LOADING_RELS = {"stylesheet", "preload", "prefetch", "icon", "shortcut", "apple-touch-icon",
                "apple-touch-icon-precomposed", "manifest", "modulepreload", "preconnect", "dns-prefetch",
                "prerender", "mask-icon"}
# attributes that load their URL, per tag
LOADING_ATTRIBUTES = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",), "script": ("src",),
    "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "frame": ("src",), "portal": ("src",),
}


@dataclass(frozen=True)
class Load:
    """One resource the file loads from another origin."""

    what: str  # "<img src>", "<link rel=stylesheet>", "CSS url()", …
    url: str
    host: str
    line: int  # in the written file


def origin_of(url: str) -> str | None:
    """'https://host:port' of an absolute or protocol-relative URL; None for a URL of this site."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"


def foreign(url: str, own: frozenset) -> str | None:
    """The host of `url` when it is on another origin than `own` (scheme-blind), else None."""
    origin = origin_of(url)
    if origin is None:
        return None
    host = origin.split("://", 1)[1]
    return None if host in own else host


def own_hosts(*origins) -> frozenset:
    return frozenset(o.split("://", 1)[1] for o in (origin_of(u) for u in origins if u) if o)


def loads_in_html(text: str, own: frozenset, form_hosts: frozenset = frozenset()) -> list[Load]:
    """Every load of `text` from a host not in `own`. Only the tags and style blocks around an address
    of another host are read: a page names its own origin hundreds of times, other hosts rarely."""
    found, tags_read, styles_read = [], set(), set()
    opens = closes = None  # where "<style" and "</style" are: found once, not searched back from each address
    for match in _elsewhere(own).finditer(text):
        at = match.start()
        if opens is None:
            opens, closes = _positions(text, "<style"), _positions(text, "</style")
        style = _last_before(opens, at)
        if style > _last_before(closes, at):  # inside a <style> block
            if style not in styles_read:
                styles_read.add(style)
                body = STYLE_BLOCK.match(text, style)
                if body:
                    found += [Load(f"<style> {what}", url, host, _line(text, body.start(1) + offset))
                              for what, url, host, offset in _css_loads(body.group(1), own)]
            continue
        start = text.rfind("<", 0, at)
        if start < 0 or start in tags_read or text.rfind(">", 0, at) > start:
            continue  # text between tags (an address written out), or a tag already read
        tags_read.add(start)
        tag = TAG.match(text, start)
        if tag:
            found += _tag_loads(tag, own, form_hosts, lambda: _line(text, start))
    return found


def _positions(text: str, word: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(word), text)]


def _last_before(positions: list[int], at: int) -> int:
    """The last of `positions` before `at`, or -1 (what text.rfind(word, 0, at) says)."""
    index = bisect_left(positions, at)
    return positions[index - 1] if index else -1


@lru_cache(maxsize=16)
def _elsewhere(own: frozenset):
    """'//host' of any host but the site's own ones (one regular expression: pages name their own
    origin hundreds of times, and a literal '//' lets the search skip ahead)."""
    mine = "|".join(re.escape(host) for host in sorted(own, key=len, reverse=True))
    not_mine = f"(?!(?:{mine})(?![A-Za-z0-9.:-]))" if mine else ""
    return re.compile(f"//{not_mine}({HOST})", re.I)


def _tag_loads(match, own: frozenset, form_hosts: frozenset, line) -> list[Load]:
    """`line`: a function giving the tag's line (counted only for a tag that loads something)."""
    found = []
    tag, attributes = match.group(1).lower(), _attributes(match.group(2))

    def add(what, url, host):
        found.append(Load(what, url, host, line()))

    for name in LOADING_ATTRIBUTES.get(tag, ()):
        for url in _urls_of(attributes.get(name, ""), srcset=name == "srcset"):
            if host := foreign(url, own):
                add(f"<{tag} {name}>", url, host)
    if tag == "link" and set(attributes.get("rel", "").lower().split()) & LOADING_RELS:
        url = attributes.get("href", "")
        if host := foreign(url, own):
            add(f"<link rel={attributes.get('rel', '').strip()}>", url, host)
    if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
        url = re.sub(r"^\s*\d*\s*;?\s*url\s*=\s*['\"]?", "", attributes.get("content", ""), flags=re.I).rstrip("'\"")
        if host := foreign(url, own):
            add("<meta http-equiv=refresh>", url, host)
    if tag == "form":
        url = attributes.get("action", "")
        if (host := foreign(url, own)) and host not in form_hosts:
            add("<form action>", url, host)
    if "style" in attributes:
        found += [Load(f"style=\"{what}\"", url, host, line()) for what, url, host, _offset in _css_loads(attributes["style"], own)]
    return found


def loads_in_css(text: str, own: frozenset) -> list[Load]:
    return [Load(what, url, host, _line(text, offset)) for what, url, host, offset in _css_loads(text, own)]


def _css_loads(css: str, own: frozenset):
    for match in CSS_URL.finditer(css):
        url = next(g for g in match.groups() if g is not None) if any(g is not None for g in match.groups()) else ""
        what = "@import" if match.group(0).lstrip().startswith("@") else "url()"
        if host := foreign(unescape(url), own):
            yield what, unescape(url), host, match.start()


def _attributes(text: str) -> dict:
    found = {}
    for name, value in ATTRIBUTE.findall(text):
        found.setdefault(name.lower(), unescape(value[1:-1] if value[:1] in "\"'" else value))
    return found


def _urls_of(value: str, srcset: bool) -> list[str]:
    if not value:
        return []
    if not srcset:
        return [value]
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def _line(text: str, offset: int) -> int:
    """The line (from 1) of `offset`; counted only for what loads from elsewhere, which is rare."""
    return text.count("\n", 0, offset) + 1
