"""make publish hashes each source once per build for Pelican's content cache (tools/incremental/stamps.py)."""

from __future__ import annotations

import hashlib

from pelican.cache import FileStampDataCacher

from tools.incremental.stamps import remember_stamps


def cacher(tmp_path, reads: list):
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "CHECK_MODIFIED_METHOD": "sha1", "GZIP_CACHE": False}
    made = FileStampDataCacher(settings, "test", caching_policy=False, load_policy=False)
    plain = made._filestamp_func

    def counted(filename):
        reads.append(filename)
        return plain(filename)

    made._filestamp_func = counted
    return made


def test_a_source_is_hashed_once_while_it_stays_as_it_was(tmp_path):
    source = tmp_path / "post.md"
    source.write_text("title: Eins\n", encoding="utf-8")
    reads, known = [], {}
    generator_cache, reader_cache = cacher(tmp_path, reads), cacher(tmp_path, reads)
    remember_stamps(generator_cache, known)
    remember_stamps(reader_cache, known)
    remember_stamps(reader_cache, known)  # a second time changes nothing
    stamps = [cache._get_file_stamp(str(source)) for cache in (generator_cache, reader_cache, generator_cache)]
    assert stamps == [hashlib.sha1(b"title: Eins\n").digest()] * 3
    assert reads == [str(source)]


def test_a_source_saved_again_is_hashed_again(tmp_path):
    source = tmp_path / "post.md"
    source.write_text("title: Eins\n", encoding="utf-8")
    reads, known = [], {}
    cache = cacher(tmp_path, reads)
    remember_stamps(cache, known)
    first = cache._get_file_stamp(str(source))
    source.write_text("title: Zweiter Titel\n", encoding="utf-8")
    second = cache._get_file_stamp(str(source))
    assert second == hashlib.sha1(b"title: Zweiter Titel\n").digest() != first and len(reads) == 2
