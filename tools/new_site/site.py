"""Turn this checkout into a company's own blog: the sample company's files out, the company's
settings, logo and legal pages in. Plain functions over a project folder; __main__.py is the CLI."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from shared.brand import LogoError, find_logo
from shared.colors import HEX
from tools.new_post import file_slug

from .manifest import read_manifest, survey
from .settings import Code, get_value, set_values

LEGAL_DIR = Path(__file__).parent / "legal"
LEGAL_PAGES = {"de": ("impressum", "datenschutz"), "en": ("imprint", "privacy")}
# German names the company with its legal form's article (die GmbH, die AG: "bei der Acme GmbH"),
# as the theme's strings do ("Menschen der …")
TAGLINE = {"de": "Wissen teilen bei der {company}", "en": "Sharing what we know at {company}"}
EDITORS = {"de": "Redaktion", "en": "Editorial team"}
CATEGORY = {"de": "Allgemein", "en": "General"}  # DEFAULT_CATEGORY: make new-post writes it
UNSUBSCRIBE = {"de": "newsletter-abmelden", "en": "newsletter-unsubscribe"}
# An English site gets English addresses (the layout tests/test_url_settings.py builds and checks).
ENGLISH_URLS = {
    "DRAFT_URL": "drafts/{slug}/", "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
    "CATEGORY_URL": "category/{slug}/", "CATEGORY_SAVE_AS": "category/{slug}/index.html",
    "CATEGORIES_URL": "category/", "CATEGORIES_SAVE_AS": "category/index.html",
    "TAG_URL": "topic/{slug}/", "TAG_SAVE_AS": "topic/{slug}/index.html",
    "TAGS_URL": "topic/", "TAGS_SAVE_AS": "topic/index.html",
    "AUTHOR_URL": "team/{slug}/", "AUTHOR_SAVE_AS": "team/{slug}/index.html",
    "AUTHORS_URL": "team/", "AUTHORS_SAVE_AS": "team/index.html",
    "ARCHIVES_URL": "archive/", "ARCHIVES_SAVE_AS": "archive/index.html",
    "SERIES_URL": "series/{slug}/", "SERIES_SAVE_AS": "series/{slug}/index.html",
    "SERIES_INDEX_URL": "series/", "SERIES_INDEX_SAVE_AS": "series/index.html",
    "ROUNDUP_URL": "weekly/{slug}/", "ROUNDUP_SAVE_AS": "weekly/{slug}/index.html",
    "ROUNDUPS_URL": "weekly/", "ROUNDUPS_SAVE_AS": "weekly/index.html",
    "ROUNDUP_SHARE_URL": "weekly/{slug}/share/", "NEWSLETTER_WEB_COPY_URL": "weekly/{slug}/email/",
    "SEARCH_URL": "search/", "SEARCH_SAVE_AS": "search/index.html",
    "SUBSCRIBE_URL": "subscribe/", "SUBSCRIBE_SAVE_AS": "subscribe/index.html",
    "SUBSCRIBE_OPML_URL": "subscribe/feeds.opml",
    "PAGINATION_PATTERNS": Code('(\n    (1, "{url}", "{save_as}"),\n'
                                '    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),\n)'),
}


class Refused(Exception):
    """Nothing was changed: the lines say why and what to do."""

    def __init__(self, lines: list[str], status: int = 1):
        super().__init__("\n".join(lines))
        self.lines, self.status = lines, status


@dataclass(frozen=True)
class Request:
    name: str
    company: str
    url: str
    lang: str
    logo: str | None = None  # a file path as typed
    accent: str | None = None


@dataclass
class Report:
    removed: list = field(default_factory=list)
    settings: list = field(default_factory=list)  # names written
    pages: list = field(default_factory=list)  # legal pages created
    kept_pages: list = field(default_factory=list)  # legal pages that were there already
    logo: str | None = None  # SITE_LOGO as written


def check_request(request: Request, root: Path) -> list[str]:
    """What is wrong with the typed values (one line each), empty when all are fine."""
    wrong = []
    for key, value in (("NAME", request.name), ("COMPANY", request.company)):
        if not value.strip() or "\n" in value:
            wrong.append(f'{key} is empty: make new-site NAME="Acme Blog" COMPANY="Acme GmbH" URL=https://blog.acme.example LANG=de')
    parts = urlsplit(request.url.strip())
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
        wrong.append(f"URL = {request.url!r}: expected the blog's https address, e.g. URL=https://blog.acme.example")
    if request.lang not in LEGAL_PAGES:
        wrong.append(f"LANG = {request.lang!r}: expected de or en")
    if request.accent is not None and not HEX.fullmatch(request.accent.strip()):
        wrong.append(f'ACCENT = {request.accent!r}: expected a colour written #rrggbb, e.g. ACCENT="#0b5cad"')
    if request.logo is not None:
        wrong += _logo_problems(Path(request.logo), root)
    return wrong


def _logo_problems(path: Path, root: Path) -> list[str]:
    full = path if path.is_absolute() else root / path
    if not full.is_file():
        return [f"LOGO = {str(path)!r}: no such file"]
    if full.suffix.lower() not in (".svg", ".png"):
        return [f"LOGO = {str(path)!r}: expected an SVG or PNG file (a JPEG logo has no transparency)"]
    try:
        from brand.logo import logo_files
        from brand.palette import DARK, LIGHT

        source = find_logo({"PATH": str(full.parent), "THEME": "/nonexistent"}, full.name)
        logo_files(source, (LIGHT["bg"], DARK["bg"]))  # draws it once: a broken file fails here, not in the build
    except LogoError as error:
        return [f"LOGO: {error.message} ({error.hint})"]
    return []


def domain_of(url: str) -> str:
    """'https://blog.acme.example' -> 'acme.example': the mail domain the newsletter's addresses get."""
    host = urlsplit(url).hostname or ""
    for prefix in ("www.", "blog."):
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix):]
    return host


# Run again (the settings are the company's already), make new-site writes only what the typed values
# change: the setting a value is and those made from it. Everything else may have been set by hand
# since (FOOTER_LINE, NEWSLETTER_TO, ROUNDUP_START from a WordPress import, …) and is kept.
TYPED = {"SITENAME": "NAME", "PUBLISHER": "COMPANY", "SHARE_SITEURL": "URL", "DEFAULT_LANG": "LANG"}
MADE_FROM = {"SITE_TAGLINE": ("PUBLISHER",), "NEWSLETTER_FROM": ("SITENAME", "SHARE_SITEURL"),
             "NEWSLETTER_UNSUBSCRIBE_MAILTO": ("SHARE_SITEURL",)}


def settings_for(request: Request, logo: str | None, current: dict | None = None) -> tuple[dict, dict]:
    """(values, comments) for pelicanconf.py. `current`: the settings as they are when it runs again
    (None the first time, when every value of the sample is replaced)."""
    url = request.url.strip().rstrip("/")
    domain = domain_of(url)
    imprint, privacy = LEGAL_PAGES[request.lang]
    values = {
        "AUTHOR": EDITORS[request.lang],
        "DEFAULT_CATEGORY": CATEGORY[request.lang],
        "SITENAME": request.name.strip(),
        "SITE_TAGLINE": TAGLINE[request.lang].format(company=request.company.strip()),
        "PUBLISHER": request.company.strip(),
        "DEFAULT_LANG": request.lang,
        "FOOTER_PAGES": [imprint, privacy],
        "SITE_LOGO": logo,
        "ACCENT_COLOR": request.accent.strip().lower() if request.accent else None,
        "FOOTER_LINE": "",
        "ROUNDUP_START": None,
        "NEWSLETTER_FROM": f"{request.name.strip()} <newsletter@{domain}>",
        "NEWSLETTER_TO": "",
        "NEWSLETTER_UNSUBSCRIBE_MAILTO": f"{UNSUBSCRIBE[request.lang]}@{domain}",
        "NEWSLETTER_LOGO": None,
        "NEWSLETTER_IMPRESSUM_PAGE": imprint,
        "NEWSLETTER_SUBSCRIBE_URL": "",
        "SHARE_SITEURL": url,
        # the sample's own git host and repository; only the company knows its own
        "EDITOR_REPO": "",
        "EDITOR_BASE_URL": "",
    }
    comments = {
        "NEWSLETTER_FROM": "TODO: check the sender address (derived from URL)",
        "NEWSLETTER_TO": f"TODO: the list address of your mail service (empty: newsletter@{domain})",
        "NEWSLETTER_UNSUBSCRIBE_MAILTO": "TODO: check (derived from URL)",
        "NEWSLETTER_SUBSCRIBE_URL": "TODO: your sign-up form (https://…) or mailto: address; empty: none shown",
        "SITE_LOGO": "SVG or PNG in content/ (docs/brand.md)",
        "ACCENT_COLOR": "#rrggbb; links and buttons use shades that pass WCAG AA",
        "EDITOR_REPO": "TODO: your blog's repository ('group/project'), before EDITOR_ENABLED",
        "EDITOR_BASE_URL": "TODO: your self-hosted GitLab's address ('' = gitlab.com; README 'Web editor')",
    }
    if request.lang == "en":
        values.update(ENGLISH_URLS)
    if current is None:
        return values, comments
    changed = {name for name in TYPED if current.get(name) != values[name]}
    wanted = changed | {name for name, inputs in MADE_FROM.items() if changed & set(inputs)}
    wanted |= {name for name, given in (("SITE_LOGO", request.logo), ("ACCENT_COLOR", request.accent)) if given}
    return {name: value for name, value in values.items() if name in wanted}, comments


def current_settings(source: str) -> dict:
    """The values of pelicanconf.py that make new-site compares when it runs again."""
    return {name: get_value(source, name) for name in TYPED}


def legal_page(lang: str, slug: str, request: Request) -> str:
    text = (LEGAL_DIR / lang / f"{slug}.md").read_text(encoding="utf-8")
    return text.replace("{company}", request.company.strip()).replace("{site}", request.name.strip())


def make_site(root: Path, request: Request, dry_run: bool = False) -> Report:
    """Do it all, or raise Refused before anything is changed."""
    wrong = check_request(request, root)
    if wrong:
        raise Refused(wrong, status=2)
    logo_path = _logo_in_project(root, request.logo)
    keep = (logo_path.relative_to(root).as_posix(),) if logo_path and _inside(logo_path, root / "content") else ()
    manifest = read_manifest(root)
    found = survey(root, manifest, keep)
    if found.sample and found.blocked:
        lines = ["make new-site changed nothing: these files are not the sample company's as shipped, "
                 "and it never deletes a file of yours:"]
        lines += [f"  changed: {path}" for path in found.changed] + [f"  added:   {path}" for path in found.added]
        lines.append("Move them out of content/ (or undo the changes: git checkout -- <file>), run make new-site, "
                     "then move your files back.")
        raise Refused(lines)
    conf = root / "pelicanconf.py"
    source = conf.read_text(encoding="utf-8")
    # run again: the sample is gone and the settings are the company's already (a SITENAME typed in
    # by hand before the first run leaves the sample's newsletter list, logo and repository in place)
    again = not found.sample and get_value(source, "SITENAME") != manifest["site_name"]
    current = current_settings(source) if again else None
    if again and current["DEFAULT_LANG"] not in (None, request.lang):
        raise Refused([f"make new-site changed nothing: LANG={request.lang}, but this blog is "
                       f"{current['DEFAULT_LANG']} (DEFAULT_LANG in pelicanconf.py). Run again, it keeps the "
                       f"language: give LANG={current['DEFAULT_LANG']}, or change DEFAULT_LANG, the addresses and "
                       "the legal pages by hand (docs/brand.md)."], status=2)
    report = Report(removed=list(found.sample))
    if dry_run:
        return report
    for relative in found.sample:
        (root / relative).unlink()
    _remove_empty_folders(root / "content")
    report.logo = _place_logo(root, logo_path)
    values, comments = settings_for(request, report.logo, current)
    conf.write_text(set_values(source, values, comments, "make new-site"), encoding="utf-8")
    report.settings = list(values)
    if current is None or "SHARE_SITEURL" in values:  # the first time, or a new URL
        publish = root / "publishconf.py"
        site_url = Code(f"os.environ.get(\"SITEURL\", {json.dumps(request.url.strip().rstrip('/'))})")
        publish.write_text(set_values(publish.read_text(encoding="utf-8"), {"SITEURL": site_url}), encoding="utf-8")
        report.settings.append("SITEURL")
    for slug in LEGAL_PAGES[request.lang]:
        target = root / "content" / "pages" / f"{slug}.md"
        if target.exists():
            report.kept_pages.append(target.relative_to(root).as_posix())
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(legal_page(request.lang, slug, request), encoding="utf-8")
        report.pages.append(target.relative_to(root).as_posix())
    return report


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _logo_in_project(root: Path, logo: str | None) -> Path | None:
    if logo is None:
        return None
    path = Path(logo)
    return (path if path.is_absolute() else root / path).resolve()


def _place_logo(root: Path, logo_path: Path | None) -> str | None:
    """SITE_LOGO for the logo: its path inside content/, copied to content/images/brand/ first
    when it lies elsewhere."""
    if logo_path is None:
        return None
    content = (root / "content").resolve()
    if not _inside(logo_path, content):
        name = (file_slug(logo_path.stem) or "logo") + logo_path.suffix.lower()
        target = content / "images" / "brand" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(logo_path, target)
        logo_path = target
    return logo_path.relative_to(content).as_posix()


def _remove_empty_folders(folder: Path) -> None:
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(path.iterdir()):
            path.rmdir()

