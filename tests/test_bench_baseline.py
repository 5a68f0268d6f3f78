"""make bench's second baseline (bench/whole_command.py): plain Pelican with the site's URLs and
pagination. Its pages must be where the site writes its own, or it measures another site's shape."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from helpers.incremental import Blog, load_bench
from helpers.site import ROOT, SAMPLE_PUBLISHCONF


def load_whole_command():
    sys.path.insert(0, str(ROOT / "bench"))  # whole_command imports bench/run.py as `run`
    try:
        spec = importlib.util.spec_from_file_location("bench_whole_command", ROOT / "bench" / "whole_command.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


def pages(folder: Path, pattern: str) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.glob(pattern)}


def test_plain_pelican_with_the_site_s_shape_writes_posts_topics_and_home_pages_where_the_site_does(tmp_path):
    whole_command = load_whole_command()
    blog = Blog(tmp_path / "site", posts=45)
    blog.publish()
    plain_posts = tmp_path / "plain-posts"
    load_bench().write_plain_corpus(blog.plan, plain_posts)
    settings = whole_command.write_same_shape_settings(tmp_path / "shape.py", tmp_path / "shape-cache",
                                                       SAMPLE_PUBLISHCONF)
    done = subprocess.run([str(Path(sys.executable).with_name("pelican")), str(plain_posts), "-o",
                           str(tmp_path / "shape"), "-s", str(settings), "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    site, shape = tmp_path / "site" / "output", tmp_path / "shape"
    posts = {f"{entry['date']:%Y}/{entry['slug']}/index.html" for entry in blog.plan}
    assert posts <= pages(site, "20*/*/index.html") and posts == pages(shape, "20*/*/index.html")
    for listing in ("index.html", "seite/*/index.html", "thema/*/index.html", "thema/*/seite/*/index.html",
                    "autoren/index.html", "kategorie/*/index.html"):
        assert pages(shape, listing) == pages(site, listing), listing
    assert pages(site, "seite/*/index.html") == {f"seite/{n}/index.html" for n in range(2, 6)}  # 45 posts, 10 a page
