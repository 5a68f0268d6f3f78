"""Helpers for the roundup tests: real UI strings as `phrases`, profiles and posts as plain data,
and the content of a small site with one roundup week (ROUNDUP_SITE)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.lists import format_list

from helpers.frontmatter import article, front_matter, series
from helpers.site import AUTHOR_YAML
from roundup.roundups import Post
from roundup.thanks import PostCredit
from shared.yamlsource import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Phrases:
    text: object
    count: object
    join: object


def phrases(lang: str = "de") -> Phrases:
    """The roundup's own UI strings with the same plural rules the localization plugin uses."""
    table = load_yaml_file(str(ROOT / "theme" / "strings" / lang / "roundup.yml")).data
    locale = Locale.parse(lang)

    def text(key, **values):
        return table[key].format(**values)

    def count(key, number, **values):
        forms = table[key]
        return forms.get(locale.plural_form(number), forms["other"]).format(n=number, **values)

    return Phrases(text, count, partial(format_list, locale=lang))


@dataclass
class Profile:
    handle: str
    name: str
    url: str | None = None
    links: dict = field(default_factory=dict)
    status: str = "active"
    has_page: bool = True


def profile(handle, name, status="active", links=None):
    """A profile as the authors plugin hands it over (a removed person's name is already neutral)."""
    removed = status == "removed"
    if removed:
        name, links = "ehemalige Kollegin / ehemaliger Kollege", {}
    return Profile(handle, name, None if removed else f"autoren/{handle}/", links or {}, status, not removed)


def berlin(text: str) -> datetime:
    """'2026-11-20 15:00' as Berlin wall time."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def post(when, author="jana-beispiel", *, title="Beitrag", co_authors=(), thanks=(), series=None,
         tip_phrase=None) -> Post:
    moment = when if isinstance(when, datetime) else berlin(when)
    credit = PostCredit(title=title, author_handles=(author, *co_authors),
                        thanks=tuple({"handle": t} if isinstance(t, str) else t for t in thanks),
                        series_role=series)
    return Post(date=moment, credit=credit, article=title, tip_phrase=tip_phrase)


# Added to MINIMAL_SITE: a tip, a post at the cutoff, one a second after it, a roundup intro.
ROUNDUP_SITE = {
    "authors/aylin-oezdemir.yml": AUTHOR_YAML.format(name="Aylin Özdemir") + (
        "links:\n  mastodon: https://mastodon.social/@aylin\n  linkedin: https://www.linkedin.com/in/aylin\n"),
    "authors/aenne-ahlers.yml": AUTHOR_YAML.format(name="Änne Ahlers"),
    "series/mittwochstipp.yml": series("#Mittwochstipp", "Tipp {n}", description="Jeden Mittwoch ein Tipp.",
                                       weekday="wednesday", owners=["jana-beispiel"]),
    "articles/tipp.md": article("Kurze Betreffzeilen", "2026-11-18 07:30", author="aylin-oezdemir",
                                series="mittwochstipp", thanks=["tom-muster"], summary="Ein Tipp.",
                                body="Betreff zuerst."),
    "articles/punkt-drei.md": article(
        "Punkt drei Uhr", datetime(2026, 11, 20, 15, 0, 0), author="tom-muster", co_authors=["aenne-ahlers"],
        thanks=[{"name": "Das Team am Empfang", "url": "https://example.org/empfang"}],
        summary="Genau zum Stichtag.", body="Noch drin."),
    "articles/eine-sekunde-zu-spaet.md": article(
        "Eine Sekunde zu spät", datetime(2026, 11, 20, 15, 0, 1), author="tom-muster",
        summary="Schon nächste Woche.", body="Nächste Woche."),
    "roundups/2026-W47.md": front_matter(
        {"thanks": [{"handle": "aenne-ahlers", "for": "die Fotos"}, {"name": "Ärztlicher Dienst"}]},
        body="Eine Woche voller *Tipps*."),
}
