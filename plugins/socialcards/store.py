"""Where cards are kept between builds (the cache) and put for the site (the output's card folder).

A card's file name is its key (cards.CardSpec.key), so a file that exists is the right card: the
cache is a folder of finished cards, and placing a card is a hard link (or a copy) unless the
output has it already.
Source files are known by a hash of their bytes; the hash is remembered by size and time stamp,
so a rebuild reads only files that changed (a phone photo can be 12 MB).
A cached file's mtime says when a build last used it; after a build, what it did not use and no build
used for SOCIAL_CARDS_CACHE_KEEP_DAYS is removed (prune_cache), so the cache does not grow forever.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# A card, and smaller copies of it: listings' (socialcards.listing, -600w.webp) and those the readers
# plugin makes of one a page shows as <img> (-480w).
CARD_FILE = re.compile(r"^([0-9a-f]{20})(-\d+w)?\.(png|jpg|webp)$")
PARTIAL_FILE = re.compile(r"^([0-9a-f]{20})(-\d+w)?\.(png|jpg|webp)\.\d+\.part$")  # left by a stopped build
LISTING_FOLDER = re.compile(r"^listing-v\d+$")  # the listing copies of each LISTING_VERSION (socialcards.listing)
HASHES_FILE = "sources.json"
DAY = 24 * 60 * 60


@dataclass
class SourceHashes:
    """sha256 (first 20 hex digits) of source files, remembered by (size, mtime) in the cache."""

    folder: Path
    known: dict = field(default_factory=dict)  # absolute path -> [size, mtime_ns, digest]
    changed: bool = False
    used: set = field(default_factory=set)  # paths asked for in this build: only they are kept

    @classmethod
    def load(cls, folder: Path) -> "SourceHashes":
        try:
            known = json.loads((folder / HASHES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        return cls(folder, known if isinstance(known, dict) else {})

    def digest(self, path) -> str | None:
        """The file's hash, or None when it is not a readable file."""
        path = os.path.abspath(path)
        if path in self.used:  # asked before in this build (an avatar is on every card of its person)
            return self.known[path][2] if path in self.known else None
        self.used.add(path)
        try:
            stat = os.stat(path)
        except OSError:
            return None
        remembered = self.known.get(path)
        if remembered and remembered[:2] == [stat.st_size, stat.st_mtime_ns]:
            return remembered[2]
        sha = hashlib.sha256()
        try:
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    sha.update(block)
        except OSError:
            return None
        self.known[path] = [stat.st_size, stat.st_mtime_ns, sha.hexdigest()[:20]]
        self.changed = True
        return self.known[path][2]

    def save(self) -> None:
        """Remember the hashes of the files this build read (files no longer used are forgotten)."""
        kept = {path: entry for path, entry in self.known.items() if path in self.used}
        if self.changed or len(kept) != len(self.known):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(self.folder / HASHES_FILE, json.dumps(kept, sort_keys=True).encode("utf-8"))
            self.known, self.changed = kept, False


@dataclass
class Placed:
    """What placing the cards of a build did (for the log, the tests and the benchmark)."""

    drawn: list = field(default_factory=list)  # file names drawn in this build
    copied: int = 0  # taken from the cache
    kept: int = 0  # already in the output
    removed: int = 0  # cards of earlier builds no page shows any more


def place_cards(specs: dict, cache: Path, folder: Path, make: Callable[[object], bytes]) -> Placed:
    """Every card of `specs` (file name -> spec) in `folder`: kept if there, else copied from the
    cache, else made and cached first. Cards in `folder` that no page shows are removed."""
    placed = Placed()
    folder.mkdir(parents=True, exist_ok=True)
    for name in sorted(specs):
        target = folder / name
        if target.exists():
            placed.kept += 1
            continue
        cached = cache / name
        if not cached.exists():
            _make(cached, lambda: make(specs[name]))
            placed.drawn.append(name)
        else:
            placed.copied += 1
        _place(cached, target, lambda: make(specs[name]))
    wanted = {name.split(".")[0] for name in specs}
    for entry in os.scandir(folder):
        found = CARD_FILE.match(entry.name)
        if found and found.group(1) not in wanted:
            os.remove(entry.path)
            placed.removed += 1
    return placed


def place_copies(copies: dict, cache: Path, folder: Path, make: Callable[[Path], bytes]) -> int:
    """Every copy of `copies` (file name -> its card's file name) in `folder`, beside its card (placed
    there by place_cards): kept if there, else linked from `cache`, else made from the card and
    cached first. Returns how many were made."""
    made = 0
    for name in sorted(copies):
        target = folder / name
        if target.exists():
            continue
        cached = cache / name
        if not cached.exists():
            _make(cached, lambda: make(folder / copies[name]))
            made += 1
        _place(cached, target, lambda: make(folder / copies[name]))
    return made


def _make(cached: Path, make: Callable[[], bytes]) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    write_whole(cached, make())


def _place(cached: Path, target: Path, make: Callable[[], bytes]) -> None:
    """The cached file into the output; made again if a build sharing the cache removed it just now."""
    try:
        _link_or_copy(cached, target)
    except FileNotFoundError:
        _make(cached, make)
        _link_or_copy(cached, target)


def _link_or_copy(cached: Path, target: Path) -> None:
    """A hard link where cache and output share a file system (no bytes copied: 1,200 cards are
    36 MB), else a copy. Nothing writes into a card after it is placed (like the picture cache)."""
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


def write_whole(path: Path, data: bytes) -> None:
    """A file is whole or absent, also when a build is stopped halfway."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)


@dataclass
class Pruned:
    """What pruning the cache did (for the log and the tests)."""

    removed: list = field(default_factory=list)  # paths relative to the cache
    freed: int = 0  # bytes
    waiting: int = 0  # unused by this build, but used by a build within the grace period
    marked: int = 0  # used by this build, their mtime set to now (see prune_cache)


def prune_cache(cache: Path, cards, copies, copies_folder: Path, keep_days: float,
                now: float | None = None) -> Pruned:
    """After a build has placed its cards: its cached cards (`cards`: their file names) and listing
    copies (`copies`, in `copies_folder`) are marked used, by their mtime, which is set to now once
    a day at most (not on every build: where the cache is linked into the output, the mtime is the
    output file's too). What the build did not use is removed when no build used it for
    `keep_days` days: cards, the listing copies of removed cards, copies of other LISTING_VERSIONs
    (their emptied folder goes too). The grace period lets builds that share a cache (a branch's
    preview, the main build) keep each other's cards.

    Only regular files named like a card (or a card's partial file) directly in `cache` and in its
    listing-v* folders are touched or removed; a symlink is never followed, touched nor removed."""
    pruned = Pruned()
    now = time.time() if now is None else now
    gone_cards = _prune_folder(cache, set(cards), now, keep_days, set(), pruned)
    try:
        folders = [entry for entry in os.scandir(cache)
                   if LISTING_FOLDER.match(entry.name) and entry.is_dir(follow_symlinks=False)]
    except OSError:
        return pruned
    for entry in sorted(folders, key=lambda found: found.name):
        current = Path(entry.path) == copies_folder
        _prune_folder(Path(entry.path), set(copies) if current else set(), now, keep_days, gone_cards, pruned, cache)
        if not current:
            try:
                os.rmdir(entry.path)  # only where it is empty now
            except OSError:
                pass
    return pruned


def _prune_folder(folder: Path, used: set, now: float, keep_days: float, gone_cards: set, pruned: Pruned,
                  cache: Path | None = None) -> set:
    """Marks what `folder` holds of `used`; removes the rest where older than `keep_days` (or where
    it belongs to a card of `gone_cards`). Returns the keys of the cards removed."""
    gone = set()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return gone
    for entry in sorted(entries, key=lambda found: found.name):
        named = CARD_FILE.match(entry.name) or PARTIAL_FILE.match(entry.name)
        if not named or not entry.is_file(follow_symlinks=False):
            continue
        try:
            found = entry.stat(follow_symlinks=False)
            if entry.name in used:
                if found.st_mtime < now - DAY:
                    os.utime(entry.path, (now, now), follow_symlinks=False)
                    pruned.marked += 1
                continue
            if found.st_mtime >= now - keep_days * DAY and named.group(1) not in gone_cards:
                pruned.waiting += 1
                continue
            os.remove(entry.path)
        except OSError:  # gone meanwhile (another build pruned it), or a cache we may not change
            continue
        if CARD_FILE.match(entry.name):  # a partial file is no card: its card's copies stay
            gone.add(named.group(1))
        pruned.removed.append(os.path.relpath(entry.path, cache or folder))
        pruned.freed += found.st_size
    return gone
