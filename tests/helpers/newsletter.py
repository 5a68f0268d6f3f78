"""Helpers for the newsletter tests: small fakes of the roundup contract, a Jinja environment
like Pelican's, and checks for the external tools (java, chromium, node_modules)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from localization.strings import load_strings
from newsletter.config import newsletter_settings
from shared.post import PostModel, SeriesPosition
from newsletter.render import email_environment

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")
SITEURL = "https://blog.nordlicht-werkstatt.example"
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
DOIUSE_CLI = NODE_MODULES / "doiuse-email" / "bin" / "cli.js"
CHROMIUM = Path("/usr/bin/chromium")

INSTALL_HINTS = {
    "java": "apt-get install default-jre-headless",
    "node": "apt-get install nodejs npm",
    "chromium": "apt-get install chromium",
    "node_modules": "make node-tools (npm ci --ignore-scripts)",
}


def require(*tools: str) -> None:
    """Skip with an install hint when a checker is missing; in CI (env CI set) fail instead."""
    missing = []
    for tool in tools:
        if tool == "chromium":
            found = CHROMIUM.exists()
        elif tool == "node_modules":
            found = VNU_JAR.exists() and AXE_JS.exists() and DOIUSE_CLI.exists()
        else:
            found = shutil.which(tool) is not None
        if not found:
            missing.append(f"{tool} ({INSTALL_HINTS[tool]})")
    if missing:
        message = "missing: " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must have every checker")
        pytest.skip(message)


@dataclass
class FakeAuthor:
    name: str
    slug: str = ""


@dataclass
class FakeArticle:
    title: str
    url: str
    authors: list
    summary_text: str = ""
    series_label: str | None = None

    @property
    def blog(self) -> PostModel:
        """The per-article namespace a real build fills (shared.post)."""
        position = SeriesPosition(None, self.series_label) if self.series_label else None
        return PostModel(summary_text=self.summary_text, series=position)


@dataclass
class FakeContributor:
    name: str
    handle: str | None = None
    profile_url: str | None = None
    links: dict = field(default_factory=dict)
    roles: list = field(default_factory=list)
    is_newcomer: bool = False


@dataclass
class FakeRoundup:
    slug: str
    title: str
    start: datetime
    end: datetime
    url: str
    intro_html: str
    intro_text: str
    articles: list
    tips: list
    contributors: list

    @property
    def date(self):
        return self.end


def small_roundup() -> FakeRoundup:
    jana, tom = FakeAuthor("Jana Beispiel", "jana-beispiel"), FakeAuthor("Tom Muster", "tom-muster")
    tip = FakeArticle("Gendern ohne Sternchen", "2026/gendern-ohne-sternchen/", [jana],
                      "Drei Formulierungen, die alle meinen.", "Tipp 13 · #Mittwochstipp")
    essay = FakeArticle("Netzwerken ist eine Haltung & kein Termin", "2026/netzwerken-ist-eine-haltung/",
                        [jana, tom], "Wer gibt, bekommt – ein Satz, der im Newsletter steht.")
    return FakeRoundup(
        slug="2026-W47", title="KW 47/2026",
        start=datetime(2026, 11, 13, 15, tzinfo=BERLIN), end=datetime(2026, 11, 20, 15, tzinfo=BERLIN),
        url="wochenrueckblick/2026-W47/",
        intro_html='<p>Eine Woche voller <a href="../../autoren/aylin-oezdemir/">Neuer</a> und Tipps.</p>',
        intro_text="Eine Woche voller Neuer und Tipps.",
        articles=[essay, tip], tips=[tip],
        contributors=[
            FakeContributor("Aylin Özdemir", None, None, {}, ["hat beim Korrekturlesen geholfen"], True),
            FakeContributor("Jana Beispiel", "jana-beispiel", "autoren/jana-beispiel/",
                            {"linkedin": "https://www.linkedin.com/in/jana-beispiel",
                             "mastodon": "https://example.social/@jana"}, ["Autorin", "Tipp der Woche"]),
            FakeContributor("Tom Muster", "tom-muster", "autoren/tom-muster/", {}, ["Co-Autor"]),
        ],
    )


def synthetic_week(posts: int = 40) -> FakeRoundup:
    """A heavy week: `posts` posts with long titles and summaries, a contributor per post."""
    base = small_roundup()
    articles, contributors = [], []
    for number in range(posts):
        name = f"Kollegin Nummer {number:02d} Beispielhaft-Langname"
        articles.append(FakeArticle(
            f"Beitrag {number}: Wie wir voneinander lernen, Wissen teilen und Danke sagen",
            f"2026/beitrag-{number:02d}-wie-wir-voneinander-lernen/", [FakeAuthor(name)],
            "Ein Satz, der im Feed, in der Übersicht und im Newsletter steht, damit Leserinnen "
            "und Leser wissen, worum es geht und warum es sich lohnt. " * 2,
            f"Tipp {number} · #Mittwochstipp" if number % 5 == 0 else None))
        contributors.append(FakeContributor(
            name, f"person-{number:02d}", f"autoren/person-{number:02d}/",
            {"linkedin": f"https://www.linkedin.com/in/person-{number:02d}",
             "mastodon": f"https://example.social/@person{number:02d}"},
            ["Autorin", "hat Feedback gegeben"], number % 7 == 0))
    base.articles, base.contributors = articles, contributors
    base.tips = [a for a in articles if a.series_label]
    return base


def site_settings(**overrides) -> dict:
    settings = {
        "SITEURL": SITEURL, "SITENAME": "Werkbank Blog", "PUBLISHER": "Nordlicht Werkstatt GmbH",
        "DEFAULT_LANG": "de", "TIMEZONE": "Europe/Berlin", "NEWSLETTER_ENABLED": True,
        "NEWSLETTER_SERVICE": "listmonk", "THEME_STATIC_DIR": "theme",
        "PAGE_URL": "{slug}/", "PAGE_SAVE_AS": "{slug}/index.html",  # as in pelicanconf.py
        "NEWSLETTER_FROM": "Werkbank Blog <newsletter@nordlicht-werkstatt.example>",
        "NEWSLETTER_TO": "werkbank-newsletter@lists.nordlicht-werkstatt.example",
        "NEWSLETTER_LOGO": {"path": "favicon.png", "width": 32, "height": 32, "alt": "Werkbank Blog"},
    }
    settings.update(overrides)
    return settings


def config(**overrides):
    return newsletter_settings(site_settings(**overrides))


def email_env(lang: str = "de") -> Environment:
    """Like a Pelican generator's environment after the localization plugin added t() and tn()."""
    base = Environment(loader=ChoiceLoader([FileSystemLoader(str(ROOT / "theme" / "templates"))]),
                       autoescape=True, trim_blocks=True, lstrip_blocks=True)  # pelicanconf.JINJA_ENVIRONMENT
    strings = load_strings(str(ROOT / "theme"), lang)
    base.globals.update(t=strings.text, tn=strings.count, LANG=lang)
    return email_environment(base)


def rendered_email(roundup=None, **overrides):
    """(html, text, eml bytes) of a roundup, built the way the plugin builds them."""
    from newsletter.message import Envelope, build_message, list_unsubscribe_urls, message_bytes, message_id
    from newsletter.render import email_view, render_html, render_text

    roundup = roundup or small_roundup()
    settings = config(**overrides)
    env = email_env(settings.lang)
    view = email_view(roundup, settings, env.globals["t"], env.globals["tn"])
    html, text = render_html(env, view), render_text(env, view)
    envelope = Envelope(view.subject, settings.sender, settings.recipient, roundup.end,
                        message_id(roundup.slug, settings.message_id_domain), settings.lang,
                        list_unsubscribe_urls(view.unsubscribe_url, settings.unsubscribe_mailto))
    return html, text, message_bytes(build_message(envelope, text, html))


def write_newsletter_output(output: Path, roundups=None, service: str = "mailto") -> Path:
    """An output/ folder as the plugin leaves it (newsletter/index.json + files), without Pelican.

    `service`: NEWSLETTER_SERVICE of the emails; the default's ("mailto") can be sent by SMTP."""
    import json

    folder = output / "newsletter"
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for roundup in roundups or [small_roundup()]:
        html, text, eml = rendered_email(roundup, NEWSLETTER_SERVICE=service)
        paths = {kind: f"newsletter/{roundup.slug}.{kind}" for kind in ("html", "txt", "eml")}
        (output / paths["html"]).write_text(html, encoding="utf-8")
        (output / paths["txt"]).write_text(text, encoding="utf-8")
        (output / paths["eml"]).write_bytes(eml)
        entries.append({"slug": roundup.slug, "subject": f"Werkbank Blog: Wochenrückblick {roundup.title}",
                        "message_id": f"<newsletter-{roundup.slug}@nordlicht-werkstatt.example>",
                        "web_copy": f"{SITEURL}/wochenrueckblick/{roundup.slug}/newsletter/",
                        "html_bytes": len(html.encode("utf-8")), **paths})
    (folder / "index.json").write_text(json.dumps({"site_url": SITEURL, "newsletters": entries}), encoding="utf-8")
    return output
