"""The site model of one build: the frozen config and the URL table, then the parts the plugins add
in one fixed order (people, posts, series, roundups, feeds, reader aids, share texts, newsletter
views, pages).

Pelican calls receivers of one signal in the order PLUGINS lists the plugins; the model does not
depend on that: every plugin adds its part in a named stage, and `build_model` runs the stages in
STAGES order once all generators have read their content. Everything lives in the build's context,
so a devserver rebuild starts from nothing.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import datetime

import blinker
from jinja2 import pass_context
from pelican import signals
from pelican.contents import Article
from pelican.writers import Writer

from shared.messages import t

from .config import SiteConfig, read_config, where
from .digests import hash_digest, new_file_hash, stat_signature
from .listings import use_post_lists
from .post import post_model
from .problems import ContentProblem, did_you_mean, relative_path, report
from .urls import UrlTable, build_url_table

STAGES = ("series", "roundups", "feeds", "readers", "share", "newsletter", "pages")
_STAGE_SIGNALS = {name: blinker.signal(f"werkbank.model.{name}") for name in STAGES}
CONFIG_KEY, URLS_KEY, BUILT_KEY = "SITE_CONFIG", "SITE_URLS", "SITE_MODEL_BUILT"
WRITTEN_KEY = "SITE_WRITTEN_PAGES"
# Sent by the writer for each file it closed: sender the build's settings; path=, text= (all it wrote),
# signature= (shared.digests.stat_signature of the file then). The privacy gate reads pages here
# instead of from the disk afterwards.
TEXT_WRITTEN = blinker.signal("werkbank.text_written")
# Pagefind indexes only the pages with this attribute once any page has it (theme/templates/article.html)
SEARCH_MARKER = "data-pagefind-body"
PARTS_KEY = "SITE_RENDERED_PARTS"  # {key: HTML} of parts every page shows (render_once with `site`)


@dataclass(frozen=True)
class WrittenPage:
    """One HTML page a build wrote, as the plugins that work on the finished output need it."""

    path: str  # absolute
    kind: str  # "article", "page" (any other content, e.g. a page), "listing" (no content of its own)
    # or "redirect" (an old address leading to a post, plugins/aliases: not for sitemaps or search)
    status: str  # of its article or page; "published" for listings
    date: datetime | None  # its content's modified (else) date; None for listings
    source: str | None = None  # the article's or page's file (absolute); None for listings


@dataclass
class WrittenPages:
    """The HTML pages of one build, in writing order. `finalized` only gets the Pelican object, so
    this is kept in Pelican's settings too (plain values only: Pelican's content cache pickles the
    settings); every build starts a new one."""

    output_path: str
    pages: list = field(default_factory=list)
    with_images: set = field(default_factory=set)  # paths of the pages with an <img> (SiteWriter notes them)
    searchable: set = field(default_factory=set)  # paths of the pages Pagefind indexes (SEARCH_MARKER)
    # paths of the pages make publish took over unchanged from the last publish (tools/incremental):
    # their bytes passed the last build's checks under the same code and settings
    reused: set = field(default_factory=set)
    # path -> (its stat when the writer closed it, file_digest of the bytes written): make publish's
    # record names each page by its digest, and need not read again what it just wrote
    digests: dict = field(default_factory=dict)


def remember_written_page(path, context) -> None:
    """content_written: every HTML page, whichever generator or plugin wrote it."""
    written = context.get(WRITTEN_KEY)
    if written is None or not path.endswith(".html"):
        return
    item = context.get("article") or context.get("page")
    if item is None:
        written.pages.append(WrittenPage(path, "listing", "published", None))
        return
    kind = "article" if isinstance(item, Article) else "page"
    date = getattr(item, "modified", None) or getattr(item, "date", None)
    written.pages.append(WrittenPage(path, kind, getattr(item, "status", "published"), date,
                                     getattr(item, "source_path", None)))


def remember_redirect_page(settings, path: str) -> None:
    """A redirect page of an old address (plugins/aliases), written on `finalized` outside Pelican's
    writer: recorded like every page, so the sitemap leaves it out and the preview knows the file."""
    written = settings.get(WRITTEN_KEY)
    if written is not None:
        written.pages.append(WrittenPage(path, "redirect", "published", None))


def note_written_text(settings, path: str, text: str) -> None:
    """Every writer calls this with each file's text: the image pass then reads only pages with
    images, and Pagefind only the pages it indexes."""
    written = settings.get(WRITTEN_KEY)
    if written is None:
        return
    if "<img" in text:
        written.with_images.add(path)
    if SEARCH_MARKER in text:
        written.searchable.add(path)


class _NotingFile(io.TextIOBase):
    """A text file Pelican's writer writes into, noting what is written (note_written_text)."""

    def __init__(self, handle, path: str, settings):
        super().__init__()
        self.handle, self.path, self.settings = handle, path, settings
        self._tail = ""  # the end of the last write: "<img" or SEARCH_MARKER may come in two pieces
        # the bytes are what the text encodes to where the file writes newlines as they are
        self._hash = new_file_hash() if os.linesep == "\n" else None
        self._texts: list[str] = []  # Pelican writes a page in one piece

    @property
    def name(self):
        return self.handle.name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        note_written_text(self.settings, self.path, self._tail + text)
        self._tail = text[-len(SEARCH_MARKER) + 1:]
        if self._hash is not None:
            self._hash.update(text.encode(self.handle.encoding))
            self._texts.append(text)
        return self.handle.write(text)

    def flush(self) -> None:
        self.handle.flush()

    def fileno(self) -> int:
        return self.handle.fileno()

    def close(self) -> None:
        if not self.closed:
            super().close()  # flushes first
            self.handle.close()
            written = self.settings.get(WRITTEN_KEY)
            if written is None or self._hash is None:
                return
            path, signature = os.path.normpath(self.path), stat_signature(os.stat(self.path))
            written.digests[path] = (signature, hash_digest(self._hash))
            text, self._texts = "".join(self._texts), []
            TEXT_WRITTEN.send(self.settings, path=path, text=text, signature=signature)


class SiteWriter(Writer):
    """Pelican's writer, noting which pages have images (see note_written_text)."""

    def _open_w(self, filename, encoding, override=False):
        return _NotingFile(super()._open_w(filename, encoding, override), filename, self.settings)


def site_writer(pelican) -> type:
    return SiteWriter


def written_pages(settings) -> WrittenPages | None:
    """The pages the build that just finished wrote (for `finalized` receivers)."""
    return settings.get(WRITTEN_KEY)


def site_config(context: dict) -> SiteConfig:
    """The build's validated settings (its problems were reported by correct_settings), made on first
    use in each build: "now" belongs to the build, not to the Pelican object (devserver)."""
    config = context.get(CONFIG_KEY)
    if config is None:
        config = context[CONFIG_KEY] = read_config(context)[0]
    return config


def correct_settings(pelican) -> None:
    """initialized: report bad values once and put the defaults in their place, in Pelican's own
    settings too, so nothing (Pelican's readers, a template) reads a value that was refused."""
    config, problems = read_config(pelican.settings)
    for found in problems:
        report(found)
    for name, value in config.values.items():  # a refused value was replaced by its default
        if name in pelican.settings and pelican.settings[name] != value:
            pelican.settings[name] = value
    pelican.settings["TIMEZONE"], pelican.settings["DEFAULT_LANG"] = config.tz_name, config.lang


def url_table(context: dict) -> UrlTable:
    table = context.get(URLS_KEY)
    if table is None:
        table = context[URLS_KEY] = build_url_table(context, site_config(context).values)
    return table


def on_stage(name: str, receiver) -> None:
    """Run `receiver(context, generators=...)` in stage `name` (a module-level function: weakly held)."""
    _STAGE_SIGNALS[name].connect(receiver)


def newest_roundups(context: dict, count: int) -> list:
    """The newest `count` roundups (0 = all): older weeks are not shared or sent again."""
    roundups = context.get("roundups") or []  # newest first
    return roundups[:count] if count else roundups


def build_model(generators) -> None:
    """all_generators_finalized: every stage in STAGES order, once per build."""
    context = generators[0].context if generators else {}
    if context.get(BUILT_KEY):
        return
    context[BUILT_KEY] = True
    generator = generators[0] if generators else None
    if generator is not None:  # pages are written after the model: start this build's record
        context[WRITTEN_KEY] = generator.settings[WRITTEN_KEY] = WrittenPages(generator.output_path)
    for name in STAGES:
        _STAGE_SIGNALS[name].send(context, generators=generators)


@pass_context
def render_once(context, owner, *key, caller):
    """{% call once(owner, 'card', heading, SITEURL) %}…{% endcall %}: the block's HTML, made once
    per owner and key in a build. The owner is a post (its card is on the home page, its archive
    and topic pages, its roundup and under other posts: about nine times, identical each time) or
    `site` for what every page shows (header, footer; ~1,900 pages at 1,000 posts); the key names
    everything the block shows that differs between pages."""
    rendered = context.get(PARTS_KEY) if isinstance(owner, SiteConfig) else post_model(owner).rendered
    if rendered is None:  # a template rendered outside a build (no page record): nothing to share
        return caller()
    if key not in rendered:
        rendered[key] = caller()
    return rendered[key]


def expose_to_templates(generator) -> None:
    """generator_init: templates read the config and the URL table, never a plugin's internals.

    The last build's record of written pages leaves the settings here, before Pelican's content
    cache (which pickles the settings) is saved; build_model starts this build's."""
    generator.settings.pop(WRITTEN_KEY, None)
    generator.context.setdefault(PARTS_KEY, {})  # one per build: each build has a new context
    generator.env.globals.update(site=site_config(generator.context), urls=url_table(generator.context),
                                 once=render_once)


def check_footer_pages(context: dict, generators=()) -> None:
    """Model stage "pages": FOOTER_PAGES names pages by slug; one that names no published page would
    silently lose its footer link (in Germany often the Impressum, which every page must link)."""
    published = {page.slug for page in context.get("pages", [])}
    unlisted = {page.slug: status for generator in generators
                for status, pages in (("hidden", getattr(generator, "hidden_pages", ())),
                                      ("draft", getattr(generator, "draft_pages", ())))
                for page in pages}
    for slug in site_config(context)["FOOTER_PAGES"]:
        if slug in published:
            continue
        if slug in unlisted:
            hint = t("that page is a {status}: set 'status: published' in its front matter, or remove '{slug}'",
                     status=unlisted[slug], slug=slug)
        elif source := _page_source(context, slug):
            hint = t("{path} is not built while it has the problems reported for it: fix those",
                     path=relative_path(source))
        else:
            hint = t("{suggestion} (a page's slug is its file name in content/pages/, or its 'slug:')",
                     suggestion=did_you_mean(slug, published))
        report(ContentProblem(*where(context, "FOOTER_PAGES"),
                              t("FOOTER_PAGES names '{slug}', but no published page has that slug", slug=slug), hint))


def _page_source(context: dict, slug: str) -> str | None:
    """The page file named after `slug`, if there is one (a page with errors is left out of a build)."""
    for folder in context["PAGE_PATHS"]:
        path = os.path.join(context["PATH"], folder, f"{slug}.md")
        if os.path.isfile(path):
            return path
    return None


def connect() -> None:
    """Called by every plugin's register(); connecting the same receiver twice keeps one connection."""
    signals.initialized.connect(correct_settings)
    signals.article_generator_pretaxonomy.connect(use_post_lists)
    signals.generator_init.connect(expose_to_templates)
    signals.all_generators_finalized.connect(build_model)
    on_stage("pages", check_footer_pages)
    signals.content_written.connect(remember_written_page)
    signals.get_writer.connect(site_writer)
