"""Gutenberg blocks and classic shortcodes of a WordPress body, turned into plain HTML.

What WordPress renders on the server (embeds, galleries, captions, latest posts) is expanded here
from the export's own data; what cannot be (a plugin's shortcode, a dynamic block) is removed and
named in `Findings`, so the report can say which post lost what. Nothing here fetches anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape

# WordPress's own block-delimiter grammar (wp-includes/class-wp-block-parser.php), simplified.
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->", re.S)
# Blocks that WordPress fills from the database when a page is shown: nothing of them is in the export.
DYNAMIC_BLOCKS = {"latest-posts", "latest-comments", "archives", "categories", "calendar", "rss", "search",
                  "tag-cloud", "page-list", "query", "navigation", "loginout", "site-logo", "site-title",
                  "social-links", "post-navigation-link", "comments", "home-link", "avatar"}
# An embed (YouTube, Vimeo, X, …) keeps only its address: a link, never the provider's iframe or script.
EMBED_BLOCK = re.compile(
    r"<!--\s+wp:(?P<name>(?:core/)?embed|core-embed/[a-z0-9-]+)\s+(?P<attrs>\{.*?\})\s+(?:/-->|-->"
    r"(?P<inner>.*?)<!--\s+/wp:(?P=name)\s+-->)", re.S)
PAGE_BREAKS = re.compile(r"<!--\s*(more|nextpage|noteaser)\b[^>]*-->")
MEDIA_SHORTCODES = ("audio", "video", "playlist", "embed")
SHORTCODE = re.compile(
    r"\[(?P<escaped>\[)?(?P<name>[A-Za-z][A-Za-z0-9_-]*)(?P<attrs>(?:\s[^\]]*?)?)(?P<self>/)?\]"
    r"(?:(?P<inner>.*?)\[/(?P=name)\])?(?(escaped)\])", re.S)
ATTRIBUTE = re.compile(r"([A-Za-z0-9_-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"']+))")
CODE_SPANS = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S | re.I)


@dataclass
class Findings:
    """What a body lost on the way, for the report (post title → list of lines)."""

    unknown_shortcodes: list = field(default_factory=list)
    dropped_blocks: list = field(default_factory=list)


def shortcode_attributes(text: str) -> dict:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in ATTRIBUTE.finditer(text)}


def expand_blocks(content: str, reusable: dict, findings: Findings) -> str:
    """Block comments removed, embeds as links, reusable blocks inlined, dynamic blocks dropped (named)."""
    content = EMBED_BLOCK.sub(lambda m: _embed_link(_attrs(m.group("attrs")), m.group("inner") or ""),
                              PAGE_BREAKS.sub("", content))
    return BLOCK_COMMENT.sub(lambda m: _delimiter(m, reusable, findings), content)


def _delimiter(match, reusable: dict, findings: Findings) -> str:
    name, attrs = match.group("name").removeprefix("core/"), _attrs(match.group("attrs"))
    if match.group("closer") or not match.group("void"):
        return ""  # the HTML between the delimiters is the block's own, already rendered
    if name == "block":
        if attrs.get("ref") in reusable:
            return expand_blocks(reusable[attrs["ref"]], {}, findings)
        findings.dropped_blocks.append(f"reusable block {attrs.get('ref')} (not in the export)")
    elif name == "separator":
        return "<hr>"
    elif name in DYNAMIC_BLOCKS:
        findings.dropped_blocks.append(f"wp:{name} (a list WordPress makes when the page is shown)")
    return ""


def _attrs(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _embed_link(attrs: dict, inner: str) -> str:
    url = str(attrs.get("url", "")).strip()
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", inner, re.S)
    text = escape(url)
    link = f'<p><a href="{escape(url)}">{text}</a></p>' if url.startswith(("https://", "http://")) else ""
    return link + (f"<p>{caption.group(1)}</p>" if caption else "")


def expand_shortcodes(content: str, attachments: dict, post_id: int, findings: Findings) -> str:
    """[caption], [gallery], [audio], [video], [embed] as HTML; unknown shortcodes removed (their
    enclosed text kept) and named. Code samples (<pre>, <code>) are left alone."""
    parts = CODE_SPANS.split(content)
    for index in range(0, len(parts), 2):
        parts[index] = SHORTCODE.sub(lambda m: _shortcode(m, attachments, post_id, findings), parts[index])
    return "".join(parts)


def _shortcode(match, attachments: dict, post_id: int, findings: Findings) -> str:
    if match.group("escaped"):  # [[gallery]] is how WordPress writes a literal [gallery]
        return match.group(0)[1:-1]
    name, attrs, inner = match.group("name").lower(), shortcode_attributes(match.group("attrs")), match.group("inner")
    if not _looks_like_shortcode(match):
        return match.group(0)
    if name in ("caption", "wp_caption"):
        return _caption(attrs, inner or "")
    if name == "gallery":
        return _gallery(attrs, attachments, post_id)
    if name in MEDIA_SHORTCODES:
        url = (inner or "").strip() if name == "embed" else next(
            (attrs[k] for k in ("src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv", "flv") if attrs.get(k)), "")
        if url.startswith(("https://", "http://")):
            return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'
        findings.unknown_shortcodes.append(f"[{name}] without an address")
        return ""
    findings.unknown_shortcodes.append(f"[{name}]")
    return inner or ""


def _looks_like_shortcode(match) -> bool:
    """`[sic]` or `[1]` in a sentence is text; a shortcode has attributes, a closing tag, a `_`/`-`
    in its name, or is a known one."""
    name = match.group("name").lower()
    return (name in ("caption", "wp_caption", "gallery", *MEDIA_SHORTCODES) or match.group("inner") is not None
            or "=" in match.group("attrs") or "_" in name or "-" in name)


def _caption(attrs: dict, inner: str) -> str:
    image = re.match(r"\s*(<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>)(.*)\Z", inner, re.S)
    figure, text = (image.group(1), image.group(2).strip()) if image else (inner, "")
    text = text or attrs.get("caption", "")
    return f"<figure>{figure}<figcaption>{text}</figcaption></figure>" if text else f"<figure>{figure}</figure>"


def _gallery(attrs: dict, attachments: dict, post_id: int) -> str:
    if attrs.get("ids"):
        ids = [int(i) for i in re.findall(r"\d+", attrs["ids"])]
        chosen = [attachments[i] for i in ids if i in attachments]
    else:  # WordPress shows the images attached to the post, in menu order
        chosen = sorted((a for a in attachments.values() if a.parent == post_id), key=lambda a: (a.order, a.post_id))
    images = "".join(f'<figure><img src="{escape(a.url)}" alt="{escape(a.alt)}" data-wp-id="{a.post_id}"></figure>'
                     for a in chosen if a.url)
    return images
