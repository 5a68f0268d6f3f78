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


def read_options(config) -> AuthorOptions:
    """The authors plugin's view of the site config (validated there)."""
    content_root = config["PATH"]
    folder_name = config["AUTHORS_DIR"]
    return AuthorOptions(
        folder=os.path.join(content_root, folder_name),
        shown_folder=f"{os.path.basename(os.path.normpath(content_root))}/{folder_name}",
        removed_byline=config["AUTHORS_REMOVED_BYLINE"] or REMOVED_BYLINE.get(config.lang, REMOVED_BYLINE["en"]),
        static_paths=tuple(config["STATIC_PATHS"] or ()),
        site_url=config.site_url,
        publisher=config["PUBLISHER"],
    )
