"""A Markdown reader for files that start with YAML front matter."""

from __future__ import annotations

import os

from pelican.readers import MarkdownReader

from shared.markdown import markdown_renderer
from shared.problems import report

from .links import missing_image, missing_link_targets
from .metadata import read_front_matter

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
        for found in front.problems:
            report(found)
        if front.problems:
            # Skip the file but keep the build going, so every problem is reported in one run.
            # Content None: Pelican's content cache takes that as "not cached" and reads the file
            # again next build, so the problem is reported again instead of the post vanishing.
            return None, {"status": "skip"}

        # Pelican edits the HTML as a str (link replacement); templates show it with |safe.
        content = str(self._render(front.body))
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
            metadata["summary"] = str(self._render(front.values["summary"]))
        metadata["front_matter_lines"] = front.lines
        return content, metadata

    def _is_page(self, source_path: str) -> bool:
        content_root = os.path.abspath(self.settings["PATH"])
        relative = os.path.relpath(os.path.abspath(source_path), content_root)
        return any(relative.startswith(folder.rstrip("/") + os.sep) for folder in self.settings["PAGE_PATHS"])
