"""A WordPress body (HTML after blocks and shortcodes) as Markdown for our reader.

Images point to their local copies, links to the old site point to the new pages, embeds are plain
links, and scripts, styles and iframes never come along. An image that cannot be published as it is
(file not found, no alt text anywhere) becomes a visible note for the editor with the Markdown ready
to paste, so the post builds as a draft and nothing is silently dropped or invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from lxml import html as lxml_html
from lxml.etree import ParserError
from markdownify import MarkdownConverter

from . import media

BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "table",
              "thead", "tbody", "tr", "td", "th", "figure", "figcaption", "hr", "dl", "dt", "dd", "form",
              "section", "address", "iframe", "video", "audio", "embed", "object", "style", "script", "math",
              "details", "summary", "aside", "header", "footer", "nav", "article", "main", "select", "option")
STARTS_WITH_BLOCK = re.compile(r"^\s*<(?:%s)\b" % "|".join(BLOCK_TAGS), re.I)
NEVER_KEPT = ("script", "style", "noscript", "template", "link", "meta", "base", "form", "input", "button",
              "select", "textarea")
FRAMES = ("iframe", "embed", "object", "video", "audio", "source")
# What Markdown reads as markup at the start of a line: a heading, a quote, a list item.
LINE_START_MARKUP = re.compile(r"^(\s*)(#|>|[-+*](?=\s|$))", re.M)
ORDERED_ITEM = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.M)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
WP_IMAGE_ID = re.compile(r"\bwp-image-(\d+)\b")
MARKER = "WPIMPORTMARKER{}X"
# Notes for the editor where a picture could not come along (no {static} link: the file is not there).
NOTES = {
    "de": {"missing": "Bild beim Import nicht gefunden: `{upload}`. Lege es als `content/{target}` ab und ersetze "
                      "diese Zeile durch das Bild{alt_de}.",
           "alt": "Bild ohne Alt-Text: `{upload}` (liegt unter `content/{target}`). Ersetze diese Zeile durch das "
                  "Bild mit einem Alt-Text, der sagt, was es zeigt."},
    "en": {"missing": "Image not found by the import: `{upload}`. Put it at `content/{target}` and replace this "
                      "line with the image{alt_en}.",
           "alt": "Image without alt text: `{upload}` (at `content/{target}`). Replace this line with the image "
                  "and an alt text that says what it shows."},
}


@dataclass(frozen=True)
class ImageRef:
    """What the import knows about an image address: its upload, local copy and the attachment's alt."""

    upload: str | None  # path inside wp-content/uploads; None: not on the old site
    local: str | None  # output-relative path of the copy (images/wordpress/…); None: not found
    alt: str = ""


@dataclass
class BodyResult:
    markdown: str
    missing_images: list = field(default_factory=list)  # upload paths
    images_without_alt: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # "iframe", "script" … that did not come along
    images: list = field(default_factory=list)  # local paths used


class _Markdown(MarkdownConverter):
    """markdownify with our rules: text stays text (a typed `<b>` or a line starting with `#` is not
    markup), images stay `{static}` links, a figure's caption stays with it."""

    def escape(self, text, parent_tags):
        if not text:
            return ""
        text = text.replace("\\", "\\\\").replace("`", "\\`").replace("&", "&amp;").replace("<", "&lt;")
        text = super().escape(text, parent_tags)  # * and _
        text = LINE_START_MARKUP.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
        return ORDERED_ITEM.sub(lambda m: m.group(1) + "\\" + m.group(2), text)

    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""

    def convert_figure(self, el, text, parent_tags):
        return f"\n\n{text.strip()}\n\n"


def autop(text: str) -> str:
    """WordPress's wpautop for classic (non-block) bodies: blank lines separate paragraphs, a single
    line break is <br>; blocks and <pre> stay as they are."""
    chunks, out = re.split(r"\n\s*\n", text.replace("\r\n", "\n")), []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if STARTS_WITH_BLOCK.match(chunk) or "<pre" in chunk:
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(out)


def body_markdown(body_html: str, *, is_blocks: bool, resolve_image: Callable[[str, int | None], ImageRef],
                  rewrite_link: Callable[[str], str | None], lang: str) -> BodyResult:
    result = BodyResult("")
    source = body_html if is_blocks else autop(body_html)
    if not source.strip():
        return result
    try:
        root = lxml_html.fragment_fromstring(source, create_parent="div")
    except ParserError:
        return result
    notes: dict[str, str] = {}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            _drop(element)
        elif element.tag in NEVER_KEPT:
            result.removed.append(element.tag)
            _drop(element)
    for element in list(root.iter(*FRAMES)):
        if element.getparent() is None:
            continue
        _frame_as_link(element, resolve_image, rewrite_link, result)
    _headings_below_title(root)
    for paragraph in root.iter("p"):
        _bare_address_as_link(paragraph)
    for pre in root.iter("pre"):
        _line_breaks_as_newlines(pre)
    for image in list(root.iter("img")):
        _image(image, resolve_image, result, notes, lang)
    for link in root.iter("a"):
        _link(link, resolve_image, rewrite_link)
    markdown = _Markdown(heading_style="ATX", bullets="-", escape_misc=False, strip=["span", "font"]).convert_soup(
        _soup(lxml_html.tostring(root, encoding="unicode")))
    for token, note in notes.items():
        markdown = markdown.replace(token, note)
    result.markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return result


def _soup(text: str):
    from bs4 import BeautifulSoup  # markdownify's own parser
    return BeautifulSoup(text, "html.parser")


def _drop(element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _headings_below_title(root) -> None:
    """The page's title is its h1: the body's headings start at h2 and skip no level (h3 alone → h2,
    h2 + h6 → h2 + h3), so the outline stays what the author meant and screen readers can follow it."""
    used = sorted({int(h.tag[1]) for h in root.iter(*HEADINGS)})
    levels = {level: min(2 + index, 6) for index, level in enumerate(used)}
    for heading in root.iter(*HEADINGS):
        heading.tag = f"h{levels[int(heading.tag[1])]}"


def _bare_address_as_link(paragraph) -> None:
    """WordPress shows an address alone in its paragraph as an embed; here it is a plain link."""
    text = (paragraph.text or "").strip()
    if len(paragraph) == 0 and re.fullmatch(r"https?://\S+", text):
        link = lxml_html.Element("a", href=text)
        link.text = text
        paragraph.text = None
        paragraph.append(link)


def _line_breaks_as_newlines(pre) -> None:
    """<br> inside <pre> (the preformatted block) is a newline of the code, not Markdown's line break."""
    for br in list(pre.iter("br")):
        br.tail = "\n" + (br.tail or "").lstrip("\n")
        _drop(br)


def _frame_as_link(element, resolve_image, rewrite_link, result: BodyResult) -> None:
    """<iframe>, <video>, <audio>, <embed>, <object>: a plain link to what they showed."""
    address = element.get("src") or element.get("data") or ""
    if not address:
        source = element.find(".//source")
        address = source.get("src", "") if source is not None else ""
    result.removed.append(element.tag)
    if element.tag == "source" or not address.startswith(("https://", "http://", "/")):
        _drop(element)
        return
    image = resolve_image(address, None)
    href = f"{{static}}/{image.local}" if image.local else (rewrite_link(address) or address)
    link = lxml_html.Element("a", href=href)
    link.text = element.get("title") or address
    paragraph = lxml_html.Element("p")
    paragraph.append(link)
    paragraph.tail = element.tail
    element.getparent().replace(element, paragraph)


def _image(image, resolve_image, result: BodyResult, notes: dict, lang: str) -> None:
    found = WP_IMAGE_ID.search(image.get("class", "")) or None
    attachment_id = int(image.get("data-wp-id") or (found.group(1) if found else 0)) or None
    ref = resolve_image(image.get("src", ""), attachment_id)
    alt = (image.get("alt") or "").strip() or ref.alt
    # a link around a picture that opens the same picture (or its attachment page) adds nothing
    parent = image.getparent()
    if parent is not None and parent.tag == "a" and len(parent) == 1 and not (parent.text or "").strip():
        target = resolve_image(parent.get("href", ""), None)
        if (target.upload is not None or "attachment" in parent.get("href", "")) and parent.getparent() is not None:
            parent.getparent().replace(parent, image)
            image.tail = (image.tail or "") + (parent.tail or "")
    if ref.upload is None:  # a picture from another site: never hotlinked
        upload, problem, target = image.get("src", "") or "?", "missing", "images/wordpress/…"
        result.missing_images.append(upload)
    elif ref.local is None:
        upload, problem = ref.upload, "missing"
        target = f"images/wordpress/{media.local_name(media.original_candidates(ref.upload)[0])}"
        result.missing_images.append(upload)
    elif not alt:
        upload, problem, target = ref.upload, "alt", ref.local
        result.images_without_alt.append(upload)
    else:
        for attribute in list(image.attrib):
            del image.attrib[attribute]
        image.set("src", f"{{static}}/{ref.local}")
        image.set("alt", alt)
        result.images.append(ref.local)
        return
    token = MARKER.format(len(notes))
    notes[token] = "> " + NOTES.get(lang, NOTES["en"])[problem].format(
        upload=upload, target=target, alt_de=f" (Alt-Text: „{alt}“)" if alt else "",
        alt_en=f" (alt text: “{alt}”)" if alt else "")
    block = lxml_html.Element("p")
    block.text = token
    _replace_with_block(image, block)


def _replace_with_block(image, block) -> None:
    """The note is a paragraph of its own: put it after the paragraph that held the image."""
    holder = image
    while holder.getparent() is not None and holder.getparent().tag not in ("div", "body", "blockquote", "li", "td"):
        holder = holder.getparent()
    _drop(image) if holder is not image else None
    if holder is image:
        block.tail = image.tail
        image.getparent().replace(image, block)
    else:
        holder.addnext(block)


def _link(link, resolve_image, rewrite_link) -> None:
    href = link.get("href", "")
    for attribute in [a for a in link.attrib if a not in ("href",)]:
        del link.attrib[attribute]
    if not href:
        return
    image = resolve_image(href, None)
    if image.local:
        link.set("href", f"{{static}}/{image.local}")
        return
    rewritten = rewrite_link(href)
    if rewritten is not None:
        link.set("href", rewritten)
