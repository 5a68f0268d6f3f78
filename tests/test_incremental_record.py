"""The record of the last publish (tools/incremental/record.py) is used only when it can be trusted:
missing, unreadable or of other code or settings it is ignored and the build is cold; a page is
taken over only when output/ still holds the very file the record describes. An interrupted publish
(kill -9) leaves the previous output and a record the next publish can use."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from helpers.incremental import Blog, differences, files_of
from helpers.site import ROOT
from tools.incremental import session
from tools.incremental.record import Finished, record_path


@pytest.fixture
def blog(tmp_path):
    blog = Blog(tmp_path, posts=60)
    kind, rendered, _reused = blog.publish()
    assert kind == "cold" and rendered > 60
    blog.pages = rendered
    return blog


def record_of(blog):
    return record_path(str(blog.base / "cache"), blog.base / "output")


def snapshot(folder):
    return {name: (folder / name).read_bytes() for name in files_of(folder)}


def test_a_publish_without_changes_takes_every_page_over_as_the_same_file(blog):
    page = blog.base / "output" / "index.html"
    before = page.stat().st_ino
    assert blog.publish() == ("warm", 0, blog.pages)
    assert page.stat().st_ino == before  # linked into the new folder, not written again
    assert "search index taken over" in blog.said  # Pagefind would read the same pages
    blog.publish_cold()
    assert differences(blog.base / "output", blog.base / "cold") == []


def test_full_renders_every_page(blog):
    assert blog.publish(full=True) == ("cold", blog.pages, 0)
    assert blog.publish() == ("warm", 0, blog.pages)  # and records them for the next one


def test_a_missing_record_means_a_cold_build(blog):
    record_of(blog).unlink()
    assert blog.publish() == ("cold", blog.pages, 0)


@pytest.mark.parametrize("spoil", [
    lambda data: {**data, "key": "0" * 64},  # written by other code, other packages or other settings
    lambda data: {**data, "format": 0},
    lambda data: {key: value for key, value in data.items() if key != "parts"},
])
def test_a_record_of_other_code_or_another_shape_is_ignored(blog, spoil):
    path = record_of(blog)
    path.write_text(json.dumps(spoil(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    assert blog.publish() == ("cold", blog.pages, 0)


def test_an_unreadable_record_is_ignored(blog):
    record_of(blog).write_text('{"format": 1, "key": ', encoding="utf-8")
    assert blog.publish() == ("cold", blog.pages, 0)


def test_changed_code_means_a_cold_build(blog, monkeypatch):
    plain = session.build_key
    monkeypatch.setattr(session, "build_key", lambda settings, digest: plain(settings, digest + "other code"))
    assert blog.publish() == ("cold", blog.pages, 0)


def test_a_file_changed_in_the_output_is_rendered_again(blog):
    page = blog.base / "output" / "autoren" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>von Hand</p></main>"), encoding="utf-8")
    assert blog.publish() == ("warm", 1, blog.pages - 1)
    blog.publish_cold()
    assert differences(blog.base / "output", blog.base / "cold") == []


def test_a_file_changed_in_place_with_its_size_and_time_kept_is_rendered_again(blog):
    page = blog.base / "output" / "autoren" / "index.html"
    before = page.stat()
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "</MAIN>"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.stat().st_ino == before.st_ino
    assert blog.publish() == ("warm", 1, blog.pages - 1)
    blog.publish_cold()
    assert differences(blog.base / "output", blog.base / "cold") == []


def test_a_replaced_output_folder_is_rendered_again_where_it_differs(blog, tmp_path):
    """e.g. make html in between: a preview with relative links is no page of the record."""
    output = blog.base / "output"
    for name in files_of(output):
        path = output / name
        path.write_bytes(path.read_bytes().replace(b"https://", b"//"))
    kind, rendered, _reused = blog.publish()
    assert (kind, rendered) == ("warm", blog.pages)
    blog.publish_cold()
    assert differences(output, blog.base / "cold") == []


def publish_process(blog) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": blog.build_time}
    return subprocess.Popen([sys.executable, "-m", "tools.publish", "--settings", str(blog.settings), "--content",
                             str(blog.content), "--output", str(blog.base / "output")],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_9_during_a_warm_publish_leaves_the_previous_output_and_a_usable_record(blog):
    blog.edit(blog.source(blog.plan[-2]), lambda text: text.replace('title: "', 'title: "Neu: ', 1))
    before = snapshot(blog.base / "output")
    process = publish_process(blog)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # kill it while it fills the new folder
            new = list(blog.base.glob(".output.new-*"))
            if new and sum(1 for _ in new[0].rglob("*.html")) > 20:
                break
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(blog.base / "output") == before
    kind, rendered, _reused = blog.publish()  # removes the leftovers, takes over what it can
    assert kind == "warm" and rendered < blog.pages / 2
    blog.publish_cold()
    assert differences(blog.base / "output", blog.base / "cold") == []
    assert not list(blog.base.glob(".output.*"))


def test_a_publish_stopped_between_the_swap_and_the_record_leaves_a_usable_record(blog, monkeypatch):
    blog.edit(blog.source(blog.plan[-2]), lambda text: text + "\nNoch ein Satz.\n")

    def stopped(self):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(Finished, "save", stopped)  # after the swap, in the process that waited for the build
        with pytest.raises(KeyboardInterrupt):
            blog.publish()
    kind, rendered, _reused = blog.publish()  # the old record: the edited post's page no longer matches
    assert kind == "warm" and rendered < blog.pages / 2
    blog.publish_cold()
    assert differences(blog.base / "output", blog.base / "cold") == []


def test_the_writer_names_a_page_by_the_digest_of_the_bytes_it_wrote(tmp_path):
    from shared.model import WRITTEN_KEY, WrittenPages, _NotingFile
    from tools.incremental.record import file_digest

    path = str(tmp_path / "seite" / "index.html")
    os.makedirs(os.path.dirname(path))
    written = WrittenPages(str(tmp_path))
    page = _NotingFile(open(path, "w", encoding="utf-8"), path, {WRITTEN_KEY: written})
    page.write("<p>Grüße aus der Werkstatt – „Zoë“ 👩‍💻</p>\n")
    page.write("<img src=x>")
    page.close()
    assert written.digests[path][1] == file_digest(path)


def test_a_noted_digest_is_trusted_only_while_the_file_is_as_noted(tmp_path):
    from shared.digests import stat_signature
    from tools.incremental.record import file_digest

    page = tmp_path / "seite" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>eins</p>", encoding="utf-8")
    noted = {os.path.normpath(page): (stat_signature(page.stat()), "noted, not read")}
    assert session.html_files(str(tmp_path), {}, noted) == {"seite/index.html": "noted, not read"}
    page.write_text("<p>zwei, länger</p>", encoding="utf-8")  # the image pass rewrites pages like this
    assert session.html_files(str(tmp_path), {}, noted) == {"seite/index.html": file_digest(page)}
