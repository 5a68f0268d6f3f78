"""The old site's uploaded files: which address names which upload, where its copy goes, and getting it.

An address in a body may name a resized variant (`bild-600x400.png`), carry `?w=300` or sit in a
`srcset`; all of them lead to one upload, preferably the original (our build makes its own smaller
copies). Files come only from UPLOADS (a folder, or the one http(s) address given), never from a
host the export names, and are written only below content/images/wordpress/.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

UPLOADS_FOLDER = "images/wordpress"  # inside content/
VARIANT = re.compile(r"^(?P<stem>.+?)(?:-\d+x\d+|-scaled|-rotated|-e\d{10,})(?P<ext>\.[A-Za-z0-9]+)$")
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024
SAFE_SEGMENT = re.compile(r"[^A-Za-z0-9._-]+")
GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


class MediaError(Exception):
    pass


@dataclass(frozen=True)
class Attachment:
    """One uploaded file of the export (an `attachment` item)."""

    post_id: int
    url: str
    upload_path: str  # inside wp-content/uploads, from _wp_attached_file
    alt: str
    parent: int
    order: int = 0


def upload_path_from(attached_file: str, url: str) -> str:
    """An attachment's path inside the uploads folder: `_wp_attached_file` ('2019/03/bild.png'); on
    WordPress.com that is a server path ('/home/…/files/2019/03/bild.png'), so the part after the
    uploads folder counts, else the part of the attachment's address after it."""
    attached = attached_file.strip()
    found = safe_relative(attached)
    for marker in ("/wp-content/uploads/", "/files/"):
        if found is None and marker in attached:
            found = safe_relative(attached.split(marker, 1)[1])
    path = unquote(urlsplit(url.strip()).path)
    if found is None and "/wp-content/uploads/" in path:
        found = safe_relative(path.split("/wp-content/uploads/", 1)[1])
    return found or safe_relative(path.lstrip("/")) or ""


def upload_prefixes(base_urls, attachments) -> list[str]:
    """Addresses under which the old site served its uploads, scheme left out ("//host/path/")."""
    prefixes = {f"{_schemeless(base)}/wp-content/uploads/" for base in base_urls}
    for attachment in attachments:
        url = _schemeless(attachment.url)
        path = attachment.upload_path
        if path and unquote(url).endswith("/" + path):
            prefixes.add(unquote(url)[: -len(path)])
    return sorted(prefixes, key=len, reverse=True)


def _schemeless(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    return f"//{host}{parts.path}".rstrip("/") if host else ""


def upload_path_of(url: str, prefixes: list[str]) -> str | None:
    """The path inside wp-content/uploads that `url` names ('2019/03/bild-600x400.png'), or None."""
    plain = unquote(_schemeless(url.split("?", 1)[0].split("#", 1)[0]) or "")
    for prefix in prefixes:
        if plain.startswith(prefix):
            return safe_relative(plain[len(prefix):])
    return None


def safe_relative(path: str) -> str | None:
    """A relative path that stays inside its folder, or None (absolute, '..', empty, control characters)."""
    if not path or "\\" in path or any(unicodedata.category(c)[0] == "C" for c in path):
        return None
    normal = posixpath.normpath(path)
    if normal.startswith(("/", "..")) or normal == ".":
        return None
    return normal


def original_candidates(path: str) -> list[str]:
    """The upload itself last: the original first (`bild-600x400.png` → `bild.png`, then `bild-scaled.png`)."""
    match = VARIANT.match(path)
    if not match:
        return [path]
    original = match.group("stem") + match.group("ext")
    return [original, match.group("stem") + "-scaled" + match.group("ext"), path]


def local_name(path: str) -> str:
    """Where an upload goes below content/images/wordpress/: each segment plain ASCII ('Über Uns.png' → 'Ueber-Uns.png')."""
    segments = []
    for segment in path.split("/"):
        text = unicodedata.normalize("NFKD", segment.translate(GERMAN)).encode("ascii", "ignore").decode()
        text = SAFE_SEGMENT.sub("-", text).strip("-.") or "datei"
        segments.append(text)
    return "/".join(segments)


@dataclass
class UploadSource:
    """UPLOADS: a local copy of wp-content/uploads or its http(s) address; None when not given."""

    where: str | None
    fetched: dict = field(default_factory=dict)  # path -> bytes or None (looked up once)

    def get(self, path: str) -> bytes | None:
        if path not in self.fetched:
            self.fetched[path] = self._read(path)
        return self.fetched[path]

    def _read(self, path: str) -> bytes | None:
        if not self.where:
            return None
        if self.where.startswith(("http://", "https://")):
            return _download(self.where.rstrip("/") + "/" + quote(path))
        root = os.path.realpath(self.where)
        target = os.path.realpath(os.path.join(root, path))
        if not target.startswith(root + os.sep) or not os.path.isfile(target):
            return None
        with open(target, "rb") as handle:
            return handle.read()


def _download(url: str) -> bytes | None:
    request = urllib.request.Request(url, headers={"User-Agent": "werkbank-import-wordpress"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (http/https only, checked)
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise MediaError(f"{url}: larger than {MAX_DOWNLOAD_BYTES // 2**20} MB; copy it by hand")
    return data
