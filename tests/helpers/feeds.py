"""Helpers for the feeds tests: a small site with every kind of feed, and the checks a feed reader (feedparser), the Atom schema (jing) and RSS 2.0 ask for."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from helpers.frontmatter import article, series
from helpers.site import AUTHOR_YAML, MINIMAL_SITE, ROOT

SITEURL = "https://blog.example"
PUBLISH = {"settings_file": "publishconf.py", "overrides": {"SITEURL": SITEURL}}
ATOM_SCHEMA = ROOT / "tests" / "schemas" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"


# Two weeks of posts: a co-authored post, a series tip, relative links, an edited post.
FEED_SITE = {
    **MINIMAL_SITE,
    "authors/aylin-oezdemir.yml": AUTHOR_YAML.format(name="Aylin Özdemir"),
    "series/mittwochstipp.yml": series("#Mittwochstipp", "Tipp {n}", description="Jeden Mittwoch ein Tipp.",
                                       weekday="wednesday", owners=["aylin-oezdemir"]),
    "articles/gemeinsam.md": article(
        "Gemeinsam geschrieben", "2026-11-19 10:00", id="c0a11ab0", co_authors=["tom-muster"],
        category="Arbeitskultur", tags=["sprache"], modified="2026-11-21 08:15",
        summary="Zu zweit schreibt es sich besser.",
        body='Siehe [den ersten Beitrag](../erster-beitrag/) und <img src="skizze.png" alt="Skizze">.',
    ),
    "articles/tipp-eins.md": article(
        "Tipp eins", "2026-11-11 07:30", author="aylin-oezdemir", id="7e570001", series="mittwochstipp",
        category="Sprache", tags=["sprache", "schreiben"],
    ),
}


def feed_files(output: Path) -> dict:
    """{"atom": [...], "rss": [...]} of every feed the build wrote."""
    found = {"atom": [], "rss": []}
    for path in sorted(output.rglob("*.xml")):
        if path.name in ("atom.xml", "rss.xml"):
            found[path.stem].append(path)
    return found


def require_jing() -> str:
    jing = shutil.which("jing")
    if jing:
        return jing
    if os.environ.get("CI"):
        pytest.fail("jing is missing: .ci/run installs it with apt-get install jing")
    pytest.skip("jing is not installed: apt-get install jing (Debian) to validate Atom against RFC 4287")


def jing_problems(paths) -> str:
    """Empty when every Atom file validates against the RFC 4287 schema, else jing's messages."""
    jing = require_jing()
    done = subprocess.run([jing, "-c", str(ATOM_SCHEMA), *map(str, paths)], capture_output=True, text=True,
                          timeout=120)
    return "" if done.returncode == 0 else (done.stdout + done.stderr)


def parsed(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0, f"{path}: {feed.get('bozo_exception')}"
    return feed


def rss_problems(path: Path) -> list[str]:
    """The elements RSS 2.0 requires: channel title/link/description; per item title or description,
    plus (our own rule) link and guid."""
    channel = etree.parse(str(path)).getroot().find("channel")
    problems = [f"channel without <{name}>" for name in ("title", "link", "description")
                if not (channel.findtext(name) or "").strip()]
    for index, item in enumerate(channel.findall("item")):
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"item {index} without title and description")
        problems += [f"item {index} without <{name}>" for name in ("link", "guid") if not item.findtext(name)]
    return problems


def atom(path: Path):
    return etree.parse(str(path)).getroot()


def entry_ids(path: Path) -> list[str]:
    return [entry.findtext(f"{ATOM}id") for entry in atom(path).iter(f"{ATOM}entry")]
