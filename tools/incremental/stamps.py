"""One read per source file and build for Pelican's content cache.

With CHECK_MODIFIED_METHOD = "sha1" (a checkout's file times say nothing), Pelican hashes a source
each time its cache is asked or filled: the generator's cache and the reader's, on lookup and on
store, four reads of every post per build (at 1,000 posts, 4,000 opens). Here the first hash is
kept while the file's stat is what it was then; a file saved during the build has another stat
(its ctime moves), so it is hashed again, as Pelican would.
"""

from __future__ import annotations

import os

from shared.digests import stat_signature

REMEMBERING = "_werkbank_remembering"


def remember_stamps(cacher, known: dict) -> None:
    """Give a Pelican FileStampDataCacher (a caching generator, or its readers) the stamps of `known`
    (path -> (stat signature, stamp)), shared by the cachers of one build."""
    stamp = getattr(cacher, "_filestamp_func", None)  # Pelican's: set by FileStampDataCacher.__init__
    if stamp is None or getattr(stamp, REMEMBERING, False):
        return

    def remembered(filename):
        status = os.stat(filename)  # an OSError is Pelican's to report, as without this
        signature = stat_signature(status)
        path = os.path.abspath(filename)
        found = known.get(path)
        if found is not None and found[0] == signature:
            return found[1]
        value = stamp(filename)
        known[path] = (signature, value)
        return value

    setattr(remembered, REMEMBERING, True)
    cacher._filestamp_func = remembered
