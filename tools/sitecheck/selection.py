"""Which pages `make check` loads in chromium, and why: the pages a change made, every page (FULL),
or one page of every type.

A changed file is mapped to the pages it makes through the build's own record (each article's
and page's source file, shared.model.written_pages) and the site's URL table: a profile makes its
author page and every post it bylines or thanks, a series file its series pages and tips, a roundup
note its roundup's pages, a picture the pages that show it. A change of the theme, the plugins or
the settings changes every page of a kind alike, so one page of every type covers it.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from shared.config import read_config
from shared.messages import N_, t
from shared.model import written_pages
from shared.yamlsource import split_front_matter
from tools.sitecheck import pagetypes
from tools.sitecheck.changes import Changes, changed_files

PICTURE_PAGES = 10  # pages loaded for one changed picture (it may show on every page)
SHOWN = 10  # pages named in the printed list; the rest are counted

FULL, CHANGED, TYPES = "every page", "changed pages", "one page per type"  # modes, never shown
ONE_OF_ITS_TYPE = N_("one page of its type")  # a reason, shown translated


@dataclass
class PageToLoad:
    page: pagetypes.PageType
    reasons: list[str] = field(default_factory=list)


@dataclass
class Selection:
    """The pages to load, in loading order, each with why; notes say what was not mapped to pages."""

    mode: str
    base: str = ""  # what the changes were compared with
    pages: dict[str, PageToLoad] = field(default_factory=dict)  # by URL path
    notes: list[str] = field(default_factory=list)

    def add(self, page: pagetypes.PageType, reason: str) -> None:
        entry = self.pages.setdefault(page.path, PageToLoad(page))
        if reason not in entry.reasons:
            entry.reasons.append(reason)

    @property
    def page_types(self) -> list[pagetypes.PageType]:
        return [entry.page for entry in self.pages.values()]

    def changed(self) -> list[PageToLoad]:
        return [entry for entry in self.pages.values() if entry.reasons != [t(ONE_OF_ITS_TYPE)]]

    def describe(self) -> list[str]:
        """What is loaded and why: a count, then the first few pages (changed ones first)."""
        total = len(self.pages)
        if self.mode == FULL:
            kinds = Counter(entry.page.name for entry in self.pages.values())
            head = t("loading every page (FULL): {total} page(s): {kinds}", total=total, kinds=", ".join(
                f"{count} {name}" for name, count in kinds.most_common()))
        elif self.mode == CHANGED:
            head = t("loading {total} page(s): {changed} changed against {base}, the others one page of every type",
                     total=total, changed=len(self.changed()), base=self.base)
        else:
            head = t("loading one page of every type: {total} page(s)", total=total)
        entries = self.changed() if self.mode == CHANGED else list(self.pages.values())
        lines = [head] + [f"  /{entry.page.path} ({entry.page.name})"
                          + ("" if self.mode == FULL else f": {'; '.join(entry.reasons)}") for entry in entries[:SHOWN]]
        if len(entries) > SHOWN:
            lines.append("  " + t("… and {count} more", count=len(entries) - SHOWN))
        return lines + self.notes


def choose(output_dir: str | Path, settings: dict, *, full: bool = False, base: str | None = None,
           environ=None) -> Selection:
    """The pages `make check` loads: every page with `full`, otherwise what changed in git (plus one
    page of every type); one page of every type when git cannot say what changed."""
    site = pagetypes.site_of(settings)
    written = written_pages(settings)
    if full:
        return every_page(output_dir, site, written)
    changes = changed_files(settings["PATH"], environ, base)
    if changes.base is None and changes.from_ci:  # CI named a base it cannot find: never check less
        selection = every_page(output_dir, site, written)
        selection.notes.append(t("the merge request's base was not found ({why}): every page is loaded instead "
                                 "(GitHub: actions/checkout with fetch-depth: 0)", why=changes.why))
        return selection
    if changes.base is None or written is None:
        selection = one_per_type(output_dir, site)
        why = changes.why if changes.base is None else t("the build kept no record of its pages")
        selection.notes.append(t("no changes to follow ({why}): one page of every type is loaded", why=why))
        return selection
    return changed_pages(changes, output_dir, settings, site, written)


def one_per_type(output_dir, site, selection: Selection | None = None) -> Selection:
    selection = selection or Selection(TYPES)
    for page in pagetypes.discover(output_dir, site):
        selection.add(page, t(ONE_OF_ITS_TYPE))
    return selection


def every_page(output_dir, site, written=None) -> Selection:
    """Every HTML file, but the redirect pages of old addresses: they forward at once (the link
    check follows them)."""
    redirects = {os.path.relpath(page.path, output_dir).replace(os.sep, "/")
                 for page in (written.pages if written else ()) if page.kind == "redirect"}
    selection = Selection(FULL)
    for page in pagetypes.every_page(output_dir, site, leave_out=redirects):
        selection.add(page, t("every page (FULL)"))
    if redirects:
        selection.notes.append(t("{count} redirect page(s) of old addresses not loaded: they forward at once; "
                                 "the link check follows them", count=len(redirects)))
    return selection


@dataclass(frozen=True)
class SiteSources:
    """Where a site's sources are: what a changed file is."""

    content: Path
    authors: Path
    series: Path
    notes: Path
    static: tuple[Path, ...]
    theme: Path | None
    engine: tuple[Path, ...]  # plugin folders and settings files
    logo: Path | None = None  # SITE_LOGO: every page's header shows it (from a copy in the theme's folder)

    @classmethod
    def of(cls, settings: dict) -> "SiteSources":
        config = read_config(settings)[0]
        settings_file = Path(settings.get("SETTINGS_FILE") or "pelicanconf.py").resolve()

        def beside_settings(path) -> Path:
            return (settings_file.parent / path).resolve()

        content = Path(settings["PATH"]).resolve()
        return cls(content, content / config["AUTHORS_DIR"], content / config["SERIES_DIR"],
                   content / config["ROUNDUP_NOTES_PATH"],
                   tuple(content / path for path in settings.get("STATIC_PATHS", ())),
                   beside_settings(settings["THEME"]) if settings.get("THEME") else None,
                   (settings_file, settings_file.parent / "pelicanconf.py",
                    *(beside_settings(path) for path in settings.get("PLUGIN_PATHS", ()))),
                   (content / config["SITE_LOGO"]).resolve() if config["SITE_LOGO"] else None)


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and (path == folder or folder in path.parents)


class _Site:
    """The built site as the mapping needs it: output files, their types, their sources."""

    def __init__(self, output_dir, site, written):
        self.output = Path(output_dir)
        self.urls, _ = site
        self.kinds = pagetypes.Classifier(site)
        self.by_source: dict[Path, list[str]] = {}
        self.articles: list[tuple[str, Path]] = []
        for page in written.pages:
            if page.source and page.kind in ("article", "page"):
                relative = os.path.relpath(page.path, written.output_path).replace(os.sep, "/")
                self.by_source.setdefault(Path(page.source).resolve(), []).append(relative)
                if page.kind == "article":
                    self.articles.append((relative, Path(page.source)))
        self._front_matter: dict[str, dict] | None = None

    def page(self, relative: str) -> pagetypes.PageType | None:
        return self.kinds.page(relative) if (self.output / relative).is_file() else None

    def front_matter(self) -> dict[str, dict]:
        """{output file: front matter} of every article, read once (for profiles and series)."""
        if self._front_matter is None:
            self._front_matter = {relative: _read_front_matter(source) for relative, source in self.articles}
        return self._front_matter

    def html_files(self) -> dict[str, str]:
        return {path.relative_to(self.output).as_posix(): path.read_text(encoding="utf-8", errors="replace")
                for path in sorted(self.output.rglob("*.html"))}


def _read_front_matter(source: Path) -> dict:
    try:
        text, _body, _offset = split_front_matter(source.read_text(encoding="utf-8"))
        values = yaml.safe_load(text or "") if text else {}
    except (OSError, yaml.YAMLError):
        return {}
    return values if isinstance(values, dict) else {}


def _handles(values) -> list[str]:
    if isinstance(values, str):
        return [values]
    return [value for value in values if isinstance(value, str)] if isinstance(values, list) else []


def _save_as(url: str) -> str:
    return url + "index.html" if url.endswith("/") or url == "" else url


def changed_pages(changes: Changes, output_dir, settings: dict, site, written) -> Selection:
    """The pages the changed files make, then one page of every type."""
    sources, built = SiteSources.of(settings), _Site(output_dir, site, written)
    selection = Selection(CHANGED, base=changes.base or "")
    top = changes.top
    shown = (lambda path: os.path.relpath(path, top)) if top else str
    engine, theme, unbuilt, pictures, html = [], [], [], {}, None
    for path in changes.files:
        name = shown(path)
        if path in built.by_source:
            for relative in built.by_source[path]:
                selection.add(built.kinds.page(relative), t("{name} changed", name=name))
        elif _inside(path, sources.authors) and path.suffix in (".yml", ".yaml"):
            _add_profile(selection, built, path.stem, name)
        elif _inside(path, sources.series) and path.suffix in (".yml", ".yaml"):
            _add_series(selection, built, path.stem, name)
        elif _inside(path, sources.notes) and path.suffix == ".md":
            _add_note(selection, built, path.stem, name)
        elif path == sources.logo:  # like the theme: one page of every type shows it
            theme.append(name)
        elif any(_inside(path, folder) for folder in sources.static):
            html = html if html is not None else built.html_files()
            pictures[name] = _add_picture(selection, built, html, path.relative_to(sources.content).as_posix(), name)
        elif _inside(path, sources.theme):
            theme.append(name)
        elif path in sources.engine or any(_inside(path, folder) for folder in sources.engine):
            engine.append(name)
        elif _inside(path, sources.content):
            unbuilt.append(name)
    one_per_type(output_dir, site, selection)
    selection.notes += _notes(theme, engine, unbuilt, pictures)
    return selection


def _add_profile(selection, built: _Site, handle: str, name: str) -> None:
    for relative in (built.urls.save_as("author", slug=handle), built.urls.save_as("authors")):
        page = built.page(relative)
        if page:
            selection.add(page, t("profile {name} changed", name=name))
    for relative, values in built.front_matter().items():
        if handle in _handles(values.get("author")) + _handles(values.get("co_authors")):
            selection.add(built.kinds.page(relative), t("byline of {name}", name=name))
        elif handle in _handles(values.get("thanks")):
            selection.add(built.kinds.page(relative), t("thanks the person of {name}", name=name))


def _add_series(selection, built: _Site, slug: str, name: str) -> None:
    for relative in (built.urls.save_as("series", slug=slug), built.urls.save_as("series_index")):
        page = built.page(relative)
        if page:
            selection.add(page, t("series {name} changed", name=name))
    for relative, values in built.front_matter().items():
        if values.get("series") == slug:
            selection.add(built.kinds.page(relative), t("in the series of {name}", name=name))


def _add_note(selection, built: _Site, week: str, name: str) -> None:
    for relative in (built.urls.save_as("roundup", slug=week), _save_as(built.urls.url("roundup_share", slug=week)),
                     _save_as(built.urls.url("newsletter_web", slug=week))):
        page = built.page(relative)
        if page:
            selection.add(page, t("roundup note {name} changed", name=name))


def _add_picture(selection, built: _Site, html: dict[str, str], published: str, name: str) -> int:
    """The first pages that show the file; returns how many show it."""
    spellings = {published, quote(published)}
    showing = [relative for relative, text in html.items() if any(spelling in text for spelling in spellings)]
    for relative in showing[:PICTURE_PAGES]:
        selection.add(built.kinds.page(relative), t("shows {name}", name=name))
    return len(showing)


def _few(names: list[str], count: int = 3) -> str:
    if len(names) > count:
        return t("{names} and {count} more", names=", ".join(names[:count]), count=len(names) - count)
    return ", ".join(names)


def _notes(theme, engine, unbuilt, pictures) -> list[str]:
    notes = []
    if theme:
        notes.append(t("theme changed ({files}): one page of every type covers its templates, CSS and scripts",
                       files=_few(theme)))
    if engine:
        notes.append(t("plugins or settings changed ({files}): one page of every type covers them; "
                       "`make check FULL=1` loads every page", files=_few(engine)))
    if unbuilt:
        notes.append(t("changed, but no page in this build (a draft, scheduled, deleted or not a page): {files}",
                       files=_few(unbuilt)))
    for name, count in pictures.items():
        if count > PICTURE_PAGES:
            notes.append(t("{name} shows on {count} pages: {loaded} of them are loaded", name=name, count=count,
                           loaded=PICTURE_PAGES))
        elif count == 0:
            notes.append(t("{name} changed, but no page shows it", name=name))
    return notes
