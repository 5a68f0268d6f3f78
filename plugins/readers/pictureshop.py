"""The pictures of one build: each source encoded once (cached by its hash and the settings that shape
the files), then linked into the output at its own address, with its smaller and modern copies beside it.

A cache entry is a folder CACHE_PATH/readers-images/<source hash>-<settings>/ holding picture.json and
the files; it is written whole or not at all. A warm build opens no picture: it reads picture.json and
hard-links (else copies) the files. Which source has which hash is remembered by size and mtime in
sources.json, so a warm build does not read the sources either.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from shared.messages import t
from shared.problems import WARNING, ContentProblem, relative_path

from .pictures import KINDS, EncodedPicture, NotAPicture, PictureOptions, encode_picture

MEMO = "sources.json"


@dataclass(frozen=True)
class Picture:
    """One published picture, as the pages need it."""

    path: str  # output-relative address of the fallback, e.g. "images/2026/bild.jpg"
    size: tuple  # (width, height) of the file at that address
    source_size: tuple  # (width, height) stored in the source, before its orientation was applied
    widths: tuple  # smaller copies, e.g. (480, 800)
    formats: tuple  # modern formats beside the fallback, e.g. ("avif", "webp")

    def file(self, width: int | None = None, kind: str | None = None) -> str:
        """Output-relative name of one copy: bild.jpg, bild-480w.jpg, bild.jpg.webp, bild-480w.jpg.webp."""
        return picture_file(self.path, width, kind)

    def stated_sizes(self) -> set:
        """Sizes a template may have read from the source file (before orientation and cap)."""
        width, height = self.source_size
        return {(width, height), (height, width)}


def picture_file(path: str, width: int | None = None, kind: str | None = None) -> str:
    """Also for URLs: 'images/a.png' -> 'images/a-480w.png', 'images/a.png.webp', 'images/a-480w.png.webp'."""
    name = path
    if width is not None:
        stem, _dot, suffix = path.rpartition(".")
        name = f"{stem}-{width}w.{suffix}"
    return f"{name}.{kind}" if kind else name


def original_file(path: str) -> str:
    """Where IMAGE_PUBLISH_ORIGINALS puts the untouched source: images/a.jpg -> images/a-original.jpg."""
    stem, _dot, suffix = path.rpartition(".")
    return f"{stem}-original.{suffix}"


@dataclass(frozen=True)
class SourceLimits:
    max_bytes: int = 8 * 1024 * 1024
    max_size: int = 6000  # long side in pixels


@dataclass
class PictureShop:
    output: Path
    cache: Path
    options: PictureOptions = PictureOptions()
    limits: SourceLimits = SourceLimits()
    publish_originals: bool = False
    pictures: dict = field(default_factory=dict)  # output-relative path -> Picture, this build
    problems: list = field(default_factory=list)  # ContentProblems of this build's pictures
    files: set = field(default_factory=set)  # output-relative paths of every file placed (re-encoded: no metadata)
    _memo: dict | None = None
    _memo_changed: bool = False

    def handles(self, save_as: str) -> bool:
        """Whether a static file at `save_as` is a picture this shop publishes (PNG, JPEG, WebP)."""
        return os.path.splitext(save_as)[1].lower() in KINDS

    def publish(self, source: str, save_as: str) -> bool:
        """Place the picture `source` at `save_as` (output-relative) with its copies; False when the file
        is not a picture we re-encode (a GIF, an animation), so it is copied as it is."""
        kind = KINDS.get(os.path.splitext(save_as)[1].lower())
        if kind is None:
            return False
        try:
            stat = os.stat(source)
            entry = self._entry(source, stat, kind)
        except NotAPicture as error:
            self.problems.append(ContentProblem(
                relative_path(source), 0, t("cannot read this picture: {error}", error=error),
                t("save it again as PNG, JPEG or WebP; it is not published until then")))
            return True
        if entry is None:  # an animation: published as it is
            return False
        try:
            picture = self._place_entry(entry, save_as, kind)
        except (FileNotFoundError, ValueError, KeyError):  # an entry someone emptied by hand: made again
            shutil.rmtree(entry, ignore_errors=True)
            picture = self._place_entry(self._entry(source, stat, kind), save_as, kind)
        if self.publish_originals:
            _place(Path(source), self.output / original_file(save_as), link=False)
            self.files.add(original_file(save_as))
        self.pictures[save_as] = picture
        self.problems += self._too_large(source, stat.st_size, picture.source_size)
        return True

    def _place_entry(self, entry: Path, save_as: str, kind: str) -> Picture:
        manifest = json.loads((entry / "picture.json").read_text(encoding="utf-8"))
        picture = Picture(save_as, tuple(manifest["size"]), tuple(manifest["source_size"]),
                          tuple(manifest["widths"]), tuple(manifest["formats"]))
        for name in manifest["files"]:
            width, kind_of_copy = _copy_of(name, kind)
            _place(entry / name, self.output / picture.file(width, kind_of_copy))
            self.files.add(picture.file(width, kind_of_copy))
        return picture

    def _entry(self, source: str, stat, kind: str) -> Path | None:
        """The cache folder of this source with these settings, made now if missing; None: animated."""
        key = f"{self._digest(source, stat)}-{kind}-{self.options.fingerprint()}"
        entry = self.cache / key
        if (entry / "picture.json").exists():
            return entry
        if (self.cache / f"{key}.animated").exists():
            return None
        encoded = encode_picture(Path(source).read_bytes(), kind, self.options)
        self.cache.mkdir(parents=True, exist_ok=True)
        if encoded is None:
            (self.cache / f"{key}.animated").touch()
            return None
        _store(entry, encoded)
        return entry

    def _digest(self, source: str, stat) -> str:
        """The source's content hash, remembered by size and mtime (a warm build reads no source)."""
        memo = self._sources()
        stamp = [stat.st_size, stat.st_mtime_ns]
        known = memo.get(source)
        if known and known[:2] == stamp:
            return known[2]
        digest = hashlib.sha256()
        with open(source, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        memo[source] = [*stamp, digest.hexdigest()[:24]]
        self._memo_changed = True
        return memo[source][2]

    def _sources(self) -> dict:
        if self._memo is None:
            try:
                self._memo = json.loads((self.cache / MEMO).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._memo = {}
        return self._memo

    def save(self) -> None:
        """Keep what was learnt about the sources for the next build."""
        if self._memo_changed and self._memo is not None:
            self.cache.mkdir(parents=True, exist_ok=True)
            _write_whole(self.cache / MEMO, json.dumps(self._memo, sort_keys=True).encode())
            self._memo_changed = False

    def _too_large(self, source: str, size_bytes: int, pixels: tuple) -> list:
        problems = []
        longest = max(pixels)
        shown = f"{size_bytes / 1024 / 1024:.1f} MB, {pixels[0]}×{pixels[1]} px"
        for over, what in ((size_bytes > self.limits.max_bytes,
                            f"IMAGE_SOURCE_MAX_BYTES ({self.limits.max_bytes / 1024 / 1024:.0f} MB)"),
                           (longest > self.limits.max_size, f"IMAGE_SOURCE_MAX_SIZE ({self.limits.max_size} px)")):
            if over:
                problems.append(ContentProblem(
                    relative_path(source), 0, t("picture larger than {limit}: {size}", limit=what, size=shown),
                    t("it is published at most {max} px on its long side and without its camera data, but git "
                      "and every fresh build carry the original; save a copy of at most {max} px instead",
                      max=self.options.max_size), WARNING))
                break
        return problems


def _copy_of(name: str, kind: str) -> tuple:
    """'480w.webp' -> (480, 'webp'); 'full.jpeg' (the fallback itself) -> (None, None)."""
    label, _dot, format_name = name.partition(".")
    width = None if label == "full" else int(label[:-1])
    return width, (None if format_name == kind else format_name)


def _store(entry: Path, encoded: EncodedPicture) -> None:
    """Write a cache entry whole: into a temporary folder, renamed into place."""
    partial = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    for name, data in encoded.files.items():
        (partial / name).write_bytes(data)
    manifest = {"kind": encoded.kind, "size": encoded.size, "source_size": encoded.source_size,
                "widths": encoded.widths, "formats": encoded.formats, "files": sorted(encoded.files)}
    (partial / "picture.json").write_text(json.dumps(manifest), encoding="utf-8")
    try:
        os.rename(partial, entry)
    except OSError:  # another build made the same entry meanwhile
        shutil.rmtree(partial, ignore_errors=True)


def _place(cached: Path, target: Path, link: bool = True) -> None:
    """Put a file at `target`, a hard link to the cache when the file system allows it. Never writes
    into an existing file: a link shares the cache's bytes, so an old file is replaced instead."""
    if link:
        try:
            os.link(cached, target)  # the usual case of a fresh output: one system call
            return
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):
                os.link(cached, target)
                return
        except FileExistsError:
            if os.path.samefile(cached, target):  # the preview: still the same file
                return
        except OSError:
            pass  # no links here (another file system): a copy
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(partial)  # left by an interrupted build: never copy into it (it may be a link)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not link:
            raise OSError("a copy was asked for")
        os.link(cached, partial)
    except OSError:
        shutil.copyfile(cached, partial)
    os.replace(partial, target)


def _write_whole(path: Path, data: bytes) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)
