"""Read a WordPress export (WXR 1.0–1.2) into plain values, treating the file as hostile input.

lxml parses without entity expansion, DTD loading or network access, and a file that declares a
DOCTYPE is refused outright: WordPress never writes one, so any entity in it is an attack.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from lxml import etree

# WordPress has written every version under http://, the Theme Unit Test file uses https://.
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
NO_DATE = "0000-00-00 00:00:00"


class WxrError(Exception):
    """The file cannot be imported; the message names the file, the problem and what to do."""


@dataclass(frozen=True)
class WpAuthor:
    login: str
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class WpTerm:
    domain: str  # category, post_tag, author (Co-Authors Plus), post_format, nav_menu, …
    nicename: str
    name: str


@dataclass(frozen=True)
class WpComment:
    approved: str  # "1", "0", "spam", "trash"
    kind: str  # "", "comment", "pingback", "trackback"


@dataclass
class WpItem:
    post_id: int
    post_type: str
    status: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    post_name: str
    date_local: str
    date_gmt: str
    parent: int = 0
    password: str = ""
    attachment_url: str = ""
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    guid: str = ""


@dataclass
class WpExport:
    source: str
    title: str
    link: str
    base_urls: tuple  # the old site's addresses (channel link, base_blog_url, base_site_url)
    version: str
    authors: list
    items: list

    def by_id(self) -> dict:
        return {item.post_id: item for item in self.items}


def decoded(text: str | None) -> str:
    """A text field as a person typed it: WordPress stores HTML entities (`&amp;`) in titles and names,
    and the XML layer was already undone by the parser, so entities are decoded exactly once here."""
    return html.unescape(text or "").strip()


# "</em>": a closing tag, so the title holds markup (`<em>With</em>`); a lone "<br>" may be text
# written as an entity, which the XML layer already decoded (it stays as it is)
MARKUP_IN_TITLE = re.compile(r"</[A-Za-z][A-Za-z0-9]*\s*>")


def decoded_title(text: str | None) -> str:
    """A post's title as WordPress shows it: its themes print the title as HTML, so `Title <em>With</em>
    Markup` reads "Title With Markup"; a title without markup is decoded as `decoded` does."""
    raw = text or ""
    if not MARKUP_IN_TITLE.search(raw):
        return decoded(raw)
    from lxml import html as lxml_html

    title = lxml_html.fragment_fromstring(raw, create_parent="div")
    for element in list(title.iter("script", "style")):  # their text is no text of the title
        element.drop_tree()
    for line_break in title.iter("br"):  # the title in one line: a break is a space
        line_break.tail = " " + (line_break.tail or "")
    return " ".join(title.text_content().split())


def parse_gmt(value: str) -> datetime | None:
    if not value or value.strip() == NO_DATE:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def parse_local(value: str) -> datetime | None:
    """A WordPress local date (the old site's wall time, naive)."""
    if not value or value.strip() == NO_DATE:
        return None
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


DOCTYPE_REFUSED = ("the file declares a DOCTYPE (entities); WordPress exports never do, so it is refused as unsafe: "
                   "export the site again from WordPress")
PROLOG_PART = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
BYTE_ORDER_MARKS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def doctype_line(path: str) -> int | None:
    """The line of a DOCTYPE in the file's prolog (before the first element), or None. Looked for
    before parsing: an entity bomb in one makes libxml2 stop with an error about amplification."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return None  # the parser says why it cannot be read
    mark, encoding = next(((mark, name) for mark, name in BYTE_ORDER_MARKS if head.startswith(mark)), (b"", "utf-8"))
    text = head[len(mark):].decode(encoding, errors="replace")
    at = 0
    while (part := PROLOG_PART.match(text, at)) is not None and part.end() > at:
        at = part.end()
    return len(re.findall(r"\r\n|\r|\n", text[:at])) + 1 if text.startswith("<!DOCTYPE", at) else None


def read_wxr(path: str) -> WpExport:
    line = doctype_line(path)
    if line is not None:
        raise WxrError(f"{path}:{line}: {DOCTYPE_REFUSED}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             dtd_validation=False, remove_comments=True)
    try:
        tree = etree.parse(path, parser)
    except OSError as error:
        raise WxrError(f"{path}: cannot be read ({error}); give the export file: make import-wordpress WXR=export.xml") from None
    except etree.XMLSyntaxError as error:
        line = getattr(error, "lineno", 0) or 0
        if "amplification" in str(error.msg):  # entities, declared where the prolog scan did not look
            raise WxrError(f"{path}:{line}: {DOCTYPE_REFUSED}") from None
        raise WxrError(f"{path}:{line}: not well-formed XML ({error.msg}); the file may be cut off: "
                       "download the export again (WordPress: Tools → Export → All content)") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise WxrError(f"{path}:1: {DOCTYPE_REFUSED}")  # found by the parser where the prolog scan did not look
    root = tree.getroot()
    channel = root.find("channel")
    wp_ns = _namespace(root, WP_NAMESPACE)
    if root.tag != "rss" or channel is None or wp_ns is None:
        raise WxrError(f"{path}:{root.sourceline or 1}: this is not a WordPress export (WXR): no <rss><channel> with the "
                       "wordpress.org/export namespace; export it in WordPress with Tools → Export → All content")
    excerpt_ns = _namespace(root, EXCERPT_NAMESPACE) or wp_ns + "excerpt/"
    ns = {"wp": wp_ns, "excerpt": excerpt_ns, "content": CONTENT_NS, "dc": DC_NS}

    def text(element, name):
        found = element.find(name, ns)
        return found.text or "" if found is not None else ""

    base_urls = tuple(dict.fromkeys(u.rstrip("/") for u in (
        text(channel, "link"), text(channel, "wp:base_blog_url"), text(channel, "wp:base_site_url")) if u.strip()))
    authors = [WpAuthor(login=text(a, "wp:author_login").strip(), display_name=decoded(text(a, "wp:author_display_name")),
                        first_name=decoded(text(a, "wp:author_first_name")), last_name=decoded(text(a, "wp:author_last_name")))
               for a in channel.findall("wp:author", ns)]
    items = [_item(element, text, ns) for element in channel.findall("item")]
    return WpExport(source=path, title=decoded(text(channel, "title")), link=text(channel, "link").strip(),
                    base_urls=base_urls, version=text(channel, "wp:wxr_version").strip(),
                    authors=authors, items=items)


def _namespace(root, pattern) -> str | None:
    for uri in root.nsmap.values():
        if uri and pattern.match(uri):
            return uri
    return None


def _item(element, text, ns) -> WpItem:
    def number(name):
        try:
            return int(text(element, name).strip() or 0)
        except ValueError:
            return 0

    terms = [WpTerm(c.get("domain", ""), c.get("nicename", ""), decoded(c.text))
             for c in element.findall("category") if c.get("domain")]
    meta = {}
    for entry in element.findall("wp:postmeta", ns):
        meta.setdefault(text(entry, "wp:meta_key"), text(entry, "wp:meta_value"))
    comments = [WpComment(text(c, "wp:comment_approved").strip(), text(c, "wp:comment_type").strip())
                for c in element.findall("wp:comment", ns)]
    return WpItem(
        post_id=number("wp:post_id"), post_type=text(element, "wp:post_type").strip(),
        status=text(element, "wp:status").strip(), title=decoded_title(text(element, "title")),
        link=text(element, "link").strip(), creator=text(element, "dc:creator").strip(),
        content=text(element, "content:encoded"), excerpt=text(element, "excerpt:encoded"),
        post_name=text(element, "wp:post_name").strip(), date_local=text(element, "wp:post_date"),
        date_gmt=text(element, "wp:post_date_gmt"), parent=number("wp:post_parent"),
        password=text(element, "wp:post_password"), attachment_url=text(element, "wp:attachment_url").strip(),
        terms=terms, meta=meta, comments=comments, guid=text(element, "guid").strip(),
    )
