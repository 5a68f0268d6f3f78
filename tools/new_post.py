"""Scaffold a new article with front matter; never overwrites an existing file.

    python -m tools.new_post --title "Netzwerken ist eine Haltung" --author jana-beispiel
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from datetime import datetime
from pathlib import Path

import yaml
from pelican.utils import slugify

from frontmatter.metadata import PLACEHOLDER_BODY, PLACEHOLDER_SUMMARY
from shared.config import read_config
from shared.messages import t
from shared.problems import did_you_mean
from tools.build import load_settings

TEMPLATE = """---
title: "{title}"
id: "{entry_id}"
date: {date}
author: {author}
tags: []
category: {category}
summary: "{placeholder_summary}"
status: draft
---
{placeholder_body}
"""


USAGE = 'make new-post TITLE="Mein Titel" AUTHOR=dein-handle'

GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def file_slug(title: str) -> str:
    """"Über Netzwerke" -> ueber-netzwerke (German transliteration, not Unidecode's "uber"); "" when
    the title has no letters or digits. Also the rule of `make import-wordpress` for files and handles."""
    return slugify(title.translate(GERMAN_LETTERS), regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")])


def post_path(content: Path, title: str, when: datetime) -> Path:
    return content / "articles" / f"{when:%Y}" / f"{file_slug(title)}.md"


def _yaml_word(text: str) -> str:
    """A name as YAML reads it back: as it is when YAML reads it as that text, else double-quoted
    (JSON's syntax): 'Tipps & Tricks: kurz', 'Yes' or 'null' would read as something else."""
    try:
        plain = yaml.safe_load(text) == text and "\n" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def write_new_post(content: Path, title: str, author: str, when: datetime, category: str = "Allgemein") -> Path:
    """Write the scaffold and return its path; raise FileExistsError rather than overwrite.
    `category`: the site's DEFAULT_CATEGORY, where a post without one is listed."""
    if not title.strip():
        raise ValueError(t("TITLE is empty: {command}", command=USAGE))
    if not author.strip():
        raise ValueError(t("AUTHOR is empty: {command}", command=USAGE))
    if not (content / "authors" / f"{author}.yml").exists():
        known = [p.stem for p in (content / "authors").glob("*.yml")]
        raise ValueError(t("no profile {path}: create it first or check the handle; {suggestion}",
                           path=f"content/authors/{author}.yml", suggestion=did_you_mean(author, known)))
    path = post_path(content, title, when)
    if path.name == ".md":
        raise ValueError(t("TITLE {title} has no letters or digits to name the file after; use a title with words, "
                           "e.g. {example}", title=repr(title), example='TITLE="Start mit Emoji 🚀"'))
    path.parent.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(
        title=title.replace('"', '\\"'), entry_id=secrets.token_hex(4),
        date=f"{when:%Y-%m-%d %H:%M}", author=author,
        placeholder_summary=PLACEHOLDER_SUMMARY, placeholder_body=PLACEHOLDER_BODY, category=_yaml_word(category),
    )
    with open(path, "x", encoding="utf-8") as handle:  # "x": fails if the file exists
        handle.write(text)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", required=True)
    parser.add_argument("--author", required=True)
    parser.add_argument("--content", default="content")
    parser.add_argument("--settings", default="pelicanconf.py", help="for the site's time zone")
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    config = read_config(settings)[0]  # "now" and the time zone of a build
    now = config.now.astimezone(config.tz).replace(second=0, microsecond=0)
    try:
        path = write_new_post(Path(args.content), args.title, args.author, now, str(settings["DEFAULT_CATEGORY"]))
    except FileExistsError as error:
        print(t("{path}: exists already; nothing was written. Pick another TITLE.", path=error.filename),
              file=sys.stderr)
        return 1
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
