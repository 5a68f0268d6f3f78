"""Which file a loaded address came from: the post, profile, note or template a person can fix.

The written file says where it loads from; the source that typed the address is found by looking
for the address (else its host) in the page's own source first, then in the content and the theme.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

SOURCE_SUFFIXES = (".md", ".markdown", ".yml", ".yaml", ".html", ".css", ".txt", ".xml", ".svg")


@dataclass
class SourceFinder:
    roots: tuple  # folders whose files can have typed an address: content/, the theme
    _texts: dict = field(default_factory=dict)  # path -> text, read once per build
    _files: list | None = None

    def find(self, url: str, host: str, first: str | None = None) -> tuple[str, int] | None:
        """(file, line) of the first source that holds `url` (or else `host`), `first` searched first."""
        candidates = ([first] if first else []) + self.files()
        for needle in (url, url.replace("&", "&amp;"), host):
            for path in candidates:
                text = self._text(path)
                position = text.find(needle)
                if position >= 0:
                    return path, text.count("\n", 0, position) + 1
        return None

    def files(self) -> list:
        if self._files is None:
            self._files = sorted(
                os.path.join(folder, name) for root in self.roots if root and os.path.isdir(root)
                for folder, _dirs, names in os.walk(root) for name in names if name.endswith(SOURCE_SUFFIXES))
        return self._files

    def _text(self, path: str) -> str:
        if path not in self._texts:
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    self._texts[path] = handle.read()
            except OSError:
                self._texts[path] = ""
        return self._texts[path]
