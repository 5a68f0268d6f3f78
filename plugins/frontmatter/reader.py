"""A Markdown reader for files that start with YAML front matter."""

from __future__ import annotations

import os

from markupsafe import escape
from pelican.readers import MarkdownReader

from shared.markdown import markdown_renderer
from shared.problems import report
from shared.references import names_in, unknown_reference_problems

from .images import body_repeats_image, missing_alt_problems
from .links import missing_image, missing_link_targets
from .metadata import read_front_matter, unfinished_fields

# Pelican turns these into its own objects (Tag, Category, Author); the rest stay plain values.
PELICAN_PROCESSED = ("tags", "category")


class YamlFrontMatterReader(MarkdownReader):
    file_extensions = ["md", "markdown"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._render = markdown_renderer(self.settings)  # one per build, reused for every file

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as handle:
            text = handle.read()
        front = read_front_matter(
            text, source_path, is_page=self._is_page(source_path), tz_name=self.settings["TIMEZONE"]
        )
        content_root = os.path.abspath(self.settings["PATH"])
        front.problems += missing_link_targets(text, source_path, content_root)
        if front.values.get("image"):
            front.problems += missing_image(front.values["image"], front.lines.get("image", 1), source_path, content_root)
        # Pelican edits the HTML as a str (link replacement); templates show it with |safe.
        content = str(self._render(front.body))
        body_line = text.count("\n") - front.body.count("\n") + 1
        front.problems += missing_alt_problems(content, front.body, body_line, source_path)
        if front.problems:
            # The authors and series plugins never see a skipped file: check its handles here.
            front.problems += self._unknown_references(source_path, front)
        for found in front.problems:
            report(found)
        if self._is_page(source_path):  # reported apart: the page is still built (the footer links it)
            for found in unfinished_fields(text, len(text) - len(front.body), source_path):
                report(found)
        if front.problems:
            # Skip the file but keep the build going, so every problem is reported in one run.
            # Content None: Pelican's content cache takes that as "not cached" and reads the file
            # again next build, so the problem is reported again instead of the post vanishing.
            return None, {"status": "skip"}

        metadata = {}
        for key, value in front.values.items():
            if key in PELICAN_PROCESSED:
                metadata[key] = self.process_metadata(key, value)
            else:
                metadata[key] = value
        if "author" in front.values:
            handles = [front.values["author"], *front.values.get("co_authors", [])]
            metadata["authors"] = self.process_metadata("authors", handles)
            metadata["author_handles"] = handles
            del metadata["author"]
        if "summary" in front.values:
            metadata["summary_text"] = front.values["summary"]
            # a summary is text (pages, feeds, emails and share texts show it as typed), so Pelican's
            # own `summary` gets that text escaped, not Markdown: one conversion fewer per post
            metadata["summary"] = str(escape(front.values["summary"]))
        if front.values.get("image"):
            metadata["image_in_body"] = body_repeats_image(content, front.values["image"])
        metadata["front_matter_lines"] = front.lines
        return content, metadata

    def _unknown_references(self, source_path: str, front) -> list:
        """Same folders and rule as the authors and series plugins; a plugin not in use is not checked."""
        if front.values.get("author") is None and front.values.get("series") is None:
            return []  # a page, or nothing left to check
        content_root = self.settings["PATH"]
        shown_root = os.path.basename(os.path.normpath(content_root))
        authors_dir = self.settings.get("AUTHORS_DIR", "authors")
        series_dir = self.settings.get("SERIES_DIR", "series")
        plugins = {str(getattr(p, "__name__", p)).rsplit(".", 1)[-1] for p in self.settings.get("PLUGINS") or ()}
        known_authors = names_in(os.path.join(content_root, authors_dir)) if "authors" in plugins else None
        known_series = (names_in(os.path.join(content_root, series_dir), (".yml", ".yaml"))
                        if "series" in plugins else None)
        return unknown_reference_problems(source_path, front.values, front.lines, known_authors, known_series,
                                          f"{shown_root}/{authors_dir}", f"{shown_root}/{series_dir}")

    def _is_page(self, source_path: str) -> bool:
        content_root = os.path.abspath(self.settings["PATH"])
        relative = os.path.relpath(os.path.abspath(source_path), content_root)
        return any(relative.startswith(folder.rstrip("/") + os.sep) for folder in self.settings["PAGE_PATHS"])
