"""The record of the last production build: what each page of `output/` was made from.

It lives in CACHE_PATH/incremental/, one file per output folder, next to Pelican's content cache.
It is trusted only when everything else that shapes a page is the same as when it was written: the
code (plugins, tools, theme, settings files), the installed packages and Python, and the settings
(`build_key`); a missing, unreadable or other record means a cold build. A page is taken over only
when the file in output/ is byte for byte the one the record describes (its digest): a folder
replaced since (make html, a cache restored in CI) or a file edited by hand is rendered anew.

It is written atomically (a temporary file renamed over the old one) after the new output was
swapped in, so an interrupted run leaves the previous record or the new one; with the previous one,
the pages that changed no longer match their digests and are rendered again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from readers.search_index import BUNDLE_DIR  # the plugin's module, under the name Pelican loads
from shared.messages import t
from shared.digests import hash_digest, new_file_hash, stat_signature

FORMAT = 4
ROOT = Path(__file__).resolve().parents[2]
# Settings that name where this build goes or came from, not what it says.
PLACE_SETTINGS = frozenset({"OUTPUT_PATH", "SETTINGS_FILE", "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE",
                            "CHECK_MODIFIED_METHOD", "SOCIAL_CARDS_CACHE_PATH", "SOCIAL_CARDS_CACHE_KEEP_DAYS"})
SKIPPED_FOLDERS = frozenset({"__pycache__", ".pytest_cache", "node_modules"})


@dataclass
class PageEntry:
    """One output file made from a template: what it read, and the fingerprint of those values."""

    template: str
    fingerprint: str
    names: list  # context names its templates looked up
    keys: list  # model objects it read (tools/incremental/facts.py keys)
    calls: list  # [function name, [argument, ...]] of template functions that look beyond their arguments
    parts: list = field(default_factory=list)  # ids of the parts `once` made that it shows (Record.parts)
    pictures: dict = field(default_factory=dict)  # output path of a picture it shows -> digest of its source
    searchable: bool = False  # it carries data-pagefind-body (Pagefind reads it)
    file: str = ""  # digest of the file as the build left it (the image pass rewrites pages after rendering)

    def to_json(self, tables: "_Tables") -> list:
        return [self.template, self.fingerprint, tables.number("names", self.names),
                [tables.number("keys", key) for key in self.keys], tables.number("calls", self.calls),
                [tables.number("parts", part) for part in self.parts], self.pictures, self.searchable, self.file]

    @classmethod
    def from_json(cls, value: list, tables: dict) -> "PageEntry":
        template, fingerprint, names, keys, calls, parts, pictures, searchable, file = value
        return cls(template, fingerprint, tables["names"][names], [tables["keys"][key] for key in keys],
                   tables["calls"][calls], [tables["parts"][part] for part in parts], pictures, searchable, file)


@dataclass
class PartEntry:
    """A part of pages that `once` renders once per build (header, footer, a post's card): what it
    read, their fingerprint, and a digest of its HTML (pages depend on the HTML)."""

    fingerprint: str
    names: list
    keys: list
    calls: list
    parts: list
    html: str

    def to_json(self, tables: "_Tables") -> list:
        return [self.fingerprint, tables.number("names", self.names), [tables.number("keys", key) for key in self.keys],
                tables.number("calls", self.calls), [tables.number("parts", part) for part in self.parts], self.html]

    @classmethod
    def from_json(cls, value: list, tables: dict) -> "PartEntry":
        fingerprint, names, keys, calls, parts, html = value
        return cls(fingerprint, tables["names"][names], [tables["keys"][key] for key in keys], tables["calls"][calls],
                   [tables["parts"][part] for part in parts], html)


class _Tables:
    """What many pages share (the names a template looks up, its calls, model keys, part ids), kept
    once in the file; the pages name them by number."""

    def __init__(self):
        self.lists: dict[str, list] = {"names": [], "calls": [], "keys": [], "parts": []}
        self._numbers: dict[tuple, int] = {}

    def number(self, table: str, value) -> int:
        key = (table, value if isinstance(value, str) else json.dumps(value))
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.lists[table])
            self.lists[table].append(value)
        return number


@dataclass
class Record:
    key: str
    pages: dict = field(default_factory=dict)  # output-relative path -> PageEntry
    parts: dict = field(default_factory=dict)  # part id -> PartEntry
    sources: dict = field(default_factory=dict)  # picture source path -> [size, mtime_ns, digest]
    search: dict = field(default_factory=dict)  # {"inputs": digest of the HTML it read, "files": {path: digest}}
    # output-relative path -> [inode, size, mtime_ns, ctime_ns] as saved: a file still so is the one
    # its digest names without reading it (any write changes ctime); another is read and compared
    stats: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        tables = _Tables()
        pages = {name: entry.to_json(tables) for name, entry in sorted(self.pages.items())}
        parts = {name: entry.to_json(tables) for name, entry in sorted(self.parts.items())}
        return {"format": FORMAT, "key": self.key, "tables": tables.lists,
                "pages": pages, "parts": parts, "sources": self.sources, "search": self.search, "stats": self.stats}


def record_path(cache_path: str, target: Path) -> Path:
    """One record per output folder: two folders built from one checkout keep apart."""
    name = hashlib.sha256(str(Path(target).resolve()).encode()).hexdigest()[:16]
    return Path(cache_path) / "incremental" / f"{name}.json"


def load(path: Path, key: str) -> Record | None:
    """The record if it is of this code and settings; else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("key") != key:
            return None
        calls = [[(name, tuple(map(tuple, args))) for name, args in listed] for listed in data["tables"]["calls"]]
        tables = {**data["tables"], "calls": calls}
        pages = {name: PageEntry.from_json(value, tables) for name, value in data["pages"].items()}
        parts = {name: PartEntry.from_json(value, tables) for name, value in data["parts"].items()}
        return Record(key, pages, parts, data.get("sources") or {}, data.get("search") or {}, data.get("stats") or {})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(path: Path, record: Record) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".record-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(record.to_json(), stream, ensure_ascii=False, separators=(",", ":"))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


# --- the build's key: everything besides content that shapes a page -------------------------------

def build_key(settings: dict, settings_digest: str) -> str:
    """Digest of the code, the installed packages, Python and the settings of this build."""
    digest = hashlib.sha256(f"format {FORMAT}\n{sys.version}\n".encode())
    for name in sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()):
        digest.update(name.encode() + b"\n")
    folders = [ROOT / "tools", Path(settings["THEME"]), *map(Path, settings.get("PLUGIN_PATHS") or ())]
    files = [(ROOT, ROOT / name) for name in ("requirements.txt", "package-lock.json", "pelicanconf.py",
                                             "publishconf.py")]
    if settings.get("SETTINGS_FILE"):
        given = Path(settings["SETTINGS_FILE"])
        files.append((given.parent, given))
    for folder in dict.fromkeys(folders):
        files += [(folder, path) for path in _files_under(folder)]
    for base, path in dict.fromkeys(files):
        digest.update(f"{base.name}/{path.relative_to(base)}".encode() + b"\0")  # the same in another checkout
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"absent")
    digest.update(settings_digest.encode())
    return digest.hexdigest()


def _files_under(folder: Path) -> list:
    found = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
        found += [Path(base) / name for name in sorted(names) if not name.endswith((".pyc", ".pyo"))]
    return found


@dataclass
class Finished:
    """What a publish leaves to do once its output is in place (Session.finished): save the record
    and say what was rendered. Plain values: the build ran in a child process that has ended by then
    (tools/build.py), and this module loads without Pelican."""

    path: Path
    target: Path
    record: Record
    warm: bool
    rendered: int
    reused: int
    html_files: dict  # output-relative path -> digest
    search_inputs: str | None
    search_taken_over: bool
    previous_search: dict

    def save(self) -> None:
        """Record the output now in `target` (call after the swap)."""
        shown = set()
        waiting = [part for entry in self.record.pages.values() for part in entry.parts]
        while waiting:
            part = waiting.pop()
            if part not in shown and part in self.record.parts:
                shown.add(part)
                waiting += self.record.parts[part].parts
        self.record.parts = {name: entry for name, entry in self.record.parts.items() if name in shown}
        for name, entry in list(self.record.pages.items()):
            if not entry.file:  # rendered by this build: as the build left it (the image pass came after)
                entry.file = self.html_files.get(name) or file_digest(self.target / name)
                if entry.file is None:
                    del self.record.pages[name]
        bundle = self.target / BUNDLE_DIR
        if self.search_taken_over:  # the same files, linked
            self.record.search = self.previous_search
        elif self.search_inputs and bundle.is_dir():
            self.record.search = {"inputs": self.search_inputs,
                                  "files": {str(path.relative_to(bundle)): file_digest(path)
                                            for path in sorted(bundle.rglob("*")) if path.is_file()}}
        names = [*self.record.pages, *(f"{BUNDLE_DIR}/{name}" for name in self.record.search.get("files", ()))]
        for name in names:
            try:
                stat = os.stat(self.target / name)
            except OSError:
                continue
            self.record.stats[name] = list(stat_signature(stat))
        save(self.path, self.record)

    def summary(self) -> str:
        if self.warm:
            said = t("warm build: {rendered} page(s) rendered, {reused} taken over from the last build",
                     rendered=self.rendered, reused=self.reused)
        else:
            said = t("cold build: {rendered} page(s) rendered, {reused} taken over from the last build",
                     rendered=self.rendered, reused=self.reused)
        return said + (t("; search index taken over") if self.search_taken_over else "")


def file_digest(path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hash_digest(hashlib.file_digest(handle, new_file_hash))
    except OSError:
        return None
