"""Settings of the authors plugin, read once per build with their defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass

REMOVED_BYLINE = {"de": "ehemalige Kollegin / ehemaliger Kollege", "en": "former colleague"}


@dataclass(frozen=True)
class AuthorOptions:
    folder: str  # absolute path of content/authors
    shown_folder: str  # as authors see it in messages: content/authors
    removed_byline: str
    static_paths: tuple
    site_url: str
    publisher: str


def read_options(settings: dict) -> AuthorOptions:
    content_root = settings["PATH"]
    folder_name = settings.get("AUTHORS_DIR", "authors")
    lang = str(settings.get("DEFAULT_LANG", "de"))[:2]
    byline = settings.get("AUTHORS_REMOVED_BYLINE") or REMOVED_BYLINE.get(lang, REMOVED_BYLINE["en"])
    if not isinstance(byline, str):
        raise ValueError(f"AUTHORS_REMOVED_BYLINE must be text, found {byline!r}")
    return AuthorOptions(
        folder=os.path.join(content_root, folder_name),
        shown_folder=f"{os.path.basename(os.path.normpath(content_root))}/{folder_name}",
        removed_byline=byline,
        static_paths=tuple(settings.get("STATIC_PATHS") or ()),
        site_url=settings.get("SITEURL", "") or "",
        publisher=settings.get("PUBLISHER", "") or "",
    )
