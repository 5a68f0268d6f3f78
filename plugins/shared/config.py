"""Every setting of this site declared once (type, default, allowed values, help) and validated once.

`read_config(settings)` turns Pelican's settings dict into a frozen SiteConfig and a list of
problems; a bad value is one problem naming the key, the value and what is allowed, and the
default is used instead so the rest of the build still reports its own problems. The build's time
zone, language and "now" are decided here, once, and everyone (plugins and tools) reads them.
"""

from __future__ import annotations

import difflib
import os
import re
import string
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parseaddr
from types import MappingProxyType
from typing import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shared.messages import N_, joined, t

from .dates import DEFAULT_TIMEZONE, parse_iso_week
from .problems import ContentProblem, relative_path

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
LANGUAGES = ("de", "en")
# Every plugin of this site: the model's parts depend on each other, so all must be on.
REQUIRED_PLUGINS = ("frontmatter", "localization", "authors", "series", "roundup", "feeds",
                    "newsletter", "sharekit", "sitemap_xml", "readers", "aliases", "privacy", "brand", "socialcards")
SETTINGS_FILE = "pelicanconf.py"  # named in messages when the settings do not say where they came from


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type | tuple  # accepted Python type(s); None is accepted only when the default is None
    default: object
    help: str  # English, marked N_() (a brace written {{ }}): hints show it translated, the README in English
    choices: tuple = ()
    rule: Callable | None = None  # value -> what is wrong (str) or None; for rules beyond type/choices


def _either(parts) -> str:
    """'text or None', in the current language ("Text oder None")."""
    parts = list(parts)
    text = parts[0]
    for part in parts[1:]:
        text = t("{first} or {second}", first=text, second=part)
    return text


def _english(help_text: str) -> str:
    """A setting's help as the README shows it: the English text with `{{`/`}}` written as single braces."""
    return help_text.format()


# --- rules beyond a type -------------------------------------------------------------------------

def _time_of_day(value):
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
        return t('a time of day written "HH:MM", e.g. "15:00"')


def _iso_week(value):
    if parse_iso_week(value) is None:
        loose = re.fullmatch(r"\s*(\d{4})\W*[Ww]?\W*(\d{1,2})\s*", value)
        example = f"{loose.group(1)}-W{int(loose.group(2)):02d}" if loose else "2026-W49"
        if parse_iso_week(example) is None:
            example = "2026-W49"
        return t('an ISO week written like "{example}" (year, "-W", the week in two digits; '
                 'week 53 only in years that have one), or None for every week', example=example)


def _positive(value):
    if value < 1:
        return t("a whole number from 1")


def _not_negative(value):
    if value < 0:
        return t("a whole number from 0")


def _https_or_empty(value):
    if value and not value.startswith("https://"):
        return t('an https:// address, e.g. "https://blog.example.org"')


def _absolute_or_empty(value):
    if value and (urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).hostname):
        return t('an absolute address, e.g. "https://blog.example.org" (or "" for relative URLs)')


def _mail_address(value):
    if value == "":
        return None  # derived from SITENAME and the site's host
    if "@" not in parseaddr(value)[1]:
        return t("an email address like 'Werkbank Blog <newsletter@example.org>'")


def _regexes(value):
    for pattern in value:
        if not isinstance(pattern, str):
            return t("a list of regular expressions (text)")
        try:
            re.compile(pattern)
        except re.error as error:
            return t("valid regular expressions ({pattern}: {error})", pattern=repr(pattern), error=str(error))


def _text_list(value):
    if not all(isinstance(item, str) for item in value):
        return t("a list of text")


def _limits(value):
    for network, limit in value.items():
        if not isinstance(network, str) or isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            return t("a mapping of network to a character limit (a whole number from 1), e.g. {{'x': 280}}")


def _signup_address(value):
    if value and not value.startswith(("https://", "mailto:")):
        return t('an https:// or mailto: address, e.g. "mailto:newsletter-anmelden@example.org"')


def _widths(value):
    if not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in value):
        return t("a list of widths in pixels (whole numbers from 1), e.g. [480, 800]")


def _image_formats(value):
    if not all(name in ("avif", "webp") for name in value) or len(set(value)) != len(value):
        return t("a list of 'avif' and/or 'webp' (or [] for the PNG/JPEG fallback only), e.g. ['avif', 'webp']")


def _logo(value):
    if value is None:
        return None
    path = str(value.get("path", ""))
    sizes_ok = all(isinstance(value.get(k), int) and not isinstance(value.get(k), bool) and value.get(k) > 0
                   for k in ("width", "height"))
    if not path.lower().endswith((".png", ".jpg", ".jpeg")) or not sizes_ok:
        return t("{example} with a PNG or JPEG (email clients do not show SVG or WebP)",
                 example="{'path': 'favicon.png', 'width': 32, 'height': 32}")


def _allowed_origins(value):
    for origin, comment in value.items():
        parts = urlsplit(str(origin))
        if (not isinstance(origin, str) or parts.scheme != "https" or not parts.hostname or parts.path not in ("", "/")
                or parts.query or parts.fragment):
            return t("a mapping of https origins to the reason they are yours, e.g. "
                     "{{'https://media.example.org': 'our own media server'}}")
        if not isinstance(comment, str) or not comment.strip():
            return t("a comment for {origin} saying why it is the site's own (e.g. 'our own media server')",
                     origin=repr(origin))


def _hex_colour(value):
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        return t('a colour written "#rrggbb", e.g. "#0b5cad"')


def _logo_file(value):
    if not value.strip() or not value.lower().endswith((".svg", ".png")) or "://" in value:
        return t('the path of an SVG or PNG file in content/ (or the theme\'s static folder), '
                 'e.g. "images/logo.svg"')


def _font_package(value):
    if not re.fullmatch(r"@fontsource(-variable)?/[a-z0-9][a-z0-9-]*", value.strip()):
        return t('a Fontsource package name, e.g. "@fontsource/atkinson-hyperlegible" '
                 "(npm install --save-exact it first; no font CDN)")


def _repository(value):
    if value and not re.fullmatch(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+", value):
        return t("'group/project' on GitLab (subgroups allowed: 'group/sub/project') or 'owner/repository' "
                 "on GitHub, e.g. 'nordlicht/werkbank-blog'")


def _branch(value):
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", value):
        return t("a branch name, e.g. 'main'")


def _local_backend(value):
    parts = urlsplit(value)
    if value and (parts.scheme != "http" or parts.hostname not in ("localhost", "127.0.0.1") or not parts.port):
        return t("decap-server's address on this machine, e.g. 'http://localhost:8081/api/v1' (or '' for none)")


def _menu(value):
    from .urls import MENU_KINDS  # pages without a {slug}: the ones a menu can link
    kinds = sorted(MENU_KINDS)
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or entry.get("page") not in kinds:
            return t("a list of {{'key': <UI string>, 'page': <kind>}} entries, kind one of {kinds}",
                     kinds=", ".join(kinds))


# --- the schema ------------------------------------------------------------------------------------

def _fields(*allowed, required=()):
    """A URL pattern may use only these {fields} (the URL table fills nothing else) and needs `required`."""
    def rule(value):
        try:
            used = {name for _text, name, _spec, _conv in string.Formatter().parse(value) if name is not None}
        except ValueError as error:
            return t("a pattern with well-formed {{fields}} ({error})", error=str(error))
        shown = ", ".join("{" + name + "}" for name in allowed) or t("no {{fields}}")
        if used - set(allowed) or not set(required) <= used:
            if required:
                return t("a pattern using only {allowed} and needs {required}", allowed=shown,
                         required=", ".join("{" + name + "}" for name in required))
            return t("a pattern using only {allowed}", allowed=shown)
        return None
    return rule


def _problem_language(value):
    if value not in LANGUAGES:
        return t("{languages}, or None for the site's language", languages=_either(repr(lang) for lang in LANGUAGES))


def _directory(value):
    if not value.endswith("/"):
        return t("a directory URL ending in '/' (the page is written as index.html inside it)")
    return _fields("slug", required=("slug",))(value)


WITH_SLUG, NO_FIELDS, FORMAT = _fields("slug", required=("slug",)), _fields(), _fields("format", required=("format",))
URL_SETTINGS = (
    Setting("SERIES_URL", str, "serien/{slug}/", N_("a series page"), rule=WITH_SLUG),
    Setting("SERIES_SAVE_AS", str, "serien/{slug}/index.html", N_("file of a series page"), rule=WITH_SLUG),
    Setting("SERIES_INDEX_URL", str, "serien/", N_("the overview of all series"), rule=NO_FIELDS),
    Setting("SERIES_INDEX_SAVE_AS", str, "serien/index.html", N_("file of the series overview"), rule=NO_FIELDS),
    Setting("ROUNDUP_URL", str, "wochenrueckblick/{slug}/", N_("a weekly roundup, slug like 2026-W47"), rule=WITH_SLUG),
    Setting("ROUNDUP_SAVE_AS", str, "wochenrueckblick/{slug}/index.html", N_("file of a roundup page"), rule=WITH_SLUG),
    Setting("ROUNDUPS_URL", str, "wochenrueckblick/", N_("the list of all roundups"), rule=NO_FIELDS),
    Setting("ROUNDUPS_SAVE_AS", str, "wochenrueckblick/index.html", N_("file of the roundup list"), rule=NO_FIELDS),
    Setting("ROUNDUP_SHARE_URL", str, "wochenrueckblick/{slug}/teilen/", N_("a roundup's #FollowFriday page"),
            rule=_directory),
    Setting("NEWSLETTER_WEB_COPY_URL", str, "wochenrueckblick/{slug}/newsletter/",
            N_("the web copy of a roundup's email"), rule=_directory),
    Setting("FEED_SITE_URL", str, "feeds/{format}.xml", N_("the site's feeds; {{format}} is atom or rss"), rule=FORMAT),
    Setting("FEED_FILE_NAME", str, "{format}.xml",
            N_("feed file next to its page (author, series, category, tag, roundups)"), rule=FORMAT),
    Setting("SEARCH_URL", str, "suche/", N_("the search page (?q=word opens its results)"), rule=NO_FIELDS),
    Setting("SEARCH_SAVE_AS", str, "suche/index.html", N_("file of the search page"), rule=NO_FIELDS),
    Setting("SUBSCRIBE_URL", str, "abonnieren/", N_("the page listing every feed and the newsletter"), rule=NO_FIELDS),
    Setting("SUBSCRIBE_SAVE_AS", str, "abonnieren/index.html", N_("file of the subscribe page"), rule=NO_FIELDS),
    Setting("SUBSCRIBE_OPML_URL", str, "abonnieren/feeds.opml", N_("OPML file of every feed (publish builds)"),
            rule=NO_FIELDS),
)
# A page's URL and its file must agree, or every link to it is broken.
URL_PAIRS = (("SERIES_URL", "SERIES_SAVE_AS"), ("SERIES_INDEX_URL", "SERIES_INDEX_SAVE_AS"),
             ("ROUNDUP_URL", "ROUNDUP_SAVE_AS"), ("ROUNDUPS_URL", "ROUNDUPS_SAVE_AS"),
             ("SEARCH_URL", "SEARCH_SAVE_AS"), ("SUBSCRIBE_URL", "SUBSCRIBE_SAVE_AS"))

SCHEMA = (
    Setting("SITE_TAGLINE", str, "", N_("one line under the site name, also the site feed's subtitle")),
    Setting("PUBLISHER", str, "", N_("the company, in JSON-LD, feeds and the newsletter footer")),
    Setting("FOOTER_PAGES", list, [], N_("page slugs linked in the footer"), rule=_text_list),
    Setting("FOOTER_LINE", str, "",
            N_("one line of text in the footer (default: 'A blog by the people of PUBLISHER')")),
    Setting("PROBLEM_LANG", (str, type(None)), None,
            N_("language of build problems, make check and CI annotations (default: DEFAULT_LANG); "
               "the environment variable PROBLEM_LANG overrides it"), rule=_problem_language),
    Setting("SITE_LOGO", (str, type(None)), None,
            N_("logo (SVG or PNG in content/ or the theme's static folder): header, favicon, touch icon, email"),
            rule=_logo_file),
    Setting("ACCENT_COLOR", (str, type(None)), None,
            N_("brand colour '#rrggbb'; links, buttons and focus rings use shades of it that pass WCAG AA"),
            rule=_hex_colour),
    Setting("SITE_FONT", (str, type(None)), None,
            N_("a Fontsource npm package (pinned in package.json) whose woff2 files the site serves itself"),
            rule=_font_package),
    Setting("MAIN_MENU", list, [], N_("main navigation: UI string key and page kind"), rule=_menu),
    Setting("AUTHORS_DIR", str, "authors", N_("folder of the profiles, inside content/")),
    Setting("AUTHORS_REMOVED_BYLINE", (str, type(None)), None,
            N_("name shown for a removed profile (default by language)")),
    Setting("SERIES_DIR", str, "series", N_("folder of the series files, inside content/")),
    Setting("SERIES_ANNOUNCE_NEXT", bool, True, N_("say when the next scheduled tip comes out (never its title)")),
    Setting("ROUNDUP_WEEKDAY", str, "friday", N_("day the weekly roundup closes"), choices=WEEKDAYS),
    Setting("ROUNDUP_TIME", str, "15:00", N_("time the roundup closes (TIMEZONE wall time)"), rule=_time_of_day),
    Setting("ROUNDUP_NOTES_PATH", str, "roundups", N_("folder of the editor notes, inside content/")),
    Setting("ROUNDUP_START", (str, type(None)), None,
            N_("first ISO week with a roundup, e.g. '2026-W49': earlier weeks get no roundup, email or "
               "#FollowFriday kit (None: every week)"), rule=_iso_week),
    Setting("SITEMAP_EXCLUDE", list, [], N_("regular expressions of URLs kept out of sitemap.xml"), rule=_regexes),
    Setting("FEEDS_ENABLED", bool, False, N_("write the feeds (publishconf.py turns them on)")),
    Setting("FEED_MAX_ITEMS", int, 20, N_("newest entries per feed"), rule=_positive),
    Setting("FEED_CONTENT", str, "full", N_("whole post or only its summary in feeds"), choices=("full", "summary")),
    Setting("FEED_ID_DOMAIN", (str, type(None)), None,
            N_("domain of the entry ids (pin the old one if the site moves)")),
    Setting("NEWSLETTER_ENABLED", bool, False, N_("write every roundup as an email (publishconf.py turns it on)")),
    Setting("NEWSLETTER_SITEURL", str, "", N_("absolute site address for emails when SITEURL is empty"),
            rule=_absolute_or_empty),
    Setting("NEWSLETTER_SERVICE", str, "mailto",
            N_("how readers unsubscribe: 'mailto' (an address; make send-newsletter sends it by SMTP) or the mail "
               "service whose campaign sending fills in its placeholders"),
            choices=("listmonk", "mailchimp", "brevo", "mailto")),
    Setting("NEWSLETTER_VIEW_ONLINE", str, "site", N_("'view online' opens our web copy or the service's archive"),
            choices=("site", "service")),
    Setting("NEWSLETTER_FROM", str, "", N_("sender address"), rule=_mail_address),
    Setting("NEWSLETTER_TO", str, "", N_("list address the email is sent to"), rule=_mail_address),
    Setting("NEWSLETTER_UNSUBSCRIBE_MAILTO", str, "",
            N_("address for unsubscribing by email"), rule=_mail_address),
    Setting("NEWSLETTER_SUBSCRIBE_URL", str, "",
            N_("where readers sign up for the newsletter (https or mailto address) on the subscribe page"),
            rule=_signup_address),
    Setting("READING_WORDS_PER_MINUTE", int, 200, N_("reading speed behind '4 Min. Lesezeit'"), rule=_positive),
    Setting("READ_NEXT_COUNT", int, 3, N_("articles under 'Weiterlesen' (0 = none)"), rule=_not_negative),
    Setting("IMAGE_MAX_SIZE", int, 2000,
            N_("long side in pixels of every published picture (larger sources are "
               "scaled down; srcset offers nothing larger)"), rule=_positive),
    Setting("IMAGE_WIDTHS", list, [480, 800, 1200, 1600],
            N_("widths of the smaller copies in a picture's srcset (those below its own width)"), rule=_widths),
    Setting("IMAGE_FORMATS", list, ["avif", "webp"],
            N_("modern formats offered in <picture> before the "
               "PNG/JPEG fallback (AVIF where Pillow can write it)"), rule=_image_formats),
    Setting("IMAGE_SOURCE_MAX_BYTES", int, 8 * 1024 * 1024,
            N_("a source picture larger than this is a warning "
               "naming the file"), rule=_positive),
    Setting("IMAGE_SOURCE_MAX_SIZE", int, 6000,
            N_("a source picture longer than this (px) on a side is a warning "
               "naming the file"), rule=_positive),
    Setting("IMAGE_PUBLISH_ORIGINALS", bool, False,
            N_("also publish each picture's untouched source as "
               "<name>-original.<ext>, camera data included (the privacy gate refuses GPS and serials)")),
    Setting("SOCIAL_CARDS_CACHE_PATH", str, "",
            N_("folder of the drawn social cards kept between builds ('': CACHE_PATH/socialcards)")),
    Setting("SOCIAL_CARDS_CACHE_KEEP_DAYS", int, 30,
            N_("days a drawn social card no build uses stays in the card cache (0: removed after the build)"),
            rule=_not_negative),
    Setting("NEWSLETTER_IMPRESSUM_PAGE", str, "impressum", N_("slug of the legal-notice page linked in every email")),
    Setting("NEWSLETTER_LOGO", (dict, type(None)), None, N_("logo in the email header (theme static file)"),
            rule=_logo),
    Setting("NEWSLETTER_MAX_BYTES", int, 90 * 1024, N_("size budget of an email's HTML (Gmail clips at ~102 KB)"),
            rule=_positive),
    Setting("NEWSLETTER_WEEKS", int, 8, N_("emails for the newest N roundups (0 = all)"), rule=_not_negative),
    Setting("NEWSLETTER_SUBJECT", str, "",
            N_("subject of the email: {{first}} (the first post's title, shortened to fit 70 characters), "
               "{{more}}, {{count}}, {{site}}, {{week}}; '' = the language's default "
               "('{{first}} und {{more}} weitere · {{site}}')"),
            rule=_fields("first", "more", "count", "site", "week")),
    Setting("NEWSLETTER_SEND_WITHIN_HOURS", int, 24,
            N_("the CI job sends a week's email only this long after its cut-off (later: by hand)"), rule=_positive),
    Setting("SHARE_NETWORKS", list, ["linkedin", "xing", "mastodon", "bluesky", "email"],
            N_("share links under each article"), rule=_text_list),
    Setting("SHARE_MASTODON_INSTANCE", str, "https://mastodon.social",
            N_("Mastodon instance of share links when the author has none"), rule=_https_or_empty),
    Setting("SHARE_SITEURL", str, "", N_("https address in share texts when SITEURL is not https"),
            rule=_https_or_empty),
    Setting("SHARE_LIMITS", dict, {}, N_("post limits per network, e.g. {{'x': 280}}"), rule=_limits),
    Setting("PRIVACY_ALLOWED_ORIGINS", dict, {},
            N_("origins the site owns that pages may load from, each with a comment, e.g. "
               "{{'https://media.example.org': 'our own media server'}}"), rule=_allowed_origins),
    Setting("SHARE_WEEKS", int, 8, N_("#FollowFriday pages for the newest N roundups (0 = all)"), rule=_not_negative),
    Setting("EDITOR_ENABLED", bool, False,
            N_("write the web editor to /admin/ (Decap CMS; make editor turns it on "
               "with the local backend)")),
    Setting("EDITOR_BACKEND", str, "gitlab", N_("git host the editor logs in to and opens merge requests on"),
            choices=("gitlab", "github")),
    Setting("EDITOR_REPO", str, "",
            N_("the blog's repository: 'group/project' (GitLab) or 'owner/repository' (GitHub)"),
            rule=_repository),
    Setting("EDITOR_BRANCH", str, "main", N_("branch the editor's merge requests go into"), rule=_branch),
    Setting("EDITOR_APP_ID", str, "", N_("GitLab: application ID of the OAuth application (PKCE, no secret)")),
    Setting("EDITOR_BASE_URL", str, "",
            N_("GitLab: its address when self-hosted ('' = https://gitlab.com); GitHub: "
               "the address of the OAuth helper"), rule=_https_or_empty),
    Setting("EDITOR_API_ROOT", str, "",
            N_("API address when not the default (GitLab: EDITOR_BASE_URL + /api/v4, "
               "GitHub: https://api.github.com)"), rule=_https_or_empty),
    Setting("EDITOR_LOCAL_BACKEND", str, "",
            N_("address of decap-server, which writes into this checkout (set by "
               "make editor; '' in publish builds)"), rule=_local_backend),
    *URL_SETTINGS,
)
SCHEMA_BY_NAME = {setting.name: setting for setting in SCHEMA}


@dataclass(frozen=True)
class SiteConfig:
    """The validated settings of one build. Read values with config["FEED_MAX_ITEMS"]."""

    values: MappingProxyType
    lang: str
    tz_name: str
    now: datetime
    site_url: str  # SITEURL without trailing slash ("" in development)
    relative_urls: bool
    pelican: MappingProxyType = field(repr=False, default_factory=lambda: MappingProxyType({}))  # Pelican's own settings

    def __getitem__(self, name: str):
        if name in self.values:
            return self.values[name]
        return self.pelican[name]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.tz_name)


def build_time() -> datetime:
    """The moment this build happens: SOURCE_DATE_EPOCH when set (reproducible builds, tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc)


def where(settings, name: str) -> tuple[str, int]:
    """(file, line) where `name` is set: the settings file tools.build read, else the pelicanconf.py
    beside it (publishconf.py imports it); line 0 when the value came from elsewhere (an override)."""
    given = settings.get("SETTINGS_FILE")
    candidates = [given, os.path.join(os.path.dirname(given), "pelicanconf.py")] if given else []
    assignment = re.compile(rf"^{re.escape(name)}\s*=", re.MULTILINE)
    for path in dict.fromkeys(candidates):
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        found = assignment.search(text)
        if found:
            return relative_path(path), text.count("\n", 0, found.start()) + 1
    return (relative_path(given) if given else SETTINGS_FILE), 0


def _setting_problem(settings, setting: Setting, value, expected: str) -> ContentProblem:
    hint = t("{help}; the default {default} is used until you fix it", help=t(setting.help),
             default=repr(setting.default))
    if setting.choices and isinstance(value, str):
        close = difflib.get_close_matches(value.strip().lower(), setting.choices, n=1, cutoff=0.6)
        if close:
            hint = joined(" ", [t("did you mean '{choice}'?", choice=close[0]), hint])
    return ContentProblem(*where(settings, setting.name), t("{name} = {value} is not allowed: expected {expected}",
                                                            name=setting.name, value=repr(value), expected=expected),
                          hint)


def _expected_type(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: t("text"), int: t("a whole number"), bool: t("True or False"), list: t("a list"),
             dict: t("a mapping"), type(None): "None"}
    return _either(names.get(k, k.__name__) for k in kinds)


def check_value(setting: Setting, value) -> str | None:
    """What is wrong with `value` for `setting` (the expected kind), or None when it is fine."""
    kinds = setting.kind if isinstance(setting.kind, tuple) else (setting.kind,)
    if isinstance(value, bool) and bool not in kinds:
        return _expected_type(setting.kind)
    if not isinstance(value, kinds):
        return _expected_type(setting.kind)
    if setting.choices and value not in setting.choices:
        return t("one of {choices}", choices=", ".join(repr(choice) for choice in setting.choices))
    if setting.rule is not None and value is not None:
        return setting.rule(value)
    return None


def _language(settings: dict, problems: list) -> str:
    lang = str(settings.get("DEFAULT_LANG") or "de")
    if lang[:2] not in LANGUAGES:
        problems.append(ContentProblem(*where(settings, "DEFAULT_LANG"),
                                       t("{name} = {value} is not allowed: expected {expected}", name="DEFAULT_LANG",
                                         value=repr(lang), expected=_either(repr(x) for x in LANGUAGES)),
                                       t("using '{lang}' until you fix it", lang="de")))
        return "de"
    return lang[:2]


def _time_zone(settings: dict, problems: list) -> str:
    tz_name = str(settings.get("TIMEZONE") or DEFAULT_TIMEZONE)
    try:
        ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(ContentProblem(*where(settings, "TIMEZONE"),
                                       t("TIMEZONE = {value} is not a time zone", value=repr(tz_name)),
                                       t("write an IANA name like '{example}'; using it until you fix it",
                                         example=DEFAULT_TIMEZONE)))
        return DEFAULT_TIMEZONE
    return tz_name


def _mismatched_urls(settings, values: dict) -> list[ContentProblem]:
    """SAVE_AS must be where URL points ('x/' is written as 'x/index.html'); else both go back to defaults."""
    problems = []
    for url_key, save_key in URL_PAIRS:
        url, save_as = values[url_key], values[save_key]
        expected = url + "index.html" if url.endswith("/") or url == "" else url
        if save_as != expected:
            problems.append(ContentProblem(
                *where(settings, save_key),
                t("{save_key} = {save_as} does not match {url_key} = {url}: links would point at {url} but the page "
                  "is written to {save_as}", save_key=save_key, save_as=repr(save_as), url_key=url_key, url=repr(url)),
                t("set {save_key} = {expected} (or both to new values); the defaults are used until you fix it",
                  save_key=save_key, expected=repr(expected))))
            values[url_key], values[save_key] = SCHEMA_BY_NAME[url_key].default, SCHEMA_BY_NAME[save_key].default
    return problems


def missing_plugins(settings: dict) -> list[ContentProblem]:
    names = {str(name).rsplit(".", 1)[-1] for name in settings.get("PLUGINS") or ()}
    missing = [name for name in REQUIRED_PLUGINS if name not in names]
    if not missing:
        return []
    return [ContentProblem(*where(settings, "PLUGINS"), t("PLUGINS lacks {missing}", missing=", ".join(missing)),
                           t("every plugin of this site is needed (they build one model of the site together): "
                             "PLUGINS = {plugins}, in any order", plugins=repr(list(REQUIRED_PLUGINS))))]


def read_config(settings: dict, now: datetime | None = None) -> tuple[SiteConfig, list[ContentProblem]]:
    """Validate every declared setting once; bad values are reported and replaced by their default."""
    problems: list[ContentProblem] = []
    values = {}
    for setting in SCHEMA:
        value = settings.get(setting.name, setting.default)
        wrong = check_value(setting, value)
        if wrong:
            problems.append(_setting_problem(settings, setting, value, wrong))
            value = setting.default
        values[setting.name] = value
    problems += _mismatched_urls(settings, values)
    problems += missing_plugins(settings)
    config = SiteConfig(
        values=MappingProxyType(values),
        lang=_language(settings, problems),
        tz_name=_time_zone(settings, problems),
        now=now or build_time(),
        site_url=str(settings.get("SITEURL") or "").rstrip("/"),
        relative_urls=bool(settings.get("RELATIVE_URLS")),
        pelican=MappingProxyType(settings),
    )
    return config, problems


def settings_reference() -> str:
    """The README's settings table (tests keep README and schema in step)."""
    rows = ["| setting | default | what it does |", "|---|---|---|"]
    for setting in SCHEMA:
        allowed = f" ({', '.join(setting.choices)})" if setting.choices else ""
        rows.append(f"| `{setting.name}` | `{setting.default!r}` | {_english(setting.help)}{allowed} |")
    return "\n".join(rows)


def checked_config(settings, prefixes: tuple, error=ValueError) -> SiteConfig:
    """A SiteConfig for code that is also called with a plain settings dict (the tools, unit tests):
    a bad value of a setting starting with one of `prefixes` raises `error` with the problem's text.
    In a build the config comes ready from the model and its problems were reported at start."""
    if isinstance(settings, SiteConfig):
        return settings
    config, problems = read_config({"PLUGINS": REQUIRED_PLUGINS, **settings})
    ours = [found.message for found in problems if found.message.startswith(prefixes)]
    if ours:
        raise error(joined("; ", ours))
    return config
