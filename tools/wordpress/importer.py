"""The import itself: decide what every item of the export becomes, then write it without overwriting.

Two passes: first every post and page is converted (its final status depends on its pictures), then
links between them are filled in, since a link may only point at a post that is published here.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import yaml
from roundup.windows import Cutoff, cutoff_at_or_after, week_slug
from shared.aliases import AliasPath, AliasProblem, read_alias
from lxml import html as lxml_html

from tools.new_post import file_slug

from . import media
from .blocks import Findings, expand_blocks, expand_shortcodes
from .body import ImageRef, body_markdown
from .frontmatter import Raw, front_matter, yaml_text
from .people import Person, people_of, profile_text
from .report import Outcome, Report
from .wxr import WpAuthor, WpExport, WpItem, parse_gmt, parse_local

CONTENT_TYPES = ("post", "page")
LINK_TOKEN = "WPIMPORTLINK{}X"
LINK_TOKEN_PATTERN = re.compile(r"(!?)\[([^\]]*)\]\(WPIMPORTLINK(\d+)X(#[^)\s]*)?\)|WPIMPORTLINK(\d+)X")


@dataclass
class Options:
    content: Path
    uploads: str | None
    dry_run: bool
    tz_name: str
    lang: str
    now: datetime
    cutoff: Cutoff  # when a roundup week ends (ROUNDUP_WEEKDAY, ROUNDUP_TIME)
    reserved_slugs: set = field(default_factory=set)  # first path segments of the site's own pages


@dataclass
class Converted:
    """One post or page as it will be written."""

    item: WpItem
    kind: str  # "post" or "page"
    path: Path  # content-relative
    status: str  # published / draft
    reasons: list = field(default_factory=list)  # why it is not published as in WordPress
    fields: list = field(default_factory=list)
    body: str = ""
    existing: Path | None = None  # already imported (a second run): left as it is
    wanted: str = ""  # the slug it would have if the name were free
    when: datetime | None = None
    credited: tuple = ()  # the handles of its author and co-authors
    address: str = ""  # its address on the new site
    taken: list = field(default_factory=list)  # (what it wanted, what it got instead): reported when written
    respelled: dict = field(default_factory=dict)  # its tag or category name -> the spelling written: reported when written

    @property
    def filename_ref(self) -> str:
        return "{filename}/" + self.path.as_posix().removeprefix("content/")


@dataclass
class Plan:
    files: dict = field(default_factory=dict)  # content-relative path -> text
    copies: dict = field(default_factory=dict)  # content-relative path -> bytes
    roundup_start: str | None = None


def run_import(export: WpExport, options: Options) -> tuple[Plan, Report]:
    report = Report(source=export.source, dry_run=options.dry_run)
    items = [item for item in export.items]
    report.types = Counter(item.post_type for item in items)
    attachments = _attachments(items)
    reusable = {item.post_id: item.content for item in items if item.post_type == "wp_block"}
    existing = ExistingContent.scan(options.content, options.reserved_slugs)
    for kind, name in existing.terms:  # an imported 'Netzwerken' takes the site's 'netzwerken'
        report.spelling(name, kind)
    creators = [item.creator for item in items if item.post_type in CONTENT_TYPES and item.creator]
    people, new_people = people_of(export.authors + _plugin_co_authors(items, export.authors), creators,
                                   existing.profiles)
    plan = Plan()

    images = Images(export, attachments, media.UploadSource(options.uploads), options.content)
    links = OldLinks(export, images)
    converted, ids = [], Counter()
    for item in items:
        if item.post_type not in CONTENT_TYPES:
            continue
        if item.status in ("trash", "auto-draft", "inherit"):
            report.skip(item, f"status '{item.status}' in WordPress")
            continue
        ids[item.post_id] += 1
        entry_id = f"wp-{item.post_id}" + (f"-{ids[item.post_id]}" if ids[item.post_id] > 1 else "")
        entry_id = existing.id_for(entry_id, site_token(export), links.old_paths(item),
                                   _date(item, options).isoformat(timespec="minutes"))
        converted.append(_convert(item, entry_id, options, people, attachments, reusable, images, links, existing, report))
    # A profile for each person a post names; a WordPress account that wrote none of them is nobody's
    # byline, and its name is not published (an author page is made for every profile)
    credited = {handle for entry in converted for handle in entry.credited}
    published = {handle for entry in converted if entry.status == "published" for handle in entry.credited}
    new_people = [person for person in new_people if person.handle in credited]
    for person in new_people:
        plan.files[f"authors/{person.handle}.yml"] = profile_text(person, person.handle in published)
    report.unpublished_people = sorted(p.handle for p in new_people if p.handle not in published)
    report.people = sorted({(p.handle, p.name) for p in people.values() if p.handle in credited})
    report.new_people = [p.handle for p in new_people]
    links.targets = {}
    for entry in converted:  # an export may repeat a post id: links lead to the first
        links.targets.setdefault(entry.item.post_id, entry)
    for entry in converted:
        entry.body = links.fill(entry.body)
        if entry.existing is not None:
            report.outcome(entry, Outcome.UNCHANGED)
            continue
        text = front_matter(entry.fields + [("status", Raw(entry.status))]) + "\n" + entry.body
        if existing.holding(entry.path, entry.wanted, text) is not None:
            report.outcome(entry, Outcome.UNCHANGED)
            continue
        plan.files[entry.path.as_posix()] = text
        report.taken += entry.taken
        report.respelled.update(entry.respelled)
        if entry.path.stem != entry.wanted:
            report.taken.append((f"{entry.wanted}.md", entry.path.as_posix()))
        report.outcome(entry, Outcome.DRAFTED if entry.status != "published" else
                       Outcome.SCHEDULED if entry.when > options.now else Outcome.PUBLISHED)
    # WordPress also answered /?p=123 (/?page_id=45 for a page): a static host cannot, a server rule can
    numbered = {}  # one address per number, the first item's (as links.fill leads there)
    for entry in converted:
        if entry.status == "published" and entry.item.post_id:
            numbered.setdefault((entry.kind, entry.item.post_id), entry.address)
    report.numbered = sorted((kind, number, address) for (kind, number), address in numbered.items())
    plan.copies = images.copies
    report.files_copied = len(images.copies)
    report.files_missing = sorted({key for key, local in images.local.items() if local is None})
    used = {candidate for key in images.local for candidate in media.original_candidates(key)}
    report.attachments_unused = sum(1 for a in attachments.values() if a.upload_path not in used)
    report.comments = Counter(c.approved for item in items if item.post_type in CONTENT_TYPES for c in item.comments)
    plan.roundup_start = first_roundup_week([_date(c.item, options) for c in converted if c.status == "published"],
                                            options.now, options.cutoff)
    return plan, report


def file_address(kind: str, path: Path) -> str:
    """The site address of a post's or page's file: /<year folder>/<name>/, a page's /<name>/."""
    return f"/{path.stem}/" if kind == "page" else f"/{path.parent.name}/{path.stem}/"


def site_token(export: WpExport) -> str:
    """The old site in an id ('jekyllbot-wordpress-com'): WordPress numbers the posts of each site
    from 1, so a second site's post 8 is not the first one's."""
    host = next((urlsplit(url).hostname for url in export.base_urls if urlsplit(url).hostname), None) or "site"
    return re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-") or "site"


def first_roundup_week(dates: list, now: datetime, cutoff: Cutoff) -> str | None:
    """The roundup week after the one that holds the newest imported post that is out already: the
    imported history gets no roundups (scheduled posts come out later, in weeks that do get one).
    A week's roundup holds the posts up to its cutoff (Friday 15:00): a Sunday post is in the next
    Friday's. None: nothing is out yet."""
    past = [when for when in dates if when <= now]
    if not past:
        return None
    year, week, _ = (cutoff_at_or_after(max(past), cutoff).date() + timedelta(days=7)).isocalendar()
    return week_slug(year, week)


def _attachments(items) -> dict:
    found = {}
    for item in items:
        if item.post_type != "attachment":
            continue
        url = item.attachment_url or item.guid
        path = media.upload_path_from(item.meta.get("_wp_attached_file", ""), url)
        found[item.post_id] = media.Attachment(item.post_id, url, path,
                                               item.meta.get("_wp_attachment_image_alt", "").strip(), item.parent)
    return found


def _date(item: WpItem, options: Options) -> datetime:
    """post_date_gmt in the site's time zone; a draft's 0000-00-00 falls back to the local date."""
    tz = ZoneInfo(options.tz_name)
    moment = parse_gmt(item.date_gmt)
    if moment is not None:
        return moment.astimezone(tz)
    local = parse_local(item.date_local)
    return local.replace(tzinfo=tz) if local else options.now.astimezone(tz).replace(second=0, microsecond=0)


def _convert(item, entry_id, options, people, attachments, reusable, images, links, existing, report) -> Converted:
    kind = item.post_type
    when = _date(item, options)
    status, reasons = _status(item, when, options)
    findings = Findings()
    html = expand_shortcodes(expand_blocks(item.content, reusable, findings), attachments, item.post_id, findings)
    private = bool(item.password.strip()) or item.status == "private"
    resolve = images.resolve_without_copy if private else images.resolve
    if private:
        reasons.append("its pictures were not copied: everything in content/images/ is published")
    body = body_markdown(html, is_blocks="<!-- wp:" in item.content, resolve_image=resolve,
                         rewrite_link=links.token_for, lang=options.lang)
    for upload in body.missing_images:
        reasons.append(f"image not found: {upload}")
    for upload in body.images_without_alt:
        reasons.append(f"image without alt text: {upload}")
    report.findings(item, findings, body.removed)
    title = item.title or _untitled(item, kind, options.lang)
    if not item.title:
        reasons.append("no title in WordPress")
    wanted = _slug(item, title)
    old_paths = links.old_paths(item)
    earlier = existing.imported(entry_id, kind, old_paths, title, wanted, when.isoformat(timespec="minutes"))
    address = (lambda c: f"/{c}/") if kind == "page" else (lambda c: f"/{when:%Y}/{c}/")
    slug = earlier.stem if earlier else existing.free_slug(wanted, kind, address)
    path = earlier or Path("content", "pages" if kind == "page" else f"articles/{when:%Y}", f"{slug}.md")
    new_path = f"/{slug}/" if kind == "page" else f"/{when:%Y}/{slug}/"
    aliases, taken, respelled = [], [], {}
    for old in old_paths:
        holder = existing.urls.get(old)
        if old == new_path:
            continue
        if holder is not None and holder != path:
            taken.append((f"old address {old}", f"kept by {holder.as_posix()}, no redirect"))
            continue
        aliases.append(old)
    fields, credited = [("title", title)], ()
    if kind == "post":
        fields += [("id", entry_id), ("date", Raw(when.isoformat(timespec="minutes")))]
        author = people.get(item.creator) or next(iter(people.values()), None)
        fields.append(("author", Raw(author.handle) if author else None))
        co_authors = _co_authors(item, people, author)
        fields.append(("co_authors", Raw("[" + ", ".join(co_authors) + "]") if co_authors else None))
        credited = (*([author.handle] if author else []), *co_authors)
        category, tags = _terms(item, report, respelled)
        fields += [("category", category), ("tags", tags)]
    else:
        fields.append(("date", Raw(when.isoformat(timespec="minutes"))))
    summary = _text_of(item.excerpt)
    fields.append(("summary", summary))
    text = body.markdown
    if kind == "post" and not private and item.meta.get("_thumbnail_id", "").strip().isdigit():
        featured, note = images.featured(int(item.meta["_thumbnail_id"]), options.lang)
        if featured:
            fields += [("image", featured[0]), ("image_alt", featured[1])]
        elif note:
            reasons.append(note[0])
            text = f"> {note[1]}\n\n" + text
    fields.append(("aliases", aliases))
    if reasons and status == "published":
        status = "draft"
    return Converted(item, kind, path, status, reasons, fields, text, existing=earlier, wanted=wanted, when=when,
                     credited=credited, address=file_address(kind, path), taken=taken,
                     respelled=respelled)  # the file's, if earlier


def _status(item: WpItem, when: datetime, options: Options) -> tuple[str, list]:
    if item.password.strip():
        return "draft", ["password-protected in WordPress: imported as a draft, never published with its text"]
    if item.status == "publish":
        return "published", []
    if item.status == "future":
        if when > options.now:
            return "published", []  # a future date: scheduled, published by the first build after it
        return "draft", ["scheduled in WordPress for a time that has passed: imported as a draft"]
    if item.status == "private":
        return "draft", ["private in WordPress: imported as a draft, never public"]
    return "draft", [] if item.status in ("draft", "pending") else [f"status '{item.status}' in WordPress"]


def _untitled(item: WpItem, kind: str, lang: str) -> str:
    word = {"de": {"post": "Beitrag", "page": "Seite"}, "en": {"post": "Post", "page": "Page"}}[lang if lang == "en" else "de"]
    return f"{word[kind]} {item.post_id}"


def _slug(item: WpItem, title: str) -> str:
    return plain_slug(unquote(item.post_name)) or plain_slug(title) or f"wp-{item.post_id}"


def plain_slug(text: str) -> str:
    """file_slug, or "" when it has no letter or digit ('~!@#' slugs to '-_')."""
    slug = file_slug(text).strip("-_")
    return slug if re.search(r"[a-z0-9]", slug) else ""


def _plugin_co_authors(items, declared) -> list[WpAuthor]:
    """Co-authors a plugin recorded (taxonomy 'author', nicename 'cap-<login>') who are no declared user."""
    known = {author.login.lower() for author in declared}
    found = {}
    for item in items:
        for term in item.terms:
            login = term.nicename.removeprefix("cap-")
            if term.domain == "author" and login and login.lower() not in known:
                found.setdefault(login, WpAuthor(login=login, display_name=term.name))
    return list(found.values())


def _co_authors(item: WpItem, people: dict, author: Person | None) -> list[str]:
    """Co-Authors Plus and PublishPress Authors record authors as terms of the taxonomy 'author'."""
    handles = []
    for term in item.terms:
        if term.domain != "author":
            continue
        login = term.nicename.removeprefix("cap-")
        person = people.get(login) or next((p for l, p in people.items() if l.lower() == login.lower()), None)
        if person and person != author and person.handle not in handles:
            handles.append(person.handle)
    return handles


def _terms(item: WpItem, report: Report, respelled: dict) -> tuple[str | None, list]:
    """The first category is the category; further categories and the tags become tags, one spelling
    per slug (Pelican would see 'Tipps' and 'tipps' as one topic twice); `respelled` gets the names
    written in another spelling."""
    categories = [t.name for t in item.terms if t.domain == "category" and t.name]
    tags = [report.spelling(t.name, noted=respelled) for t in item.terms if t.domain == "post_tag" and t.name]
    tags += [report.spelling(name, noted=respelled) for name in categories[1:]]
    category = report.spelling(categories[0], "category", respelled) if categories else None
    return category, list(dict.fromkeys(t.replace(",", " ") for t in tags))


def _text_of(html_text: str) -> str:
    """An excerpt as one line of text (HTML entities decoded once, by the HTML parser)."""
    if not html_text.strip():
        return ""
    try:
        text = lxml_html.fragment_fromstring(html_text, create_parent="div").text_content()
    except Exception:  # noqa: BLE001 (lxml raises several kinds for broken fragments)
        text = html_text
    return " ".join(text.split())


class Images:
    """Image addresses of the export, resolved to uploads and copied once each."""

    def __init__(self, export, attachments, source, content: Path):
        self.attachments, self.source, self.content = attachments, source, content
        self.prefixes = media.upload_prefixes(export.base_urls, attachments.values())
        self.by_upload = {a.upload_path: a for a in attachments.values() if a.upload_path}
        self.copies: dict = {}  # content-relative path -> bytes
        self.local: dict = {}  # upload path -> output-relative path (None: not found)

    def resolve_without_copy(self, url: str, attachment_id: int | None) -> ImageRef:
        """For a private post: which upload, but no copy (whatever is in content/images/ is published)."""
        found = self.resolve(url, attachment_id, copy=False)
        return ImageRef(found.upload, None, found.alt)

    def resolve(self, url: str, attachment_id: int | None, copy: bool = True) -> ImageRef:
        upload = media.upload_path_of(url, self.prefixes) if url else None
        attachment = self.attachments.get(attachment_id) if attachment_id else None
        if upload is None and attachment is not None and not url:
            upload = attachment.upload_path or None
        if upload is None:
            return ImageRef(None, None, attachment.alt if attachment else "")
        candidates = media.original_candidates(upload)
        attachment = attachment or next((self.by_upload[c] for c in candidates if c in self.by_upload), None)
        return ImageRef(upload, self._copy(candidates) if copy else None, attachment.alt if attachment else "")

    def _copy(self, candidates: list[str]) -> str | None:
        key = candidates[-1]
        if key not in self.local:
            self.local[key] = None
            for candidate in candidates:
                data = self.source.get(candidate)
                if data is not None:
                    self.local[key] = self._place(candidate, data)
                    break
        return self.local[key]

    def _place(self, upload: str, data: bytes) -> str:
        """images/wordpress/<upload>, or a free name when another file is there already."""
        name = f"{media.UPLOADS_FOLDER}/{media.local_name(upload)}"
        stem, ext = os.path.splitext(name)
        number = 1
        while True:
            target = self.content / name
            if self.copies.get(name) == data or (name not in self.copies and not target.exists()):
                break
            if name not in self.copies and target.is_file() and target.read_bytes() == data:
                return name  # imported before: the same bytes
            number += 1
            name = f"{stem}-{number}{ext}"
        self.copies[name] = data
        return name

    def featured(self, attachment_id: int, lang: str):
        """((image, alt), None) for the featured image, or (None, (reason, note for the editor))."""
        attachment = self.attachments.get(attachment_id)
        if attachment is None:
            return None, (f"featured image {attachment_id} is not in the export", _featured_note(lang, str(attachment_id)))
        ref = self.resolve(attachment.url, attachment_id)
        if ref.local and attachment.alt:
            return (ref.local, attachment.alt), None
        what = ref.upload or attachment.url
        reason = f"featured image not found: {what}" if not ref.local else f"featured image without alt text: {what}"
        return None, (reason, _featured_note(lang, ref.local or f"images/wordpress/{what}"))


def _featured_note(lang: str, where: str) -> str:
    if lang == "en":
        return (f"Featured image from WordPress: `{where}` (not found or without alt text). Add it to the front "
                "matter as `image:` with `image_alt:`.")
    return (f"Beitragsbild aus WordPress: `{where}` (nicht gefunden oder ohne Alt-Text). Trage es im Kopf als "
            "`image:` mit `image_alt:` ein.")


class OldLinks:
    """Addresses of the old site (permalinks, ?p=ID, ?page_id=ID, attachment pages) and their new targets."""

    def __init__(self, export: WpExport, images: "Images"):
        self.images = images
        self.hosts = {urlsplit(u).hostname for u in export.base_urls if urlsplit(u).hostname}
        self.hosts |= {h.removeprefix("www.") for h in self.hosts} | {"www." + h for h in self.hosts}
        self.base_paths = sorted({urlsplit(u).path.rstrip("/") for u in export.base_urls}, key=len, reverse=True)
        self.by_path, self.by_id, self.attachment_urls = {}, {}, {}
        for item in export.items:
            if item.post_type in CONTENT_TYPES or item.post_type == "attachment":
                self.by_id[item.post_id] = item
                for path in self.old_paths(item):
                    self.by_path.setdefault(path, item.post_id)
        self.targets: dict = {}

    def old_paths(self, item: WpItem) -> list[str]:
        """The item's permalink as a site path, and its percent-decoded form when that differs."""
        parts = urlsplit(item.link)
        if not item.link or (parts.hostname and parts.hostname not in self.hosts) or parts.query:
            return []
        read = read_alias(self._site_path(re.sub(r"/{2,}", "/", parts.path)))
        if isinstance(read, AliasProblem) or read.path == "/":
            return []  # not a plain site path ('..', control characters): no redirect can answer it
        return [read.path]

    def _site_path(self, path: str) -> str:
        for base in self.base_paths:
            if base and path.startswith(base + "/"):
                path = path[len(base):]
                break
        return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"

    def token_for(self, href: str) -> str | None:
        """A placeholder for a link to an item of the export (filled in by `fill`), else None."""
        parts = urlsplit(href.strip())
        if parts.scheme not in ("http", "https", "") or (parts.hostname and parts.hostname not in self.hosts):
            return None
        if not parts.hostname and not href.startswith("/"):
            return None
        query = parse_qs(parts.query)
        for key in ("p", "page_id", "attachment_id"):
            if query.get(key, [""])[0].isdigit():
                return self._token(int(query[key][0]), parts.fragment)
        found = self.by_path.get(unquote(self._site_path(parts.path)))
        return self._token(found, parts.fragment) if found else None

    def _token(self, post_id: int | None, fragment: str) -> str | None:
        if post_id is None or post_id not in self.by_id:
            return None
        if self.by_id[post_id].post_type == "attachment":  # its page showed the file: link the copy
            ref = self.images.resolve(self.by_id[post_id].attachment_url, post_id)
            return f"{{static}}/{ref.local}" if ref.local else ""
        return LINK_TOKEN.format(post_id) + (f"#{fragment}" if fragment else "")

    def fill(self, markdown: str) -> str:
        """Links to published items point at their files ({filename}); any other link keeps its text only."""
        def replace(match):
            bang, text, post_id, fragment, bare = match.groups()
            target = self.targets.get(int(post_id or bare))
            if target is not None and target.status == "published" and target.item.post_type in CONTENT_TYPES:
                return f"{bang}[{text}]({target.filename_ref}{fragment or ''})" if post_id else target.filename_ref
            return text if post_id else ""
        return LINK_TOKEN_PATTERN.sub(replace, markdown)


def front_matter_of(text: str) -> dict:
    """A file's front matter as plain values ({} when it has none or it is broken: the build reports that)."""
    match = re.match(r"---\n(.*?)\n---", text, re.S)
    try:
        data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if match else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def terms_of(data: dict) -> list:
    """(kind, name) of the tags and the category of a front matter, as our reader reads them."""
    tags = data.get("tags") or []
    tags = [t.strip() for t in (tags.split(",") if isinstance(tags, str) else tags) if isinstance(t, str)]
    category = data.get("category")
    return [("tag", t) for t in tags if t] + ([("category", category.strip())] if isinstance(category, str) else [])


class ExistingContent:
    """What content/ holds already: taken file names, earlier imports (by id or old address), profiles."""

    def __init__(self, content: Path, reserved: set = frozenset()):
        self.content = content
        self.slugs = {"post": set(), "page": set(reserved)}  # a page may not take /autoren/ or /suche/
        self.ids: dict = {}  # "wp-12" -> content-relative path
        self.aliases: dict = {}  # old path -> content-relative path
        self.profiles: dict = {}  # handle -> name
        self.urls: dict = {}  # site path of an existing post, page or alias -> content-relative path
        self.terms: list = []  # (kind, name) of the tags and categories content/ uses
        self.titles: dict = {}  # content-relative path -> title
        self.dates: dict = {}  # content-relative path -> its date as written
        self.claimed: set = set()  # the page files this run found as earlier imports of its pages

    @classmethod
    def scan(cls, content: Path, reserved: set = frozenset()) -> "ExistingContent":
        found = cls(content, reserved)
        for kind, folder in (("post", "articles"), ("page", "pages")):
            for path in sorted((content / folder).rglob("*.md")) if (content / folder).is_dir() else []:
                found.slugs[kind].add(path.stem)
                data = front_matter_of(path.read_text(encoding="utf-8", errors="replace"))
                relative = Path("content") / path.relative_to(content)
                found.urls[file_address(kind, path)] = relative
                found.terms += terms_of(data)
                found.titles[relative] = str(data.get("title", ""))
                found.dates[relative] = str(data.get("date", ""))
                if str(data.get("id", "")).startswith("wp-"):
                    found.ids[str(data["id"])] = relative
                aliases = data.get("aliases") or []
                for alias in aliases if isinstance(aliases, list) else []:
                    read = read_alias(str(alias))
                    if isinstance(read, AliasPath):
                        found.aliases[read.path] = found.urls[read.path] = relative
        folder = content / "authors"
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            name = re.search(r'^name:\s*"?(.*?)"?\s*$', path.read_text(encoding="utf-8", errors="replace"), re.M)
            found.profiles[path.stem] = name.group(1) if name else ""
        return found

    def free_slug(self, slug: str, kind: str, address) -> str:
        """The slug, or slug-2, -3 … when a post (or page) of that name exists or was planned, or its
        address (`address(slug)`) is an alias of another file."""
        taken = self.slugs[kind]
        candidate, number = slug, 1
        while candidate in taken or address(candidate) in self.aliases:
            number += 1
            candidate = f"{slug}-{number}"
        taken.add(candidate)
        return candidate

    def id_for(self, entry_id: str, site: str, old_paths: list, date: str) -> str:
        """`wp-<id>-<site>`: WordPress numbers every site's posts from 1, so the id names the old site
        too, and an import run again finds its posts by it whatever changed in WordPress since.
        Files of imports from before the site was in the id carry `wp-<id>`: such a file is this
        item's unless both its addresses and its date say otherwise (another site's post)."""
        qualified = f"{entry_id}-{site}"
        held = self.ids.get(entry_id)
        if qualified in self.ids or held is None:
            return qualified
        elsewhere = bool(old_paths) and not any(self.urls.get(old) == held for old in old_paths)
        return qualified if elsewhere and self.dates.get(held) != date else entry_id

    def imported(self, entry_id: str, kind: str, old_paths: list, title: str, wanted: str, date: str) -> Path | None:
        """The file an earlier run of this import wrote for an item: a post by its id; a page by its old
        address in `aliases:` together with its title, else (its address did not change, or its name
        was taken) as `<wanted>.md` or `<wanted>-<n>.md` with its title and date. Found before the
        page is converted, links to it and its address in the report are the file's."""
        if kind == "post":
            return self.ids.get(entry_id)
        found = next((self.aliases[p] for p in old_paths if p in self.aliases and self.aliases[p] not in self.claimed
                      and self.titles.get(self.aliases[p]) == title), None)
        if found is None:
            found = next((path for path in _in_slug_order(self.titles, wanted) if path.parts[1] == "pages"
                          and self.titles[path] == title and self.dates.get(path) == date and path not in self.claimed),
                         None)
        if found is not None:
            self.claimed.add(found)  # two pages of one title and minute: each its own file
        return found

    def holding(self, path: Path, wanted: str, text: str) -> Path | None:
        """A `<wanted>.md` or `<wanted>-<n>.md` beside `path` that holds exactly `text`: written by an
        earlier run of the same import."""
        folder = self.content / path.parent.relative_to("content")
        for target in _in_slug_order(folder.glob(f"{wanted}*.md") if folder.is_dir() else [], wanted):
            if target.read_text(encoding="utf-8", errors="replace") == text:
                return path.parent / target.name
        return None


def _in_slug_order(paths, wanted: str) -> list[Path]:
    """The files among `paths` named `<wanted>.md` or `<wanted>-<n>.md`, in the order free_slug gives
    those names (`<wanted>`, then -2, -3 …; a sort by name puts -2 first)."""
    name = re.compile(rf"{re.escape(wanted)}(?:-(\d+))?")
    numbered = [(int(match[1] or 1), str(path), path) for path in paths if (match := name.fullmatch(Path(path).stem))]
    return [path for _number, _name, path in sorted(numbered)]
