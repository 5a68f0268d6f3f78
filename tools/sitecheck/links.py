"""Every internal link and asset reference in a built site must resolve to a file in the output.

Crawls the output's HTML (href, src, srcset, meta og:url/og:image and refresh), CSS (url(...)) and XML
(sitemap <loc>, feed links) with lxml. External links are collected for the report, never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from shared.messages import t
from tools.sitecheck.pagetypes import is_email_html

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
_LINK_ATTRIBUTES = ("href", "src", "poster", "action", "data")
_META_URL_PROPERTIES = ("og:url", "og:image", "twitter:image")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)""")
_REFRESH_URL = re.compile(r"""\s*\d+(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?(['"]?)(?P<url>[^'"]+)\1\s*$""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(?P<url>[^'"]+)\1""")
# Where an email's unsubscribe link goes, the mail service's placeholder stands until it sends.
_MAIL_SERVICE_PLACEHOLDER = re.compile(r"\{\{.*\}\}|\*\|.*\|\*")


@dataclass(frozen=True)
class BrokenLink:
    page: str  # output-relative path of the file that holds the link
    line: int | None
    target: str  # the link as written
    reason: str  # e.g. "no file kategorie/foo/index.html in the output" (translated)

    def format(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        return t("{where}: broken link {target}: {reason}", where=where, target=repr(self.target), reason=self.reason)


@dataclass
class LinkReport:
    broken: list[BrokenLink] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=dict)  # url -> pages linking to it
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.broken

    def problem_lines(self, places_shown: int = 3) -> list[str]:
        """One line per missing target, naming the pages that link to it (the first few)."""
        by_reason: dict[str, list[BrokenLink]] = {}
        for link in self.broken:
            by_reason.setdefault(link.reason, []).append(link)
        lines = []
        for reason, links in by_reason.items():
            places = ", ".join(f"{link.page}:{link.line} ({link.target!r})" if link.line
                               else f"{link.page} ({link.target!r})" for link in links[:places_shown])
            if len(links) > places_shown:
                lines.append(t("{reason}; linked from {places} and {count} more", reason=reason, places=places,
                               count=len(links) - places_shown))
            else:
                lines.append(t("{reason}; linked from {places}", reason=reason, places=places))
        return lines

    def external_hosts(self) -> list[str]:
        """External links counted by host: 'bsky.app (23)'."""
        by_host: dict[str, int] = {}
        for url in self.external:
            host = urlsplit(url).netloc or url
            by_host[host] = by_host.get(host, 0) + 1
        return [f"{host} ({count})" for host, count in sorted(by_host.items())]

    def external_summary(self) -> str:
        return "\n".join(t("{url}  (from {count} page(s), e.g. {page})", url=url, count=len(pages), page=pages[0])
                         for url, pages in sorted(self.external.items()))


@dataclass(frozen=True)
class _Reference:
    url: str
    line: int | None
    fragment_checked: bool = True
    unreadable: bool = False  # not a link: the file could not be parsed (the url says why)


def check_links(output_dir: str | Path, site_url: str | None = None) -> LinkReport:
    """Check every reference in `output_dir`; `site_url` (e.g. SITEURL) counts as internal."""
    root = Path(output_dir).resolve()
    site_url = (site_url or "").rstrip("/")
    report = LinkReport()
    ids_cache: dict[Path, set[str]] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or "_screenshots" in path.relative_to(root).parts:
            continue
        references = _references_in(path)
        if references is None:
            continue
        page = path.relative_to(root).as_posix()
        if is_email_html(page):
            references = [r for r in references if not _MAIL_SERVICE_PLACEHOLDER.fullmatch(r.url)]
        for reference in references:
            report.checked += 1
            problem = _check_reference(root, path, reference, site_url, ids_cache)
            if problem == "external":
                report.external.setdefault(reference.url, []).append(page)
            elif problem:
                report.broken.append(BrokenLink(page, reference.line, reference.url, problem))
    for pages in report.external.values():
        pages.sort()
    return report


def _references_in(path: Path) -> list[_Reference] | None:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return _html_references(path)
    if suffix == ".css":
        return _css_references(path)
    if suffix == ".xml":
        return _xml_references(path)
    return None


def _html_references(path: Path) -> list[_Reference]:
    data = path.read_bytes()
    if not data.strip():
        return []
    document = lxml_html.fromstring(data)
    references = []
    for element in document.iter(etree.Element):
        for attribute in _LINK_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None and not (attribute == "data" and element.tag != "object"):
                references.append(_Reference(value.strip(), element.sourceline))
        srcset = element.get("srcset")
        if srcset:
            for candidate in srcset.split(","):
                if candidate.strip():
                    references.append(_Reference(candidate.split()[0], element.sourceline))
        if element.tag == "meta" and element.get("property", element.get("name")) in _META_URL_PROPERTIES:
            content = (element.get("content") or "").strip()
            if content:
                references.append(_Reference(content, element.sourceline))
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            target = refresh_target(element.get("content") or "")
            if target:
                references.append(_Reference(target, element.sourceline))
        if element.tag == "style" and element.text:
            references += [_Reference(url, element.sourceline) for url in _css_urls(element.text)]
        style = element.get("style")
        if style:
            references += [_Reference(url, element.sourceline) for url in _css_urls(style)]
    return references


def refresh_target(content: str) -> str | None:
    """The address of <meta http-equiv="refresh" content="0; url=…"> (a redirect page), if any."""
    match = _REFRESH_URL.match(content)
    return match["url"].strip() if match else None


def _css_urls(text: str) -> list[str]:
    return [m["url"].strip() for pattern in (_CSS_URL, _CSS_IMPORT) for m in pattern.finditer(text)]


def _css_references(path: Path) -> list[_Reference]:
    text = path.read_text(encoding="utf-8", errors="replace")
    references = []
    for pattern in (_CSS_URL, _CSS_IMPORT):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            references.append(_Reference(match["url"].strip(), line))
    return references


def _xml_references(path: Path) -> list[_Reference]:
    """Sitemaps and feeds: only absolute URLs matter there (anything else is not a link)."""
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [_Reference(t("(unreadable XML: {error})", error=str(error)), None, unreadable=True)]
    references = []
    for element in tree.iter(etree.Element):
        local = etree.QName(element).localname
        href = element.get("href")
        if href and href.startswith(("http://", "https://")):
            references.append(_Reference(href.strip(), element.sourceline))
        if local in ("loc", "link", "comments") and element.text and element.text.strip().startswith("http"):
            references.append(_Reference(element.text.strip(), element.sourceline))
    return references


def _check_reference(root: Path, page: Path, reference: _Reference, site_url: str,
                     ids_cache: dict[Path, set[str]]) -> str | None:
    """None when the reference resolves, "external" for other sites, else why it is broken."""
    url = reference.url
    if reference.unreadable:
        return url
    if not url or url.lower().startswith(SKIPPED_SCHEMES):
        return None
    if site_url and (url == site_url or url.startswith(site_url + "/")):
        url = url[len(site_url):] or "/"
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return "external"
    if not parts.path:  # "#fragment" or "?query" on the same page
        target = page
    else:
        page_url = "/" + page.relative_to(root).as_posix()
        resolved = urljoin(page_url, unquote(parts.path))
        relative = PurePosixPath(resolved.lstrip("/"))
        if ".." in relative.parts or resolved.startswith("//"):
            return t("points outside the output directory")
        target = root / relative
        if resolved.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            shown = target.relative_to(root).as_posix()
            return t("no file {path} in the output", path=shown)
    fragment = unquote(parts.fragment)
    if fragment and fragment != "top" and target.suffix == ".html":
        if fragment not in _ids_of(target, ids_cache):
            return t("no element with id {fragment} in {path}", fragment=repr(fragment),
                     path=target.relative_to(root).as_posix())
    return None


def _ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        document = lxml_html.fromstring(path.read_bytes())
        cache[path] = {value for element in document.iter(etree.Element)
                       for value in (element.get("id"), element.get("name")) if value}
    return cache[path]
