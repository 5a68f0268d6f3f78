"""The one Markdown renderer of the site: article bodies, summaries, bios, series descriptions and
roundup notes all go through `markdown_renderer(settings)`."""

from __future__ import annotations

import re
from typing import Callable

from markdown import Markdown
from markdown.extensions.meta import MetaExtension
from markupsafe import Markup

# Pelican's MarkdownReader adds "meta" to settings["MARKDOWN"] for its own files. Ours carry YAML
# front matter, and meta would swallow a first line like "Tipp: …" or "Update: …" as a field.
META_NAMES = {"meta", "markdown.extensions.meta", "markdown.extensions.meta:MetaExtension"}
# A code block wider than the column scrolls sideways; keyboard users reach it only if it can take
# focus (WCAG 2.1.1, axe's scrollable-region-focusable).
PRE_WITHOUT_TABINDEX = re.compile(r"<pre(?=[\s>])(?![^>]*\btabindex=)")


def _is_meta(extension) -> bool:
    return isinstance(extension, MetaExtension) or (isinstance(extension, str) and extension in META_NAMES)


def markdown_options(settings) -> dict:
    """Keyword arguments for Markdown() from settings["MARKDOWN"], without meta; a copy, never the setting."""
    config = settings.get("MARKDOWN") or {}
    configs = {name: dict(options) for name, options in (config.get("extension_configs") or {}).items()
               if not _is_meta(name)}
    # Like Pelican: every configured extension is enabled, listed or not.
    extensions = [e for e in dict.fromkeys([*(config.get("extensions") or []), *configs]) if not _is_meta(e)]
    others = {key: value for key, value in config.items() if key not in ("extensions", "extension_configs")}
    return {**others, "extensions": extensions, "extension_configs": configs}


def markdown_renderer(settings) -> Callable[[str], Markup]:
    """A function Markdown text -> HTML (Markup: safe to show as it is).

    It keeps one Markdown instance and resets it before each text: building the instance (loading
    the extensions) is the costly part. Make one per build; it holds no state between texts.
    """
    md = Markdown(**markdown_options(settings))

    def render(text: str) -> Markup:
        md.reset()  # footnotes, abbreviations and the like must not leak from the previous text
        return Markup(PRE_WITHOUT_TABINDEX.sub('<pre tabindex="0"', md.convert(text or "")))

    return render
