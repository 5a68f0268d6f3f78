"""One read per source file and build for Pelican's content cache.

With CHECK_MODIFIED_METHOD = "sha1" (a checkout's file times say nothing), Pelican hashes a source
each time its cache is asked or filled: the generator's cache and the reader's, on lookup and on
store, four reads of every post per build (at 1,000 posts, 4,000 opens). Here the first hash is
kept while the file's stat is what it was then; a file saved during the build has another stat
(its ctime moves), so it is hashed again, as Pelican would. A Markdown file's stamp also says which
of the files it links are there: its reading reports the missing ones, so a deleted (or added)
target reads it again, as a cold build would.
"""

from __future__ import annotations

import os

from frontmatter.links import linked_files
from shared.digests import stat_signature

REMEMBERING = "_werkbank_remembering"


def remember_stamps(cacher, known: dict) -> None:
    """Give a Pelican FileStampDataCacher (a caching generator, or its readers) the stamps of `known`
    (path -> (stat signature, stamp)), shared by the cachers of one build."""
    stamp = getattr(cacher, "_filestamp_func", None)  # Pelican's: set by FileStampDataCacher.__init__
    if stamp is None or getattr(stamp, REMEMBERING, False):
        return

    content_root = (getattr(cacher, "settings", None) or {}).get("PATH") or os.curdir

    def remembered(filename):
        status = os.stat(filename)  # an OSError is Pelican's to report, as without this
        signature = stat_signature(status)
        path = os.path.abspath(filename)
        found = known.get(path)
        if found is None or found[0] != signature:
            found = known[path] = (signature, stamp(filename), _linked(path, content_root))
        # A reading reports links to missing files: it holds while each file it links is, or is not, there
        return (found[1], tuple(map(os.path.exists, found[2]))) if found[2] else found[1]

    setattr(remembered, REMEMBERING, True)
    cacher._filestamp_func = remembered


def file_stamp(stamp):
    """Pelican's stamp of the file itself in one that `remember_stamps` made (without the links part)."""
    return stamp[0] if isinstance(stamp, tuple) else stamp


def _linked(path: str, content_root: str) -> list[str]:
    """The files a Markdown source links ({filename}, {static}, image:); none for other files."""
    if not path.endswith(".md"):
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):  # Pelican's reader reports it
        return []
    return linked_files(text, path, content_root)
