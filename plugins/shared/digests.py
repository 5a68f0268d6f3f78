"""How a written file is named by its bytes, and how to tell it is still the file that was named
(make publish's record, tools/incremental; the writer notes what it writes, shared/model.py)."""

from __future__ import annotations

import hashlib
import os


def new_file_hash():
    return hashlib.blake2b()


def hash_digest(hasher) -> str:
    return hasher.hexdigest()[:32]


def stat_signature(status: os.stat_result) -> tuple:
    """A file's inode, size and times: another save changes at least its ctime."""
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def as_noted(noted: dict, path: str):
    """The value `noted` holds for `path` (normalised path -> (stat signature, value)) while the file
    is still the one it was noted of; None when it was not noted, has changed since, or is gone."""
    entry = noted.get(os.path.normpath(path))
    if entry is None:
        return None
    try:
        return entry[1] if stat_signature(os.stat(path)) == entry[0] else None
    except OSError:
        return None
